"""Witnesses that two modules are wired alike, and a bounded search for one where a pairing fails.

Stacking compares modules level by level (:mod:`tb_plugin.passes.stacking`)
and composes the per-level bijections into a node pairing. Where a child module
has inputs that look alike inside it, the composed pairing can swap them even
though the flattened modules are isomorphic. So every member's pairing is
checked against the flattened subtrees (:class:`Wiring`: ops, edges with
ports, and boundary wiring) before it is drawn, and a failed pairing is
searched for again on the flattened structures within a work budget
(:func:`repair_pairing`, WL pairing first, then bounded VF2). A member whose
pairing cannot be confirmed is not stacked.
"""

from __future__ import annotations

from collections import Counter

from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes import _isomorphism as iso

__all__ = ["Wiring", "repair_pairing"]


def repair_pairing(h: Hierarchy, embedded, rep: int, member: int,
                   budget: iso.SearchBudget) -> dict[int, int] | None:
    """A verified pairing of module ``rep``'s drawn nodes with ``member``'s, or ``None`` within ``budget``."""
    ids: dict = {}
    intern = lambda key: ids.setdefault(key, len(ids))  # noqa: E731
    r_nodes, r = _flattened(h, embedded, rep, intern)
    m_nodes, m = _flattened(h, embedded, member, intern)
    perm = iso.find_isomorphism(m, iso.wl_colors(m.labels, m.edges, intern), r,
                                iso.wl_colors(r.labels, r.edges, intern), budget, intern)
    if perm is None:
        return None
    pairs = {r_nodes[i]: m_nodes[perm[i]] for i in range(len(r_nodes)) if r_nodes[i] >= 0}
    return pairs if not Wiring(h, embedded, rep).mapped(pairs).differs_from(Wiring(h, embedded, member)) else None


def _flattened(h: Hierarchy, embedded, mid: int, intern) -> tuple[list[int], iso.Structure]:
    """The wiring of module ``mid`` as a labelled structure: nodes, then one item per entering
    tensor and per leaving result (negative ids in the returned node list)."""
    wiring = Wiring(h, embedded, mid)
    nodes = list(wiring.ops)
    pos = {n: i for i, n in enumerate(nodes)}
    labels = [intern(("node", wiring.ops[n])) for n in nodes]
    ports: dict[tuple[int, int], list] = {}
    for (u, o, v, i), count in wiring.edges.items():
        ports.setdefault((pos[u], pos[v]), []).extend([(o, i)] * count)
    edges = {iso.pack_edge(u, v, intern(("edge", *sorted(p)))) for (u, v), p in ports.items()}
    for group, count in wiring.entering.items():
        for _ in range(count):
            b = len(labels)
            labels.append(intern("in"))
            nodes.append(-1 - b)
            edges |= {iso.pack_edge(b, pos[n], intern(("read", i))) for n, i in group}
    for n, o in wiring.leaving:
        b = len(labels)
        labels.append(intern("out"))
        nodes.append(-1 - b)
        edges.add(iso.pack_edge(pos[n], b, intern(("send", o))))
    return nodes, iso.Structure(nodes, tuple(labels), tuple(sorted(edges)))


class Wiring:
    """A module's drawn subtree, flattened: ops, the edges among them, and its boundary wiring.

    An independent witness of what stacking compares: built from the hierarchy
    directly, in time linear in the subtree and its edges. Its parts are plain
    dicts of positive counts (compared in C; a Counter compares in Python).
    """

    def __init__(self, h: Hierarchy, embedded, mid: int, name: dict[int, int] | None = None, *,
                 drawn: list[int] | None = None) -> None:
        """``name``: node ids to record instead of the module's own (every drawn node must have one),
        so that a member is recorded in its representative's ids without renaming afterwards.
        ``drawn``: the module's drawn nodes (:func:`_drawn`) where the caller has them already."""
        all_nodes = h.nodes
        nodes = _drawn(h, mid) if drawn is None else drawn
        if name is not None:
            self._record_renamed(h, embedded, nodes, name)
            return
        self.ops = {nid: (all_nodes[nid].kind, all_nodes[nid].op) for nid in nodes}
        inside = self.ops
        in_edges, out_edges, edge_src, edge_dst, edge_out, edge_in = (
            h.in_edges, h.out_edges, h.edge_src, h.edge_dst, h.edge_out, h.edge_in)
        edges: dict[tuple[int, int, int, int], int] = {}
        entering: dict[tuple[int, int], list[tuple[int, int]]] = {}
        leaving: dict[tuple[int, int], int] = {}
        for nid in nodes:
            for eid in in_edges[nid]:
                if embedded[eid]:
                    continue
                src = edge_src[eid]
                if src in inside:
                    key = (src, edge_out[eid], nid, edge_in[eid])
                    edges[key] = edges.get(key, 0) + 1
                else:
                    tensor = (src, edge_out[eid])
                    reads = entering.get(tensor)
                    if reads is None:
                        entering[tensor] = [(nid, edge_in[eid])]
                    else:
                        reads.append((nid, edge_in[eid]))
            for eid in out_edges[nid]:
                if not embedded[eid] and edge_dst[eid] not in inside:
                    leaving[(nid, edge_out[eid])] = 1
        self.edges = edges
        self.entering = _counts(frozenset(reads) for reads in entering.values())
        self.leaving = leaving

    def _record_renamed(self, h: Hierarchy, embedded, nodes: list[int], name: dict[int, int]) -> None:
        """:meth:`__init__`'s ops, edges and boundary, with node ids replaced by ``name``."""
        inside = set(nodes)
        in_edges, out_edges, edge_src, edge_dst, edge_out, edge_in = (
            h.in_edges, h.out_edges, h.edge_src, h.edge_dst, h.edge_out, h.edge_in)
        edges: dict[tuple[int, int, int, int], int] = {}
        entering: dict[tuple[int, int], list[tuple[int, int]]] = {}
        leaving: dict[tuple[int, int], int] = {}
        for nid in nodes:
            me = name[nid]
            for eid in in_edges[nid]:
                if embedded[eid]:
                    continue
                src = edge_src[eid]
                if src in inside:
                    key = (name[src], edge_out[eid], me, edge_in[eid])
                    edges[key] = edges.get(key, 0) + 1
                else:
                    tensor = (src, edge_out[eid])
                    reads = entering.get(tensor)
                    if reads is None:
                        entering[tensor] = [(me, edge_in[eid])]
                    else:
                        reads.append((me, edge_in[eid]))
            for eid in out_edges[nid]:
                if not embedded[eid] and edge_dst[eid] not in inside:
                    leaving[(me, edge_out[eid])] = 1
        all_nodes = h.nodes
        self.ops = {name[nid]: (all_nodes[nid].kind, all_nodes[nid].op) for nid in nodes}
        self.edges = edges
        self.entering = _counts(frozenset(reads) for reads in entering.values())
        self.leaving = leaving

    def pairing_problem(self, h: Hierarchy, embedded, member: int, pairs: dict[int, int]) -> str:
        """Why ``pairs`` (this wiring's nodes -> module ``member``'s) is no isomorphism of the two
        wirings; ``""`` when it is one. The verdict of ``self.mapped(pairs).differs_from(Wiring(h,
        embedded, member))``, reached by recording the member in this wiring's ids instead."""
        ops = self.ops
        back = {b: a for a, b in pairs.items()}
        if not all(map(pairs.__contains__, ops)) or len(back) != len(pairs):
            missing = [nid for nid in ops if nid not in pairs]
            return f"the pairing leaves out or repeats nodes ({len(missing)} unpaired)"
        drawn = _drawn(h, member)
        # every drawn node of the member paired, with one of this wiring's nodes (checked in C, in that order)
        if (len(drawn) != len(ops) or not all(map(back.__contains__, drawn))
                or not all(map(ops.__contains__, map(back.__getitem__, drawn)))):
            return "paired nodes differ in op or kind, or the members have different nodes"
        return self.differs_from(Wiring(h, embedded, member, name=back, drawn=drawn))

    def mapped(self, pairs: dict[int, int]) -> "Wiring | _Mismatch":
        """This wiring with node ids renamed by ``pairs``; a message if ``pairs`` does not cover it."""
        missing = [nid for nid in self.ops if nid not in pairs]
        if missing or len(set(pairs.values())) != len(pairs):
            return _Mismatch(f"the pairing leaves out or repeats nodes ({len(missing)} unpaired)")
        return self.renamed(pairs.__getitem__)

    def renamed(self, name) -> "Wiring":
        """This wiring with every node id ``n`` replaced by ``name(n)``."""
        out = object.__new__(Wiring)
        out.ops = {name(n): op for n, op in self.ops.items()}
        out.edges = {(name(u), o, name(v), i): c for (u, o, v, i), c in self.edges.items()}
        out.entering = {frozenset((name(n), i) for n, i in reads): c for reads, c in self.entering.items()}
        out.leaving = {(name(n), o): c for (n, o), c in self.leaving.items()}
        return out

    def parts(self) -> tuple[Counter, Counter, Counter]:
        """Edges, entering groups and leaving results: what two wirings are compared by."""
        return Counter(self.edges), Counter(self.entering), Counter(self.leaving)

    def differs_from(self, other: "Wiring") -> str:
        if self.ops != other.ops:
            return "paired nodes differ in op or kind, or the members have different nodes"
        if self.edges != other.edges:
            return "the edges between their nodes differ"
        if self.entering != other.entering:
            return "their inputs are wired differently (which outside tensor feeds which node input)"
        if self.leaving != other.leaving:
            return "different nodes send results out of the module"
        return ""


def _drawn(h: Hierarchy, mid: int) -> list[int]:
    """The nodes of module ``mid``'s subtree that are not hidden, in pre-order."""
    hidden = h.hidden
    return [nid for nid in h.subtree_node_ids(mid) if not hidden[nid]]


def _counts(keys) -> dict:
    out: dict = {}
    for key in keys:
        out[key] = out.get(key, 0) + 1
    return out


class _Mismatch:
    def __init__(self, message: str) -> None:
        self.message = message

    def differs_from(self, other: Wiring) -> str:
        return self.message
