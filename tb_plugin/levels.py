"""Item-level edges of every module view, grouped from where each edge is drawn.

An edge ``u -> v`` whose endpoints lie in different items of a module ``L`` is
drawn in ``L``'s view, and in no other: ``L`` is the lowest common ancestor of
the modules of ``u`` and ``v``. (Deeper views see it as a boundary crossing,
shallower ones as hidden inside a closed module.) An edge whose endpoints fall
into the same item everywhere (a self-loop) is reported at the level of its node.
Where each edge is drawn is computed once per hierarchy
(:meth:`tb_plugin.hierarchy.Hierarchy.edge_placement`); the passes and views
group it with their own skips and stack displays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import compress, count

from tb_plugin.hierarchy import Hierarchy

__all__ = ["BoundaryEdges", "ItemEdges", "boundary_item_edges", "level_item_edges", "stack_display", "without_edges"]

ItemEdges = dict[tuple[int, int], list[int]]
"""``(source item, target item) -> ids of the original edges drawn as that pair``."""


def level_item_edges(
    h: Hierarchy,
    *,
    skip: Callable[[int], bool] | None = None,
    display: Mapping[int, int] | None = None,
    edges: Iterable[int] | None = None,
) -> dict[int, ItemEdges]:
    """Map each module id to the item edges of its view.

    Only ``edges`` (ids) are placed when given, else every edge. ``skip(eid)``
    leaves an edge out (embedded or pruned). ``display`` maps an
    item to the item drawn in its place (stack members to their stack's
    representative); pairs that map to the same item become self-loops.

    >>> from tb_plugin import ir
    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> _ = g.add_node(ir.Node("a", "Relu", module="m", inputs=(ir.InputRef("x"),)))
    >>> _ = g.add_node(ir.Node("b", "Neg", module="m", inputs=(ir.InputRef("a"),)))
    >>> h = Hierarchy(g)
    >>> edges = level_item_edges(h)
    >>> edges[0] == {(0, h.module_item(1)): [0]}, edges[1] == {(1, 2): [1]}
    (True, True)
    """
    out: dict[int, ItemEdges] = {}
    levels, sources, targets = h.edge_placement()
    if edges is None:
        edges = range(h.edge_count)
    if skip is not None:
        edges = [eid for eid in edges if not skip(eid)]
    elif not isinstance(edges, (list, range)):
        edges = list(edges)  # read three times below
    # the ends and levels of every edge, looked up in C rather than one Python step each
    ends_a, ends_b = list(map(sources.__getitem__, edges)), list(map(targets.__getitem__, edges))
    if display:  # it maps module items only, so nodes map to themselves
        ends_a, ends_b = map(display.get, ends_a, ends_a), map(display.get, ends_b, ends_b)
    for eid, level, a, b in zip(edges, map(levels.__getitem__, edges), ends_a, ends_b):
        pairs = out.get(level)
        if pairs is None:
            pairs = out[level] = {}
        eids = pairs.get((a, b))
        if eids is None:
            pairs[(a, b)] = [eid]
        else:
            eids.append(eid)
    return out


def without_edges(levels: Mapping[int, ItemEdges], dropped: Mapping[int, object]) -> dict[int, ItemEdges]:
    """``levels`` (from :func:`level_item_edges`) as if the edges in ``dropped`` had been skipped too.

    The result equals calling :func:`level_item_edges` again with the larger
    skip, insertion order included (pairs and levels come in the order of
    their first edge), in time linear in the pairs rather than the edges; the
    input is not changed.

    >>> levels = {0: {(1, 2): [0, 3], (2, 4): [1]}, 5: {(6, 7): [2]}}
    >>> without_edges(levels, {0: "long", 2: "long"})
    {0: {(2, 4): [1], (1, 2): [3]}}
    """
    out: dict[int, ItemEdges] = {}
    for level, pairs in levels.items():
        kept: ItemEdges = {}
        reordered = False
        for pair, eids in pairs.items():
            if any(e in dropped for e in eids):
                eids = [e for e in eids if e not in dropped]
                if not eids:
                    continue
                reordered = True
            kept[pair] = eids
        if reordered:  # a pair that lost its first edge now sorts by its next one
            kept = dict(sorted(kept.items(), key=lambda item: item[1][0]))
        if kept:
            out[level] = kept
    if len(out) != len(levels) or any(next(iter(pairs.values())) != next(iter(levels[level].values()))
                                       for level, pairs in out.items()):
        out = dict(sorted(out.items(), key=lambda item: min(eids[0] for eids in item[1].values())))
    return out


BoundaryEdges = dict[tuple[bool, int, int, int], list[int]]
"""``(entering, tensor's node, tensor's output, item) -> ids of the original edges``: one module's boundary."""


def boundary_item_edges(h: Hierarchy, *, skip: Callable[[int], bool] | None = None) -> dict[int, BoundaryEdges]:
    """Map each module id to the edges that cross its boundary, keyed by tensor and inner item.

    An edge ``u -> v`` enters every module on ``v``'s chain below the lowest
    common ancestor (at the item of that module holding ``v``) and leaves every
    module on ``u``'s chain below it; the cost is the edges times the depth.

    >>> from tb_plugin import ir
    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> _ = g.add_node(ir.Node("a", "Relu", module="m.inner", inputs=(ir.InputRef("x"),)))
    >>> h = Hierarchy(g)
    >>> edges = boundary_item_edges(h)
    >>> edges[1] == {(True, 0, 0, h.module_item(2)): [0]}, edges[2] == {(True, 0, 0, 1): [0]}
    (True, True)
    """
    out: dict[int, BoundaryEdges] = {}
    chain, node_module, depth_of, n = h.chain, h.node_module, h.module_depth, h.node_count
    edge_src, edge_out, edge_dst = h.edge_src, h.edge_out, h.edge_dst
    levels, sources, targets = h.edge_placement()
    # the edges with an end in a child module; the rest (both ends directly in the module drawing
    # them, most edges) cross nothing, and are left out in C
    for eid in compress(count(), map(n.__le__, map(max, sources, targets))):
        if skip is not None and skip(eid):
            continue
        a, b = sources[eid], targets[eid]
        depth = depth_of[levels[eid]] + 1
        src, out_index = edge_src[eid], edge_out[eid]
        for entering, node, end in ((True, edge_dst[eid], b), (False, src, a)):
            if end < n:  # this end is directly in the module drawing the edge: it crosses nothing
                continue
            c = chain[node_module[node]]
            last = len(c) - 1
            for d in range(depth, len(c)):
                mid = c[d]
                key = (entering, src, out_index, node if d == last else n + c[d + 1])
                crossing = out.get(mid)
                if crossing is None:
                    out[mid] = {key: [eid]}
                else:
                    found = crossing.get(key)
                    if found is None:
                        crossing[key] = [eid]
                    else:
                        found.append(eid)
    return out


def stack_display(h: Hierarchy, stacks) -> dict[int, int]:
    """Item -> drawn item for every stack member: the stack is drawn as its representative.

    ``stacks`` holds objects with ``members``, module ids whose first is the representative.
    """
    display = {}
    for stack in stacks:
        representative = h.module_item(stack.members[0])
        for member in stack.members:
            display[h.module_item(member)] = representative
    return display
