"""Capture the op graph of a TensorFlow ``RunMetadata`` (``trace_export``, ``summary_ops_v2.run_metadata``).

``tf.summary.trace_export`` logs a RunMetadata (plugin ``graph_run_metadata_graph``)
whose ``function_graphs`` each hold the ``pre_optimization_graph`` of one traced
function, with its function library; ``run_metadata`` summaries (plugin
``graph_run_metadata``) hold the same message. TensorBoard's Graphs dashboard
draws the function graphs merged; so does this module, after inlining each
one's calls (:mod:`tb_plugin.capture.tf_functions`). The graph with the most
nodes keeps its names; the others are put under scopes ``graph_2``,
``graph_3``... (TensorBoard's ``graph_1`` numbering, counted from the largest),
so that a traced helper such as an ``_EagerConst`` never adds a level above the
model.
"""

from __future__ import annotations

from google.protobuf import message as pb_message
from tensorboard.compat.proto import config_pb2, graph_pb2, node_def_pb2

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError
from tb_plugin.capture.graphdef import capture_graphdef
from tb_plugin.capture.tf_functions import inline_functions

__all__ = ["capture_run_metadata", "merged_function_graphs"]


def capture_run_metadata(blob: bytes, *, name: str = "") -> ir.Graph:
    """The IR of the function graphs in a serialized RunMetadata; :class:`CaptureError` if it is bad or holds none."""
    limits.check(len(blob), limits.MAX_BLOB_BYTES, "bytes of RunMetadata", CaptureError)
    try:
        run_metadata = config_pb2.RunMetadata.FromString(bytes(blob))
    except (pb_message.DecodeError, RecursionError) as e:
        raise CaptureError(
            f"{len(blob)} bytes are not a serialized RunMetadata ({e}): the event file is truncated or corrupt"
        ) from None
    return capture_graphdef(merged_function_graphs(run_metadata), name=name)


def merged_function_graphs(run_metadata: config_pb2.RunMetadata) -> graph_pb2.GraphDef:
    """One GraphDef holding every function graph of ``run_metadata``, calls inlined."""
    graphs = [inline_functions(f.pre_optimization_graph) for f in run_metadata.function_graphs]
    if not graphs:
        raise CaptureError(
            "the RunMetadata holds no function graph (TensorBoard's Graphs dashboard draws none either): "
            "log it with tf.summary.trace_on(graph=True) before the traced call"
        )
    order = sorted(range(len(graphs)), key=lambda i: -len(graphs[i].node))
    merged = graph_pb2.GraphDef(versions=graphs[order[0]].versions)
    merged.node.extend(graphs[order[0]].node)
    for rank, i in enumerate(order[1:], start=2):
        merged.node.extend(_prefixed(graphs[i], f"graph_{rank}/"))
    return merged


def _prefixed(graph_def: graph_pb2.GraphDef, prefix: str) -> list:
    nodes = []
    for node in graph_def.node:
        copy = node_def_pb2.NodeDef()
        copy.CopyFrom(node)
        copy.name = prefix + node.name
        copy.input[:] = [("^" + prefix + text[1:]) if text.startswith("^") else prefix + text for text in node.input]
        nodes.append(copy)
    return nodes
