"""Per-filter activation statistics of conv and linear layers on a labelled dataset.

For every filter (output channel of a convolution, unit of a linear layer) of
the selected layers, over the examples of a dataloader:

- the per-example activation scalar is the spatial mean of the filter's
  measured map (the layer's output after its nonlinearity, see
  :mod:`tb_plugin.overlays.measure_points`); ``class_means[c, f]`` is its mean
  over the examples of true class ``c``, and ``class_means_normalized`` the same
  min-max normalised over the whole layer (NetPrune's ``a[c, f]``);
- ``discriminability``: the mean, over pairs of classes, of the L2 distance
  between the two class-averaged activation maps of the filter;
- ``apoz``: the percentage of activations (all positions of all examples) ≤ 1e-4;
- ``activation_l1``: the mean over examples of the L1 norm of the filter's map;
- ``weight_l1``: the L1 norm of the filter's weights.

Everything is accumulated as running sums (one pass, nothing per example is
kept). Under ``torch.distributed`` the sums are all-reduced before the
statistics are derived, so shards of a dataset give the single-process result.
The logged form and its JSON are :mod:`tb_plugin.overlay_wire`'s.

Memory is bounded whatever the class count: per layer, the sums hold
``C × F`` scalars and ``C × F × P`` class-averaged maps, and the maps of all
layers together hold at most :data:`MAX_MAP_ELEMENTS` float64 values (each
layer gets an equal share; a layer whose maps would not fit is
average-pooled to a coarser grid, down to one position, where its maps are
its scalars and are not kept twice). Each batch is added into the sums
directly (``index_put_`` with ``accumulate``), so a batch costs its own size, not ``C × …``.
The discriminability is computed from one Gram matrix per chunk of filters
(``‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b``), not a loop over the ``C(C − 1)/2`` pairs.
Only ``class_means`` is logged; ``class_means_normalized`` is derived from it
when read (:mod:`tb_plugin.overlays.filter_summary`).
"""

from __future__ import annotations

import numpy as np

from tb_plugin import metadata
from tb_plugin.proto import graphfold_pb2

__all__ = ["FilterStatsError", "collect_filter_stats"]

ZERO_THRESHOLD = 1e-4
# Class-averaged maps kept over all layers (classes × filters × positions, float64:
# 1 GiB) before a layer's maps are average-pooled to a coarser grid for the discriminability.
MAX_MAP_ELEMENTS = 2**27
# Elements of the C × C Gram matrices computed at once for the discriminability.
_GRAM_CHUNK = 2**24
# Class pairs up to which the discriminability is exact (100 seen classes). Above, it is the mean over a
# seeded uniform sample of this many pairs: the exact mean costs C² (ResNet-50 at 1,000 seen classes:
# minutes), and 4,950 pairs put its standard error near 1% for a spread of distances like ResNet-50's.
MAX_EXACT_PAIRS = 4950
PAIR_SAMPLE_SEED = 14
# Elements of the pair differences computed at once for the sampled discriminability.
_PAIR_CHUNK = 2**22


class FilterStatsError(ValueError):
    """Statistics cannot be computed as asked; the message names the problem."""


class LayerAccumulator:
    """Running sums for one layer; ``add`` takes a batch of measured maps."""

    def __init__(self, layer: str, num_classes: int, map_budget: int = MAX_MAP_ELEMENTS) -> None:
        self.layer = layer
        self.num_classes = num_classes
        self.map_budget = map_budget
        self.pooled_to: tuple[int, ...] | None = None
        # Maps of one position are the scalars: the discriminability reads "scalar" then.
        self.maps_are_scalars = False
        # Set from the measure point: the measured tensor is a ReLU's (or sigmoid's...) output.
        self.nonnegative = False
        self._sums: dict | None = None

    def add(self, activations, labels) -> None:
        """``activations``: ``[N, F, *positions]``; ``labels``: ``[N]`` class indices."""
        import torch

        # Sums within a batch in the activations' precision, across batches in float64.
        x = activations.detach()
        if not x.is_floating_point():
            x = x.float()
        if x.dim() == 2:  # one value per filter: a map of one position
            x = x.unsqueeze(2)
        if self._sums is None:
            self._start(x)
        flat = x.flatten(2)
        s = self._sums
        f64 = torch.float64
        s["count"] += torch.bincount(labels, minlength=self.num_classes).to(f64)
        # One pass over the maps per statistic: where no value is negative, the L1 norms are the sums.
        if self.nonnegative:
            sums = flat.sum(dim=2)
            means, l1 = sums / flat.shape[2], sums.sum(0)
        else:
            means, l1 = flat.mean(dim=2), torch.linalg.vector_norm(flat, 1, dim=2).sum(0)
        # index_put_(accumulate=True) adds rows of repeated labels too; index_add_ along dim 0 took
        # ~1,000× longer on CPU (0.25 s for an 8-example batch into a 100 × 256 × 81 sum).
        s["scalar"].index_put_((labels,), means.to(f64), accumulate=True)
        if not self.maps_are_scalars:
            if self.pooled_to is not None:
                maps = torch.nn.functional.adaptive_avg_pool2d(_as_2d_maps(x), self.pooled_to).flatten(2)
            else:
                maps = flat
            s["map"].index_put_((labels,), maps.to(f64), accumulate=True)
        # Reduced along the contiguous positions first: summing a bool tensor over (0, 2) took 3x longer,
        # and more than the layer's convolution (ResNet-50 at 1,000 classes).
        s["zeros"] += torch.sum(flat <= ZERO_THRESHOLD, dim=2, dtype=torch.int32).sum(0).to(f64)
        s["l1"] += l1.to(f64)
        s["positions"] = flat.shape[2]

    def _start(self, x) -> None:
        import torch

        filters, positions = x.shape[1], int(np.prod(x.shape[2:], dtype=np.int64))
        map_shape = positions
        if self.num_classes * filters * positions > self.map_budget and x.dim() >= 3:
            side = max(1, int((self.map_budget / (max(self.num_classes, 1) * filters)) ** 0.5))
            self.pooled_to = (side, side) if x.dim() == 4 else (1, side * side)
            map_shape = int(np.prod(self.pooled_to))
        self.maps_are_scalars = map_shape == 1
        zeros = lambda *shape: torch.zeros(shape, dtype=torch.float64, device=x.device)  # noqa: E731
        self._sums = {
            "count": zeros(self.num_classes),
            "scalar": zeros(self.num_classes, filters),
            "map": zeros(0 if self.maps_are_scalars else self.num_classes, filters, map_shape),
            "zeros": zeros(filters),
            "l1": zeros(filters),
            "positions": positions,
        }

    @property
    def ran(self) -> bool:
        return self._sums is not None

    def grow(self, num_classes: int) -> None:
        """Make room for labels below ``num_classes`` (when the class count was not given)."""
        import torch

        extra = num_classes - self.num_classes
        if extra <= 0:
            return
        self.num_classes = num_classes
        if self._sums is not None:
            for key in ("count", "scalar", "map"):
                value = self._sums[key]
                if key == "map" and self.maps_are_scalars:
                    continue
                pad = torch.zeros((extra, *value.shape[1:]), dtype=value.dtype, device=value.device)
                self._sums[key] = torch.cat([value, pad])

    def all_reduce(self) -> None:
        """Sum the running sums over every process of the default process group."""
        import torch.distributed as dist

        for key, value in self._sums.items():
            if key != "positions":
                dist.all_reduce(value, op=dist.ReduceOp.SUM)

    @property
    def sums(self) -> dict:
        if self._sums is None:
            raise FilterStatsError(f"layer {self.layer!r} never ran: the dataloader was empty or skips it")
        return {k: v if k == "positions" else v.cpu().numpy() for k, v in self._sums.items()}


def finalize_layer(acc: LayerAccumulator, weight, *, layer_type: str, hooked: str) -> graphfold_pb2.LayerFilterStats:
    """The statistics of one layer from its (all-reduced) running sums and its weight tensor."""
    s = acc.sums
    count = s["count"]
    seen = count > 0
    safe = np.where(seen, count, 1.0)
    class_means = s["scalar"] / safe[:, None]
    class_means[~seen] = 0.0
    maps = class_means[:, :, None] if acc.maps_are_scalars else s["map"] / safe[:, None, None]
    filters = class_means.shape[1]
    examples = count.sum()
    if acc.pooled_to is not None:
        hooked += f"; maps average-pooled to {'×'.join(map(str, acc.pooled_to))} for the discriminability"
    discriminability, note = layer_discriminability(maps[seen])
    hooked += note
    w = weight.detach().abs().to("cpu").double().reshape(weight.shape[0], -1).sum(dim=1).numpy()
    out = graphfold_pb2.LayerFilterStats(
        module=acc.layer,
        layer_type=layer_type,
        filter_count=filters,
        hooked=hooked,
        discriminability=discriminability.tolist(),
        apoz=(100.0 * s["zeros"] / max(examples * s["positions"], 1)).tolist(),
        activation_l1=(s["l1"] / max(examples, 1)).tolist(),
        weight_l1=w.tolist(),
        weight_shape=list(weight.shape),
        group=-1,
    )
    _set_packed_floats(out, "class_means", class_means.ravel())
    return out


def _set_packed_floats(message, field: str, values: np.ndarray) -> None:
    """Set a ``repeated float`` field from an array by parsing its packed encoding.

    Assigning an array converts it one Python float at a time (ResNet-50 at
    1,000 classes: 27.5 million values, 19 s); parsing the packed bytes copies them.

    >>> m = graphfold_pb2.LayerFilterStats()
    >>> _set_packed_floats(m, "class_means", np.array([0.5, 2.0]))
    >>> list(m.class_means)
    [0.5, 2.0]
    """
    number = message.DESCRIPTOR.fields_by_name[field].number
    data = np.ascontiguousarray(values, dtype="<f4").tobytes()
    length, size = bytearray(), len(data)
    while True:
        length.append((size & 0x7F) | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    message.ClearField(field)
    message.MergeFromString(bytes([(number << 3) | 2]) + bytes(length) + data)


def layer_discriminability(maps: np.ndarray, max_pairs: int | None = None) -> tuple[np.ndarray, str]:
    """The discriminability of each filter from ``maps`` ``[C, F, P]`` (seen classes), and a note for ``hooked``.

    Exact up to ``max_pairs`` class pairs, and for maps of one position at any
    class count (a sort). Above, the mean over a seeded uniform sample of
    ``max_pairs`` pairs (default :data:`MAX_EXACT_PAIRS`; :func:`class_pair_sample`),
    the same pairs for every filter; the note says how many of how many pairs
    and the worst relative standard error over the filters. Empty when exact.

    >>> maps = np.arange(24.0).reshape(4, 1, 6) ** 1.5
    >>> exact, note = layer_discriminability(maps)
    >>> note, bool(np.allclose(exact, _discriminability(maps)))
    ('', True)
    >>> print(layer_discriminability(maps, max_pairs=3)[1])
    ; discriminability estimated from 3 of 6 class pairs (a seeded uniform sample; worst relative standard error 28.1%)
    """
    max_pairs = MAX_EXACT_PAIRS if max_pairs is None else max_pairs
    classes = maps.shape[0]
    total = classes * (classes - 1) // 2
    if total <= max_pairs or maps.shape[2] == 1:
        return _discriminability(maps), ""
    first, second = class_pair_sample(classes, max_pairs)
    mean, error = _sampled_discriminability(maps, first, second, total)
    relative = np.divide(error, mean, out=np.zeros_like(error), where=mean > 0)
    worst = float(relative.max(initial=0.0))
    note = (f"; discriminability estimated from {max_pairs:,} of {total:,} class pairs "
            f"(a seeded uniform sample; worst relative standard error {worst:.1%})")
    return mean, note


def class_pair_sample(classes: int, count: int, seed: int = PAIR_SAMPLE_SEED) -> tuple[np.ndarray, np.ndarray]:
    """``count`` distinct pairs ``a < b`` of ``classes`` classes, uniform without replacement, in order.

    Seeded: the same pairs on every run and every rank (the class count is
    agreed on by the all-reduce before this runs).

    >>> first, second = class_pair_sample(5, 4)
    >>> bool((first < second).all()), len(set(zip(first.tolist(), second.tolist())))
    (True, 4)
    >>> bool((class_pair_sample(5, 4)[1] == second).all())
    True
    """
    total = classes * (classes - 1) // 2
    chosen = np.sort(np.random.default_rng(seed).choice(total, size=count, replace=False))
    # Pair k in row-major order of the upper triangle: row a starts at a*C - a*(a+1)/2.
    starts = np.arange(classes) * classes - np.arange(classes) * (np.arange(classes) + 1) // 2
    first = np.searchsorted(starts, chosen, side="right") - 1
    second = chosen - starts[first] + first + 1
    return first, second


def _sampled_discriminability(maps: np.ndarray, first: np.ndarray, second: np.ndarray, total: int):
    """Per filter, the mean of ``‖maps[a, f] − maps[b, f]‖₂`` over the given pairs and its standard error
    as an estimate of the mean over all ``total`` pairs (with the finite-population correction).

    Distances come from the differences themselves, not a Gram matrix: in
    ``‖a‖² + ‖b‖² − 2a·b`` two close maps lose their distance to rounding.
    """
    import torch

    x = torch.from_numpy(np.ascontiguousarray(maps))
    first, second = torch.from_numpy(first), torch.from_numpy(second)
    count, filters = len(first), maps.shape[1]
    distances = torch.empty((count, filters), dtype=x.dtype)
    chunk = max(1, _PAIR_CHUNK // max(1, filters * maps.shape[2]))
    for start in range(0, count, chunk):
        part = slice(start, start + chunk)
        torch.linalg.vector_norm(x[first[part]] - x[second[part]], dim=2, out=distances[part])
    d = distances.numpy()
    mean = d.mean(axis=0)
    spread = d.std(axis=0, ddof=1) if count > 1 else np.zeros(filters)
    correction = np.sqrt((total - count) / max(total - 1, 1))
    return mean, spread / np.sqrt(count) * correction


def _discriminability(maps: np.ndarray) -> np.ndarray:
    """Mean over class pairs of ``‖maps[a, f] − maps[b, f]‖₂``; ``maps`` is ``[C, F, P]``. Exact.

    Per chunk of filters, the C × C squared distances come from one batched
    Gram matrix; maps of one position use the sorted form
    ``Σ_{a<b} |x_a − x_b| = Σ_k (2k − C + 1) x_(k)``.

    >>> _discriminability(np.array([[[0.0, 0.0]], [[3.0, 4.0]], [[0.0, 0.0]]])).tolist()
    [3.3333333333333335]
    """
    classes, filters = maps.shape[0], maps.shape[1]
    if classes < 2:
        return np.zeros(filters)
    pairs = classes * (classes - 1) / 2
    if maps.shape[2] == 1:
        ranks = 2.0 * np.arange(classes) - classes + 1
        return (np.sort(maps[:, :, 0], axis=0) * ranks[:, None]).sum(axis=0) / pairs
    total = np.zeros(filters)
    chunk = max(1, _GRAM_CHUNK // (classes * classes))
    upper = np.triu(np.ones((classes, classes), dtype=bool), k=1)
    for start in range(0, filters, chunk):
        x = np.ascontiguousarray(maps[:, start:start + chunk].transpose(1, 0, 2))  # [f, C, P]
        sq = np.einsum("fcp,fcp->fc", x, x)
        d2 = sq[:, :, None] + sq[:, None, :] - 2.0 * np.matmul(x, x.transpose(0, 2, 1))
        total[start:start + chunk] = np.sqrt(np.maximum(d2, 0.0))[:, upper].sum(axis=1)
    return total / pairs


def _as_2d_maps(x):
    """``[N, F, *positions]`` as ``[N, F, H, W]`` for pooling (1-D maps become ``1 × P``)."""
    if x.dim() == 4:
        return x
    return x.flatten(2).unsqueeze(2)


def collect_filter_stats(
    model,
    dataloader,
    *,
    layers=None,
    num_classes: int | None = None,
    class_names=None,
    graph_tag: str = "",
) -> graphfold_pb2.FilterStats:
    """Run ``model`` (in eval mode, without gradients) over ``dataloader`` and derive the statistics.

    ``dataloader`` yields ``(inputs, labels)`` pairs, or dicts whose ``"labels"``
    (or ``"label"``) entry holds the labels and whose other entries are keyword
    inputs. ``layers`` are module paths (default: every conv and linear layer).
    """
    import torch

    from tb_plugin.model_wrappers import unwrap_model
    from tb_plugin.overlays import batches as batch_io
    from tb_plugin.overlays.measure_points import probed_program

    model = unwrap_model(model)
    selected = batch_io.select_layers(model, layers)
    if class_names is not None:
        class_names = [str(name) for name in class_names]
        if num_classes is None:
            num_classes = len(class_names)
        elif len(class_names) != num_classes:
            raise FilterStatsError(f"{len(class_names)} class_names given for num_classes={num_classes}")
    device = batch_io.device_of(model)
    share = max(1, MAX_MAP_ELEMENTS // len(selected))
    accumulators = {name: LayerAccumulator(name, num_classes or 0, share) for name in selected}
    programs: dict = {}
    example = None
    with batch_io.eval_mode(model), torch.no_grad():
        for index, batch in enumerate(dataloader):
            args, kwargs, labels = batch_io.split_batch(batch, index, device, num_classes)
            if example is None:
                example = batch_io.first_example(args, kwargs, len(labels))
            for acc in accumulators.values():
                acc.grow(int(labels.max()) + 1 if len(labels) else 0)
            key = batch_io.signature(args, kwargs)
            if key not in programs:
                programs[key] = probed_program(model, args, kwargs, set(selected), key)
                for layer, point in programs[key].points.items():
                    accumulators[layer].nonnegative = point.nonnegative
            programs[key].run(args, kwargs, lambda layer, x: accumulators[layer].add(batch_io.channels_first(x, selected[layer]), labels))
    if example is None:
        raise FilterStatsError("the dataloader yielded no batches")
    world_size = batch_io.all_reduce(accumulators.values())
    hooked = {layer: point.description for program in programs.values() for layer, point in program.points.items()}
    ran = [name for name in selected if accumulators[name].ran]
    if not ran:
        raise FilterStatsError(f"none of the layers {sorted(selected)} ran on the dataloader's inputs")
    classes = max(acc.num_classes for acc in accumulators.values())
    stats = graphfold_pb2.FilterStats(
        schema_version=metadata.SCHEMA_VERSION,
        graph_tag=graph_tag,
        class_names=class_names or [str(c) for c in range(classes)],
        world_size=world_size,
    )
    for name in ran:
        accumulators[name].grow(classes)
        module = selected[name]
        stats.layers.append(finalize_layer(accumulators[name], module.weight, layer_type=type(module).__name__, hooked=hooked[name]))
    counts = accumulators[ran[0]].sums["count"]
    stats.class_counts.extend(int(c) for c in counts)
    stats.example_count = int(counts.sum())
    from tb_plugin import pruning

    pruning.add_pruning_groups(stats, model, example)
    return stats
