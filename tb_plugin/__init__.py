"""GraphFold: model graphs, simplified, inside TensorBoard.

The logging API for training scripts lives in :mod:`tb_plugin.summary` and is
re-exported here; it imports torch and onnx only when called.
"""

from tb_plugin.capture import CaptureError
from tb_plugin.capture.chain import CaptureFallbackWarning
from tb_plugin.summary import log_filter_stats, log_graph, log_onnx, log_training_graph, log_weight_graph

__all__ = ["CaptureError", "CaptureFallbackWarning", "log_filter_stats", "log_graph", "log_onnx",
           "log_training_graph", "log_weight_graph"]
__version__ = "0.1.0"
