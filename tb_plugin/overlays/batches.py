"""Plumbing shared by the overlays: layers of a model, batches of a dataloader, process groups.

Errors name what was wrong with the argument and what is accepted.
"""

from __future__ import annotations

from typing import Any

from tb_plugin.capture import split_inputs
from tb_plugin.overlays.filter_stats import FilterStatsError

__all__ = [
    "all_reduce",
    "channels_first",
    "device_of",
    "eval_mode",
    "first_example",
    "select_layers",
    "signature",
    "split_batch",
]

_LABEL_KEYS = ("labels", "label")


class eval_mode:
    """Eval mode for the block, then every module's own training flag back (not one flag for all)."""

    def __init__(self, model) -> None:
        self._model = model

    def __enter__(self):
        self._modes = [(m, m.training) for m in self._model.modules()]
        self._model.eval()

    def __exit__(self, *exc):
        for module, training in self._modes:
            module.training = training


def prunable_layer_types():
    import torch

    return (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d, torch.nn.Linear)


def select_layers(model, layers=None) -> dict:
    """Module path → module of the conv and linear layers named in ``layers`` (default: all)."""
    types = prunable_layer_types()
    modules = dict(model.named_modules())
    candidates = {name: m for name, m in modules.items() if isinstance(m, types)}
    if layers is None:
        if not candidates:
            raise FilterStatsError(f"{type(model).__name__} has no conv or linear layers to measure")
        return candidates
    if isinstance(layers, str):
        layers = [layers]
    selected = {}
    for name in layers:
        if name not in modules:
            known = ", ".join(list(candidates)[:12]) + (" …" if len(candidates) > 12 else "")
            raise FilterStatsError(f"{type(model).__name__} has no layer named {name!r}; its conv and linear layers: {known}")
        if not isinstance(modules[name], types):
            raise FilterStatsError(
                f"layer {name!r} is a {type(modules[name]).__name__}; filter statistics need Conv1d/2d/3d or Linear layers"
            )
        selected[name] = modules[name]
    if not selected:
        raise FilterStatsError("layers is empty; pass None to measure every conv and linear layer")
    return selected


def device_of(model):
    import torch

    for tensor in list(model.parameters()) + list(model.buffers()):
        return tensor.device
    return torch.device("cpu")


def split_batch(batch: Any, index: int, device, num_classes: int | None):
    """``(args, kwargs, labels)`` of one dataloader batch, on ``device``; labels checked."""
    import torch

    if isinstance(batch, dict):
        key = next((k for k in _LABEL_KEYS if k in batch), None)
        if key is None:
            raise FilterStatsError(
                f"batch {index} is a dict without a 'labels' entry (keys: {sorted(map(str, batch))}); "
                "filter statistics need the true class of every example"
            )
        labels = batch[key]
        args, kwargs = (), {k: v for k, v in batch.items() if k != key}
    elif isinstance(batch, (tuple, list)) and len(batch) == 2:
        inputs, labels = batch
        args, kwargs = split_inputs(inputs)
    else:
        what = f"a {len(batch)}-tuple" if isinstance(batch, (tuple, list)) else f"a {type(batch).__name__}"
        raise FilterStatsError(
            f"batch {index} is {what}; the dataloader must yield (inputs, labels) pairs or dicts with a "
            "'labels' entry, because filter statistics need the true class of every example"
        )
    labels = torch.as_tensor(labels)
    if labels.dim() != 1 or labels.dtype.is_floating_point or labels.dtype == torch.bool:
        raise FilterStatsError(
            f"batch {index}: labels must be a 1-D tensor of class indices, got dtype {labels.dtype} "
            f"and shape {tuple(labels.shape)}"
        )
    if len(labels) and int(labels.min()) < 0:
        raise FilterStatsError(f"batch {index}: label {int(labels.min())} is negative; labels are class indices")
    if num_classes is not None and len(labels) and int(labels.max()) >= num_classes:
        raise FilterStatsError(f"batch {index}: label {int(labels.max())} is not below num_classes={num_classes}")
    move = lambda v: v.to(device) if isinstance(v, torch.Tensor) else v  # noqa: E731
    args = tuple(move(a) for a in args)
    kwargs = {k: move(v) for k, v in kwargs.items()}
    return args, kwargs, labels.to(device=device, dtype=torch.int64)


def first_example(args: tuple, kwargs: dict, batch_size: int):
    """The first example of a batch (tensors with the batch size as dim 0 sliced to 1)."""
    import torch
    from torch.utils import _pytree

    cut = lambda v: v[:1] if isinstance(v, torch.Tensor) and v.dim() and v.shape[0] == batch_size else v  # noqa: E731
    return _pytree.tree_map(cut, (args, kwargs))


def signature(args: tuple, kwargs: dict) -> tuple:
    """What must match for one exported program to serve a batch: structure, shapes and dtypes."""
    import torch
    from torch.utils import _pytree

    leaves, spec = _pytree.tree_flatten((args, kwargs))
    return str(spec), tuple((tuple(v.shape), str(v.dtype)) if isinstance(v, torch.Tensor) else repr(v) for v in leaves)


def channels_first(x, module):
    """A layer's measured tensor as ``[N, F, *positions]`` (linear layers put features last)."""
    import torch

    if isinstance(module, torch.nn.Linear) and x.dim() > 2:
        return x.movedim(-1, 1)
    return x


def all_reduce(accumulators) -> int:
    """Sum the accumulators over the default process group, if one is initialised; the world size."""
    import torch
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()):
        return 1
    accumulators = list(accumulators)
    # Ranks may have seen different labels; agree on the class count first.
    classes = torch.tensor([max((a.num_classes for a in accumulators), default=0)], dtype=torch.int64)
    dist.all_reduce(classes, op=dist.ReduceOp.MAX)
    for acc in accumulators:
        acc.grow(int(classes))
        if not acc.ran:
            raise FilterStatsError(f"layer {acc.layer!r} did not run on rank {dist.get_rank()}: give every rank data")
        acc.all_reduce()
    return dist.get_world_size()
