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

import atexit
import os
import threading
import time
import warnings
import weakref

from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter

from tb_plugin import ir, limits, metadata, overlay_wire, serialize

# Per model (weakly held): the graph log_graph captured, and the traced weight-graph structure.
_captured_graphs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_traced_structures: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Log directory path → the event file writer this process appends to.
_logdir_writers: dict[str, EventFileWriter] = {}
_writers_lock = threading.Lock()
# Writer (weakly held) or log directory path → {tag: steps this process logged}, to flag a step logged
# twice. Weakly held, not by id(): a closed writer's id is reused by the next one (one run per writer).
_logged_steps_by_writer: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_logged_steps_by_logdir: dict[str, dict[str, set]] = {}

__all__ = [
    "graph_summary", "log_filter_stats", "log_graph", "log_onnx", "log_training_graph", "log_weight_graph",
    "write_graph",
]


def log_graph(
    writer_or_logdir,
    model,
    example_inputs,
    *,
    step: int = 0,
    tag: str = "model",
    strict: bool = False,
    dynamic_shapes=None,
) -> ir.Graph | None:
    """Capture ``model`` and log its graph; return the captured graph.

    ``example_inputs`` is a tensor, a tuple of positional arguments, or a dict
    of keyword arguments. The model may be wrapped (DDP, DataParallel, FSDP,
    ``torch.compile``), scripted, or built on the ``meta`` device. Capture
    tries ``torch.export``, strict export, then a TorchScript trace
    (:mod:`tb_plugin.capture.chain`); a :class:`~tb_plugin.capture.chain.CaptureFallbackWarning`
    says when a later method was needed and why, and the graph's ``capture``
    names the method. Raises :class:`tb_plugin.capture.CaptureError` listing
    every method's reason when none succeeds. Under ``torch.distributed`` only
    rank 0 captures and writes; other ranks return ``None`` at once.
    """
    from tb_plugin.capture import chain

    if not _is_writing_rank():
        return None
    graph = chain.capture_model(model, example_inputs, strict=strict, dynamic_shapes=dynamic_shapes)
    write_graph(writer_or_logdir, graph, step=step, tag=tag)
    _captured_graphs[_unwrapped(model)] = graph  # log_weight_graph reuses the structure
    return graph


def log_onnx(writer_or_logdir, model_or_path, *, step: int = 0, tag: str = "onnx") -> ir.Graph:
    """Log the graph of an ONNX ``ModelProto`` or ``.onnx`` file; return the captured graph."""
    from tb_plugin.capture import onnx_model

    graph = onnx_model.capture_onnx(model_or_path)
    write_graph(writer_or_logdir, graph, step=step, tag=tag)
    return graph


def log_filter_stats(
    writer_or_logdir,
    model,
    dataloader,
    *,
    step: int,
    layers=None,
    num_classes: int | None = None,
    class_names=None,
    tag: str = metadata.FILTER_STATS_TAG,
    graph_tag: str = "model",
) -> dict:
    """Measure per-filter statistics of ``model``'s conv and linear layers on ``dataloader`` and log them.

    ``dataloader`` yields ``(inputs, labels)`` pairs or dicts with a
    ``"labels"`` entry. ``layers`` are module paths (default: all conv and
    linear layers); ``graph_tag`` names the tag its graph was logged under
    (``log_graph``'s default is ``"model"``). Under ``torch.distributed`` every
    rank must call this with its shard; the sums are all-reduced and rank 0
    writes. Returns the statistics as ``GET filter_stats`` answers them
    (``docs/http_api.md``), or, for a step too large for that JSON (e.g.
    ResNet-50 at 1,000 classes), as ``GET filter_summary`` answers it (no
    class means, per-filter metrics base64 float32); see
    :mod:`tb_plugin.overlays.filter_stats`.
    """
    from tb_plugin.overlays import filter_stats

    _check_tag_and_step(tag, step)
    stats = filter_stats.collect_filter_stats(
        model, dataloader, layers=layers, num_classes=num_classes, class_names=class_names, graph_tag=graph_tag
    )
    if _is_writing_rank():
        write_overlay(writer_or_logdir, stats, kind=metadata.FILTER_STATS, step=step, tag=tag)
    if overlay_wire.filter_stats_json_values(stats) > limits.MAX_OVERLAY_VALUES:
        from tb_plugin.overlays import filter_summary

        return filter_summary.summary_json(stats)
    return overlay_wire.filter_stats_to_json(stats)


def log_weight_graph(
    writer_or_logdir,
    model,
    *,
    step: int,
    tag: str = metadata.WEIGHT_GRAPH_TAG,
    example_inputs=None,
    graph_tag: str = "model",
    top_k: int = 5,
) -> dict | None:
    """Log graph properties of ``model``'s channel-level weight graph at ``step`` (e.g. once per epoch).

    The structure is traced once per model: from ``example_inputs`` when given,
    else from the graph ``log_graph`` captured of the same model. Each call then
    reads the current weights (ResNet-50: well under a second). Under
    ``torch.distributed`` only rank 0 computes and writes; other ranks return
    ``None``. Returns the step as ``GET weight_graph`` lists it; see
    :mod:`tb_plugin.overlays.weight_graph`.
    """
    from tb_plugin.overlays import weight_graph

    _check_tag_and_step(tag, step)
    if not _is_writing_rank():
        return None
    connectivity = _connectivity(model, example_inputs)
    try:
        stats = weight_graph.weight_graph_stats(model, connectivity, top_k=top_k, graph_tag=graph_tag)
    except weight_graph.WeightGraphError:
        _traced_structures.pop(_unwrapped(model), None)  # a changed model is traced again next time
        raise
    logged = _logged_steps(writer_or_logdir).setdefault(tag, set())
    if step in logged:
        # TensorBoard serves the first event of a step and drops later ones.
        warnings.warn(
            f"step {step} of {tag!r} is already logged here by this process; TensorBoard keeps the first "
            "event of a step, so this one is not written (log each step once, e.g. per epoch)",
            stacklevel=2,
        )
    else:
        write_overlay(writer_or_logdir, stats, kind=metadata.WEIGHT_GRAPH, step=step, tag=tag)
        logged.add(step)
    return overlay_wire.weight_graph_to_json(stats)


def _connectivity(model, example_inputs):
    from tb_plugin.overlays import weight_graph

    key = _unwrapped(model)
    if example_inputs is not None:
        _traced_structures[key] = weight_graph.connectivity_of(key, example_inputs)
    elif key not in _traced_structures:
        graph = _captured_graphs.get(key)
        if graph is None:
            raise ValueError(
                "log_weight_graph needs the model's structure once: pass example_inputs=..., "
                "or call tb_plugin.log_graph(writer, model, example_inputs) first"
            )
        _traced_structures[key] = weight_graph.layer_connectivity(graph)
    return _traced_structures[key]


def _unwrapped(model):
    from tb_plugin.model_wrappers import unwrap_model

    return unwrap_model(model)


def _logged_steps(writer_or_logdir) -> dict[str, set]:
    """``{tag: steps}`` this process logged to ``writer_or_logdir``."""
    if isinstance(writer_or_logdir, (str, os.PathLike)):
        return _logged_steps_by_logdir.setdefault(os.path.abspath(os.fspath(writer_or_logdir)), {})
    return _logged_steps_by_writer.setdefault(writer_or_logdir, {})


def overlay_summary(message, *, kind: int, tag: str) -> summary_pb2.Summary:
    """The summary proto that holds one overlay step under ``tag``: the compressed message, its header, and
    for filter statistics the message without class means (``overlay_wire.overlay_blobs``)."""
    blobs = overlay_wire.overlay_blobs(kind, message)
    tensor = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_STRING,
        tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=len(blobs))]),
        string_val=list(blobs),
    )
    value = summary_pb2.Summary.Value(tag=tag, metadata=metadata.create_summary_metadata(kind=kind), tensor=tensor)
    return summary_pb2.Summary(value=[value])


def write_overlay(writer_or_logdir, message, *, kind: int, step: int, tag: str) -> None:
    """Write one overlay step; see the module docstring for the accepted targets."""
    _check_tag_and_step(tag, step)
    _write_summary(writer_or_logdir, overlay_summary(message, kind=kind, tag=tag), step)


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
    _check_tag_and_step(tag, step)
    _write_summary(writer_or_logdir, graph_summary(graph, tag), step)


def _check_tag_and_step(tag, step) -> None:
    if not isinstance(tag, str) or not tag:
        raise ValueError(f"tag must be a non-empty string, got {tag!r}")
    if not isinstance(step, int) or isinstance(step, bool) or step < 0:
        raise TypeError(f"step must be a non-negative int, got {step!r}")


def _is_writing_rank() -> bool:
    """Rank 0 writes under ``torch.distributed``; a single process always writes."""
    import torch.distributed as dist

    return not (dist.is_available() and dist.is_initialized()) or dist.get_rank() == 0


def _write_summary(writer_or_logdir, summary: summary_pb2.Summary, step: int) -> None:
    wall_time = time.time()
    if isinstance(writer_or_logdir, (str, os.PathLike)):
        writer = _logdir_writer(os.fspath(writer_or_logdir))
        writer.add_event(event_pb2.Event(wall_time=wall_time, step=step, summary=summary))
        writer.flush()
        return
    file_writer = _file_writer_of(writer_or_logdir)
    if type(writer_or_logdir).__module__.startswith("tensorboardX"):
        # tensorboardX ships its own copy of the protos; hand it its own type.
        from tensorboardX.proto import summary_pb2 as tbx_summary_pb2

        summary = tbx_summary_pb2.Summary.FromString(summary.SerializeToString())
    file_writer.add_summary(summary, step, wall_time)
    file_writer.flush()


def _logdir_writer(logdir: str) -> EventFileWriter:
    """One event file per log directory and process, as a SummaryWriter keeps.

    A new file per call would leave a file per logged step (per epoch, for
    weight graphs) in the run directory.
    """
    key = os.path.abspath(logdir)
    with _writers_lock:
        writer = _logdir_writers.get(key)
        if writer is None or not os.path.exists(writer.get_logdir()):
            writer = _logdir_writers[key] = EventFileWriter(logdir)
        return writer


@atexit.register
def _close_logdir_writers() -> None:
    with _writers_lock:
        for writer in _logdir_writers.values():
            writer.close()
        _logdir_writers.clear()


def _file_writer_of(writer):
    get = getattr(writer, "_get_file_writer", None)
    module = type(writer).__module__
    if get is None or not (module.startswith("torch.utils.tensorboard") or module.startswith("tensorboardX")):
        raise TypeError(
            f"cannot log to a {type(writer).__module__}.{type(writer).__qualname__}: pass a "
            "torch.utils.tensorboard.SummaryWriter, a tensorboardX.SummaryWriter or a log directory path"
        )
    return get()


def log_training_graph(
    writer_or_logdir, model, example_inputs, loss_fn, *, optimizer=None, step: int = 0, tag: str = "train"
) -> ir.Graph | None:
    """Capture one training step of ``model`` (forward, loss, backward, and ``optimizer``'s update) and log it.

    ``loss_fn(output)`` returns the scalar loss from what ``model`` returns
    (a closure may hold the labels); ``optimizer`` is a ``torch.optim`` SGD,
    Adam or AdamW, or ``None``. Nothing is trained: no weight or optimizer
    state changes. DDP, DataParallel and ``torch.compile`` wrappers are peeled
    off; under ``torch.distributed`` only rank 0 captures and writes, and other
    ranks return ``None``. Raises :class:`tb_plugin.capture.CaptureError` with
    advice when the step cannot be traced. See :mod:`tb_plugin.capture.training`
    for where each operator is drawn.
    """
    from tb_plugin.capture import training
    from tb_plugin.model_wrappers import unwrap_model

    _check_tag_and_step(tag, step)
    if not _is_writing_rank():
        return None
    graph = training.capture_training_step(unwrap_model(model), example_inputs, loss_fn, optimizer=optimizer)
    write_graph(writer_or_logdir, graph, step=step, tag=tag)
    return graph
