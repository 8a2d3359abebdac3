"""Conversions of the graph IR: IR <-> proto <-> logged blobs, and IR -> JSON.

The proto (``proto/graphfold.proto``) is the logged form; the JSON form is what
the plugin serves and ``frontend/src/types.ts`` mirrors. Decoding never trusts
its input: a truncated, garbled or too-new blob raises :class:`BlobError` whose
message says what is wrong, and every count and size is checked against
:mod:`tb_plugin.limits` before the work it would cost is done.
"""

from __future__ import annotations

import math
import zlib

from google.protobuf import message as pb_message

from tb_plugin import ir, limits, metadata
from tb_plugin.proto import graphfold_pb2 as pb

__all__ = [
    "BlobError",
    "decode_graph",
    "decode_header",
    "encode_graph",
    "graph_from_proto",
    "graph_to_json",
    "graph_to_proto",
    "header_for",
    "header_to_json",
    "node_to_json",
]

_KIND_TO_PB = {
    ir.NodeKind.OP: pb.Node.OP,
    ir.NodeKind.PARAMETER: pb.Node.PARAMETER,
    ir.NodeKind.BUFFER: pb.Node.BUFFER,
    ir.NodeKind.CONSTANT: pb.Node.CONSTANT,
    ir.NodeKind.INPUT: pb.Node.INPUT,
    ir.NodeKind.OUTPUT: pb.Node.OUTPUT,
}
_KIND_FROM_PB = {v: k for k, v in _KIND_TO_PB.items()}
_FORMAT_TO_PB = {
    ir.SourceFormat.UNSPECIFIED: pb.SOURCE_FORMAT_UNSPECIFIED,
    ir.SourceFormat.TORCH_EXPORT: pb.TORCH_EXPORT,
    ir.SourceFormat.ONNX: pb.ONNX,
    ir.SourceFormat.GRAPHDEF: pb.GRAPHDEF,
    ir.SourceFormat.TORCHSCRIPT: pb.TORCHSCRIPT,
}
_FORMAT_FROM_PB = {v: k for k, v in _FORMAT_TO_PB.items()}


class BlobError(ValueError):
    """A logged blob cannot be decoded; the message names the problem."""


# -- attributes ----------------------------------------------------------------
def _attr_to_proto(value: ir.AttrValue, out: pb.AttrValue) -> None:
    if isinstance(value, bool):
        out.b = value
    elif isinstance(value, int):
        out.i = value
    elif isinstance(value, float):
        out.f = value
    elif isinstance(value, str):
        out.s = value
    elif isinstance(value, tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        out.ints.values.extend(value)
    elif isinstance(value, tuple) and all(isinstance(v, (int, float)) for v in value):
        out.floats.values.extend(value)
    elif isinstance(value, tuple):
        out.strings.values.extend(str(v) for v in value)
    else:
        out.s = str(value)


def _attr_from_proto(value: pb.AttrValue) -> ir.AttrValue:
    which = value.WhichOneof("value")
    if which in ("ints", "floats", "strings"):
        return tuple(getattr(value, which).values)
    if which is None:
        return ""
    return getattr(value, which)


# -- tensor types ----------------------------------------------------------------
def _tensor_to_proto(t: ir.TensorType, out: pb.TensorType) -> None:
    out.dtype = t.dtype
    if t.dims is None:
        out.unknown_rank = True
        return
    for d in t.dims:
        dim = out.dims.add()
        if isinstance(d, str):
            dim.symbol = d
        else:
            dim.size = d


def _tensor_from_proto(t: pb.TensorType) -> ir.TensorType:
    if t.unknown_rank:
        return ir.TensorType(None, t.dtype)
    return ir.TensorType(tuple(d.symbol if d.WhichOneof("value") == "symbol" else d.size for d in t.dims), t.dtype)


def _outputs_from_proto(outputs, known: dict) -> tuple[ir.TensorType, ...]:
    """A node's output types, shared with every earlier node whose outputs are equal: a layer's
    ops repeat in every layer, so a graph holds few distinct ones, and comparing shared ones is
    an identity check (the stacking pass compares every member's nodes with the representative's)."""
    types = tuple(map(_tensor_from_proto, outputs))
    return known.setdefault(types, types)


# -- graphs ----------------------------------------------------------------
def graph_to_proto(graph: ir.Graph) -> pb.ModelGraph:
    out = pb.ModelGraph(
        schema_version=metadata.SCHEMA_VERSION,
        name=graph.name,
        source_format=_FORMAT_TO_PB[graph.source_format],
        producer=graph.producer,
        capture=graph.capture,
        phases=graph.phases,
    )
    for module in graph.modules.values():
        out.modules.add(path=module.path, class_name=module.class_name)
    for node in graph.nodes.values():
        pn = out.nodes.add(
            name=node.name,
            op=node.op,
            kind=_KIND_TO_PB[node.kind],
            module=node.module,
            parameter_count=node.parameter_count,
        )
        for ref in node.inputs:
            pn.inputs.add(node=ref.node, output=ref.output)
        for t in node.outputs:
            _tensor_to_proto(t, pn.outputs.add())
        for key, value in node.attrs.items():
            _attr_to_proto(value, pn.attrs[key])
    return out


def graph_from_proto(proto: pb.ModelGraph) -> ir.Graph:
    """Build the IR from a proto; raise :class:`BlobError` on data the IR cannot hold or that exceeds a limit."""
    what = f"graph {ir.shown(proto.name)}"
    try:
        metadata.check_schema_version(proto.schema_version, what=what)
    except metadata.SchemaVersionError as e:
        raise BlobError(str(e)) from None
    # Counted on the proto first, so that a hostile blob is refused before any IR is built (edges: as it is built).
    limits.check(len(proto.nodes), limits.MAX_NODES, f"nodes in {what}", BlobError)
    limits.check(len(proto.modules), limits.MAX_MODULES, f"modules in {what}", BlobError)
    limits.check(len(proto.capture), limits.MAX_NAME_LENGTH, f"characters of the capture method of {what}", BlobError)
    limits.check(len(proto.phases), len(ir.PHASES), f"phases of {what}", BlobError)
    for phase in proto.phases:
        limits.check(len(phase), limits.MAX_NAME_LENGTH, f"characters of a phase of {what}", BlobError)
    try:
        graph = ir.Graph(
            name=proto.name,
            source_format=_FORMAT_FROM_PB.get(proto.source_format, ir.SourceFormat.UNSPECIFIED),
            producer=proto.producer,
            capture=proto.capture,
            phases=tuple(proto.phases),
        )
        for m in proto.modules:
            graph.add_module(m.path, m.class_name)
        known_outputs: dict = {}
        for n in proto.nodes:
            graph.add_node(
                ir.Node(
                    name=n.name,
                    op=n.op,
                    kind=_KIND_FROM_PB.get(n.kind, ir.NodeKind.OP),
                    module=n.module,
                    inputs=tuple(ir.InputRef(r.node, r.output) for r in n.inputs),
                    outputs=_outputs_from_proto(n.outputs, known_outputs),
                    attrs={k: _attr_from_proto(v) for k, v in n.attrs.items()},
                    parameter_count=n.parameter_count,
                )
            )
        graph.lint()
    except ir.GraphError as e:  # GraphLintError and GraphLimitError included: a logged graph must be a valid IR
        raise BlobError(f"{what} is malformed: {e}") from None
    return graph


def header_for(graph: ir.Graph, stored_size: int, uncompressed_size: int, *, compressed: bool) -> pb.GraphHeader:
    """The header of a graph whose stored blob is ``stored_size`` bytes."""
    return pb.GraphHeader(
        schema_version=metadata.SCHEMA_VERSION,
        name=graph.name,
        source_format=_FORMAT_TO_PB[graph.source_format],
        node_count=len(graph.nodes),
        edge_count=graph.edge_count,
        module_count=len(graph.modules),
        parameter_count=graph.parameter_count,
        compression=pb.COMPRESSION_ZLIB if compressed else pb.COMPRESSION_NONE,
        graph_bytes=stored_size,
        graph_bytes_uncompressed=uncompressed_size,
    )


def encode_graph(graph: ir.Graph) -> tuple[bytes, bytes]:
    """The two blobs of one logged step: ``(header, compressed graph)``."""
    raw = graph_to_proto(graph).SerializeToString()
    stored = zlib.compress(raw, 6)
    return header_for(graph, len(stored), len(raw), compressed=True).SerializeToString(), stored


def parse_header_blob(blob: bytes, message_type, *, what: str, size_what: str):
    """A small header message (graph or overlay step) from ``blob``, size and schema version checked.

    Raises :class:`BlobError` naming ``what`` if the blob is too large, not a
    ``message_type`` or of a schema this reader does not know.
    """
    limits.check(len(blob), limits.MAX_HEADER_BYTES, size_what, BlobError)
    name = message_type.__name__
    try:
        header = message_type.FromString(blob)
    except pb_message.DecodeError as e:
        article = "an" if name[0] in "AEIOU" else "a"
        raise BlobError(f"{what} blob of {len(blob)} bytes is not {article} {name} ({e})") from None
    check_blob_version(header.schema_version, what)
    return header


def check_blob_version(version: int, what: str) -> None:
    """Raise :class:`BlobError` if schema ``version`` of ``what`` is not one this reader knows."""
    try:
        metadata.check_schema_version(version, what=what)
    except metadata.SchemaVersionError as e:
        raise BlobError(str(e)) from None


def decode_header(blob: bytes) -> pb.GraphHeader:
    """Blob 0 of a step; raise :class:`BlobError` if it is corrupt or announces a graph beyond the limits."""
    header = parse_header_blob(blob, pb.GraphHeader, what="graph header", size_what="bytes of graph header blob")
    what = f"in graph {ir.shown(header.name)} (its header says)"
    for count, limit, counted in (
        (header.node_count, limits.MAX_NODES, "nodes"),
        (header.edge_count, limits.MAX_EDGES, "edges"),
        (header.module_count, limits.MAX_MODULES, "modules"),
        (header.parameter_count, limits.MAX_PARAMETERS, "parameters"),
        (header.graph_bytes, limits.MAX_BLOB_BYTES, "stored bytes"),
        (header.graph_bytes_uncompressed, limits.MAX_BLOB_BYTES, "uncompressed bytes"),
    ):
        limits.check(count, limit, f"{counted} {what}", BlobError)
    return header


def decode_graph(header: pb.GraphHeader, blob: bytes) -> ir.Graph:
    """Decode blob 1 of a step, checking it against its header.

    Decompression stops at the size the header states (or :data:`tb_plugin.limits.MAX_BLOB_BYTES`
    when it states none), so a zlib bomb costs no more than an honest blob of that size.
    """
    if header.graph_bytes and len(blob) != header.graph_bytes:
        raise BlobError(
            f"graph blob is {len(blob)} bytes but its header says {header.graph_bytes}: "
            "the event file is truncated or was rewritten"
        )
    limits.check(len(blob), limits.MAX_BLOB_BYTES, "bytes of graph blob", BlobError)
    if header.compression == pb.COMPRESSION_ZLIB:
        stated = header.graph_bytes_uncompressed
        blob = limits.inflate(blob, min(stated or limits.MAX_BLOB_BYTES, limits.MAX_BLOB_BYTES),
                              what="graph blob", error=BlobError)
        if stated and len(blob) != stated:
            raise BlobError(f"graph blob inflates to {len(blob)} bytes but its header says {stated}: the log is corrupt")
    elif header.compression != pb.COMPRESSION_NONE:
        raise BlobError(f"graph blob uses unknown compression {header.compression}; upgrade GraphFold")
    try:
        proto = pb.ModelGraph.FromString(blob)
    except pb_message.DecodeError as e:
        raise BlobError(f"graph blob of {len(blob)} bytes is not a ModelGraph ({e})") from None
    return graph_from_proto(proto)


# -- JSON ------------------------------------------------------------------------
def _tensor_json(t: ir.TensorType) -> dict:
    return {"shape": None if t.dims is None else list(t.dims), "dtype": t.dtype}


def _finite_json(value):
    """A float as JSON can hold it: NaN and infinities become the strings ``"nan"``, ``"inf"``, ``"-inf"``."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if value != value else str(value)
    return value


def _attr_json(value: ir.AttrValue):
    """An attribute as JSON; non-finite floats, alone or in a list, as :func:`_finite_json` writes them.

    >>> _attr_json(float("nan")), _attr_json((1.0, float("-inf")))
    ('nan', [1.0, '-inf'])
    """
    return [_finite_json(v) for v in value] if isinstance(value, tuple) else _finite_json(value)


def graph_to_json(graph: ir.Graph) -> dict:
    """The IR as served by ``/graph``; ``frontend/src/types.ts`` mirrors this shape."""
    return {
        "schema_version": metadata.SCHEMA_VERSION,
        "name": graph.name,
        "source_format": graph.source_format.value,
        "producer": graph.producer,
        "capture": graph.capture,
        "phases": list(graph.phases),
        "modules": [{"path": m.path, "class_name": m.class_name} for m in graph.modules.values()],
        "nodes": [node_to_json(n) for n in graph.nodes.values()],
    }


def node_to_json(n: ir.Node) -> dict:
    """One node as ``/graph`` lists it and ``/node`` answers it."""
    return {
        "name": n.name,
        "op": n.op,
        "kind": n.kind.value,
        "module": n.module,
        "inputs": [[r.node, r.output] for r in n.inputs],
        "outputs": [_tensor_json(t) for t in n.outputs],
        "attrs": {k: _attr_json(v) for k, v in n.attrs.items()},
        "parameter_count": n.parameter_count,
    }


def header_to_json(header: pb.GraphHeader) -> dict:
    return {
        "name": header.name,
        "source_format": _FORMAT_FROM_PB.get(header.source_format, ir.SourceFormat.UNSPECIFIED).value,
        "node_count": header.node_count,
        "edge_count": header.edge_count,
        "module_count": header.module_count,
        "parameter_count": header.parameter_count,
        "blob_bytes": header.graph_bytes,
        "blob_bytes_uncompressed": header.graph_bytes_uncompressed,
    }
