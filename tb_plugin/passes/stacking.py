"""Isomorphic sibling modules, found so that a view can draw them as one stack (``BertLayer ×12``).

What is compared. A module's *structure* is what its expanded view draws: its
items (direct nodes that are not embedded, labelled by kind and op; child
modules, labelled by their isomorphism class) and the item edges at its level
(:func:`tb_plugin.levels.level_item_edges`). An edge between two nodes is
labelled by the ports it uses (output index, input index); an edge with a module
at one end only by the ports on its node end. How the module is wired to its
outside is structure too: one item per tensor entering it and one per tensor
leaving it, joined to the items that read or produce them (so a self-attention
layer, whose keys and queries read one input, never stacks with a
cross-attention layer, whose keys read a second one). Embedded parameters,
constants and buffers are not structure, so layers whose weights differ in
shape still stack, with the shapes reported as :class:`MemberDifference` s;
nor are attributes or class names (also reported).

How classes are found. Bottom-up over the module tree (module ids are in
pre-order, so reversed ids visit children first) every module joins an
isomorphism class, and its class id is its label in its parent. A module whose
labelled structure, listed in topological order, equals one seen before joins
that one's class: key equality is itself a verified bijection. Otherwise
counts, label multiset and a Weisfeiler–Lehman signature pick the candidate
classes (see :mod:`tb_plugin.passes._isomorphism`), and the module joins one
only once an isomorphism to its representative is verified: first a candidate
bijection (items sorted by WL colour, then topological position) checked label
by label and edge by edge, else a VF2 search (networkx). A hash never decides
alone; structures too large for VF2 that fail the fast check stay apart.

Which siblings stack. Members of one class under one parent (modules with no
drawn item never stack) are taken in topological order of the parent's view
(SCC condensation order where it is cyclic) and cut into maximal runs in which
no other item lies on a path between two members, so drawing a run as one item
adds no cycle; a final check on the contracted view also covers runs of
different classes. Runs of at least ``min_size`` members are stacks.

Cost: linear in the graph size, but for the candidate checks between distinct
structures with equal signatures, and one sweep per class with members under a
parent across the span of that parent's view between its first and last member.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Hashable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from typing import Any

from tb_plugin import ir
from tb_plugin.graph_algorithms import stable_topological_order
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.levels import BoundaryEdges, ItemEdges, boundary_item_edges, level_item_edges
from tb_plugin.passes import _isomorphism as iso
from tb_plugin.passes.stack_witness import Wiring, repair_pairing
from tb_plugin.passes.variants import Variant, join_variants

__all__ = ["MemberDifference", "Stack", "find_stacks", "representative_stacks"]

_log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class MemberDifference:
    """One thing in which member ``module`` differs from its stack's representative.

    ``field`` is ``"shape"`` / ``"dtype"`` (output 0; ``"shape[1]"`` for output 1...),
    ``"outputs"`` (their number), ``"attrs.<name>"``, or ``"class_name"`` (then
    ``node`` and ``member_node`` are module paths). Values are tuples, scalars or
    ``None`` (absent); :meth:`to_json` turns tuples into lists.
    """

    module: int
    node: str
    member_node: str
    field: str
    representative: Any
    member: Any

    def to_json(self) -> dict:
        return {k: _json(v) for k, v in dataclasses.asdict(self).items()}


@dataclasses.dataclass(frozen=True)
class Stack:
    """Sibling modules of module ``parent`` drawn as one item; ``members[0]`` is drawn for all."""

    parent: int
    members: tuple[int, ...]
    class_name: str
    differences: tuple[MemberDifference, ...] = ()
    # per member after the first: (representative node, member node) pairs of the verified
    # isomorphism, for checking the claim independently (StackIsomorphicModulesPass.ensures)
    matching: tuple[tuple[tuple[int, int], ...], ...] = dataclasses.field(default=(), compare=False, repr=False)
    # members that are near-repeats, not exact (the last len(variants) members), and how they differ
    variants: tuple[Variant, ...] = ()

    @property
    def exact_members(self) -> tuple[int, ...]:
        return self.members[: len(self.members) - len(self.variants)]

    @property
    def representative(self) -> int:
        return self.members[0]

    def to_json(self, h: Hierarchy | None = None) -> dict:
        """A JSON-ready dict; with ``h``, module paths are added next to the ids."""
        out: dict = {
            "parent": self.parent,
            "members": list(self.members),
            "class_name": self.class_name,
            "count": len(self.members),
            "differences": [d.to_json() for d in self.differences],
        }
        if h is not None:
            out["variants"] = [v.to_json(h) for v in self.variants]
            out["parent_path"] = h.module_paths[self.parent]
            out["member_paths"] = [h.module_paths[m] for m in self.members]
        return out


def find_stacks(
    h: Hierarchy,
    *,
    embedded: Sequence[bool] | None = None,
    min_size: int = 2,
    item_edges: Mapping[int, ItemEdges] | None = None,
    max_variant_edit: float = 0.1,
    report: dict | None = None,
) -> list[Stack]:
    """Every run of at least ``min_size`` isomorphic siblings that can be drawn as one item.

    ``embedded[eid]`` is True for an edge whose producer is embedded into its
    consumer (default: the producer is a parameter, buffer or constant).
    ``item_edges`` may pass ``level_item_edges(h, skip=embedded.__getitem__)``
    when the caller has it already. ``report``, if given, receives
    ``unverified_candidates``: isomorphism searches that ran out of budget, whose
    modules are drawn unstacked. Stacks come sorted by parent, then by first
    member; members are in data-flow order. A stack inside a stacked module is
    listed for every member of the outer stack; :func:`representative_stacks`
    keeps those a view can show.

    >>> from tb_plugin import ir
    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> for i in range(3):
    ...     src = ir.InputRef(f"relu{i - 1}" if i else "x")
    ...     _ = g.add_node(ir.Node(f"relu{i}", "Relu", module=f"layer{i}", inputs=(src,)))
    >>> _ = g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("relu2"),)))
    >>> h = Hierarchy(g)
    >>> [[h.module_paths[m] for m in s.members] for s in find_stacks(h)]
    [['layer0', 'layer1', 'layer2']]
    """
    if min_size < 2:
        raise ValueError(f"min_size must be at least 2 (a stack of one is no stack), got {min_size}")
    if embedded is None:
        embedded = h.hidden_edges()
    elif len(embedded) != h.edge_count:
        raise ValueError(
            f"embedded has {len(embedded)} flags but the graph has {h.edge_count} edges; pass one flag per edge id"
        )
    drawn_edges = [eid for eid, flag in enumerate(embedded) if not flag]
    drawn = _drawn_nodes(h, drawn_edges)
    levels = item_edges if item_edges is not None else level_item_edges(h, edges=drawn_edges)
    boundaries = boundary_item_edges(h, skip=embedded.__getitem__)
    classes = iso.ClassIndex()
    n = h.node_count
    node_label = _node_labels(h, classes)
    first_node = _first_drawn_node(h, drawn)
    runs: list[tuple[int, tuple[int, ...]]] = []
    # Most modules hold one to three items (a Linear, a LayerNorm): the loop's fixed costs are most of it.
    # Plain loops, not comprehensions: before Python 3.12 each comprehension is a function call of its own.
    module_nodes, module_children, no_edges = h.module_nodes, h.module_children, {}
    for mid in reversed(range(len(h.module_paths))):
        items = []
        for v in module_nodes[mid]:
            if drawn[v]:
                items.append(v)
        children = module_children[mid]
        for c in children:  # h.module_item(c), inlined; a child with nothing drawn is not drawn, so not structure
            if first_node[c] < n:
                items.append(n + c)
        structure = _structure(h, items, levels.get(mid, no_edges), first_node, node_label, classes,
                               boundaries.get(mid) if mid else None)
        classes.add(mid, structure)
        if len(children) >= min_size:
            runs += [(mid, run, variants)
                     for run, variants in _sibling_runs(h, mid, structure, classes, min_size, embedded, max_variant_edit)]
    runs.sort(key=lambda run: run[:2])
    confirmed = _Confirmed()
    found: dict[int, Stack] = {}
    for i in confirmed.order(h, runs):
        parent, members, variants = runs[i]
        candidates = members[: len(members) - len(variants)]
        exact, matching, module_pairs, as_composed = (
            confirmed.members(h, classes, parent, candidates)
            or _verified_members(h, classes, embedded, candidates))
        confirmed.learn(candidates, exact, module_pairs, as_composed)
        if len(exact) < min_size:
            continue
        if exact != candidates:  # the variants were placed beside the whole run
            variants = ()
        members = exact + tuple(v.member for v in variants)
        found[i] = Stack(parent, members, _class_name(h, members),
                         _differences(h, exact, embedded, matching, module_pairs), matching, variants)
    stacks = [found[i] for i in sorted(found)]
    if classes.search_budget.abandoned:
        _log.warning(
            "%d isomorphism searches were too large or too long (limits in tb_plugin.passes._isomorphism); "
            "the modules they compared are drawn unstacked", classes.search_budget.abandoned,
        )
    if report is not None:
        report["unverified_candidates"] = classes.search_budget.abandoned
    return stacks


def _verified_members(
    h: Hierarchy, classes: iso.ClassIndex, embedded: Sequence[bool], exact: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[tuple[tuple[int, int], ...], ...], list[list[tuple[int, int]]], list[bool]]:
    """The members whose node pairing with the first checks out on the flattened modules, the
    pairings, per member the modules of its subtree paired by the isomorphism classes, and per
    member whether the pairing composed from the classes checked out as it was.

    The pairing composed from the per-level isomorphisms is checked first; one
    that fails is searched for again within the index's budget
    (:func:`tb_plugin.passes.stack_witness.repair_pairing`). The stack keeps the
    members up to the first that cannot be confirmed: a prefix in data-flow
    order, so that drawing it as one item adds no cycle.
    """
    rep = Wiring(h, embedded, exact[0])
    kept, matching, module_pairs, as_composed = [exact[0]], [], [], []
    for member in exact[1:]:
        pairs, modules = classes.matched_items(h, exact[0], member)
        composed = not rep.pairing_problem(h, embedded, member, pairs)
        if not composed:
            pairs = repair_pairing(h, embedded, exact[0], member, classes.search_budget)
            if pairs is None:
                classes.search_budget.abandoned += 1
                break
        kept.append(member)
        matching.append(tuple(pairs.items()))
        module_pairs.append(modules)
        as_composed.append(composed)
    return tuple(kept), tuple(matching), module_pairs, as_composed


class _Confirmed:
    """Stacks inside a member of an outer stack, confirmed from the outer stack's pairing.

    Where the pairing composed from the isomorphism classes of an outer stack's
    member ``M`` with its representative ``R`` checked out as it was, it maps
    ``R``'s drawn subtree onto ``M``'s (ops, edges, ports and boundary wiring)
    and ``R``'s modules onto ``M``'s. A run of siblings in ``M`` that this maps
    onto a run in ``R`` whose composed pairings all checked out has pairings
    that check out too: each is the one in ``R`` carried over to ``M`` by that
    isomorphism, which is what the class permutations compose to. So they are
    not checked a second time (Llama's 80 layers hold 158 such stacks beside
    the 3 a view can open); the stacking pass's ``ensures`` checks them all.
    """

    def __init__(self) -> None:
        self.counterpart: dict[int, int] = {}  # module in a member -> its module in a checked subtree
        self._checked: set[tuple[int, ...]] = set()  # runs whose composed pairings all checked out

    def order(self, h: Hierarchy, runs: list) -> Iterator[int]:
        """Indices into ``runs``: outer parents first (by depth), so that the counterparts of a
        parent are known when it is reached; at each depth, the parents with one come last."""
        by_depth: dict[int, list[int]] = {}
        for i, run in enumerate(runs):
            by_depth.setdefault(h.module_depth[run[0]], []).append(i)
        for depth in sorted(by_depth):
            later = []
            for i in by_depth[depth]:
                if runs[i][0] in self.counterpart:
                    later.append(i)
                else:
                    yield i
            yield from later

    def members(self, h: Hierarchy, classes: iso.ClassIndex, parent: int, candidates: tuple[int, ...]):
        """What :func:`_verified_members` returns for ``candidates``, where they are confirmed; else ``None``."""
        counterpart = self.counterpart
        if parent not in counterpart or tuple(counterpart.get(m, -1) for m in candidates) not in self._checked:
            return None
        matching, module_pairs = [], []
        for member in candidates[1:]:
            pairs, modules = classes.matched_items(h, candidates[0], member)
            matching.append(tuple(pairs.items()))
            module_pairs.append(modules)
        return candidates, tuple(matching), module_pairs, [True] * len(module_pairs)

    def learn(self, candidates: tuple[int, ...], exact: tuple[int, ...],
              module_pairs: list[list[tuple[int, int]]], as_composed: list[bool]) -> None:
        """Record a run's outcome, and the counterparts of the modules of members that checked out as composed."""
        if exact == candidates and all(as_composed):
            self._checked.add(candidates)
        counterpart = self.counterpart
        for modules, composed in zip(module_pairs, as_composed):
            if composed:
                for x, y in modules:
                    counterpart[y] = counterpart.get(x, x)


def representative_stacks(h: Hierarchy, stacks: Sequence[Stack]) -> list[Stack]:
    """The stacks a view can open: those not inside a member of another stack other than its first."""
    hidden = {m for s in stacks for m in s.members[1:]}
    return [s for s in stacks if not any(m in hidden for m in h.chain[s.parent])]


# -- structure of one module -----------------------------------------------------------------
def _drawn_nodes(h: Hierarchy, drawn_edges: list[int]) -> list[bool]:
    """Nodes that are drawn: not hidden, or an end of one of ``drawn_edges`` (the edges not embedded)."""
    drawn = [not e for e in h.hidden]
    for nid in {*map(h.edge_src.__getitem__, drawn_edges), *map(h.edge_dst.__getitem__, drawn_edges)}:
        drawn[nid] = True
    return drawn


def _node_labels(h: Hierarchy, classes: iso.ClassIndex) -> list[int]:
    """A label per node: its kind and op (looked up per kind, so no key tuple is built per node)."""
    by_kind: dict[ir.NodeKind, dict[str, int]] = {kind: {} for kind in ir.NodeKind}
    labels = []
    for node in h.nodes:
        known = by_kind[node.kind]
        label = known.get(node.op)
        if label is None:
            label = known[node.op] = classes.intern((node.kind, node.op))
        labels.append(label)
    return labels


def _first_drawn_node(h: Hierarchy, drawn: list[bool]) -> list[int]:
    """Per module, the first drawn node of its subtree in graph order: where its data flow starts.

    Modules without one sort after every node, in pre-order.
    """
    first = [h.node_count + mid for mid in range(len(h.module_paths))]
    for mid in reversed(range(len(h.module_paths))):
        nodes = h.module_nodes[mid]
        best = next(compress(nodes, map(drawn.__getitem__, nodes)), first[mid])
        for child in h.module_children[mid]:
            best = min(best, first[child])
        first[mid] = best
    return first


def _structure(
    h: Hierarchy, items: list[int], item_edges: ItemEdges, first_node: list[int],
    node_label: list[int], classes: iso.ClassIndex, boundary: BoundaryEdges | None = None,
) -> iso.Structure:
    """The labelled item graph of one module, with items in a deterministic topological order,
    and its boundary wiring (see :func:`_with_boundary`)."""
    n = h.node_count
    if len(items) == 1 and not item_edges:  # most modules: one Linear, one LayerNorm
        item = items[0]
        label = node_label[item] if item < n else classes.module_label(item - n)
        return _lone_item_structure(h, item, label, boundary, classes)
    return _general_structure(h, items, item_edges, first_node, node_label, classes, boundary)


def _lone_item_structure(
    h: Hierarchy, item: int, label: int, boundary: BoundaryEdges | None, classes: iso.ClassIndex,
) -> iso.Structure:
    """:func:`_structure` of a module whose one item ``item`` (labelled ``label``) has no item edge:
    it has no order to find and no edges to label, only its boundary wiring.

    What :func:`_with_boundary` builds, without its general steps: with one item, each tensor
    touches it once, so the boundary items sort by their port labels alone, and the structure
    depends on ``label`` and those labels only (cached per index: most modules share a few).
    """
    if not boundary:
        return iso.Structure([item], (label,), ())
    ins, outs = [], []
    for (enters, _src, out, _item), eids in boundary.items():
        lab = _touch_label(h, classes, enters, out, item, eids)
        if enters:
            ins.append(lab)
        else:
            outs.append(lab)
    ins.sort()
    outs.sort()
    key = (label, *ins, -1, *outs)
    found = classes.lone_structures.get(key)
    if found is None:
        into, out_of = classes.boundary_labels or _boundary_labels(classes)
        k = len(ins)
        edges = [iso.pack_edge(b, k, lab) for b, lab in enumerate(ins)]  # sorted: b < k
        edges += [iso.pack_edge(k, k + 1 + b, lab) for b, lab in enumerate(outs)]
        found = classes.lone_structures[key] = (
            (*repeat(into, k), label, *repeat(out_of, len(outs))), tuple(edges),
            tuple(range(-1, -1 - k, -1)), tuple(range(-1 - k, -1 - k - len(outs), -1)))
    labels, edges, before, after = found
    return iso.Structure([*before, item, *after], labels, edges)


def _general_structure(
    h: Hierarchy, items: list[int], item_edges: ItemEdges, first_node: list[int],
    node_label: list[int], classes: iso.ClassIndex, boundary: BoundaryEdges | None = None,
) -> iso.Structure:
    """:func:`_structure` of any module, without the shortcut for a lone item."""
    n = h.node_count
    has_modules = bool(items) and items[-1] >= n
    if has_modules:  # node ids come sorted; child modules go where their data flow starts
        items.sort(key=lambda item: item if item < n else first_node[item - n])
    pos = _positions(items)
    components = None
    if item_edges:
        edge_out, edge_in, pack = h.edge_out, h.edge_in, iso.pack_edge
        labs = classes.intern_all([
            (edge_out[eids[0]] << 32) | edge_in[eids[0]]  # the usual case, keyed without building a tuple
            if len(eids) == 1 and a < n and b < n else _edge_label(h, a, b, eids)
            for (a, b), eids in item_edges.items()
        ])
        edges, backward = [], False
        for (a, b), lab in zip(item_edges, labs):  # one plain loop: a module has a few item edges
            u, v = pos[a], pos[b]
            backward = backward or u > v
            edges.append((((u << 32) | v) << 32) | lab)  # pack_edge, inlined
        if backward:
            succ: list[list[int]] = [[] for _ in items]
            for u, v, _ in map(iso.unpack_edge, edges):
                succ[u].append(v)
            order, components = stable_topological_order(succ)
            items = [items[i] for i in order]
            rank = {old: new for new, old in enumerate(order)}
            edges = [pack(rank[u], rank[v], lab) for u, v, lab in map(iso.unpack_edge, edges)]
            pos = _positions(items)
    else:
        edges = []
    if has_modules:
        labels = [node_label[i] if i < n else classes.module_label(i - n) for i in items]
    else:
        labels = [node_label[i] for i in items]
    if boundary:
        items, labels, edges, components = _with_boundary(h, items, pos, labels, edges, components, boundary, classes)
    edges.sort()
    return iso.Structure(items, tuple(labels), tuple(edges), components)


def _positions(items: list[int]) -> dict[int, int]:
    """Item -> its position; a plain loop, as modules hold a few items, too few for a
    comprehension's setup (a function call of its own before Python 3.12) to pay."""
    pos = {}
    for i, item in enumerate(items):
        pos[item] = i
    return pos


def _with_boundary(
    h: Hierarchy, items: list[int], pos: dict[int, int], labels: list[int], edges: list[int],
    components: list[int] | None, boundary: BoundaryEdges, classes: iso.ClassIndex,
) -> tuple[list[int], list[int], list[int], list[int] | None]:
    """The structure with one item per tensor entering the module (first) and leaving it (last).

    ``pos`` maps each of ``items`` to its position. Boundary items are labelled
    only by direction, and their edges by the ports on the node end, so members
    compare by *how* they are wired to the outside (which input feeds which of
    their items), not by what the tensors are. Their item ids are negative:
    they stand for no node or module.
    """
    # per tensor, the (position, port label) pairs it touches, each packed as one int that sorts like the pair
    entering: dict[tuple[int, int], list[int]] = {}
    leaving: dict[tuple[int, int], list[int]] = {}
    for (enters, src, out, item), eids in boundary.items():
        touched = (pos[item] << 32) | _touch_label(h, classes, enters, out, item, eids)
        groups = entering if enters else leaving
        found = groups.get((src, out))
        if found is None:
            groups[(src, out)] = [touched]
        else:
            found.append(touched)
    # an order that isomorphic members share: by the positions of the items they touch
    ins, outs = list(entering.values()), list(leaving.values())
    for touched in ins:
        touched.sort()
    for touched in outs:
        touched.sort()
    ins.sort()
    outs.sort()
    k, m = len(ins), len(outs)
    shift = ((k << 32) | k) << 32  # iso.pack_edge(k, k, 0): adds k to both ends of a packed edge
    shifted = [edge + shift for edge in edges] if edges else []
    into = k << 32  # a packed (position, label) plus this and b << 64 is the edge b -> position + k
    for b, touched in enumerate(ins):  # plain loops: these lists hold one or two items, mostly
        start = (b << 64) + into
        for t in touched:
            shifted.append(start + t)
    last, mask = k + len(items), (1 << 32) - 1
    for b, touched in enumerate(outs):
        end = (last + b) << 32
        for t in touched:
            shifted.append((((t >> 32) + k) << 64) + end + (t & mask))
    into, out_of = classes.boundary_labels or _boundary_labels(classes)
    new_items = [*range(-1, -1 - k, -1), *items, *range(-1 - k, -1 - k - m, -1)]
    new_labels = [*repeat(into, k), *labels, *repeat(out_of, m)]
    if components is not None:  # boundary items are never on a cycle: components of their own
        top = max(components, default=-1) + 1
        components = [*range(top, top + k), *components, *range(top + k, top + k + m)]
    return new_items, new_labels, shifted, components


def _touch_label(h: Hierarchy, classes: iso.ClassIndex, enters: bool, out: int, item: int, eids: list[int]) -> int:
    """The label of a boundary tensor's edges ``eids`` at ``item``: the port of the node they enter,
    or the output index it leaves by (whichever edge carries it); ``-1`` at a child module's end."""
    if item >= h.node_count:
        port = -1
    elif not enters:
        port = out
    elif len(eids) == 1:
        port = h.edge_in[eids[0]]
    else:
        ports = sorted({h.edge_in[e] for e in eids})
        if len(ports) > 1:  # one tensor read at several ports of one node
            return classes.intern(("port", tuple(ports)))
        port = ports[0]
    found = classes.port_labels.get(port)
    return _port_label(classes, port) if found is None else found


def _boundary_labels(classes: iso.ClassIndex) -> tuple[int, int]:
    """The labels of entering and leaving boundary items, interned once per index."""
    classes.boundary_labels = classes.intern(("boundary", "in")), classes.intern(("boundary", "out"))
    return classes.boundary_labels


def _port_label(classes: iso.ClassIndex, port: int) -> int:
    """The label of a boundary edge at one port (``-1``: a child module's end), interned once per index."""
    found = classes.port_labels.get(port)
    if found is None:
        found = classes.port_labels[port] = classes.intern(("port", (port,)))
    return found


def _edge_label(h: Hierarchy, a: int, b: int, eids: list[int]) -> Hashable:
    """Ports on the node ends; a module end has no meaningful port, nor does the edge count."""
    n = h.node_count
    if a < n and b < n:
        return tuple(sorted((h.edge_out[e], h.edge_in[e]) for e in eids))
    if len(eids) == 1:  # the usual edge into or out of a child module: no set to sort
        e = eids[0]
        return ((h.edge_out[e] if a < n else -1, h.edge_in[e] if b < n else -1),)
    return tuple(sorted({(h.edge_out[e] if a < n else -1, h.edge_in[e] if b < n else -1) for e in eids}))


# -- which siblings stack ---------------------------------------------------------------------
def _sibling_runs(
    h: Hierarchy, mid: int, structure: iso.Structure, classes: iso.ClassIndex, min_size: int,
    embedded: Sequence[bool], max_variant_edit: float,
) -> list[tuple[tuple[int, ...], tuple[Variant, ...]]]:
    """Runs of isomorphic children of ``mid`` that can each be drawn as one item, as module ids,
    each grown by its variants (:mod:`tb_plugin.passes.variants`), which come last."""
    if len(h.module_children[mid]) < min_size:
        return []
    # a module with a structure equal to an earlier one's (Llama's 80 layers) has its runs at the same positions
    twin = classes.twin_of.get(mid, mid)
    runs = classes.position_runs.get(twin)
    if runs is None:
        runs = classes.position_runs[twin] = _position_runs(h, mid, structure, classes, min_size)
    if not runs:  # the usual case where siblings of a class are apart (pwconv1 -> act -> pwconv2): no variants to join
        return []
    runs = [list(run) for run in runs]  # join_variants grows them
    variants = join_variants(h, embedded, structure.items, runs,
                             lambda grown: iso.acyclic_contractions(structure, grown) is grown,
                             max_fraction=max_variant_edit)
    return [
        (tuple(h.item_module(structure.items[p]) for p in run), tuple(variants[p] for p in run if p in variants))
        for run in runs
    ]


def _position_runs(h: Hierarchy, mid: int, structure: iso.Structure, classes: iso.ClassIndex,
                   min_size: int) -> list[list[int]]:
    """Runs of same-class children of ``mid`` that can each be drawn as one item, as positions in ``structure``."""
    by_class: dict[int, list[int]] = {}
    for child in h.module_children[mid]:
        if classes.has_structure(child):
            by_class.setdefault(classes.class_of[child], []).append(child)
    groups = [members for members in by_class.values() if len(members) >= min_size]
    if not groups:
        return []
    pos = {item: i for i, item in enumerate(structure.items)}
    preds = structure.predecessors()
    runs = []
    for members in groups:
        positions = sorted(pos[h.module_item(c)] for c in members)
        runs += [run for run in _untangled_runs(positions, preds) if len(run) >= min_size]
    if len(runs) > 1 or (runs and structure.components is not None):
        runs = iso.acyclic_contractions(structure, runs)
    return runs


def _untangled_runs(positions: list[int], preds: list[list[int]]) -> list[list[int]]:
    """Cut members (sorted topological positions) into maximal runs with no outsider between two members.

    One forward sweep: an item is *reached* when a path from the current run
    leads to it, *tainted* when such a path passes an item outside the run. A
    tainted member would close a cycle through that item, so it starts a new run.
    (Within a cyclic component only the forward edges count; the final
    contraction check catches the rest.)
    """
    member = set(positions)
    state: dict[int, tuple[int, bool]] = {}  # position -> (run number, tainted)
    runs = [[positions[0]]]
    state[positions[0]] = (0, False)
    for p in range(positions[0] + 1, positions[-1] + 1):
        current = len(runs) - 1
        reached = tainted = False
        for q in preds[p]:
            s = state.get(q)
            if s is not None and s[0] == current:
                reached = True
                tainted = tainted or s[1]
        if p in member:
            if tainted:
                runs.append([p])
                state[p] = (current + 1, False)
            else:
                runs[-1].append(p)
                state[p] = (current, False)
        elif reached:
            state[p] = (current, True)
    return runs


# -- what the stack shows ---------------------------------------------------------------------
def _class_name(h: Hierarchy, members: tuple[int, ...]) -> str:
    return " | ".join(dict.fromkeys(h.module_class[m] for m in members))


def _differences(
    h: Hierarchy, members: tuple[int, ...], embedded: Sequence[bool],
    matching: Sequence[Sequence[tuple[int, int]]], module_pairs: Sequence[Sequence[tuple[int, int]]],
) -> tuple[MemberDifference, ...]:
    """What each member has that its representative does not: shapes, dtypes, attributes, classes.

    Nodes are compared by the verified pairing (``matching``, one per member after the first), modules
    by the isomorphism classes (``module_pairs``, the member itself first).
    """
    out: list[MemberDifference] = []
    nodes, in_edges, edge_src, edge_in = h.nodes, h.in_edges, h.edge_src, h.edge_in
    module_class, module_paths = h.module_class, h.module_paths
    embedded_inputs: dict[int, list[tuple[int, int]]] = {}  # representative node -> (input, producer)
    for member, node_pairs, modules in zip(members[1:], matching, module_pairs):
        seen: set[tuple[int, int]] = set()
        for a, b in modules:
            if module_class[a] != module_class[b]:
                out.append(MemberDifference(member, module_paths[a], module_paths[b], "class_name",
                                            module_class[a], module_class[b]))
        for a, b in node_pairs:  # plain loops: a node has a few inputs (before Python 3.12 a comprehension is a call)
            pairs = [(a, b)]
            inputs = embedded_inputs.get(a)
            if inputs is None:
                inputs = embedded_inputs[a] = []
                for e in in_edges[a]:
                    if embedded[e]:
                        inputs.append((edge_in[e], edge_src[e]))
            if inputs:  # embedded producers, paired by the input they feed
                ins_b = in_edges[b]
                for k, x in inputs:
                    if k < len(ins_b) and embedded[ins_b[k]]:
                        pairs.append((x, edge_src[ins_b[k]]))
            for x, y in pairs:
                nx_, ny = nodes[x], nodes[y]
                if (nx_.outputs != ny.outputs or nx_.attrs != ny.attrs) and (x, y) not in seen:
                    seen.add((x, y))
                    out += _node_differences(member, nx_, ny)
    return tuple(out)


def _node_differences(member: int, na: ir.Node, nb: ir.Node) -> list[MemberDifference]:
    diffs = []

    def add(field: str, x: Any, y: Any) -> None:
        if x != y:
            diffs.append(MemberDifference(member, na.name, nb.name, field, x, y))

    # equal parts add nothing, and are the common case (UNet's blocks differ in shapes only): not walked
    if na.outputs != nb.outputs:
        add("outputs", len(na.outputs), len(nb.outputs))
        for i, (ta, tb) in enumerate(zip(na.outputs, nb.outputs)):
            suffix = f"[{i}]" if i else ""
            add("shape" + suffix, ta.dims, tb.dims)
            add("dtype" + suffix, ta.dtype, tb.dtype)
    if na.attrs != nb.attrs:
        for key in sorted(na.attrs.keys() | nb.attrs.keys()):
            add(f"attrs.{key}", na.attrs.get(key), nb.attrs.get(key))
    return diffs


def _json(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_json(v) for v in value]
    return value
