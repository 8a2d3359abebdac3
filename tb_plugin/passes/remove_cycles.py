"""RemoveCyclesPass: every module's drawn view becomes acyclic, so a layered layout works.

Cycles arise when collapsing modules whose data flow interleaves (a mask made
in one module and read by several others) and in graphs with true loops
(TensorFlow's ``NextIteration -> Merge``). Per view, the strongly connected
parts of the item graph are ordered with the Eades–Lin–Smyth heuristic,
weighted by how many original edges each drawn edge carries, and the drawn
edges that point backwards in that order are reversed for layout. Nothing is
dropped: reversed edges are marked, and the tab draws them as back edges.
Self-loops of a single operator are marked the same way.

Runs last, on exactly what is drawn: after embedding, stacking and pruning.
"""

from __future__ import annotations

import dataclasses
import heapq
import operator
from collections.abc import Mapping
from itertools import starmap

import networkx as nx

from tb_plugin.graph_algorithms import cyclic_part
from tb_plugin.levels import level_item_edges, stack_display
from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult

__all__ = ["RemoveCyclesPass", "feedback_arc_set", "first_node_ids"]


def feedback_arc_set(weights: Mapping[tuple[int, int], int]) -> set[tuple[int, int]]:
    """Edges whose reversal makes the graph acyclic, chosen by weighted Eades–Lin–Smyth per SCC.

    ``weights`` maps each edge (no self-loops) to how much reversing it costs.

    >>> sorted(feedback_arc_set({(1, 2): 5, (2, 3): 5, (3, 1): 1}))
    [(3, 1)]
    >>> feedback_arc_set({(1, 2): 1, (2, 3): 1})
    set()
    """
    if all(starmap(operator.lt, weights)):  # every edge goes up in id order: acyclic (most views)
        return set()
    cyclic = cyclic_part(weights)
    if not cyclic:
        return set()
    g = nx.DiGraph()
    g.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items() if a in cyclic and b in cyclic)
    reversed_edges: set[tuple[int, int]] = set()
    for component in nx.strongly_connected_components(g):
        if len(component) < 2:
            continue
        # The subgraph's nodes and edge weights, read once in the orders its view gives them: the
        # heuristic reads each of them a few times, and a view filters every read.
        sub = g.subgraph(component)
        nodes = list(sub)
        succ = {v: {w: d["weight"] for w, d in sub.succ[v].items()} for v in nodes}
        pred = {v: {w: d["weight"] for w, d in sub.pred[v].items()} for v in nodes}
        position = {v: i for i, v in enumerate(_eades_lin_smyth(nodes, succ, pred))}
        reversed_edges.update((a, b) for a in nodes for b in succ[a] if position[a] > position[b])
    return reversed_edges


def _eades_lin_smyth(nodes: list, succ: dict[object, dict], pred: dict[object, dict]) -> list:
    """An order of ``nodes`` with few weighted edges pointing back; ``succ[v]`` and ``pred[v]`` map
    each neighbour to the edge's weight."""
    out_w = {v: sum(succ[v].values()) for v in nodes}
    in_w = {v: sum(pred[v].values()) for v in nodes}
    alive = set(nodes)
    head, tail = [], []
    heap = [(in_w[v] - out_w[v], i, v) for i, v in enumerate(nodes)]
    heapq.heapify(heap)
    tiebreak = len(heap)

    def remove(v) -> None:
        nonlocal tiebreak
        alive.discard(v)
        for w, weight in succ[v].items():
            if w in alive:
                in_w[w] -= weight
                tiebreak += 1
                heapq.heappush(heap, (in_w[w] - out_w[w], tiebreak, w))
        for w, weight in pred[v].items():
            if w in alive:
                out_w[w] -= weight
                tiebreak += 1
                heapq.heappush(heap, (in_w[w] - out_w[w], tiebreak, w))

    while alive:
        changed = True
        while changed:  # peel sinks to the tail and sources to the head
            changed = False
            for v in [v for v in alive if out_w[v] == 0]:
                if v in alive and out_w[v] == 0:
                    tail.append(v)
                    remove(v)
                    changed = True
            for v in [v for v in alive if in_w[v] == 0]:
                if v in alive and in_w[v] == 0:
                    head.append(v)
                    remove(v)
                    changed = True
        while heap:
            delta, _, v = heapq.heappop(heap)
            if v in alive and delta == in_w[v] - out_w[v]:
                head.append(v)
                remove(v)
                break
    return head + tail[::-1]


def first_node_ids(h) -> list[int]:
    """Per module of ``h``, the smallest node id in its subtree (``h.node_count`` where it has none).

    >>> from tb_plugin import ir
    >>> from tb_plugin.hierarchy import Hierarchy
    >>> g = ir.Graph()
    >>> for name, module in [("x", ""), ("a", "m.inner"), ("b", "m")]:
    ...     _ = g.add_node(ir.Node(name, "Op", module=module))
    >>> _ = g.add_module("empty")
    >>> first_node_ids(Hierarchy(g))  # modules '', 'm', 'm.inner', 'empty'
    [0, 1, 1, 3]
    """
    first = [nodes[0] if nodes else h.node_count for nodes in h.module_nodes]  # node ids come sorted
    for mid in range(len(first) - 1, 0, -1):  # pre-order: children after their parent
        parent = h.module_parent[mid]
        if first[mid] < first[parent]:
            first[parent] = first[mid]
    return first


class RemoveCyclesPass(FoldPass):
    name = "remove_cycles"

    def requires(self, state: FoldState) -> None:
        if state.embedded is None:
            raise PassError("remove_cycles needs embed_constants to run first")

    def call(self, state: FoldState) -> PassResult:
        reversed_by_level: dict[int, frozenset[tuple[int, int]]] = {}
        reversed_edges = self_loops = 0
        drawn = self._drawn(state, state.current_pruned_levels())
        h = state.hierarchy
        n, first = h.node_count, first_node_ids(h)
        for level, pairs in drawn.items():
            # Most views are acyclic, and show it cheaply: every edge goes up in node id order, or in
            # that order with a child module placed at its first node (distinct items hold distinct
            # nodes, so either order is strict and a self-loop fails it).
            if all(starmap(operator.lt, pairs)) or all(
                (a if a < n else first[a - n]) < (b if b < n else first[b - n]) for a, b in pairs
            ):
                continue
            weights = {pair: len(eids) for pair, eids in pairs.items() if pair[0] != pair[1]}
            loops = {pair for pair in pairs if pair[0] == pair[1]}
            back = feedback_arc_set(weights) | loops
            if back:
                reversed_by_level[level] = frozenset(back)
                reversed_edges += sum(len(pairs[p]) for p in back)
                self_loops += len(loops)
        return PassResult(
            state=dataclasses.replace(state, reversed=reversed_by_level, drawn=drawn),
            modified=bool(reversed_by_level),
            report={
                "reversed_drawn_edges": sum(len(v) for v in reversed_by_level.values()),
                "reversed_edges": reversed_edges,
                "self_loops": self_loops,
                "views_with_cycles": len(reversed_by_level),
            },
        )

    @staticmethod
    def _drawn(state: FoldState, after_pruning=None) -> dict[int, dict[tuple[int, int], list[int]]]:
        """The drawn item edges of every view (self-loops only where an operator reads itself).

        ``after_pruning``: the item edges after pruning that prune_edges left
        (not changed here); without it they are recomputed from scratch, as
        ``ensures`` does to check independently of the cached copies.
        """
        h, embedded, pruned = state.hierarchy, state.embedded, state.pruned
        if after_pruning is None:
            levels = level_item_edges(
                h, skip=lambda e: embedded[e] or e in pruned, display=stack_display(h, state.stacks)
            )
        else:
            levels = dict(after_pruning)
        for level, pairs in levels.items():
            if not any(starmap(operator.eq, pairs)):  # no self-loop (most views)
                continue
            loops = [p for p in pairs if p[0] == p[1] and h.is_module_item(p[0])]
            if loops:  # edges between members of one stack stay inside it
                pairs = levels[level] = dict(pairs)
                for pair in loops:
                    del pairs[pair]
        return levels

    def ensures(self, state: FoldState) -> None:
        assert state.reversed is not None
        for level, pairs in self._drawn(state).items():
            back = state.reversed.get(level, frozenset())
            laid_out = [(b, a) if (a, b) in back else (a, b) for a, b in pairs if a != b]
            left = cyclic_part(laid_out)
            if left:
                path = state.hierarchy.module_paths[level]
                raise PassError(f"the view of module {path!r} still has a cycle through {len(left)} items")
