"""Simplify a graph: run the folding passes, then measure what a user gets to see.

An *element* is a drawn node, a drawn edge, or a port stub. The original
graph drawn flat has ``nodes + edges`` elements. The *default view* is the
root module expanded with its children and stacks closed; the *expanded view*
opens every module and every stack's representative, recursively. A boundary
segment (an edge entering or leaving an open module, from its port to an
inner item) counts as a drawn edge.
"""

from __future__ import annotations

import time
from collections import Counter

from tb_plugin import ir
from tb_plugin.passes import default_passes, run_passes
from tb_plugin.views import FoldedGraph

__all__ = ["simplify", "simplify_stats", "view_elements", "visible_modules"]


def simplify(graph: ir.Graph, *, check: bool = False, passes=None) -> FoldedGraph:
    """Fold ``graph`` with the default passes (or ``passes``); ``check`` turns on every pass's ensures."""
    return FoldedGraph(run_passes(graph, default_passes() if passes is None else passes, check=check))


def view_elements(view: dict) -> dict:
    """Counts of what a view draws: nodes, edges (boundary segments included), port stubs."""
    boundary = view["boundary"]
    segments = sum(len(p["targets"]) for p in boundary["inputs"]) + len(boundary["outputs"])
    nodes, edges, ports = len(view["children"]), len(view["edges"]) + segments, len(view["ports"])
    return {"nodes": nodes, "edges": edges, "ports": ports, "elements": nodes + edges + ports}


def visible_modules(folded: FoldedGraph, path: str = "") -> list[str]:
    """Every module drawn open in the expanded view below ``path``: stacks open their representative."""
    out, todo = [], [path]
    while todo:
        current = todo.pop()
        out.append(current)
        for child in folded.view(current)["children"]:
            if child["type"] == "module":
                todo.append(child["path"])
            elif child["type"] == "stack":
                todo.append(child["representative"])
    return out


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
    h, state = folded.h, folded.state
    original_graph_nodes = sum(1 for _ in h.nodes)
    original = {"nodes": original_graph_nodes, "edges": h.edge_count, "elements": original_graph_nodes + h.edge_count}
    default = view_elements(folded.view(""))
    expanded = Counter()
    for path in visible_modules(folded):
        expanded.update(view_elements(folded.view(path)))
    embedded = sum(state.embedded or ())
    reports = state.reports
    return {
        "graph": {"name": state.graph.name, "source_format": state.graph.source_format.value,
                  "modules": len(h.module_paths), "parameters": state.graph.parameter_count},
        "default_view": _view_stats(original, default),
        "expanded_view": _view_stats(original, dict(expanded)),
        "edges": {
            "original": h.edge_count,
            "drawn": h.edge_count - embedded - len(state.pruned),
            "pruned": len(state.pruned),
            "embedded": embedded,
            "reversed": reports.get("remove_cycles", {}).get("reversed_edges", 0),
        },
        "stacks": [
            {"module_class": s.class_name, "count": len(s.members), "parent": h.module_paths[s.parent],
             "members": [h.module_paths[m] for m in s.members]}
            for s in state.stacks
        ],
        "passes": dict(reports),
        "seconds": None if seconds is None else round(seconds, 4),
    }


def timed_simplify(graph: ir.Graph, **kwargs) -> tuple[FoldedGraph, float]:
    start = time.perf_counter()
    folded = simplify(graph, **kwargs)
    return folded, time.perf_counter() - start
