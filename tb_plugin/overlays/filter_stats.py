"""Per-filter activation statistics of conv and linear layers on a labelled dataset.

For every filter (output channel of a convolution, unit of a linear layer) of
the selected layers, over the examples of a dataloader:

- the per-example activation scalar is the spatial mean of the filter's
  measured map (the layer's output after its nonlinearity, see
  :mod:`tb_plugin.overlays.measure_points`); ``class_means[c, f]`` is its mean
  over the examples of true class ``c``, and ``class_means_normalized`` the same
  min-max normalised over the whole layer (NetPrune's ``a[c, f]``);
- ``discriminability``: the mean, over pairs of classes, of the L2 distance
  between the two class-averaged activation maps of the filter (above 100
  classes estimated from a seeded sample of class pairs, see
  :mod:`tb_plugin.overlays.discriminability`; ``hooked`` then says so);
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
directly (``index_put_`` with ``accumulate``), so a batch costs its own size, not ``C × …``;
layers measured at the same tensor share one pass over it.
Only ``class_means`` is logged; ``class_means_normalized`` is derived from it
when read (:mod:`tb_plugin.overlays.filter_summary`).
"""

from __future__ import annotations

import numpy as np

from tb_plugin import metadata
from tb_plugin.overlays.discriminability import layer_discriminability
from tb_plugin.proto import graphfold_pb2

__all__ = ["FilterStatsError", "collect_filter_stats"]

ZERO_THRESHOLD = 1e-4
# Class-averaged maps kept over all layers (classes × filters × positions, float64:
# 1 GiB) before a layer's maps are average-pooled to a coarser grid for the discriminability.
MAX_MAP_ELEMENTS = 2**27


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
        self.add_summary(self.summarize(activations), labels)

    def summarize(self, activations) -> dict:
        """What :meth:`add_summary` needs of a batch: its reductions over positions, per example.

        Layers measured at the same tensor (joined by a residual addition) with
        the same :attr:`summary_key` can share one summary.
        """
        import torch

        x = activations.detach()
        if not x.is_floating_point():
            x = x.float()
        if x.dim() == 2:  # one value per filter: a map of one position
            x = x.unsqueeze(2)
        if self._sums is None:
            self._start(x)
        flat = x.flatten(2)
        # One pass over the maps per statistic: where no value is negative, the L1 norms are the sums.
        if self.nonnegative:
            sums = flat.sum(dim=2)
            means, l1 = sums / flat.shape[2], sums.sum(0)
        else:
            means, l1 = flat.mean(dim=2), torch.linalg.vector_norm(flat, 1, dim=2).sum(0)
        maps = None
        if not self.maps_are_scalars:
            if self.pooled_to is not None:
                maps = torch.nn.functional.adaptive_avg_pool2d(_as_2d_maps(x), self.pooled_to).flatten(2)
            else:
                maps = flat
        # Reduced along the contiguous positions first: summing a bool tensor over (0, 2) took 3x longer,
        # and more than the layer's convolution (ResNet-50 at 1,000 classes). One mask for the whole batch:
        # slices of filters that stay in cache took a quarter less CPU on one thread, but their many small
        # parallel ops cost more than that on a loaded 2-core machine.
        zeros = torch.sum(flat <= ZERO_THRESHOLD, dim=2, dtype=torch.int32).sum(0)
        return {"means": means, "maps": maps, "l1": l1, "zeros": zeros, "positions": flat.shape[2]}

    @property
    def summary_key(self) -> tuple:
        """What a batch summary depends on besides the tensor (set by the first batch)."""
        return self.pooled_to, self.maps_are_scalars, self.nonnegative

    def add_summary(self, summary: dict, labels) -> None:
        """Add one batch's :meth:`summarize` into the running sums."""
        import torch

        # Sums within a batch in the activations' precision, across batches in float64.
        s = self._sums
        f64 = torch.float64
        s["count"] += torch.bincount(labels, minlength=self.num_classes).to(f64)
        # index_put_(accumulate=True) adds rows of repeated labels too; index_add_ along dim 0 took
        # ~1,000× longer on CPU (0.25 s for an 8-example batch into a 100 × 256 × 81 sum).
        s["scalar"].index_put_((labels,), summary["means"].to(f64), accumulate=True)
        if summary["maps"] is not None:
            s["map"].index_put_((labels,), summary["maps"].to(f64), accumulate=True)
        s["zeros"] += summary["zeros"].to(f64)
        s["l1"] += summary["l1"].to(f64)
        s["positions"] = summary["positions"]

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


class _SharedSummaries:
    """The batch summary of the last measured tensor, for the next layer measured at the same tensor.

    A downsampling block's shortcut conv and its last conv are measured at
    the ReLU after their addition (ResNet-50: 4 of its 53 layers, on its
    widest maps): one summary serves both.
    """

    def __init__(self) -> None:
        self._tensor = self._key = self._summary = None

    def summary(self, acc: LayerAccumulator, x) -> dict:
        if x is self._tensor and acc.ran and acc.summary_key == self._key:
            return self._summary
        summary = acc.summarize(x)
        self._tensor, self._key, self._summary = x, acc.summary_key, summary
        return summary


def finalize_layer(acc: LayerAccumulator, weight, *, layer_type: str, hooked: str) -> graphfold_pb2.LayerFilterStats:
    """The statistics of one layer from its (all-reduced) running sums and its weight tensor."""
    s = acc.sums
    count = s["count"]
    seen = count > 0
    safe = np.where(seen, count, 1.0)
    class_means = s["scalar"] / safe[:, None]
    class_means[~seen] = 0.0
    # The maps of the classes seen only: a step that saw 32 of 1,000 classes divides 32 rows, not 1,000.
    maps = class_means[seen][:, :, None] if acc.maps_are_scalars else s["map"][seen] / count[seen][:, None, None]
    filters = class_means.shape[1]
    examples = count.sum()
    if acc.pooled_to is not None:
        hooked += f"; maps average-pooled to {'×'.join(map(str, acc.pooled_to))} for the discriminability"
    discriminability, note = layer_discriminability(maps)
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
            shared = _SharedSummaries()
            programs[key].run(args, kwargs, lambda layer, x: accumulators[layer].add_summary(
                shared.summary(accumulators[layer], batch_io.channels_first(x, selected[layer])), labels))
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
