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

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["CaptureError", "UniqueNames", "split_inputs"]


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
        self._last_suffix: dict[str, int] = {}  # so that N copies of one name cost N look-ups, not N**2 / 2

    def take(self, wanted: str) -> str:
        name, suffix = wanted, self._last_suffix.get(wanted, 0)
        if name in self._taken:
            suffix += 1
            name = f"{wanted}_{suffix}"
            while name in self._taken:
                suffix += 1
                name = f"{wanted}_{suffix}"
            self._last_suffix[wanted] = suffix
        self._taken.add(name)
        return name


def split_inputs(example_inputs: Any) -> tuple[tuple, dict]:
    """``(args, kwargs)`` of model inputs given as one value, a tuple or list of them, or a mapping of keywords.

    >>> split_inputs({"input_ids": 1}), split_inputs([1, 2]), split_inputs(3)
    (((), {'input_ids': 1}), ((1, 2), {}), ((3,), {}))
    """
    if isinstance(example_inputs, Mapping):
        return (), dict(example_inputs)
    if isinstance(example_inputs, (tuple, list)):
        return tuple(example_inputs), {}
    return (example_inputs,), {}
