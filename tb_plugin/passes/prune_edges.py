"""PruneEdgesPass: clutter edges across module borders become labelled port stubs.

Two kinds of edges are taken out of the layout (never out of the data: each
pruned edge stays listed on a stub at both ends):

- edges of high fan-out tensors that cross a module border: the tensor's
  consumer count is an outlier, above ``Q3 + k·IQR`` of all tensors' consumer
  counts (the rule TensorBoard's graph dashboard uses for degree outliers) and
  at least ``min_fan_out``: attention masks, position ids, shared constants.
  Where all of a tensor's consumers in a view fall into one drawn item (the
  mask of twelve layers drawn as one stack), the view has no fan-out to hide,
  and one drawn edge is clearer than two stubs: those edges stay drawn;
- long edges: in the view where the edge is drawn, it spans more than
  ``max_span`` layers of the longest-path layering (the layering a layered
  layout starts from), so it would cut across most of the drawing.

Embedded edges (parameters, constants) are already off the layout and are
left alone. Runs after stacking and before cycle removal: a pruned mask edge
is usually what made collapsed modules interleave.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import chain

from tb_plugin.graph_algorithms import longest_path_ranks
from tb_plugin.levels import level_item_edges, stack_display, without_edges
from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult

__all__ = ["PruneEdgesPass", "fan_out_threshold"]


def fan_out_threshold(fan_outs: list[int], *, k: float, minimum: int) -> float:
    """The consumer count above which a tensor is an outlier: ``max(minimum, Q3 + k·IQR)``.

    >>> fan_outs = [1] * 90 + [2] * 8 + [12, 30]
    >>> fan_out_threshold(fan_outs, k=3.0, minimum=8)
    8
    >>> fan_out_threshold([], k=3.0, minimum=8)
    8
    """
    if not fan_outs:
        return minimum
    ordered = sorted(fan_outs)
    q1 = ordered[len(ordered) // 4]
    q3 = ordered[(3 * len(ordered)) // 4]
    return max(minimum, q3 + k * (q3 - q1))


class PruneEdgesPass(FoldPass):
    name = "prune_edges"

    def __init__(self, *, k: float = 3.0, min_fan_out: int = 8, max_span: int = 10) -> None:
        self.k = k
        self.min_fan_out = min_fan_out
        self.max_span = max_span

    def requires(self, state: FoldState) -> None:
        if state.embedded is None:
            raise PassError("prune_edges needs embed_constants to run first")

    def call(self, state: FoldState) -> PassResult:
        h = state.hierarchy
        embedded = state.embedded
        assert embedded is not None
        live = [eid for eid, flag in enumerate(embedded) if not flag]
        edge_src, edge_out, edge_dst = h.edge_src, h.edge_out, h.edge_dst
        edge_tensors = list(zip(map(edge_src.__getitem__, live), map(edge_out.__getitem__, live)))
        consumers = Counter(edge_tensors)
        threshold = fan_out_threshold(list(consumers.values()), k=self.k, minimum=self.min_fan_out)
        module_of = h.node_module
        outliers = {tensor for tensor, count in consumers.items() if count > threshold}  # a few, often none
        fan_out = {
            eid for eid, tensor in zip(live, edge_tensors)
            if tensor in outliers and module_of[tensor[0]] != module_of[edge_dst[eid]]
        } if outliers else set()
        display = stack_display(h, state.stacks)
        pruned = dict.fromkeys(_scattered_edges(h, fan_out, display), "fan_out")
        levels = level_item_edges(h, display=display, edges=[eid for eid in live if eid not in pruned])
        long: dict[int, str] = {}
        for pairs in levels.values():
            if not _may_span(pairs, self.max_span):
                continue
            rank = longest_path_ranks(pairs)
            for (a, b), eids in pairs.items():
                if rank[b] - rank[a] > self.max_span:
                    long.update((eid, "long") for eid in eids if module_of[h.edge_src[eid]] != module_of[h.edge_dst[eid]])
        pruned.update(long)
        reasons = Counter(pruned.values())
        tensors = {(h.edge_src[eid], h.edge_out[eid]) for eid in pruned}
        drawn = without_edges(levels, long) if long else levels
        return PassResult(
            state=dataclasses.replace(state, pruned=pruned, pruned_levels=(h, state.stacks, pruned, drawn)),
            modified=bool(pruned),
            report={
                "pruned_edges": len(pruned),
                "fan_out_edges": reasons["fan_out"],
                "long_edges": reasons["long"],
                "pruned_tensors": len(tensors),
                "fan_out_threshold": threshold,
            },
        )

    def ensures(self, state: FoldState) -> None:
        h = state.hierarchy
        assert state.embedded is not None
        for eid in state.pruned:
            if state.embedded[eid]:
                raise PassError(f"edge {h.edge_key(eid)} is both embedded and pruned")
            if h.node_module[h.edge_src[eid]] == h.node_module[h.edge_dst[eid]]:
                raise PassError(f"edge {h.edge_key(eid)} was pruned but does not cross a module border")


def _may_span(pairs, max_span: int) -> bool:
    """Whether a view with these item edges can have an edge spanning more than ``max_span`` layers:
    ranks lie in ``0 .. items - 1``, so a view of at most ``max_span + 1`` items cannot (most views).

    >>> _may_span({(1, 2): [0], (2, 3): [1]}, 1), _may_span({(1, 2): [0], (2, 3): [1]}, 2)
    (True, False)
    """
    if 2 * len(pairs) <= max_span + 1:
        return False
    return len(set(chain.from_iterable(pairs))) > max_span + 1


def _scattered_edges(h, candidates: set[int], display, *, few: int = 3) -> list[int]:
    """The ``candidates`` whose tensor would clutter a view if drawn.

    A tensor's edges are grouped by the view that draws them. They stay drawn
    when they all end in one item of that view (one edge) and, inside it, reach
    at most ``few`` drawn consumers (the boundary inputs of the views below
    stay short); consumers inside closed stack members other than the
    representative are never drawn and do not count.
    """
    targets: dict[tuple[int, int, int], set[int]] = {}
    consumers: dict[tuple[int, int, int], set[int]] = {}
    edges: dict[tuple[int, int, int], list[int]] = {}
    candidate_edges = level_item_edges(h, display=display, edges=sorted(candidates))
    for level, pairs in candidate_edges.items():
        for (_, b), eids in pairs.items():
            for eid in eids:
                key = (level, h.edge_src[eid], h.edge_out[eid])
                targets.setdefault(key, set()).add(b)
                edges.setdefault(key, []).append(eid)
                dst = h.edge_dst[eid]
                if _drawn_below(h, dst, level, display):
                    consumers.setdefault(key, set()).add(dst)
    return sorted(
        eid for key, eids in edges.items()
        if len(targets[key]) > 1 or len(consumers.get(key, ())) > few
        for eid in eids
    )


def _drawn_below(h, nid: int, level: int, display) -> bool:
    """Whether node ``nid`` is drawn in some view below module ``level`` (no closed stack member holds it)."""
    chain = h.chain[h.node_module[nid]]
    for mid in chain[chain.index(level) + 1:]:
        item = h.module_item(mid)
        if display.get(item, item) != item:
            return False
    return True
