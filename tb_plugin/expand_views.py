"""Every view that "expand all" or "expand to depth N" draws, in one answer (``GET expand``).

Opening a whole model one module at a time costs a round trip and a layout
per open. ``GET expand`` answers, for a depth, which items the tab opens and
the views it needs to draw them, so that the tab fetches once and lays the
whole tree out in one rebuild.

The walk follows ``frontend/src/expansion.ts: expandTree``: a module whose
only child is a module opens through it (one drawn box, one depth level), an
open module shows its own view, an open stack shows its representative's view
(the tab opens stacks on their representative). Depth counts drawn boxes: the
root's items are at depth 1, so depth 1 opens them and shows their children.
"""

from __future__ import annotations

__all__ = ["MAX_EXPAND_VIEWS", "TooManyViewsError", "expand_to_depth"]

from collections.abc import Callable

MAX_EXPAND_VIEWS = 2000
"""The most views one answer holds: more would not be readable on screen, nor quick to lay out."""


class TooManyViewsError(ValueError):
    """Expanding to the asked depth needs more than :data:`MAX_EXPAND_VIEWS` views."""


def expand_to_depth(view: Callable[[str], dict], depth: int | None, limit: int = MAX_EXPAND_VIEWS) -> dict:
    """``{"depth", "open", "views", "closed"}``: the tab's drawing of every item opened down to ``depth``.

    ``view(path)`` answers ``GET view``; ``depth`` None opens everything.
    ``open`` lists the opened items' ids, outermost first (what a deep
    link's ``open=`` holds, with the prefix); ``views`` maps each module path
    the drawing shows to its view, the root's included; ``closed`` counts the
    openable items left closed below ``depth`` (0: nothing more to open).

    >>> views = {"": {"children": [{"id": "m:a", "type": "module", "path": "a", "node_count": 3},
    ...                            {"id": "n:x", "type": "op"}]},
    ...          "a": {"children": [{"id": "s:a.0", "type": "stack", "representative": "a.0"},
    ...                             {"id": "n:y", "type": "op"}]},
    ...          "a.0": {"children": [{"id": "n:z", "type": "op"}]}}
    >>> found = expand_to_depth(views.__getitem__, None)
    >>> found["open"], sorted(found["views"]), found["closed"]
    (['m:a', 's:a.0'], ['', 'a', 'a.0'], 0)
    >>> shallow = expand_to_depth(views.__getitem__, 1)
    >>> shallow["open"], sorted(shallow["views"]), shallow["closed"]
    (['m:a'], ['', 'a'], 1)
    """
    if depth is not None and depth < 1:
        raise ValueError(f"depth must be at least 1, got {depth}")
    views: dict[str, dict] = {}

    def load(path: str) -> dict:
        if path not in views:
            if len(views) >= limit:
                raise TooManyViewsError(
                    f"expanding to depth {'all' if depth is None else depth} draws more than {limit} module views; "
                    "ask for a smaller depth"
                )
            views[path] = view(path)
        return views[path]

    opened: list[str] = []
    closed = 0
    level, at = [""], 1  # paths whose drawn views hold the items at depth `at`
    while level:
        below: list[str] = []
        for path in level:
            for child in _content(load, path)["children"]:
                opens = _opens(child)
                if opens is None:
                    continue
                if depth is not None and at > depth:
                    closed += 1
                else:
                    opened.append(child["id"])
                    below.append(opens)
        if depth is not None and at > depth:
            break
        level, at = below, at + 1
    return {"depth": depth, "open": opened, "views": views, "closed": closed}


def _content(load: Callable[[str], dict], path: str) -> dict:
    """The view drawn for ``path``: through every module that is its view's only child."""
    content = load(path)
    while (only := _only_module_child(content)) is not None:
        content = load(only["path"])
    return content


def _opens(child: dict) -> str | None:
    """The module path whose view an opened ``child`` shows; None for what cannot be opened."""
    if child.get("type") == "module":
        return child["path"]
    if child.get("type") == "stack":
        return child["representative"]
    return None


def _only_module_child(view: dict) -> dict | None:
    children = view["children"]
    only = children[0] if len(children) == 1 else None
    return only if only is not None and only.get("type") == "module" and only.get("node_count", 0) > 0 else None
