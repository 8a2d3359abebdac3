"""Simplify a graph: run the folding passes, then measure what a user gets to see.

An *element* is a drawn node, a drawn edge, or a port stub. The original
graph drawn flat has ``nodes + edges`` elements.

The *default view* is the root module expanded with its children and stacks
closed: its children, drawn edges and port stubs.

The *expanded view* opens every module and every stack's representative,
recursively, as one nested drawing. Its nodes are the visible operators plus
one box per open module that holds more than one item (a box around a single
item adds nothing and is not drawn); a stack's box is its representative's.
Its edges are the distinct (tensor, consumer) connections between visible
leaves, where an edge into a closed stack member ends at the stack; its port
stubs are one per pruned tensor at each visible end.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter

from tb_plugin import ir
from tb_plugin.capture_noise import HIDDEN_REASONS
from tb_plugin.passes import default_passes, run_passes
from tb_plugin.passes.stacking import representative_stacks
from tb_plugin.views import FoldedGraph

__all__ = ["expanded_elements", "simplify", "simplify_stats", "view_elements", "visible_modules"]


def simplify(graph: ir.Graph, *, check: bool = False, passes=None) -> FoldedGraph:
    """Fold ``graph`` with the default passes (or ``passes``); ``check`` turns on every pass's ensures.

    Raises :class:`tb_plugin.ir.GraphLintError` naming the offending node if the graph is malformed.
    """
    graph.lint()
    with _gc_paused():
        return FoldedGraph(run_passes(graph, default_passes() if passes is None else passes, check=check))


@contextlib.contextmanager
def _gc_paused():
    """Folding allocates millions of small acyclic objects; the cycle collector only slows it
    down (a third of the time on large graphs), so it waits until the fold is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def view_elements(view: dict) -> dict:
    """Counts of what a view draws: nodes, edges (boundary segments included), port stubs."""
    boundary = view["boundary"]
    segments = sum(len(p["targets"]) for p in boundary["inputs"]) + len(boundary["outputs"])
    nodes, edges, ports = len(view["children"]), len(view["edges"]) + segments, len(view["ports"])
    return {"nodes": nodes, "edges": edges, "ports": ports, "elements": nodes + edges + ports}


def visible_modules(folded: FoldedGraph) -> list[int]:
    """Module ids drawn open in the expanded view: every drawable module, stacks by their representative."""
    h, display = folded.h, folded.display
    out, todo = [], [0]
    while todo:
        mid = todo.pop()
        out.append(mid)
        for child in h.module_children[mid]:
            item = h.module_item(child)
            if folded.module_drawable[child] and display.get(item, item) == item:
                todo.append(child)
    return out


def expanded_elements(folded: FoldedGraph) -> dict:
    """Counts of the expanded view (see the module docstring), straight from the hierarchy."""
    h, state = folded.h, folded.state
    embedded, pruned = state.embedded or (False,) * h.edge_count, state.pruned
    visible = visible_modules(folded)
    is_visible = [False] * len(h.module_paths)
    for mid in visible:
        is_visible[mid] = True
    leaf_cache: dict[int, int] = {}

    def leaf(nid: int) -> int:
        """The visible item that shows node ``nid``: itself, or the closed stack member holding it."""
        mid = h.node_module[nid]
        if is_visible[mid]:
            return nid
        found = leaf_cache.get(mid)
        if found is None:
            chain = h.chain[mid]
            depth = next(d for d in range(len(chain)) if not is_visible[chain[d]])
            found = leaf_cache[mid] = folded.display[h.module_item(chain[depth])]
        return found

    leaves = sum(1 for mid in visible for nid in h.module_nodes[mid] if not h.hidden[nid])
    boxes = 0
    for mid in visible[1:]:
        items = sum(not h.hidden[n] for n in h.module_nodes[mid])
        items += sum(1 for c in h.module_children[mid] if is_visible[c])
        boxes += items > 1
    edges: set[tuple[int, int, int]] = set()
    stubs: set[tuple[str, int, int, int]] = set()
    for eid in range(h.edge_count):
        if embedded[eid]:
            continue
        src, out, dst = h.edge_src[eid], h.edge_out[eid], h.edge_dst[eid]
        a, b = leaf(src), leaf(dst)
        if a == b and h.is_module_item(a):
            continue  # inside one closed stack member
        if eid in pruned:
            stubs.add(("out", a, src, out))
            stubs.add(("in", b, src, out))
        else:
            edges.add((src, out, b))
    nodes = leaves + boxes
    return {"nodes": nodes, "edges": len(edges), "ports": len(stubs), "elements": nodes + len(edges) + len(stubs)}


def _view_stats(original: dict, counts: dict) -> dict:
    elements = counts["elements"]
    return {
        "original_nodes": original["nodes"], "original_edges": original["edges"],
        "original_elements": original["elements"],
        "simplified_nodes": counts["nodes"], "simplified_edges": counts["edges"], "ports": counts["ports"],
        "simplified_elements": elements,
        "reduction": round(1 - elements / original["elements"], 4) if original["elements"] else 0.0,
    }


def simplify_stats(folded: FoldedGraph, *, seconds: float | None = None) -> dict:
    """The stats of the ``simplify`` command line and the ``stats`` route."""
    with _gc_paused():
        return _simplify_stats(folded, seconds)


def _simplify_stats(folded: FoldedGraph, seconds: float | None) -> dict:
    h, state = folded.h, folded.state
    original_graph_nodes = sum(1 for _ in h.nodes)
    original_edges = h.original_edge_count
    original = {"nodes": original_graph_nodes, "edges": original_edges, "elements": original_graph_nodes + original_edges}
    default = view_elements(folded.view(""))
    expanded = expanded_elements(folded)
    reasons = Counter(h.edge_hidden_reasons()[:original_edges])
    pruned_original = sum(1 for eid in state.pruned if eid < original_edges)
    reports = state.reports
    hidden_nodes = Counter(h.hidden_reason)
    return {
        "graph": {"name": state.graph.name, "source_format": state.graph.source_format.value,
                  "capture": state.graph.capture, "phases": list(state.graph.phases), "modules": len(h.module_paths),
                  "parameters": state.graph.parameter_count},
        "default_view": _view_stats(original, default),
        "expanded_view": _view_stats(original, expanded),
        # every original edge once: drawn + pruned + embedded + contracted + dead + check == original
        "edges": {
            "original": original_edges,
            "drawn": original_edges - sum(n for r, n in reasons.items() if r) - pruned_original,
            "pruned": pruned_original,
            "embedded": reasons["embedded"],
            "contracted": reasons["contracted"],
            "dead": reasons["dead"],
            "check": reasons["check"],
            "through": h.edge_count - original_edges,
            "reversed": reports.get("remove_cycles", {}).get("reversed_edges", 0),
        },
        "hidden_nodes": {reason: hidden_nodes[reason] for reason in HIDDEN_REASONS},
        "stacks": [
            {"module_class": s.class_name, "count": len(s.members), "variants": len(s.variants),
             "parent": h.module_paths[s.parent],
             "members": [h.module_paths[m] for m in s.members]}
            for s in representative_stacks(h, state.stacks)
        ],
        "passes": dict(reports),
        "seconds": None if seconds is None else round(seconds, 4),
    }
