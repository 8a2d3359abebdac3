"""The exact cost model of pruned channels: parameters and MACs as a function of the channels left.

Each module whose channels belong to Torch-Pruning groups gets a ``CostTerm``
(``proto/graphfold.proto``): its parameters are ``pair·o·i + out·o + in·i`` and
its MACs ``pair·o·i + out·o`` in its remaining output channels ``o`` and input
channels ``i``, which follow from the channels left in each group. The tab
evaluates the same formula (``frontend/src/pruning_plan.ts``), so a plan's
preview is exact, not a sum of per-channel savings.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["cost_term", "first_order_costs", "term_value"]


def cost_term(module, sides: dict, where: int):
    """The :class:`CostTerm` of one module whose channels belong to pruning groups; ``None`` if it holds no parameters."""
    import math

    import torch

    from tb_plugin.proto import graphfold_pb2

    term = graphfold_pb2.CostTerm()
    bias = 1.0 if getattr(module, "bias", None) is not None else 0.0
    if isinstance(module, (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d)):
        out_total, in_total = module.out_channels, module.in_channels
        kernel = float(math.prod(module.kernel_size))
        if module.groups > 1 and module.groups == in_total == out_total:  # depthwise: one kernel per channel
            term.params_per_out, term.macs_per_out = kernel + bias, kernel * where
            sides = {"out": sides["out"], "in": []}
            in_total = 0
        else:
            term.params_per_pair = kernel / module.groups
            term.macs_per_pair = term.params_per_pair * where
            term.params_per_out = bias
    elif isinstance(module, torch.nn.Linear):
        out_total, in_total = module.out_features, module.in_features
        term.params_per_pair, term.macs_per_pair, term.params_per_out = 1.0, float(where), bias
    else:  # BatchNorm, LayerNorm, GroupNorm...: parameters per output channel
        params = [p for p in module.parameters(recurse=False) if p.dim() >= 1]
        if not params or not sides["out"]:
            return None
        out_total, in_total = params[0].shape[0], 0
        term.params_per_out = sum(p.numel() / p.shape[0] for p in params)
        sides = {"out": sides["out"], "in": []}
    term.out_fixed = max(0, out_total - sum(count for _, count in sides["out"]))
    term.in_fixed = max(0, in_total - sum(count for _, count in sides["in"]))
    for side in ("out", "in"):
        getattr(term, side).extend(graphfold_pb2.CostTerm.GroupShare(group=g, count=c) for g, c in sides[side])
    return term


def term_value(term, *, full: bool = False, remaining: dict | None = None, groups=None) -> tuple[float, float]:
    """(parameters, MACs) of a cost term (proto or JSON) at full size or with ``remaining`` channels per group."""
    get = term.get if isinstance(term, Mapping) else lambda key: getattr(term, key)

    def channels(side: str) -> float:
        total = float(get(f"{side}_fixed"))
        for share in get(side):
            g, count = (share["group"], share["count"]) if isinstance(share, Mapping) else (share.group, share.count)
            total += count if full else count * remaining[g] / groups[g]["channel_count"]
        return total

    o, i = channels("out"), channels("in")
    params = get("params_per_pair") * o * i + get("params_per_out") * o + get("params_per_in") * i
    return params, get("macs_per_pair") * o * i + get("macs_per_out") * o


def first_order_costs(stats) -> None:
    """Each group's saving for one removed channel, with the rest of the model at full size."""
    for index, group in enumerate(stats.groups):
        params = macs = 0.0
        for term in stats.cost_terms:
            if any(s.group == index for s in list(term.out) + list(getattr(term, "in"))):
                full = term_value(term, full=True)
                one_less = term_value(term, remaining=_all_full(stats, minus=index), groups=_groups_json(stats))
                params += full[0] - one_less[0]
                macs += full[1] - one_less[1]
        group.parameters_per_channel = round(params)
        group.macs_per_channel = round(macs)


def _all_full(stats, *, minus: int) -> dict:
    return {i: g.channel_count - (1 if i == minus else 0) for i, g in enumerate(stats.groups)}


def _groups_json(stats) -> list[dict]:
    return [{"channel_count": g.channel_count} for g in stats.groups]
