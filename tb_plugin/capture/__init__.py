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

__all__ = ["CaptureError"]


class CaptureError(RuntimeError):
    """A model could not be captured; the message says why and what to try."""
