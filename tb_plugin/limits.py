"""Every limit on what GraphFold decodes, in one place, and the two helpers that apply them.

GraphFold decodes logged data inside the user's TensorBoard process, which a
team may share, so nothing it reads may make it allocate or compute without
bound. Each reader (:mod:`tb_plugin.serialize`, :mod:`tb_plugin.capture.graphdef`,
:mod:`tb_plugin.capture.onnx_model`, the overlay decoders) checks its input
against these limits and raises its own typed error when one is exceeded; the
message names the limit so that a user with a genuinely larger model knows
what to raise.

The limits are chosen from the largest real models GraphFold was measured on
(``bench/held_out_models.py``; 80-layer Llama, i.e. Llama-2/3 70B depth, and
RWKV are the largest), each with at least ten times headroom:

==================  ==============  ===========================================
limit               value           largest measured (model, capture path)
==================  ==============  ===========================================
MAX_NODES           200,000         15,771 (RWKV, add_graph); 12,202 (Llama 80)
MAX_EDGES           800,000         40,990 (RWKV, add_graph); 26,002 (Llama 80)
MAX_MODULES         100,000         1,045 (Llama 80)
MAX_NAME_LENGTH     4,096           241 characters (SD UNet, add_graph)
MAX_PATH_LENGTH     1,024           62 characters (SD UNet)
MAX_PATH_DEPTH      128             10 segments (SD UNet)
MAX_OUTPUTS         4,096           64 outputs of one node (RWKV, log_graph)
MAX_RANK            64              5 dimensions
MAX_TENSORS         1,000,000       15,771 node outputs (RWKV, add_graph)
MAX_PARAMETERS      10**15          7 * 10**10 parameters (Llama 70B)
MAX_BLOB_BYTES      64 MiB          4.7 MB uncompressed (RWKV, add_graph)
MAX_HEADER_BYTES    64 KiB          under 100 bytes
MAX_LAYERS          16,384          561 conv/linear layers (Llama 80)
MAX_CLASSES         100,000         21,841 (ImageNet-21k)
MAX_FILTERS         1,048,576       128,256 output features (Llama 3 lm_head)
MAX_OVERLAY_VALUES  4,194,304       650,000 (ResNet-50, 10 classes); JSON-bound
MAX_OVERLAY_FIELDS  1,048,576       ~10,000 fields (Llama 80 weight graph, 18 per layer)
==================  ==============  ===========================================

Filter statistics hold classes x filters class means, served in slices (one
layer per request), so they have limits of their own: MAX_FILTER_STATS_BYTES
(1 GiB; 110 MB uncompressed for ResNet-50 at 1,000 classes) and
MAX_FILTER_STATS_VALUES (2**28; 27.6 million for ResNet-50 at 1,000 classes).

>>> check(10, MAX_NODES, "nodes", ValueError)
>>> check(MAX_NODES + 1, MAX_NODES, "nodes", ValueError)
Traceback (most recent call last):
...
ValueError: 200001 nodes exceed the limit of 200000 (tb_plugin.limits)
>>> import zlib
>>> inflate(zlib.compress(b"abc"), 3, what="graph blob", error=ValueError)
b'abc'
"""

from __future__ import annotations

import zlib

__all__ = [
    "MAX_BLOB_BYTES",
    "MAX_CLASSES",
    "MAX_EDGES",
    "MAX_FILTER_STATS_BYTES",
    "MAX_FILTER_STATS_VALUES",
    "MAX_FILTERS",
    "MAX_HEADER_BYTES",
    "MAX_LAYERS",
    "MAX_MODULES",
    "MAX_NAME_LENGTH",
    "MAX_NODES",
    "MAX_OUTPUTS",
    "MAX_OVERLAY_FIELDS",
    "MAX_OVERLAY_VALUES",
    "MAX_PARAMETERS",
    "MAX_PATH_DEPTH",
    "MAX_PATH_LENGTH",
    "MAX_RANK",
    "MAX_TENSORS",
    "check",
    "inflate",
]

MAX_NODES = 200_000
"""Nodes of one graph (including the placeholders a reader adds for missing producers)."""
MAX_EDGES = 800_000
"""Data edges of one graph (inputs summed over its nodes)."""
MAX_MODULES = 100_000
"""Modules of one graph, the root and every ancestor a path implies included."""
MAX_NAME_LENGTH = 4_096
"""Characters of a node name, op name, class name or graph name."""
MAX_PATH_LENGTH = 1_024
"""Characters of a module path. Shorter than names: every prefix of a path is a module too."""
MAX_PATH_DEPTH = 128
"""Segments of a module path (``"a.b.c"`` has 3)."""
MAX_OUTPUTS = 4_096
"""Outputs of one node, and so the highest output index an input may read plus one."""
MAX_RANK = 64
"""Dimensions of one tensor type."""
MAX_TENSORS = 1_000_000
"""Outputs of one graph, summed over its nodes: bounds what padding outputs to the indices read costs."""
MAX_PARAMETERS = 10**15
"""Elements counted for one node, and parameters of one graph: below 2**53, so exact in JSON and JavaScript."""
MAX_BLOB_BYTES = 64 * 1024 * 1024
"""Bytes of one decoded (decompressed) blob: a graph, a GraphDef, an overlay step."""
MAX_HEADER_BYTES = 64 * 1024
"""Bytes of one header blob, which listings decode for every step and so must stay small."""
MAX_LAYERS = 16_384
"""Layers of one overlay step (filter statistics or weight graph)."""
MAX_CLASSES = 100_000
"""Class names of one filter-statistics step."""
MAX_FILTERS = 1_048_576
"""Filters (output channels, units) of one layer of an overlay step."""
MAX_OVERLAY_VALUES = 4 * 1024 * 1024
"""Numbers one overlay response answers (one filter-stats step; all steps of a weight-graph series):
classes x filters for class means, per-channel values. Bound by JSON encoding, which holds the
interpreter lock: 14 million values took 25 s and 760 MiB to encode on 2 shared cores."""
MAX_FILTER_STATS_BYTES = 1024 * 1024 * 1024
"""Bytes of one decoded filter-statistics blob: its class means grow with classes x filters, and
GET filter_summary / GET filter_layer serve it in slices, so it may exceed MAX_BLOB_BYTES."""
MAX_FILTER_STATS_VALUES = 2**28
"""Numbers of one filter-statistics step (class means and per-filter metrics), decoded once per step."""
MAX_OVERLAY_FIELDS = 2**20
"""Protobuf fields of one overlay step, nested ones included, counted before parsing: a parser
allocates ~140 bytes per (even empty) message, so 64 MiB of empty fields would cost gigabytes."""

_CHUNK = 64 * 1024


def check(count: int, limit: int, what: str, error: type[Exception]) -> None:
    """Raise ``error`` if ``count`` exceeds ``limit``; ``what`` names the counted thing, plural."""
    if count > limit:
        raise error(f"{count} {what} exceed the limit of {limit} (tb_plugin.limits)")


def inflate(blob: bytes, max_size: int, *, what: str, error: type[Exception]) -> bytes:
    """Decompress zlib ``blob`` without ever holding more than ``max_size`` bytes of output.

    Pass the size the blob's header states (capped by :data:`MAX_BLOB_BYTES`) as
    ``max_size``: a zlib bomb is refused after at most ``max_size`` bytes, not
    inflated in full. Raises ``error`` naming ``what`` when the data is not zlib,
    is truncated, or inflates beyond ``max_size``.

    >>> inflate(zlib.compress(b"x" * 100), 10, what="graph blob", error=ValueError)
    Traceback (most recent call last):
    ...
    ValueError: graph blob inflates to more than 10 bytes; the log is corrupt or hostile (tb_plugin.limits)
    """
    inflater = zlib.decompressobj()
    out = bytearray()
    view = memoryview(blob)
    try:
        for start in range(0, max(len(view), 1), _CHUNK):
            # max_length bounds each call's output, so a bomb never inflates past the cap.
            out += inflater.decompress(view[start:start + _CHUNK], max_size + 1 - len(out))
            while inflater.unconsumed_tail and len(out) <= max_size:
                out += inflater.decompress(inflater.unconsumed_tail, max_size + 1 - len(out))
            if len(out) > max_size:
                break
        if len(out) <= max_size and not inflater.eof:
            out += inflater.flush()
    except zlib.error as e:
        raise error(f"{what} is not valid zlib data ({e}); the log is corrupt") from None
    if len(out) > max_size:
        raise error(f"{what} inflates to more than {max_size} bytes; the log is corrupt or hostile (tb_plugin.limits)")
    if not inflater.eof:
        raise error(f"{what} is truncated zlib data; the log is corrupt")
    return bytes(out)
