"""Item-level edges of every module view, computed in one pass over the edges.

An edge ``u -> v`` whose endpoints lie in different items of a module ``L`` is
drawn in ``L``'s view, and in no other: ``L`` is the lowest common ancestor of
the modules of ``u`` and ``v``. (Deeper views see it as a boundary crossing,
shallower ones as hidden inside a closed module.) An edge whose endpoints fall
into the same item everywhere (a self-loop) is reported at the level of its node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from tb_plugin.hierarchy import Hierarchy, shared_depth

__all__ = ["BoundaryEdges", "ItemEdges", "boundary_item_edges", "level_item_edges", "stack_display"]

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
    display = display or {}
    out: dict[int, ItemEdges] = {}
    chain, node_module, n = h.chain, h.node_module, h.node_count
    for eid in range(h.edge_count) if edges is None else edges:
        if skip is not None and skip(eid):
            continue
        u, v = h.edge_src[eid], h.edge_dst[eid]
        mu, mv = node_module[u], node_module[v]
        if mu == mv:  # the common case: both ends directly in one module
            out.setdefault(mu, {}).setdefault((u, v), []).append(eid)
            continue
        cu, cv = chain[mu], chain[mv]
        depth = shared_depth(cu, cv)
        level = cu[depth - 1]
        a = u if len(cu) == depth else n + cu[depth]
        b = v if len(cv) == depth else n + cv[depth]
        a, b = display.get(a, a), display.get(b, b)
        out.setdefault(level, {}).setdefault((a, b), []).append(eid)
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
    chain, node_module, n = h.chain, h.node_module, h.node_count
    for eid in range(h.edge_count):
        if skip is not None and skip(eid):
            continue
        u, v = h.edge_src[eid], h.edge_dst[eid]
        mu, mv = node_module[u], node_module[v]
        if mu == mv:
            continue
        cu, cv = chain[mu], chain[mv]
        depth = shared_depth(cu, cv)
        tensor = (u, h.edge_out[eid])
        for entering, c, node in ((True, cv, v), (False, cu, u)):
            for d in range(depth, len(c)):
                item = node if d + 1 == len(c) else n + c[d + 1]
                out.setdefault(c[d], {}).setdefault((entering, *tensor, item), []).append(eid)
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
