"""The wire format of overlay steps: logged blobs <-> protos <-> the JSON the routes serve.

A FILTER_STATS or WEIGHT_GRAPH step holds blob 0, the zlib-compressed
``FilterStats`` or ``WeightGraphStats``, and blob 1, its ``OverlayHeader``
(``proto/graphfold.proto``); steps logged before the header existed hold blob 0
only. A FILTER_STATS step logged since issue 14 also holds blob 2: the same
``FilterStats`` without class means, zlib-compressed (about 1 MB for ResNet-50
at any class count), which ``GET filter_summary`` decodes instead of the whole
step; readers that know two blobs ignore it. The writer (:mod:`tb_plugin.summary`), the routes
(:mod:`tb_plugin.overlay_store`) and the fuzz tests share this module, which
imports neither torch, numpy nor scipy, so serving an overlay needs none of them.

Decoding never trusts its input: every blob is inflated, counted and checked
against :mod:`tb_plugin.limits` before anything is built from it, and a blob
that is corrupt, too new or too large raises :class:`~tb_plugin.serialize.BlobError`
naming the field and the limit. The JSON holds ``null`` where a logged number is
NaN or infinite (JSON has no such numbers).
"""

from __future__ import annotations

import math
import zlib

from google.protobuf import message as pb_message

from tb_plugin import limits, metadata
from tb_plugin.ir import shown
from tb_plugin.proto import graphfold_pb2 as pb
from tb_plugin.serialize import BlobError, check_blob_version, parse_header_blob

__all__ = [
    "KIND_NAMES",
    "METRICS",
    "cost_term_to_json",
    "count_fields",
    "filter_stats_json_values",
    "decode_overlay",
    "decode_overlay_header",
    "FILTER_SUMMARY_BLOB_INDEX",
    "encode_overlay",
    "overlay_blobs",
    "filter_stats_to_json",
    "overlay_header_for",
    "overlay_summary_json",
    "step_fields_json",
    "weight_graph_to_json",
    "weight_graph_value_count",
]

KIND_NAMES = {metadata.FILTER_STATS: "filter_stats", metadata.WEIGHT_GRAPH: "weight_graph"}
# Blob 2 of a FILTER_STATS step: its FilterStats without class means (after blob 0 and the header).
FILTER_SUMMARY_BLOB_INDEX = 2
# (key, label, the direction in which a filter is weak), in display order.
METRICS = (
    ("discriminability", "Discriminability", "low"),
    ("apoz", "APoZ (%)", "high"),
    ("activation_l1", "Activation L1", "low"),
    ("weight_l1", "Weight L1", "low"),
)
_MESSAGES = {metadata.FILTER_STATS: pb.FilterStats, metadata.WEIGHT_GRAPH: pb.WeightGraphStats}


# -- writing -----------------------------------------------------------------------
def overlay_header_for(kind: int, message, stored_size: int = 0, uncompressed_size: int = 0) -> pb.OverlayHeader:
    """The header that lists ``message`` (a ``FilterStats`` or ``WeightGraphStats``) of ``kind``."""
    header = pb.OverlayHeader(
        schema_version=metadata.SCHEMA_VERSION,
        graph_tag=message.graph_tag,
        layer_count=len(message.layers),
        blob_bytes=stored_size,
        blob_bytes_uncompressed=uncompressed_size,
    )
    if kind == metadata.FILTER_STATS:
        header.class_count = len(message.class_names)
        header.filter_count = sum(layer.filter_count for layer in message.layers)
        header.parameter_count = message.parameter_count
        header.macs = message.macs
    else:
        header.node_count = message.node_count
        header.edge_count = message.edge_count
    return header


def encode_overlay(kind: int, message) -> tuple[bytes, bytes]:
    """The two blobs of one overlay step: ``(compressed message, header)``."""
    raw = message.SerializeToString()
    # Level 1 for filter statistics: their class means are floats that level 6 hardly shrinks
    # more, at 4× the time (ResNet-50 at 1,000 classes: 110 MB, 12 s at level 6).
    stored = zlib.compress(raw, 1 if kind == metadata.FILTER_STATS else 6)
    return stored, overlay_header_for(kind, message, len(stored), len(raw)).SerializeToString()


_CLASS_MEANS_FIELDS = ("class_means", "class_means_normalized")


def without_class_means(stats: pb.FilterStats) -> pb.FilterStats:
    """A copy of ``stats`` whose layers hold no class means: what blob 2 of a step holds.

    Built field by field, so the class means (most of the step: 27.5 million
    floats for ResNet-50 at 1,000 classes) are never copied only to be cleared.
    """
    summary = pb.FilterStats()
    for field, value in stats.ListFields():
        if field.name != "layers":
            _copy_field(summary, field, value)
    for layer in stats.layers:
        copy = summary.layers.add()
        for field, value in layer.ListFields():
            if field.name not in _CLASS_MEANS_FIELDS:
                _copy_field(copy, field, value)
    return summary


def _copy_field(message, field, value) -> None:
    if field.is_repeated:
        getattr(message, field.name).extend(value)
    elif field.message_type is not None:
        getattr(message, field.name).CopyFrom(value)
    else:
        setattr(message, field.name, value)


def overlay_blobs(kind: int, message) -> list[bytes]:
    """Every blob of one overlay step, in order: the message, its header, and for filter stats blob 2."""
    blobs = list(encode_overlay(kind, message))
    if kind == metadata.FILTER_STATS:
        blobs.append(zlib.compress(without_class_means(message).SerializeToString(), 6))
    return blobs


# -- reading -------------------------------------------------------------------------
def decode_overlay_header(blob: bytes) -> pb.OverlayHeader:
    """Blob 1 of an overlay step; :class:`BlobError` if it is not a header this reader knows."""
    return parse_header_blob(blob, pb.OverlayHeader, what="overlay header", size_what="bytes of an overlay header blob")


def decode_overlay(kind: int, blob: bytes, header: pb.OverlayHeader | None = None, *, class_means: bool = True):
    """The message of blob 0 of an overlay step of ``kind``, checked against the limits.

    With ``header`` (blob 1), the blob must have the sizes it states. With
    ``class_means=False``, blob 2 of a filter-statistics step: its layers must
    hold no class means. Raises :class:`BlobError` naming what is wrong.
    """
    name = KIND_NAMES.get(kind)
    if name is None:
        raise BlobError(f"series kind {kind} is not an overlay; GraphFold knows {sorted(KIND_NAMES.values())}")
    max_size = limits.MAX_BLOB_BYTES
    if header is not None and kind == metadata.FILTER_STATS:
        # Class means grow with classes × filters; a step that states its size may hold up to this much.
        max_size = limits.MAX_FILTER_STATS_BYTES
    if header is not None and header.blob_bytes:
        if len(blob) != header.blob_bytes:
            raise BlobError(
                f"{name} blob is {len(blob)} bytes but its header says {header.blob_bytes}: "
                "the event file is truncated or was rewritten"
            )
        max_size = min(max_size, header.blob_bytes_uncompressed or max_size)
    raw = limits.inflate(blob, max_size, what=f"{name} blob", error=BlobError)
    # A parser allocates per field, however small the field: count before parsing.
    fields = count_fields(raw, _MESSAGES[kind].DESCRIPTOR, limits.MAX_OVERLAY_FIELDS)
    limits.check(fields, limits.MAX_OVERLAY_FIELDS, f"protobuf fields in the {name} blob", BlobError)
    try:
        message = _MESSAGES[kind].FromString(raw)
    except pb_message.DecodeError as e:
        raise BlobError(f"{name} blob is corrupt ({e})") from None
    check_blob_version(message.schema_version, name)
    _check_name(message.graph_tag, "graph tag")  # listed with every step
    if kind == metadata.FILTER_STATS:
        _check_filter_stats(message, class_means=class_means)
    else:
        _check_weight_graph(message)
    return message


def overlay_summary_json(kind: int, header: pb.OverlayHeader) -> dict:
    """What ``GET overlays`` lists of one step, from its header (``docs/http_api.md``)."""
    if kind == metadata.FILTER_STATS:
        return {
            "layers": header.layer_count,
            "classes": header.class_count,
            "parameter_count": header.parameter_count,
            "macs": header.macs,
        }
    return {"layers": header.layer_count, "nodes": header.node_count}


def _check_filter_stats(stats: pb.FilterStats, *, class_means: bool = True) -> None:
    """Refuse a step whose JSON would be out of proportion to its data, or whose matrices have the wrong shape."""
    classes = len(stats.class_names)
    limits.check(len(stats.layers), limits.MAX_LAYERS, "layers in filter stats", BlobError)
    limits.check(classes, limits.MAX_CLASSES, "classes in filter stats", BlobError)
    if len(stats.class_counts) not in (0, classes):
        raise BlobError(f"filter stats name {classes} classes but count examples of {len(stats.class_counts)}")
    for name in stats.class_names:
        _check_name(name, "class name")
    values = 0
    for layer in stats.layers:
        _check_name(layer.module, "layer module path")
        limits.check(layer.filter_count, limits.MAX_FILTERS, f"filters in layer {shown(layer.module)}", BlobError)
        filters = layer.filter_count
        # class_means_normalized may be left out: it is derived from class_means (filter_summary).
        for field in ("class_means", "class_means_normalized"):
            count = len(getattr(layer, field))
            if not class_means and count:
                raise BlobError(f"layer {shown(layer.module)}: the summary blob holds {field}; it must hold none")
            if class_means and count != classes * filters and not (field == "class_means_normalized" and count == 0):
                raise BlobError(
                    f"layer {shown(layer.module)}: {field} holds {count} values, "
                    f"not classes × filters = {classes} × {filters}"
                )
        for key, _, _ in METRICS:
            if len(getattr(layer, key)) not in (0, filters):
                raise BlobError(f"layer {shown(layer.module)}: {key} holds {len(getattr(layer, key))} values for {filters} filters")
        values += classes * filters + 4 * filters
    limits.check(values, limits.MAX_FILTER_STATS_VALUES, "values in filter stats", BlobError)


def filter_stats_json_values(stats: pb.FilterStats) -> int:
    """The numbers :func:`filter_stats_to_json` answers for ``stats``: what ``MAX_OVERLAY_VALUES`` bounds."""
    classes = len(stats.class_names)
    # Rows are built per class even for a layer without filters.
    values = sum(2 * classes * (layer.filter_count + 1) + 4 * layer.filter_count + len(layer.weight_shape) for layer in stats.layers)
    return values + sum(len(g.modules) for g in stats.groups) + sum(len(t.out) + len(getattr(t, "in")) for t in stats.cost_terms)


def _check_weight_graph(stats: pb.WeightGraphStats) -> None:
    limits.check(len(stats.layers), limits.MAX_LAYERS, "layers in a weight-graph step", BlobError)
    for layer in stats.layers:
        _check_name(layer.module, "layer module path")
        limits.check(layer.node_count, limits.MAX_FILTERS, f"channels in layer {shown(layer.module)}", BlobError)
        for p in layer.properties:
            if len(p.values) not in (0, layer.node_count) or len(p.top_indices) != len(p.top_values):
                raise BlobError(
                    f"layer {shown(layer.module)}, property {shown(p.name)}: {len(p.values)} values and "
                    f"{len(p.top_indices)} top indices for {len(p.top_values)} top values of {layer.node_count} channels"
                )
    limits.check(weight_graph_value_count(stats), limits.MAX_OVERLAY_VALUES, "values in a weight-graph step", BlobError)


def weight_graph_value_count(stats: pb.WeightGraphStats) -> int:
    """The numbers :func:`weight_graph_to_json` answers for ``stats``: what a response of many steps adds up.

    >>> weight_graph_value_count(pb.WeightGraphStats(layers=[pb.LayerProperties(properties=[pb.PropertySummary(values=[1.0, 2.0])])]))
    4
    """
    return sum(
        len(p.values) + 2 * len(p.top_values) + len(p.quantiles) + 2 for layer in stats.layers for p in layer.properties
    )


def _check_name(name: str, what: str) -> None:
    if len(name) > limits.MAX_NAME_LENGTH:
        raise BlobError(f"{what} {shown(name)} is longer than {limits.MAX_NAME_LENGTH} characters (tb_plugin.limits)")


def count_fields(data: bytes, descriptor, budget: int) -> int:
    """Fields in ``data``, a serialized ``descriptor`` message, nested messages included (or a bound above that).

    Counting stops past ``budget``, so a blob of millions of empty fields costs
    ``budget`` steps here instead of gigabytes in the parser. Length-delimited
    fields that are not messages (strings, packed numbers) count once; a nested
    message of at most 16 bytes counts as the most fields it could hold (every
    field takes 2 bytes or more), which keeps millions of tiny messages cheap.
    Iterative, so nesting costs no recursion. Raises :class:`BlobError` on
    truncated or group-encoded data.

    >>> count_fields(pb.OverlayHeader(layer_count=3, graph_tag="m").SerializeToString(), pb.OverlayHeader.DESCRIPTOR, 10)
    2
    """
    children, pos, end = _field_table(descriptor, {}), 0, len(data)
    stack = []  # the rest of each message whose nested message is being counted: depth-first
    count = 0
    while True:
        while pos < end:
            key = data[pos]  # one-byte varints inline: this loop is what a hostile blob makes hot
            if key < 0x80:
                pos += 1
            else:
                key, pos = _varint(data, pos, end)
            count += 1
            if count > budget:
                return count
            wire_type = key & 7
            if wire_type == 2:
                size = data[pos] if pos < end else 0x80
                if size < 0x80:
                    pos += 1
                else:
                    size, pos = _varint(data, pos, end)
                child = children.get(key >> 3) if size else None
                if child is None:
                    pos += size
                elif size <= _SMALL_MESSAGE:
                    count += (size + 1) // 2
                    pos += size
                elif pos + size > end:
                    raise BlobError(f"{descriptor.name} blob is truncated")
                else:
                    stack.append((children, pos + size, end))
                    children, end = child, pos + size
            elif wire_type == 0:
                if pos < end and data[pos] < 0x80:
                    pos += 1
                else:
                    pos = _varint(data, pos, end)[1]
            elif wire_type == 1:
                pos += 8
            elif wire_type == 5:
                pos += 4
            else:
                raise BlobError(f"{descriptor.name} blob uses protobuf wire type {wire_type}, which GraphFold never writes")
        if pos > end:
            raise BlobError(f"{descriptor.name} blob is truncated")
        if not stack:
            return count
        children, pos, end = stack.pop()


_SMALL_MESSAGE = 16


def _field_table(descriptor, tables: dict) -> dict:
    """``{field number: the same table of the field's message type}`` for the message fields of ``descriptor``."""
    table = tables.get(descriptor.full_name)
    if table is None:
        table = tables[descriptor.full_name] = {}  # entered first: a recursive schema ends here
        for field in descriptor.fields:
            if field.message_type is not None:
                table[field.number] = _field_table(field.message_type, tables)
    return table


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    value = shift = 0
    while pos < end and shift < 64:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
    raise BlobError("a protobuf varint is truncated or longer than 10 bytes")


# -- JSON --------------------------------------------------------------------------------
def filter_stats_to_json(stats: pb.FilterStats) -> dict:
    """The JSON form of one step (``docs/http_api.md``, ``GET filter_stats``) minus run/tag/step."""
    from tb_plugin.overlays.filter_summary import normalized_class_means

    limits.check(filter_stats_json_values(stats), limits.MAX_OVERLAY_VALUES,
                 "values in the JSON of filter stats (read large steps with GET filter_summary and GET filter_layer)", BlobError)
    classes = len(stats.class_names)
    layers = []
    for layer in stats.layers:
        filters = layer.filter_count
        rows = lambda flat: [flat[c * filters:(c + 1) * filters] for c in range(classes)]  # noqa: E731
        normalized = layer.class_means_normalized or normalized_class_means(stats, layer).ravel().tolist()
        layers.append({
            "module": layer.module,
            "layer_type": layer.layer_type,
            "filter_count": filters,
            "hooked": layer.hooked,
            "weight_shape": list(layer.weight_shape),
            "group": layer.group,
            "class_means": rows(_finite_list(layer.class_means)),
            "class_means_normalized": rows(_finite_list(normalized)),
            "metrics": {key: _finite_list(getattr(layer, key)) for key, _, _ in METRICS},
        })
    return {**step_fields_json(stats), "layers": layers}


def step_fields_json(stats: pb.FilterStats) -> dict:
    """The fields of a filter-statistics step other than its layers, as ``GET filter_stats`` and ``GET filter_summary`` answer them."""
    return {
        "graph_tag": stats.graph_tag,
        "class_names": list(stats.class_names),
        "class_counts": list(stats.class_counts),
        "example_count": stats.example_count,
        "parameter_count": stats.parameter_count,
        "macs": stats.macs,
        "world_size": stats.world_size,
        "metrics": [{"key": k, "label": label, "weak": weak} for k, label, weak in METRICS],
        "groups": [
            {
                "modules": list(g.modules),
                "channel_count": g.channel_count,
                "parameters_per_channel": g.parameters_per_channel,
                "macs_per_channel": g.macs_per_channel,
                "prunable": g.prunable,
                "reason": g.reason,
            }
            for g in stats.groups
        ],
        "fixed_parameters": stats.fixed_parameters,
        "cost_terms": [cost_term_to_json(t) for t in stats.cost_terms],
    }


def cost_term_to_json(term: pb.CostTerm) -> dict:
    shares = lambda side: [{"group": s.group, "count": s.count} for s in getattr(term, side)]  # noqa: E731
    return {
        "module": term.module,
        "out_fixed": term.out_fixed,
        "in_fixed": term.in_fixed,
        "out": shares("out"),
        "in": shares("in"),
        **{key: _finite(getattr(term, key)) for key in (
            "params_per_pair", "params_per_out", "params_per_in", "macs_per_pair", "macs_per_out",
        )},
    }


def weight_graph_to_json(stats: pb.WeightGraphStats) -> dict:
    """One weight-graph step as ``GET weight_graph`` lists it (without step and wall time)."""
    return {
        "node_count": stats.node_count,
        "edge_count": stats.edge_count,
        "seconds": _finite(stats.seconds),
        "layers": [
            {
                "module": layer.module,
                "layer_type": layer.layer_type,
                "node_count": layer.node_count,
                "properties": {
                    p.name: {
                        "mean": _finite(p.mean),
                        "std": _finite(p.std),
                        "quantiles": _finite_list(p.quantiles),
                        "top": [[int(i), v] for i, v in zip(p.top_indices, _finite_list(p.top_values))],
                        "values": _finite_list(p.values),
                    }
                    for p in layer.properties
                },
            }
            for layer in stats.layers
        ],
    }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _finite_list(values) -> list:
    """``values`` as a list, NaN and infinities as ``None``.

    >>> _finite_list([1.0, float("nan"), float("-inf")])
    [1.0, None, None]
    """
    out = list(values)
    # One C-speed sum finds the rare list that holds a non-finite value (NaN and
    # infinities propagate; a finite overflow only costs the slow path).
    if math.isfinite(sum(out)):
        return out
    return [v if math.isfinite(v) else None for v in out]
