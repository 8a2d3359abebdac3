"""Runs of single layers beside a model's body: ``Conv1 … expanded_conv_project_BN`` sits in one module.

A Keras functional model is a flat list of layers. Where its repeated blocks
are grouped (:mod:`tb_plugin.capture.numbered_blocks`), what is left at their
level is the stem and the head, one layer at a time: MobileNetV2 draws
``Conv1 → bn_Conv1 → Conv1_relu → expanded_conv_depthwise → …`` (seven
layers) before its ``block`` list and five after it, 31 elements where the
architecture is three boxes. A PyTorch model names these parts itself
(``embeddings``, ``pooler``); a Keras model does not, so they get a module
named after their first and last layer.

The rule, for the children of one module (the parent) that holds a *body*: a
child module with numbered blocks in it (MobileNetV2's ``block`` list,
ResNet50's ``conv2`` stage), and that would draw more than ``max_elements``
(its children plus the edges among them):

- a *run* is a maximal path of at least ``min_layers`` child modules without
  blocks in them (a layer, or a block of layers like ``Conv_1``), each but
  the last feeding only the next, and each but the first fed only by the one
  before: nothing else reads or feeds the run between its ends;
- each run becomes a module ``<first>…<last>`` of class ``Layers[<n>]``; each
  child keeps its name as the last segment of its path, so search finds it.

Inside a block, or in a model without numbered blocks, every layer stays in
sight.
Only the drawing's grouping changes: no node, edge or name is dropped.
Parameters, buffers and constants do not count as feeding a layer (they are
details of their consumers in the drawing).
"""

from __future__ import annotations

import collections
from collections.abc import Collection, Iterable, Mapping

from tb_plugin import ir
from tb_plugin.capture.numbered_blocks import acyclic_block_paths, numbered_block_paths

__all__ = ["CHAIN_CLASS", "grouped_layer_paths", "layer_chain_paths", "moved_path"]

CHAIN_CLASS = "Layers[{count}]"
_DETAILS = (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER, ir.NodeKind.CONSTANT)


def grouped_layer_paths(nodes: list[ir.Node], scopes: Mapping[str, str]) -> dict[str, str]:
    """Place ``nodes`` (by name, in module ``scopes[name]``) as a flat layer list is drawn: in numbered blocks
    the wiring allows (:mod:`tb_plugin.capture.numbered_blocks`), then in runs of layers beside them.

    Sets each node's ``module`` to its path and answers the class of each run module.
    """
    paths, blocks = acyclic_block_paths(nodes, scopes, numbered_block_paths(list(dict.fromkeys(scopes.values()))))
    for node in nodes:
        node.module = paths[node.name]
    moved, classes = layer_chain_paths(nodes, blocks)
    for node in nodes:
        node.module = moved_path(node.module, moved)
    return classes


def layer_chain_paths(
    nodes: Iterable[ir.Node], blocks: Collection[str], *, min_layers: int = 3, max_elements: int = 20
) -> tuple[dict[str, str], dict[str, str]]:
    """``(new path of each moved module, class of each new run module)`` for ``nodes`` placed in their modules.

    ``blocks`` are the numbered block modules (:func:`tb_plugin.capture.numbered_blocks.created_blocks`).
    A moved module's descendants move with it: map each node's module with :func:`moved_path`.

    >>> def layer(name, module, *inputs):
    ...     return ir.Node(name, "Op", module=module, inputs=tuple(ir.InputRef(i) for i in inputs))
    >>> nodes = [ir.Node("x", "Input", ir.NodeKind.INPUT)]
    >>> prev = "x"
    >>> for name in ("conv", "bn", "relu"):
    ...     nodes.append(layer(name, name, prev))
    ...     prev = name
    >>> for i in range(8):
    ...     nodes.append(layer(f"b{i}", f"body.b{i}", prev))
    ...     prev = f"b{i}"
    >>> for name in ("pool", "dense", "softmax", "out"):
    ...     nodes.append(layer(name, name, prev))
    ...     prev = name
    >>> moved, classes = layer_chain_paths(nodes, {"body.b0", "body.b1"}, max_elements=10)
    >>> moved["bn"], moved["out"], classes
    ('conv…relu.bn', 'pool…out.out', {'conv…relu': 'Layers[3]', 'pool…out': 'Layers[4]'})
    """
    nodes = list(nodes)
    module_of = {n.name: n.module for n in nodes}
    kind_of = {n.name: n.kind for n in nodes}
    modules = {prefix for module in {n.module for n in nodes} for prefix in _prefixes(module)}
    with_blocks = {prefix for block in blocks for prefix in _prefixes(ir.parent_path(block) or "") if prefix}
    layers_by_parent: dict[str, list[str]] = collections.defaultdict(list)
    with_body: set[str] = set()
    for m in sorted(modules - {""}):
        parent = ir.parent_path(m)
        if m in with_blocks:
            with_body.add(parent)
        else:
            layers_by_parent[parent].append(m)
    candidates = {p for p, layers in layers_by_parent.items() if p in with_body and len(layers) >= min_layers}
    if not candidates:
        return {}, {}
    edges = [(ref.node, n.name) for n in nodes for ref in n.inputs
             if ref.node in module_of and kind_of[ref.node] not in _DETAILS]
    moved: dict[str, str] = {}
    classes: dict[str, str] = {}
    for parent in sorted(candidates):
        runs = _runs(parent, set(layers_by_parent[parent]), edges, module_of, kind_of, min_layers, max_elements)
        taken = {m for m in modules if ir.parent_path(m) == parent}
        for run in runs:
            path = ir.join_path(parent, f"{_segment(run[0])}…{_segment(run[-1])}")
            if path in taken:
                continue
            taken.add(path)
            classes[path] = CHAIN_CLASS.format(count=len(run))
            for layer in run:
                moved[layer] = ir.join_path(path, _segment(layer))
    return moved, classes


def moved_path(path: str, moved: dict[str, str]) -> str:
    """``path`` under its moved ancestor's new path (itself when none of its ancestors moved)."""
    if moved:
        for prefix in _prefixes(path):
            if prefix in moved:
                return moved[prefix] + path[len(prefix):]
    return path


def _runs(parent, layers, edges, module_of, kind_of, min_layers, max_elements) -> list[list[str]]:
    """The runs of ``layers`` (children of ``parent``) when ``parent``'s drawing is over ``max_elements``."""
    prefix = parent + "." if parent else ""

    def item(name: str) -> str | None:  # the child of ``parent`` that holds node ``name``; None outside
        module = module_of[name]
        if module == parent:
            return name if kind_of[name] not in _DETAILS else None
        if not module.startswith(prefix):
            return None
        return prefix + module[len(prefix):].split(".", 1)[0]

    succ: dict[str, set] = collections.defaultdict(set)
    pred: dict[str, set] = collections.defaultdict(set)
    items: set[str] = set()
    item_edges: set[tuple[str, str]] = set()
    outside = object()
    for producer, consumer in edges:
        a, b = item(producer), item(consumer)
        if a is None and b is None or a == b:
            continue
        if a is not None and b is not None:
            items.update((a, b))
            item_edges.add((a, b))
        succ[a if a is not None else outside].add(b if b is not None else outside)
        pred[b if b is not None else outside].add(a if a is not None else outside)
    if len(items) + len(item_edges) <= max_elements:
        return []
    # A link a -> b joins a run when a feeds only b and b reads only a, neither holding blocks.
    next_of = {a: next(iter(s)) for a, s in succ.items()
               if a in layers and len(s) == 1 and next(iter(s)) in layers and pred[next(iter(s))] == {a}}
    has_previous = set(next_of.values())
    runs = []
    for start in sorted(a for a in next_of if a not in has_previous):
        run = [start]
        while run[-1] in next_of and len(run) <= len(layers):
            run.append(next_of[run[-1]])
        if len(run) >= min_layers:
            runs.append(run)
    return runs


def _segment(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _prefixes(path: str) -> list[str]:
    """``""`` and each prefix of ``path``, outermost first."""
    out, prefix = [""], ""
    for segment in path.split(".") if path else []:
        prefix = f"{prefix}.{segment}" if prefix else segment
        out.append(prefix)
    return out
