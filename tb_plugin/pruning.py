"""Pruning plans: which filters to remove, and removing them structurally with Torch-Pruning.

A plan (the JSON the GraphFold tab downloads, see ``docs/http_api.md``) maps
conv / linear layers to the output channels to remove::

    {"format": "graphfold.pruning_plan", "version": 1,
     "layers": {"features.0": {"filter_count": 32, "remove": [3, 17]}}}

:func:`apply_plan` removes them with Torch-Pruning's dependency graph
(DepGraph), so every layer coupled to a pruned one stays consistent: the
BatchNorm after it, the next layer's input channels, and all layers joined by
a residual addition (they lose the same channels) or a concatenation. Layers
whose channels reach the model's output are refused unless asked for, since
pruning them changes what the model returns.

:func:`add_pruning_groups` records the coupled groups and what one channel of
each costs, so the tab can preview a plan's savings without torch.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable, Mapping

from tb_plugin.capture import split_inputs
from tb_plugin.model_wrappers import unwrap_model
from tb_plugin.overlays import batches, pruning_costs

__all__ = ["PLAN_FORMAT", "PlanError", "add_pruning_groups", "apply_plan", "count_macs", "load_plan", "make_plan", "model_macs", "preview_plan"]

PLAN_FORMAT = "graphfold.pruning_plan"
PLAN_VERSION = 1
OUTPUT_REASON = "its channels reach the model output, so removing them would change the output shape"


class PlanError(ValueError):
    """A plan cannot be read or does not fit the model; the message names the layer and the fix."""


def make_plan(model, removals: Mapping[str, Iterable[int]], *, source: dict | None = None) -> dict:
    """A plan removing ``removals[layer]`` (output channel indices) from each named layer of ``model``."""
    model = unwrap_model(model)
    modules = dict(model.named_modules())
    layers = {}
    for name, indices in removals.items():
        module = _layer(modules, name, model)
        layers[name] = {"filter_count": _out_channels(module), "remove": sorted({int(i) for i in indices})}
    plan = {"format": PLAN_FORMAT, "version": PLAN_VERSION, "layers": layers}
    if source:
        plan["source"] = dict(source)
    return plan


def load_plan(plan) -> dict:
    """A plan from a dict, a JSON string or a path to a JSON file, checked for form."""
    if isinstance(plan, (str, os.PathLike)) and not str(plan).lstrip().startswith("{"):
        try:
            with open(plan, encoding="utf-8") as f:
                plan = f.read()
        except OSError as e:
            raise PlanError(f"cannot read the plan file {os.fspath(plan)!r}: {e.strerror}") from None
    if isinstance(plan, str):
        try:
            plan = json.loads(plan)
        except json.JSONDecodeError as e:
            raise PlanError(f"the plan is not valid JSON: {e}") from None
    if not isinstance(plan, Mapping) or plan.get("format") != PLAN_FORMAT:
        raise PlanError(f"not a GraphFold pruning plan: expected an object with \"format\": \"{PLAN_FORMAT}\"")
    if not isinstance(plan.get("version"), int) or plan["version"] > PLAN_VERSION:
        raise PlanError(f"plan version {plan.get('version')!r} is not one this GraphFold reads (≤ {PLAN_VERSION})")
    layers = plan.get("layers")
    if not isinstance(layers, Mapping):
        raise PlanError("the plan has no \"layers\" object")
    for name, entry in layers.items():
        remove = entry.get("remove") if isinstance(entry, Mapping) else None
        count = entry.get("filter_count") if isinstance(entry, Mapping) else None
        if not isinstance(remove, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in remove):
            raise PlanError(f"layer {name!r}: \"remove\" must be a list of filter indices")
        if not isinstance(count, int):
            raise PlanError(f"layer {name!r}: \"filter_count\" must be the layer's filter count")
        bad = [i for i in remove if not 0 <= i < count]
        if bad:
            raise PlanError(f"layer {name!r}: filter indices {bad[:5]} are outside 0..{count - 1}")
    return dict(plan)


def apply_plan(model, plan, example_inputs, *, inplace: bool = False, allow_output_change: bool = False):
    """Remove the plan's filters from ``model`` structurally; return the pruned model.

    ``example_inputs`` (a tensor, a tuple of arguments or a dict of keyword
    arguments) is run once to trace the dependencies. The model is copied
    first unless ``inplace``. Layers coupled by residual additions lose the
    union of the filters the plan removes from any of them.
    """
    plan = load_plan(plan)
    target = unwrap_model(model)
    if not inplace:
        target = copy.deepcopy(target)
    modules = dict(target.named_modules())
    for name, entry in plan["layers"].items():
        module = _layer(modules, name, target)
        if _out_channels(module) != entry["filter_count"]:
            raise PlanError(
                f"the plan was made for a model whose layer {name!r} has {entry['filter_count']} filters; this "
                f"model's has {_out_channels(module)}: was the plan made for another model (or already applied)?"
            )
    args, kwargs = split_inputs(example_inputs)
    shapes_before = _output_shapes(target, args, kwargs)
    graph = _dependency_graph(target, args, kwargs)
    for root, indices in _merge_coupled(graph, modules, plan["layers"]).items():
        module = modules[root]
        group = graph.get_pruning_group(module, graph.get_pruner_of_module(module).prune_out_channels, indices)
        if not allow_output_change and _reaches_output(graph, group):
            raise PlanError(f"cannot prune layer {root!r}: {OUTPUT_REASON} (pass allow_output_change=True to do it anyway)")
        if not graph.check_pruning_group(group):
            raise PlanError(f"the plan removes every filter of layer {root!r} or of a layer coupled to it; keep at least one")
        group.prune()
    if not allow_output_change and _output_shapes(target, args, kwargs) != shapes_before:
        raise PlanError("the pruned model's outputs changed shape; the plan prunes channels that reach the output")
    return target


def add_pruning_groups(stats, model, example) -> None:
    """Fill ``stats.groups``, each layer's ``group``, the cost model, and the model's parameter and MAC counts."""
    from tb_plugin.proto import graphfold_pb2

    args, kwargs = example
    stats.parameter_count = sum(p.numel() for p in model.parameters())
    positions = _output_positions(model, args, kwargs)
    stats.macs = count_macs(model, positions)
    try:
        graph = _dependency_graph(model, args, kwargs)
    except ImportError:
        import warnings

        warnings.warn("torch-pruning is not installed: the stats carry no pruning groups (pip install torch-pruning)", stacklevel=3)
        return
    names = {m: n for n, m in model.named_modules()}
    layer_index = {layer.module: layer for layer in stats.layers}
    types = batches.prunable_layer_types()
    shares: dict = {}  # module → {"out"|"in": [(group, count)]}
    for group in graph.get_all_groups(root_module_types=types):
        index = len(stats.groups)
        coupled = []
        for dep, idxs in group:
            module = dep.target.module
            if module not in names:
                continue
            side = "out" if graph.is_out_channel_pruning_fn(dep.handler) else "in" if graph.is_in_channel_pruning_fn(dep.handler) else None
            if side is None:
                continue
            shares.setdefault(module, {"out": [], "in": []})[side].append((index, len(idxs)))
            if side == "out" and isinstance(module, types):
                coupled.append(names[module])
        reaches = _reaches_output(graph, group)
        stats.groups.append(graphfold_pb2.PruningGroup(
            modules=coupled, channel_count=len(group[0].idxs), prunable=not reaches, reason=OUTPUT_REASON if reaches else "",
        ))
        for name in coupled:
            if name in layer_index:
                layer_index[name].group = index
    covered = 0.0
    for module, sides in shares.items():
        term = pruning_costs.cost_term(module, sides, positions.get(module, 0))
        if term is None:
            continue
        term.module = names[module]
        stats.cost_terms.append(term)
        covered += pruning_costs.term_value(term, full=True)[0]
    stats.fixed_parameters = max(0, round(stats.parameter_count - covered))
    pruning_costs.first_order_costs(stats)


def preview_plan(stats: Mapping, plan) -> dict:
    """Parameters and MACs before and after ``plan``, from the JSON filter stats alone (as the tab does)."""
    plan = load_plan(plan)
    removed: dict[int, set[int]] = {}
    layer_group = {layer["module"]: layer["group"] for layer in stats["layers"]}
    for name, entry in plan["layers"].items():
        group = layer_group.get(name, -1)
        if group < 0:
            raise PlanError(f"layer {name!r} is not in a pruning group of these statistics")
        removed.setdefault(group, set()).update(entry["remove"])
    remaining = {i: g["channel_count"] - len(removed.get(i, ())) for i, g in enumerate(stats["groups"])}
    params = macs = 0.0
    for term in stats["cost_terms"]:
        p, m = pruning_costs.term_value(term, remaining=remaining, groups=stats["groups"])
        params += p
        macs += m
    return {
        "parameters_before": stats["parameter_count"],
        "parameters_after": round(stats["fixed_parameters"] + params),
        "macs_before": stats["macs"],
        "macs_after": round(macs),
    }


def model_macs(model, example_inputs) -> int:
    """Multiply-accumulates of ``model``'s conv and linear layers per example (run once on ``example_inputs``)."""
    args, kwargs = split_inputs(example_inputs)
    return count_macs(model, _output_positions(unwrap_model(model), args, kwargs))


def count_macs(model, positions: dict) -> int:
    """Multiply-accumulates of the conv and linear layers, given each one's output positions per example."""
    return int(sum(module.weight.numel() * count for module, count in positions.items()))


# -- helpers -------------------------------------------------------------------
def _layer(modules: dict, name: str, model):
    if name not in modules:
        raise PlanError(
            f"the plan names layer {name!r}, which {type(model).__name__} does not have: was the plan made for another model?"
        )
    if not isinstance(modules[name], batches.prunable_layer_types()):
        raise PlanError(f"the plan names layer {name!r}, a {type(modules[name]).__name__}; plans prune conv and linear layers")
    return modules[name]


def _out_channels(module) -> int:
    return module.out_features if hasattr(module, "out_features") else module.out_channels


def _output_shapes(model, args, kwargs):
    import torch
    from torch.utils import _pytree

    with torch.no_grad(), batches.eval_mode(model):
        out = model(*args, **kwargs)
    return [tuple(v.shape) for v in _pytree.tree_leaves(out) if isinstance(v, torch.Tensor)]


def _output_positions(model, args, kwargs) -> dict:
    """Conv / linear module → output positions per example (summed over calls)."""
    import torch

    positions: dict = {}

    batch = max(_batch_of(args, kwargs), 1)

    def record(module, _inputs, output):
        # Per example, every extent but the channels (features) is a position.
        positions[module] = positions.get(module, 0) + output.numel() // batch // _out_channels(module)

    hooks = [m.register_forward_hook(record) for m in model.modules() if isinstance(m, batches.prunable_layer_types())]
    try:
        with torch.no_grad(), batches.eval_mode(model):
            model(*args, **kwargs)
    finally:
        for hook in hooks:
            hook.remove()
    return positions


def _batch_of(args, kwargs) -> int:
    import torch
    from torch.utils import _pytree

    for leaf in _pytree.tree_leaves((args, kwargs)):
        if isinstance(leaf, torch.Tensor) and leaf.dim():
            return leaf.shape[0]
    return 1


def _reaches_output(graph, group) -> bool:
    """Whether pruning ``group`` changes a tensor the model returns."""
    for dep, _ in group:
        node = dep.target
        if node.outputs:
            continue
        if graph.is_in_channel_pruning_fn(dep.handler) and not graph.is_out_channel_pruning_fn(dep.handler):
            continue
        return True
    return False


def _merge_coupled(graph, modules: dict, layers: Mapping) -> dict[str, list[int]]:
    """Root layer → union of the indices to remove, one entry per coupled group the plan touches."""
    name_of = {m: n for n, m in modules.items()}
    merged: dict[str, set[int]] = {}
    root_of: dict[str, str] = {}
    for name, entry in layers.items():
        if not entry["remove"]:
            continue
        module = modules[name]
        group = graph.get_pruning_group(module, graph.get_pruner_of_module(module).prune_out_channels, [0])
        coupled = {name_of[dep.target.module] for dep, _ in group if dep.target.module in name_of and graph.is_out_channel_pruning_fn(dep.handler)}
        root = next((root_of[c] for c in coupled if c in root_of), name)
        for c in coupled | {name}:
            root_of[c] = root
        merged.setdefault(root, set()).update(entry["remove"])
    return {root: sorted(indices) for root, indices in merged.items()}


def _dependency_graph(model, args, kwargs):
    import torch
    import torch_pruning as tp

    # Torch-Pruning calls model(*inputs) on a sequence and model(**inputs) on a dict.
    example = kwargs if kwargs else tuple(args)
    with torch.enable_grad(), batches.eval_mode(model):
        return tp.DependencyGraph().build_dependency(model, example_inputs=example, verbose=False)
