"""Module paths of GraphDef nodes: TensorFlow name scopes, and the scopes of ``SummaryWriter.add_graph``.

Split from :mod:`tb_plugin.capture.graphdef` (whose docstring states the
mapping). TensorFlow scopes map one to one; torch scopes such as
``Net/ModuleList[blocks]/Block[0]`` name each module by attribute and class,
and op scopes skip the containers their modules sit in, so a tree of the
modules seen so far resolves each scope. Every scope is bounded by
:mod:`tb_plugin.limits` before anything is built from it.
"""

from __future__ import annotations

import collections
import os
import re

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError

__all__ = [
    "MISSING_OP",
    "TORCH_GETATTR_OP",
    "TORCH_IO_OP",
    "TorchModuleTree",
    "path_prefixes",
    "scope_of",
    "tf_module",
    "torch_modules",
]

TORCH_IO_OP = "IO Node"
TORCH_GETATTR_OP = "prim::GetAttr"
MISSING_OP = "missing"  # the op of a placeholder for an input that names no node
# Containers whose forward() is never called, so their children's op scopes skip them.
_TORCH_CONTAINERS = frozenset({"ModuleList", "ModuleDict", "Sequential", "ParameterList", "ParameterDict"})
_TORCH_SEGMENT = re.compile(r"([^\[\]]*)\[(.*)\]", re.DOTALL)


def scope_of(name: str) -> str:
    return name.rpartition("/")[0]


def _clean_segment(segment: str) -> str:
    """A scope segment as an IR path segment: no dots, never empty."""
    return segment.replace(".", "_") or "_"


def tf_module(scope: str) -> str:
    return ".".join(_clean_segment(s) for s in scope.split("/")) if scope else ""


def path_prefixes(path: str) -> list[str]:
    """``"a.b.c"`` -> ``["a", "a.b", "a.b.c"]``; ``[]`` for the root."""
    parts = path.split(".") if path else []
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _is_within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + ".")


def _torch_segments(scope: str, root_class: str) -> list[tuple[str, str]]:
    """``"Net/ModuleList[blocks]/Block[0]"`` -> ``[("blocks", "ModuleList"), ("0", "Block")]``.

    Raises :class:`CaptureError` for a scope deeper or longer than a module path may be.
    """
    parts = scope.split("/") if scope else []
    if parts and parts[0] == root_class:
        parts = parts[1:]
    if len(parts) > limits.MAX_PATH_DEPTH:
        raise CaptureError(
            f"GraphDef scope {ir.shown(scope)} has {len(parts)} segments, more than {limits.MAX_PATH_DEPTH} "
            "(tb_plugin.limits.MAX_PATH_DEPTH)"
        )
    segments = []
    for part in parts:
        match = _TORCH_SEGMENT.fullmatch(part)
        segments.append((_clean_segment(match[2]), match[1]) if match else (_clean_segment(part), ""))
    if sum(len(attr) + 1 for attr, _ in segments) > limits.MAX_PATH_LENGTH + 1:
        raise CaptureError(
            f"GraphDef scope {ir.shown(scope)} makes a module path longer than {limits.MAX_PATH_LENGTH} "
            "characters (tb_plugin.limits.MAX_PATH_LENGTH)"
        )
    return segments


def torch_modules(nodes: list[ir.Node]) -> tuple[str, dict[str, str], dict[str, str]]:
    """The root class, each node's module path, and each module's class."""
    scopes = {n.name: scope_of(n.name) for n in nodes}
    heads = collections.Counter(scopes[n.name].split("/")[0] for n in nodes if n.op not in (TORCH_IO_OP, MISSING_OP))
    root_class = heads.most_common(1)[0][0] if heads else ""
    tree = TorchModuleTree(root_class)
    modules = {n.name: "" for n in nodes if n.op == TORCH_IO_OP}
    # GetAttr scopes name every module on the way and end in the attribute's own name.
    parameters = {n.name: None for n in nodes if n.op == TORCH_GETATTR_OP}  # ordered, for a stable tree
    for name in parameters:
        segments = _torch_segments(scopes[name], root_class)
        while segments and not segments[-1][1]:
            segments.pop()
        modules[name] = tree.add_chain("", segments)
    for node in nodes:
        if node.name in modules:
            continue
        candidates, rest = tree.resolve(_torch_segments(scopes[node.name], root_class))
        if len(candidates) == 1:
            modules[node.name] = candidates[0]
            continue
        # Ambiguous: the parameters a node reads say best where it is, then anything it reads.
        read = [r.node for r in node.inputs if r.node in modules]
        owners: set[str] = set()
        for pool in ([n for n in read if n in parameters], read):
            owners = {c for c in candidates if any(_is_within(modules[n], c) for n in pool)}
            if len(owners) == 1:
                break
        if len(owners) == 1:
            modules[node.name] = tree.add_chain(owners.pop(), rest)
        else:
            modules[node.name] = ".".join(os.path.commonprefix([c.split(".") for c in candidates]))
    return root_class, modules, tree.classes


class TorchModuleTree:
    """Module paths seen so far with their classes, and the children of each."""

    def __init__(self, root_class: str) -> None:
        self.classes = {"": root_class}
        self._children: dict[str, list[str]] = {"": []}
        self._containers: dict[str, list[str]] = {}  # _containers_below, until the tree grows

    def add_chain(self, path: str, segments: list[tuple[str, str]]) -> str:
        for attr, class_name in segments:
            child = ir.join_path(path, attr)
            if child not in self.classes:
                limits.check(len(self.classes) + 1, limits.MAX_MODULES, "modules in GraphDef", CaptureError)
                self.classes[child] = class_name
                self._children[child] = []
                self._children[path].append(child)
                self._containers.clear()
            path = child
        return path

    def resolve(self, segments: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
        """The modules an op scope may mean, and the segments left once it is ambiguous.

        A segment that no module matches is added, unless the path so far is ambiguous.
        """
        paths = [""]
        for i, (attr, class_name) in enumerate(segments):
            found = list(dict.fromkeys(q for p in paths for q in self._matching_children(p, attr, class_name)))
            if not found:
                if len(paths) > 1:
                    return paths, segments[i:]
                found = [self.add_chain(paths[0], [(attr, class_name)])]
            paths = found
        return paths, []

    def _matching_children(self, path: str, attr: str, class_name: str) -> list[str]:
        """The child ``attr`` of ``path``, else same-named children of its containers."""
        direct = ir.join_path(path, attr)
        if direct in self.classes and self.classes[direct] in ("", class_name):
            return [direct]
        skipped = [
            child
            for container in self._containers_below(path)
            if self.classes.get(child := ir.join_path(container, attr)) == class_name
        ]
        return skipped or ([direct] if direct in self.classes else [])

    def _containers_below(self, path: str) -> list[str]:
        """Containers nested in ``path`` through containers only; cached, as every op scope asks again."""
        if path in self._containers:
            return self._containers[path]
        found, stack = [], [path]
        while stack:
            for child in self._children[stack.pop()]:
                if self.classes[child] in _TORCH_CONTAINERS:
                    found.append(child)
                    stack.append(child)
        self._containers[path] = found
        return found
