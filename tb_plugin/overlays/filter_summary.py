"""The compact forms of one filter-statistics step that the pruning overlay reads.

The overlay needs its data in two sizes (``docs/http_api.md``):

- :func:`summary_json`, for ``GET filter_summary``: what colours the graph and
  previews a plan. Per layer its filter count, per-filter metrics, each
  metric's layer mean and weak-filter count; the model-wide quantiles of each
  metric; the pruning groups and the cost model. No class means, so its size
  does not grow with the class count.
- :func:`layer_payload`, for ``GET filter_layer``: one layer's normalised class
  means ``a[c, f]`` (C × F), what the layer panel draws, with the class pairs
  the layer separates best and worst.

Numbers travel as little-endian float32 (base64 in the summary's JSON, raw
bytes after a JSON header in the layer payload); ``encoding`` says so, and
``schema_version`` is the logged data's. NaN stays NaN in float32 (the JSON
routes turn it into ``null``). Imports numpy only (no torch, no scipy).
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np

from tb_plugin import metadata
from tb_plugin.proto import graphfold_pb2 as pb

__all__ = [
    "APOZ_WEAK_PERCENT",
    "ENCODING",
    "PAIR_COUNT",
    "QUANTILES",
    "WEAK_FRACTION",
    "class_means_of",
    "decode_layer_payload",
    "layer_payload",
    "normalized_class_means",
    "ranked_pairs",
    "summary_json",
]

ENCODING = "float32-le"
# Model-wide quantiles of each metric, as the summary lists them.
QUANTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
# The weak-filter rule of the tab (frontend/src/overlay/filter_metrics.ts): APoZ at or
# above this percent, any other metric in the weakest WEAK_FRACTION of the model's filters.
APOZ_WEAK_PERCENT = 90.0
WEAK_FRACTION = 0.1
# Best- and worst-separated class pairs listed per layer.
PAIR_COUNT = 8
_METRIC_KEYS = ("discriminability", "apoz", "activation_l1", "weight_l1")
_WEAK_DIRECTION = {"discriminability": "low", "apoz": "high", "activation_l1": "low", "weight_l1": "low"}


def _b64(values: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f4").tobytes()).decode("ascii")


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def nearest_rank(values: np.ndarray, q: float) -> float:
    """The nearest-rank quantile ``q`` of the finite ``values`` (the tab's ``quantile``), NaN when none.

    >>> nearest_rank(np.array([3.0, 1.0, 2.0, np.nan]), 0.5)
    2.0
    """
    finite = np.sort(values[np.isfinite(values)])
    if not finite.size:
        return math.nan
    rank = max(1, math.ceil(q * finite.size))
    return float(finite[min(finite.size, rank) - 1])


def weak_thresholds(stats: pb.FilterStats) -> dict[str, float]:
    """Per metric, the value at or beyond which a filter is weak (the tab's ``weakRules``)."""
    out = {}
    for key in _METRIC_KEYS:
        if key == "apoz":
            out[key] = APOZ_WEAK_PERCENT
            continue
        values = np.concatenate([np.asarray(getattr(layer, key), dtype=np.float32) for layer in stats.layers] or [np.zeros(0)])
        q = WEAK_FRACTION if _WEAK_DIRECTION[key] == "low" else 1 - WEAK_FRACTION
        out[key] = nearest_rank(values.astype(np.float64), q)
    return out


def summary_json(stats: pb.FilterStats) -> dict:
    """What ``GET filter_summary`` answers of one decoded step (minus run, tag, step, wall time)."""
    from tb_plugin.overlay_wire import step_fields_json

    thresholds = weak_thresholds(stats)
    layers = []
    for layer in stats.layers:
        metrics, means, weak = {}, {}, {}
        for key in _METRIC_KEYS:
            values = np.asarray(getattr(layer, key), dtype=np.float32)
            finite = values[np.isfinite(values)]
            metrics[key] = _b64(values)
            means[key] = _finite(float(finite.astype(np.float64).mean())) if finite.size else None
            low = _WEAK_DIRECTION[key] == "low"
            weak[key] = int(np.count_nonzero(finite <= thresholds[key] if low else finite >= thresholds[key]))
        layers.append({
            "module": layer.module,
            "layer_type": layer.layer_type,
            "filter_count": layer.filter_count,
            "hooked": layer.hooked,
            "weight_shape": list(layer.weight_shape),
            "group": layer.group,
            "metrics": metrics,
            "means": means,
            "weak_counts": weak,
        })
    quantiles = {}
    for key in _METRIC_KEYS:
        values = np.concatenate([np.asarray(getattr(layer, key), dtype=np.float64) for layer in stats.layers] or [np.zeros(0)])
        quantiles[key] = [_finite(nearest_rank(values, q)) for q in QUANTILES]
    return {
        "schema_version": metadata.SCHEMA_VERSION,
        "encoding": ENCODING,
        **step_fields_json(stats),
        "quantile_levels": list(QUANTILES),
        "quantiles": quantiles,
        "weak_thresholds": {k: _finite(v) for k, v in thresholds.items()},
        "layers": layers,
    }


def class_means_of(stats: pb.FilterStats, layer: pb.LayerFilterStats) -> np.ndarray:
    """``class_means`` of ``layer`` as a C × F float32 array."""
    return np.asarray(layer.class_means, dtype=np.float32).reshape(len(stats.class_names), layer.filter_count)


def normalized_class_means(stats: pb.FilterStats, layer: pb.LayerFilterStats) -> np.ndarray:
    """``a[c, f]``: the logged ``class_means_normalized``, or, for steps that leave it out, derived.

    Derived as the writer derives it (:func:`tb_plugin.overlays.filter_stats.min_max`):
    min-max over the rows of classes with examples; rows of unseen classes are 0.

    >>> s = pb.FilterStats(class_names=["a", "b", "c"], class_counts=[1, 1, 0])
    >>> l = pb.LayerFilterStats(filter_count=2, class_means=[1, 3, 2, 5, 0, 0])
    >>> normalized_class_means(s, l).tolist()
    [[0.0, 0.5], [0.25, 1.0], [0.0, 0.0]]
    """
    classes = len(stats.class_names)
    if len(layer.class_means_normalized):
        return np.asarray(layer.class_means_normalized, dtype=np.float32).reshape(classes, layer.filter_count)
    means = class_means_of(stats, layer)
    seen = np.asarray(stats.class_counts, dtype=np.float64) > 0 if len(stats.class_counts) else np.ones(classes, bool)
    out = np.zeros_like(means)
    if seen.any() and means.size:
        low, high = float(np.min(means[seen])), float(np.max(means[seen]))
        if high > low:
            # float32 throughout: a 1,000 × 2,048 layer is served in tens of milliseconds
            np.multiply(np.subtract(means, np.float32(low), out=out), np.float32(1.0 / (high - low)), out=out)
            out[~seen] = 0.0
    return out


def ranked_pairs(a: np.ndarray, count: int = PAIR_COUNT, rows: np.ndarray | None = None) -> dict:
    """The ``count`` class pairs (r < c) that ``a`` (C × F) separates best and worst.

    A pair's separation is the root mean square over filters of
    ``a[r, f] − a[c, f]`` (from one C × C Gram matrix, so 1,000 classes cost one
    matrix product). Only classes in ``rows`` (default: all) take part: the
    caller leaves out classes without examples, whose rows say nothing.

    >>> ranked_pairs(np.array([[0.0, 0.0], [1.0, 1.0], [0.1, 0.0]], np.float32), 1)["best"]
    [[0, 1, 1.0]]
    """
    index = np.arange(a.shape[0]) if rows is None else np.flatnonzero(rows)
    if index.size < 2 or a.shape[1] == 0:
        return {"best": [], "worst": []}
    x = np.nan_to_num(a[index].astype(np.float32))
    sq = np.einsum("cf,cf->c", x, x, dtype=np.float64)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2.0 * (x @ x.T).astype(np.float64), 0.0) / x.shape[1]
    upper_r, upper_c = np.triu_indices(index.size, k=1)
    scores = np.sqrt(d2[upper_r, upper_c])
    k = min(count, scores.size)
    pick = lambda picks: [[int(index[upper_r[i]]), int(index[upper_c[i]]), round(float(scores[i]), 6)] for i in picks]  # noqa: E731
    return {"best": pick(_extreme(-scores, k)), "worst": pick(_extreme(scores, k))}


def _extreme(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` smallest ``values``, smallest first (argpartition, then a sort of the k by value and index).

    >>> _extreme(np.array([3.0, 1.0, 2.0, 1.0]), 2).tolist()
    [1, 3]
    """
    if k >= values.size:
        return np.argsort(values, kind="stable")
    part = np.argpartition(values, k - 1)[:k]
    return part[np.lexsort((part, values[part]))]


def layer_payload(stats: pb.FilterStats, module: str) -> bytes:
    """``GET filter_layer``'s body: a uint32 header length, the JSON header, padding to 4 bytes, float32 data.

    The header names each array's ``offset`` (bytes from the data's start) and
    ``shape``; the one array is ``class_means_normalized`` (C × F, row-major).
    Raises :class:`KeyError` naming the layers when ``module`` is not one.
    """
    layer = next((layer for layer in stats.layers if layer.module == module), None)
    if layer is None:
        known = ", ".join(layer.module for layer in stats.layers[:12]) + (" …" if len(stats.layers) > 12 else "")
        raise KeyError(f"the filter statistics hold no layer {module!r}; layers: {known}")
    a = normalized_class_means(stats, layer)
    seen = np.asarray(stats.class_counts) > 0 if len(stats.class_counts) else None
    header = {
        "schema_version": metadata.SCHEMA_VERSION,
        "encoding": ENCODING,
        "module": layer.module,
        "class_count": a.shape[0],
        "filter_count": a.shape[1],
        "arrays": [{"name": "class_means_normalized", "offset": 0, "shape": list(a.shape)}],
        "pairs": ranked_pairs(a, rows=seen),
        "pair_measure": "root mean square over filters of a[r, f] - a[c, f], classes with examples only",
    }
    text = json.dumps(header, allow_nan=False, separators=(",", ":")).encode("utf-8")
    text += b" " * (-(len(text) + 4) % 4)
    return len(text).to_bytes(4, "little") + text + np.ascontiguousarray(a, dtype="<f4").tobytes()


def decode_layer_payload(body: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """``(header, {name: array})`` of a :func:`layer_payload` body: what the tab does, for tests and scripts."""
    size = int.from_bytes(body[:4], "little")
    header = json.loads(body[4:4 + size])
    data = memoryview(body)[4 + size:]
    arrays = {}
    for entry in header["arrays"]:
        count = int(np.prod(entry["shape"]))
        arrays[entry["name"]] = np.frombuffer(data, dtype="<f4", count=count, offset=entry["offset"]).reshape(entry["shape"])
    return header, arrays
