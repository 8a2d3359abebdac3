"""Isomorphism classes of labelled item graphs, for :mod:`tb_plugin.passes.stacking`.

A :class:`Structure` is a small directed graph whose vertices are positions
``0..k-1`` (a module's items in topological order) with integer labels, and
whose edges ``(u, v, label)`` are unique per ``(u, v)``, each packed into one
int by :func:`pack_edge` (ints are not tracked by the garbage collector; a
tuple per edge made full collections the largest cost). :class:`ClassIndex`
puts structures into classes of isomorphic ones and never decides on a hash:

1. equal ``(labels, edges)`` tuples: the identity on positions is a bijection
   that preserves every label and edge, checked by the tuple comparison itself;
2. else, among the classes with the same counts, label multiset and
   Weisfeiler–Lehman signature (:func:`wl_colors`, :func:`wl_hash`; computed
   only once a second structure shares the counts), a candidate bijection
   pairing items by (WL colour, position) is verified edge by edge, first with
   the few rounds of the signature, then with colours refined until stable;
3. else a VF2 search (networkx ``DiGraphMatcher``) decides, on structures of
   at most :data:`MAX_SEARCH_ITEMS` items and within a budget of work: VF2 is
   exponential on some inputs (a 6-cycle against two 3-cycles, repeated), and
   slow where it must tell apart long same-label chains, which step 2 handles.
   A search that gives up keeps the structures apart, as does a refusal.

Labels and WL colours are interned into one table, so equal integers mean equal
labels in every structure of one index.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import networkx as nx
from networkx.algorithms import isomorphism as nx_iso

from tb_plugin.graph_algorithms import is_acyclic
from tb_plugin.hierarchy import Hierarchy

__all__ = [
    "MAX_SEARCH_ITEMS",
    "SEARCH_WORK",
    "ClassIndex",
    "SearchBudget",
    "Structure",
    "acyclic_contractions",
    "find_isomorphism",
    "pack_edge",
    "unpack_edge",
    "wl_colors",
    "wl_hash",
]

WL_ROUNDS = 4
"""Refinement rounds at most; items are paired by position too, so a few are enough."""

MAX_SEARCH_ITEMS = 1000
"""Above this many items, structures that fail the fast check are kept apart, not searched."""

SEARCH_WORK = 5_000_000
"""Work all VF2 searches of one index may do together (a few seconds at worst); see :class:`SearchBudget`."""


_BITS = 32
_MASK = (1 << _BITS) - 1


def pack_edge(u: int, v: int, label: int) -> int:
    """One int for edge ``u -> v`` with ``label`` (each below 2**32); packed edges sort as triples do.

    >>> unpack_edge(pack_edge(3, 7, 2))
    (3, 7, 2)
    """
    return (((u << _BITS) | v) << _BITS) | label


def unpack_edge(packed: int) -> tuple[int, int, int]:
    return packed >> (2 * _BITS), (packed >> _BITS) & _MASK, packed & _MASK


class Structure:
    """Items in topological order, their labels, sorted packed edges, and SCC ids if cyclic."""

    __slots__ = ("items", "labels", "edges", "components")

    def __init__(self, items: list[int], labels: tuple[int, ...], edges: tuple[int, ...],
                 components: list[int] | None = None) -> None:
        self.items, self.labels, self.edges, self.components = items, labels, edges, components

    def triples(self) -> list[tuple[int, int, int]]:
        return [unpack_edge(e) for e in self.edges]

    def predecessors(self) -> list[list[int]]:
        preds: list[list[int]] = [[] for _ in self.labels]
        for packed in self.edges:
            preds[(packed >> _BITS) & _MASK].append(packed >> (2 * _BITS))
        return preds


class ClassIndex:
    """Modules grouped into verified isomorphism classes, added children first.

    Only the first module of each distinct structure keeps its :class:`Structure`;
    the others (most modules of a deep model) keep just their items, so that
    few objects outlive a call.
    """

    def __init__(self) -> None:
        self._ids: dict[Hashable, int] = {}
        self.class_of: dict[int, int] = {}
        self._items: dict[int, list[int]] = {}
        self._structure: dict[int, Structure] = {}
        self._perm: dict[int, tuple[int, ...]] = {}  # class item i -> the module's position
        self._exact: dict[tuple, int] = {}
        # coarse invariants -> its one class (a list, not hashed yet) or {WL hash: class ids}
        self._coarse: dict[tuple, list[int] | dict[Hashable, list[int]]] = {}
        self._rep: list[int] = []
        self._rep_colors: list[list[int] | None] = []
        self.search_budget = SearchBudget()
        self.port_labels: dict[int, int] = {}  # a cache of stacking's boundary port labels
        self._module_labels: dict[int, int] = {}  # class id -> its label, once interned
        self.boundary_labels: tuple[int, int] | None = None  # stacking's boundary item labels, once interned
        self.lone_structures: dict[tuple, tuple] = {}  # a cache of stacking's structures of one item
        self.twin_of: dict[int, int] = {}  # module -> the first module added with an equal structure
        self.position_runs: dict[int, list[list[int]]] = {}  # a cache of stacking's sibling runs, per structure

    def intern(self, key: Hashable) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._ids)
        return found

    def intern_all(self, keys: list[Hashable]) -> list[int]:
        """:meth:`intern` of each key, in order (one call for a module's edges)."""
        ids = self._ids
        out = [ids.get(key) for key in keys]
        if None in out:
            out = [self.intern(key) if found is None else found for key, found in zip(keys, out)]
        return out

    def module_label(self, mid: int) -> int:
        cid = self.class_of[mid]
        found = self._module_labels.get(cid)
        if found is None:  # interned when first asked for, so label ids come in the same order
            found = self._module_labels[cid] = self.intern(("module", cid))
        return found

    def has_structure(self, mid: int) -> bool:
        return bool(self._items[mid])

    def add(self, mid: int, s: Structure) -> int:
        """Put module ``mid`` with structure ``s`` into its class; return the class id."""
        self._items[mid] = s.items
        key = (s.labels, s.edges)
        twin = self._exact.get(key)
        if twin is not None:
            self.twin_of[mid] = twin
            self._perm[mid] = self._perm[twin]
            cid = self.class_of[mid] = self.class_of[twin]
            return cid
        self._exact[key] = mid
        self._structure[mid] = s
        # Invariants any isomorphism keeps; WL colours are computed only where they are shared.
        coarse = (len(s.edges), tuple(sorted(s.labels)))
        bucket = self._coarse.get(coarse)
        if bucket is None:
            self._coarse[coarse] = [self._new_class(mid, s)]
            return self.class_of[mid]
        if isinstance(bucket, list):  # one class so far, not yet hashed: it has company now
            (first,) = bucket
            bucket = self._coarse[coarse] = {}
            bucket[wl_hash(self._rep_colors_of(first), self._structure[self._rep[first]].edges)] = [first]
        colors = wl_colors(s.labels, s.edges, self.intern)
        candidates = bucket.setdefault(wl_hash(colors, s.edges), [])
        for cid in candidates:
            perm = find_isomorphism(s, colors, self._structure[self._rep[cid]], self._rep_colors_of(cid),
                                    self.search_budget, self.intern)
            if perm is not None:
                self._perm[mid] = perm
                self.class_of[mid] = cid
                return cid
        cid = self._new_class(mid, s, colors)
        candidates.append(cid)
        return cid

    def _new_class(self, mid: int, s: Structure, colors: list[int] | None = None) -> int:
        cid = len(self._rep)
        self._rep.append(mid)
        self._rep_colors.append(colors)
        self._perm[mid] = tuple(range(len(s.labels)))
        self.class_of[mid] = cid
        return cid

    def _rep_colors_of(self, cid: int) -> list[int]:
        colors = self._rep_colors[cid]
        if colors is None:
            rep = self._structure[self._rep[cid]]
            colors = self._rep_colors[cid] = wl_colors(rep.labels, rep.edges, self.intern)
        return colors

    def matched_items(self, h: Hierarchy, a: int, b: int) -> tuple[dict[int, int], list[tuple[int, int]]]:
        """Items of the subtrees of same-class modules ``a`` and ``b`` paired by the isomorphism.

        Returns node of ``a`` -> node of ``b``, and the pairs of modules, ``(a, b)`` first (depth first).
        """
        n = h.node_count
        nodes: dict[int, int] = {}
        modules = [(a, b)]
        todo = [(a, b)]
        while todo:
            x, y = todo.pop()
            items_x, items_y = self._items[x], self._items[y]
            for i, j in zip(self._perm[x], self._perm[y]):
                ix = items_x[i]
                if ix >= n:
                    pair = (ix - n, items_y[j] - n)
                    modules.append(pair)
                    todo.append(pair)
                elif ix >= 0:  # negative items stand for boundary tensors
                    nodes[ix] = items_y[j]
        return nodes, modules


def wl_colors(
    labels: tuple[int, ...], edges: tuple[int, ...], intern: Callable[[Hashable], int], rounds: int = WL_ROUNDS
) -> list[int]:
    """Weisfeiler–Lehman colours of a directed, edge-labelled graph (packed edges).

    Stops once the partition is stable, or after ``rounds`` rounds.
    """
    outs: list[list[tuple[int, int]]] = [[] for _ in labels]
    ins: list[list[tuple[int, int]]] = [[] for _ in labels]
    for u, v, lab in map(unpack_edge, edges):
        outs[u].append((lab, v))
        ins[v].append((lab, u))
    colors = list(labels)
    distinct = len(set(colors))
    for _ in range(rounds):
        colors = [
            intern((c, tuple(sorted([(lab, colors[v]) for lab, v in out])),
                    tuple(sorted([(lab, colors[u]) for lab, u in inn]))))
            for c, out, inn in zip(colors, outs, ins)
        ]
        now = len(set(colors))
        if now == distinct:
            break
        distinct = now
    return colors


def wl_hash(colors: list[int], edges: tuple) -> Hashable:
    """The bucket of a structure: its multiset of WL colours and its edge count."""
    return (len(edges), tuple(sorted(colors)))


def find_isomorphism(
    s: Structure, colors: list[int], r: Structure, r_colors: list[int],
    budget: SearchBudget | None = None, intern: Callable[[Hashable], int] | None = None,
) -> tuple[int, ...] | None:
    """A verified isomorphism from ``r`` to ``s`` as ``perm[r position] = s position``, or ``None``.

    ``colors`` and ``r_colors`` are WL colours from one ``intern`` table. Tried in
    turn: pairing items by (colour, position); the same with colours refined
    until stable (costly on long chains, so only now); a VF2 search. ``None``
    also when the search would exceed ``budget`` (``budget.abandoned`` counts it).
    """
    k = len(s.labels)
    if k != len(r.labels) or len(s.edges) != len(r.edges) or sorted(s.labels) != sorted(r.labels):
        return None
    perm = _paired_by_colour(s, colors, r, r_colors)
    if perm is not None or sorted(colors) != sorted(r_colors):
        return perm  # or None: WL tells them apart, a proof that they differ
    budget = budget if budget is not None else SearchBudget()
    if k > MAX_SEARCH_ITEMS or budget.left <= 0:
        budget.abandoned += 1
        return None
    if intern is not None:
        budget.left -= k * (k + len(s.edges))  # the most refinement can cost
        colors = wl_colors(s.labels, s.edges, intern, rounds=k)
        r_colors = wl_colors(r.labels, r.edges, intern, rounds=k)
        perm = _paired_by_colour(s, colors, r, r_colors)
        if perm is not None or sorted(colors) != sorted(r_colors):
            return perm
    # an isomorphic pair needs about k steps at depths 0..k; allow twice that, plus some backtracking
    work = min(budget.left, k * k + 20 * (k + len(s.edges)) + 1000)
    matcher = _BoundedMatcher(_nx_graph(r), _nx_graph(s), work)
    try:
        found = matcher.is_isomorphic()
    except _GaveUp:
        budget.left -= work
        budget.abandoned += 1
        return None
    budget.left -= work - matcher.steps_left
    return tuple(matcher.mapping[i] for i in range(k)) if found else None


def _paired_by_colour(s: Structure, colors: list[int], r: Structure, r_colors: list[int]) -> tuple[int, ...] | None:
    """The bijection pairing the j-th item of each colour in ``s`` and ``r`` (by position), if it is an isomorphism."""
    k = len(s.labels)
    to_r = [0] * k
    for x, y in zip(sorted(range(k), key=lambda i: (colors[i], i)), sorted(range(k), key=lambda i: (r_colors[i], i))):
        to_r[x] = y
    if any(s.labels[x] != r.labels[to_r[x]] for x in range(k)):
        return None
    if {pack_edge(to_r[u], to_r[v], lab) for u, v, lab in s.triples()} != set(r.edges):
        return None
    perm = [0] * k
    for x, y in enumerate(to_r):
        perm[y] = x
    return tuple(perm)


class SearchBudget:
    """Work the VF2 searches of one :class:`ClassIndex` may still do, and how many searches gave up.

    Trying a candidate pair at search depth ``d`` costs ``d + 1``: networkx's
    VF2 state update walks the pairs matched so far.
    """

    def __init__(self, work: int = SEARCH_WORK) -> None:
        self.left = work
        self.abandoned = 0


class _GaveUp(Exception):
    pass


class _BoundedMatcher(nx_iso.DiGraphMatcher):
    """Labelled VF2 that gives up after ``work`` (see :class:`SearchBudget`): it is exponential on some inputs."""

    def __init__(self, g1: nx.DiGraph, g2: nx.DiGraph, work: int) -> None:
        super().__init__(g1, g2, node_match=_same_label, edge_match=_same_label)
        self.steps_left = work

    def syntactic_feasibility(self, g1_node, g2_node) -> bool:
        self.steps_left -= 1 + len(self.core_1)
        if self.steps_left < 0:
            raise _GaveUp
        return super().syntactic_feasibility(g1_node, g2_node)


def _same_label(x: dict, y: dict) -> bool:
    return x["label"] == y["label"]


def _nx_graph(s: Structure) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from((i, {"label": lab}) for i, lab in enumerate(s.labels))
    g.add_edges_from((u, v, {"label": lab}) for u, v, lab in s.triples())
    return g


def acyclic_contractions(s: Structure, runs: list[list[int]]) -> list[list[int]]:
    """The runs (position lists) whose contraction, together, adds no cycle; larger runs win.

    A strongly connected component of ``s`` counts as one unit, so only new cycles count.
    """
    if _contraction_is_acyclic(s, runs):
        return runs
    kept: list[list[int]] = []
    for run in sorted(runs, key=lambda r: (-len(r), r[0])):
        if _contraction_is_acyclic(s, kept + [run]):
            kept.append(run)
    return sorted(kept)


def _contraction_is_acyclic(s: Structure, groups: list[list[int]]) -> bool:
    parent = list(range(len(s.labels)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        parent[find(x)] = find(y)

    if s.components is not None:
        first: dict[int, int] = {}
        for i, c in enumerate(s.components):
            union(i, first.setdefault(c, i))
    for group in groups:
        for p in group[1:]:
            union(p, group[0])
    succ: list[list[int]] = [[] for _ in parent]  # on group roots; other positions stay isolated
    for u, v, _ in s.triples():
        ru, rv = find(u), find(v)
        if ru != rv:
            succ[ru].append(rv)
    return is_acyclic(succ)
