"""The logging API for training scripts: write model graphs where GraphFold reads them.

A graph is written as one summary value in the ``graphfold`` plugin with data
class BLOB_SEQUENCE (see ``proto/graphfold.proto`` for the blob layout), so
TensorBoard's Python data provider and its Rust data server both read it.

Each function accepts a ``torch.utils.tensorboard.SummaryWriter``, a
``tensorboardX.SummaryWriter`` or a log directory path. With a writer, the
summary goes into that writer's own event file (a second file in the same run
directory would make TensorBoard skip events of the older one).
"""

from __future__ import annotations

import os
import time

from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter

from tb_plugin import ir, metadata, serialize

__all__ = ["graph_summary", "log_graph", "log_onnx", "write_graph"]


def log_graph(
    writer_or_logdir,
    model,
    example_inputs,
    *,
    step: int = 0,
    tag: str = "model",
    strict: bool = False,
    dynamic_shapes=None,
) -> ir.Graph:
    """Capture ``model`` with ``torch.export`` and log its graph; return the captured graph.

    ``example_inputs`` is a tensor, a tuple of positional arguments, or a dict
    of keyword arguments. Raises :class:`tb_plugin.capture.CaptureError` with
    advice when the model cannot be exported.
    """
    from tb_plugin.capture import torch_export

    graph = torch_export.capture_module(model, example_inputs, strict=strict, dynamic_shapes=dynamic_shapes)
    write_graph(writer_or_logdir, graph, step=step, tag=tag)
    return graph


def log_onnx(writer_or_logdir, model_or_path, *, step: int = 0, tag: str = "onnx") -> ir.Graph:
    """Log the graph of an ONNX ``ModelProto`` or ``.onnx`` file; return the captured graph."""
    from tb_plugin.capture import onnx_model

    graph = onnx_model.capture_onnx(model_or_path)
    write_graph(writer_or_logdir, graph, step=step, tag=tag)
    return graph


def graph_summary(graph: ir.Graph, tag: str) -> summary_pb2.Summary:
    """The summary proto that holds ``graph`` under ``tag``."""
    header, body = serialize.encode_graph(graph)
    tensor = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_STRING,
        tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=2)]),
        string_val=[header, body],
    )
    value = summary_pb2.Summary.Value(
        tag=tag, metadata=metadata.create_summary_metadata(graph.name), tensor=tensor
    )
    return summary_pb2.Summary(value=[value])


def write_graph(writer_or_logdir, graph: ir.Graph, *, step: int = 0, tag: str = "model") -> None:
    """Write an already captured graph; see the module docstring for the accepted targets."""
    if not isinstance(tag, str) or not tag:
        raise ValueError(f"tag must be a non-empty string, got {tag!r}")
    if not isinstance(step, int) or isinstance(step, bool):
        raise TypeError(f"step must be an int, got {step!r}")
    summary = graph_summary(graph, tag)
    wall_time = time.time()
    if isinstance(writer_or_logdir, (str, os.PathLike)):
        writer = EventFileWriter(os.fspath(writer_or_logdir))
        try:
            writer.add_event(event_pb2.Event(wall_time=wall_time, step=step, summary=summary))
        finally:
            writer.close()
        return
    file_writer = _file_writer_of(writer_or_logdir)
    if type(writer_or_logdir).__module__.startswith("tensorboardX"):
        # tensorboardX ships its own copy of the protos; hand it its own type.
        from tensorboardX.proto import summary_pb2 as tbx_summary_pb2

        summary = tbx_summary_pb2.Summary.FromString(summary.SerializeToString())
    file_writer.add_summary(summary, step, wall_time)
    file_writer.flush()


def _file_writer_of(writer):
    get = getattr(writer, "_get_file_writer", None)
    module = type(writer).__module__
    if get is None or not (module.startswith("torch.utils.tensorboard") or module.startswith("tensorboardX")):
        raise TypeError(
            f"cannot log to a {type(writer).__module__}.{type(writer).__qualname__}: pass a "
            "torch.utils.tensorboard.SummaryWriter, a tensorboardX.SummaryWriter or a log directory path"
        )
    return get()
