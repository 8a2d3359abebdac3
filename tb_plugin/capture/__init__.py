"""Capture: turn a model from one source format into the graph IR (:mod:`tb_plugin.ir`).

One module per source, each importing its heavy dependency (torch, onnx) only
when called, so the server side works without them:

- :mod:`tb_plugin.capture.torch_export`: ``torch.export`` (an ``nn.Module`` or an
  ``ExportedProgram``);
- :mod:`tb_plugin.capture.onnx_model`: an ONNX ``ModelProto`` or ``.onnx`` file;
- :mod:`tb_plugin.capture.graphdef`: a TensorFlow ``GraphDef`` (TensorFlow, Keras,
  ``torch.utils.tensorboard.SummaryWriter.add_graph``).

Every capture returns a graph that passes :meth:`tb_plugin.ir.Graph.lint`.
"""

from collections.abc import Iterable

__all__ = ["CaptureError", "UniqueNames"]


class CaptureError(RuntimeError):
    """A model could not be captured; the message says why and what to try."""


class UniqueNames:
    """Hands out node names, suffixing ``_1``, ``_2``... to ones already taken.

    >>> names = UniqueNames(["mul"])
    >>> names.take("mul"), names.take("mul"), names.take("add")
    ('mul_1', 'mul_2', 'add')
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)

    def take(self, wanted: str) -> str:
        name, suffix = wanted, 0
        while name in self._taken:
            suffix += 1
            name = f"{wanted}_{suffix}"
        self._taken.add(name)
        return name
