"""What the tab needs for its first drawing, in one answer (``GET start``).

Opening the tab used to be a chain of waits: the listing, then the root
view, then the views of what the root view suggests opening. ``GET start``
answers all three at once: the listing, the graph the tab will pick from it
(the same rule as ``frontend/src/selection.ts: resolveSelection``), and the
views that graph's default drawing opens. The tab can still fetch any of
them on its own; this only saves round trips.
"""

from __future__ import annotations

__all__ = ["default_views", "pick_graph"]

# At most this many views ride along: the root and what it opens (the main stack is one or two levels down).
MAX_VIEWS = 8


def pick_graph(listing: list[dict], wanted: dict | None) -> dict | None:
    """The graph the tab shows for ``wanted`` (run, tag, source, step or None): ``{run, tag, source, step}``.

    The same run, tag and source, else the run's first graph, else the first
    graph; the wanted step if it is readable, else the latest readable one.
    ``None`` for an empty listing or when no step of the picked graph is readable.

    >>> listing = [{"run": "a", "tag": "t", "source": "graphfold", "steps": [{"step": 0, "error": None}, {"step": 5, "error": "bad"}]}]
    >>> pick_graph(listing, None)
    {'run': 'a', 'tag': 't', 'source': 'graphfold', 'step': 0}
    >>> pick_graph(listing, {"run": "a", "tag": "t", "source": "graphfold", "step": 5})["step"]
    0
    """
    def same(g, *fields):
        return all(g[f] == wanted[f] for f in fields)

    exact = next((g for g in listing if same(g, "run", "tag", "source")), None) if wanted else None
    chosen = exact or (next((g for g in listing if same(g, "run")), None) if wanted else None) or (listing[0] if listing else None)
    if chosen is None:
        return None
    readable = [s["step"] for s in chosen["steps"] if s["error"] is None]
    if not readable:
        return None
    step = wanted["step"] if exact and wanted["step"] in readable else max(readable)
    return {"run": chosen["run"], "tag": chosen["tag"], "source": chosen["source"], "step": step}


def default_views(view, open_paths: list[str] | None = None) -> dict:
    """``{module path: view}``: every view the tab's drawing of ``open_paths`` needs, from the root down.

    ``view(path)`` answers ``GET view``; ``open_paths`` are the opened items'
    paths as a deep link's ``open=`` lists them (an item id without its
    ``m:``/``s:``), by default those of the root view's ``open`` (what the
    tab opens when no deep link says otherwise).
    This follows ``frontend/src/expansion.ts: expandTree``: a module whose
    only child is a module opens through it, an open module shows its own
    view, an open stack its representative's. At most :data:`MAX_VIEWS`.

    >>> views = {"": {"open": ["m:a"], "children": [{"id": "m:a", "type": "module", "path": "a", "node_count": 2},
    ...                                              {"id": "n:x", "type": "op"}]},
    ...          "a": {"children": [{"id": "s:a.0", "type": "stack", "representative": "a.0"}]}}
    >>> sorted(default_views(views.__getitem__))
    ['', 'a']
    """
    views: dict = {}

    def load(path: str) -> dict:
        if path not in views:
            views[path] = view(path)
        return views[path]

    root = load("")
    wanted = {i[2:] for i in root.get("open") or []} if open_paths is None else set(open_paths)
    queue = [""]
    while queue and len(views) < MAX_VIEWS:
        content = load(queue.pop(0))
        while (only := _only_module_child(content)) is not None and len(views) < MAX_VIEWS:
            content = load(only["path"])
        for child in content["children"]:
            if child["id"][2:] in wanted and child.get("type") in ("module", "stack"):
                queue.append(child["path"] if child["type"] == "module" else child["representative"])
    return views


def _only_module_child(view: dict) -> dict | None:
    children = view["children"]
    only = children[0] if len(children) == 1 else None
    return only if only is not None and only.get("type") == "module" and only.get("node_count", 0) > 0 else None
