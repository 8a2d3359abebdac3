"""The compact forms of one filter-statistics step that the pruning overlay reads.

The overlay needs its data in two sizes (``docs/http_api.md``):

- :func:`summary_json`, for ``GET filter_summary``: what colours the graph and
  previews a plan. Per layer its filter count, per-filter metrics, each
  metric's layer mean and weak-filter count; the model-wide quantiles of each
  metric; the pruning groups and the cost model. No class means, so its size
  does not grow with the class count.
- :func:`layer_payload`, for ``GET filter_layer``: rows of one layer's
  normalised class means ``a[c, f]``, with the class pairs the layer separates
  best and worst. A first answer carries the rows of those pairs' classes
  (what the panel draws first: 32 rows of 2,048 filters are 256 kB where all
  1,000 classes are 8 MB); the panel asks for other classes' rows when the
  user picks them.

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
from tb_plugin.ir import shown
from tb_plugin.proto import graphfold_pb2 as pb

__all__ = [
    "APOZ_WEAK_PERCENT",
    "ENCODING",
    "LAYER_PAYLOAD_VERSION",
    "PAIR_COUNT",
    "QUANTILES",
    "WEAK_FRACTION",
    "class_means_of",
    "decode_layer_payload",
    "find_layer",
    "layer_pairs",
    "layer_payload",
    "normalized_class_means",
    "normalized_rows",
    "pair_classes",
    "parse_classes",
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
# The layout of GET filter_layer's body: 2 since its rows are those of the classes it lists (issue 14), not all.
LAYER_PAYLOAD_VERSION = 2
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
    return normalized_rows(stats, layer, np.arange(len(stats.class_names)))


def normalized_rows(stats: pb.FilterStats, layer: pb.LayerFilterStats, classes) -> np.ndarray:
    """Rows ``classes`` of :func:`normalized_class_means`, without normalising the other rows.

    >>> s = pb.FilterStats(class_names=["a", "b", "c"], class_counts=[1, 1, 0])
    >>> l = pb.LayerFilterStats(filter_count=2, class_means=[1, 3, 2, 5, 0, 0])
    >>> normalized_rows(s, l, [2, 1]).tolist()
    [[0.0, 0.0], [0.25, 1.0]]
    """
    rows = np.asarray(classes, dtype=np.int64)
    if len(layer.class_means_normalized):
        logged = np.asarray(layer.class_means_normalized, dtype=np.float32)
        return logged.reshape(len(stats.class_names), layer.filter_count)[rows]
    means = class_means_of(stats, layer)
    seen = _seen(stats)
    out = np.zeros((rows.size, means.shape[1]), dtype=np.float32)
    if seen.any() and means.size:
        kept = means if seen.all() else means[seen]
        low, high = float(np.min(kept)), float(np.max(kept))
        if high > low:
            # float32 throughout: a 1,000 × 2,048 layer is normalised in milliseconds
            np.multiply(np.subtract(means[rows], np.float32(low), out=out), np.float32(1.0 / (high - low)), out=out)
            out[~seen[rows]] = 0.0
    return out


def _seen(stats: pb.FilterStats) -> np.ndarray:
    """Per class, whether it has examples (every class when the step counts none)."""
    if not len(stats.class_counts):
        return np.ones(len(stats.class_names), bool)
    return np.asarray(stats.class_counts, dtype=np.float64) > 0


# Classes ranked in one Gram matrix (64 MB of float32); above, in blocks of this many rows.
_PAIR_BLOCK = 4096
# Candidates kept per side and block for the exact re-ranking: this many times the pairs asked for.
_CANDIDATES = 4


def ranked_pairs(a: np.ndarray, count: int = PAIR_COUNT, rows: np.ndarray | None = None) -> dict:
    """The ``count`` class pairs (r < c) that ``a`` (C × F) separates best and worst.

    A pair's separation is the root mean square over filters of
    ``a[r, f] − a[c, f]``. Only classes in ``rows`` (default: all) take part:
    the caller leaves out classes without examples, whose rows say nothing.
    Squared distances of every pair come from one float32 Gram matrix (numpy
    computes ``x @ x.T`` as a symmetric product: 1,000 classes of 2,048
    filters cost 2 GFLOP), or from blocks of ``_PAIR_BLOCK`` rows over the
    upper triangle beyond that, so memory stays bounded at any class count;
    the ``_CANDIDATES × count`` most extreme of each side (:func:`_extreme_entries`) are then scored
    exactly in float64, which orders them (ties by class) and gives the scores.

    >>> ranked_pairs(np.array([[0.0, 0.0], [1.0, 1.0], [0.1, 0.0]], np.float32), 1)["best"]
    [[0, 1, 1.0]]
    """
    index = np.arange(a.shape[0]) if rows is None else np.flatnonzero(rows)
    n = index.size
    if n < 2 or a.shape[1] == 0:
        return {"best": [], "worst": []}
    given = np.nan_to_num(a[index].astype(np.float32, copy=False), copy=False)
    # Distances do not change under a shift; centred rows have smaller norms, so less cancellation below.
    x = given - given.mean(axis=0, dtype=np.float64).astype(np.float32)
    sq = np.einsum("cf,cf->c", x, x)
    keep = _CANDIDATES * count
    found = {"best": [], "worst": []}
    for start in range(0, n - 1, _PAIR_BLOCK):
        stop = min(n, start + _PAIR_BLOCK)
        d2 = x @ x.T if stop - start == n else x[start:stop] @ x[start:].T
        d2 *= -2.0
        d2 += sq[start:stop, None]
        d2 += sq[None, start:]
        lower = np.arange(start, n)[None, :] <= np.arange(start, stop)[:, None]
        valid = d2.size - int(np.count_nonzero(lower))
        for side, fill in (("best", -np.inf), ("worst", np.inf)):
            d2[lower] = fill
            pick = _extreme_entries(d2, min(keep, valid), largest=side == "best")
            r, c = np.divmod(pick, n - start)
            found[side].append(np.stack([r + start, c + start], axis=1))
    out = {}
    for side, sign in (("best", -1.0), ("worst", 1.0)):
        pairs = np.unique(np.concatenate(found[side]), axis=0)
        diff = given[pairs[:, 0]].astype(np.float64) - given[pairs[:, 1]]
        scores = np.sqrt(np.einsum("pf,pf->p", diff, diff) / x.shape[1])
        order = np.lexsort((pairs[:, 1], pairs[:, 0], sign * scores))[:count]
        out[side] = [[int(index[pairs[i, 0]]), int(index[pairs[i, 1]]), round(float(scores[i]), 6)] for i in order]
    return out


def _extreme_entries(d2: np.ndarray, k: int, *, largest: bool) -> np.ndarray:
    """Flat indices of the ``k`` largest (or smallest) entries of ``d2``, and of a few more where values tie.

    The ``k`` most extreme row extremes are ``k`` entries, so the k-th of them
    bounds the k-th most extreme entry: two passes over ``d2`` find every
    entry at or beyond it, where partitioning all of ``d2`` costs twice that.
    A matrix of fewer rows than ``k``, or ties past ``8 × k`` entries, is partitioned.

    >>> sorted(_extreme_entries(np.array([[5.0, 1.0], [4.0, 3.0], [2.0, 0.0]]), 2, largest=True).tolist())
    [0, 2]
    """
    flat = d2.ravel()
    extremes = d2.max(axis=1) if largest else d2.min(axis=1)
    if extremes.size >= k:
        bound = np.partition(extremes, extremes.size - k)[extremes.size - k] if largest else np.partition(extremes, k - 1)[k - 1]
        if np.isfinite(bound):
            pick = np.flatnonzero(flat >= bound if largest else flat <= bound)
            if pick.size <= 8 * k:
                return pick
    return np.argpartition(-flat if largest else flat, k - 1)[:k]


def layer_pairs(stats: pb.FilterStats, layer: pb.LayerFilterStats) -> dict:
    """:func:`ranked_pairs` of ``layer``'s normalised class means, among the classes with examples."""
    seen = np.flatnonzero(_seen(stats))
    ranked = ranked_pairs(normalized_rows(stats, layer, seen))
    return {side: [[int(seen[r]), int(seen[c]), score] for r, c, score in pairs] for side, pairs in ranked.items()}


def pair_classes(pairs: dict) -> list[int]:
    """The classes of ``pairs``' best pairs, then of its worst, once each: the rows a first answer carries.

    The tab's default matrix (``class_pairs.ts`` ``defaultClasses``) is these, in this order.

    >>> pair_classes({"best": [[0, 5, 0.9]], "worst": [[2, 3, 0.01], [0, 3, 0.02]]})
    [0, 5, 2, 3]
    """
    out: list[int] = []
    for r, c, _ in [*pairs["best"], *pairs["worst"]]:
        out.extend(cls for cls in (r, c) if cls not in out)
    return out


def parse_classes(text: str, class_count: int) -> list[int]:
    """The class indices of a ``classes`` argument: ``all``, or indices separated by commas; sorted, once each.

    Raises :class:`ValueError` naming what is wrong.

    >>> parse_classes("7,2,7", 10), parse_classes("all", 3)
    ([2, 7], [0, 1, 2])
    """
    if text.strip() == "all":
        return list(range(class_count))
    out = set()
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or not part.isascii():
            raise ValueError(f"classes must be 'all' or class indices separated by commas, got {shown(part)}")
        if int(part) >= class_count:
            raise ValueError(f"class {part} is out of range: the step has {class_count} classes (0 to {class_count - 1})")
        out.add(int(part))
    return sorted(out)


def find_layer(stats: pb.FilterStats, module: str) -> pb.LayerFilterStats:
    """The layer of ``stats`` named ``module``; a :class:`KeyError` naming the layers when there is none."""
    layer = next((layer for layer in stats.layers if layer.module == module), None)
    if layer is None:
        known = ", ".join(layer.module for layer in stats.layers[:12]) + (" …" if len(stats.layers) > 12 else "")
        raise KeyError(f"the filter statistics hold no layer {module!r}; layers: {known}")
    return layer


def layer_payload(stats: pb.FilterStats, module: str, classes: list[int] | None = None, *, pairs: dict | None = None) -> bytes:
    """``GET filter_layer``'s body: a uint32 header length, the JSON header, padding to 4 bytes, float32 data.

    The header names each array's ``offset`` (bytes from the data's start) and
    ``shape``; the one array is ``class_means_normalized``, the rows of
    ``classes`` (default: those of the layer's best and worst pairs,
    :func:`pair_classes`) in the order the header's ``classes`` lists them.
    ``pairs`` is :func:`layer_pairs`, when the caller keeps it. Raises
    :class:`KeyError` naming the layers when ``module`` is not one.
    """
    layer = find_layer(stats, module)
    if pairs is None:
        pairs = layer_pairs(stats, layer)
    rows = sorted(pair_classes(pairs)) if classes is None else classes
    a = normalized_rows(stats, layer, rows)
    header = {
        "schema_version": metadata.SCHEMA_VERSION,
        "payload_version": LAYER_PAYLOAD_VERSION,
        "encoding": ENCODING,
        "module": layer.module,
        "class_count": len(stats.class_names),
        "filter_count": layer.filter_count,
        "classes": rows,
        "arrays": [{"name": "class_means_normalized", "offset": 0, "shape": [len(rows), layer.filter_count]}],
        "pairs": pairs,
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
