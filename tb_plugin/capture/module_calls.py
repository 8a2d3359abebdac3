"""Each call of a module that runs more than once is drawn as a module of its own.

A module object called twice in one forward pass (the ``self.relu`` a ResNet
block applies after each convolution, ALBERT's one layer run twelve times, a
block a loop reuses) is one entry of ``named_modules()``, but two pieces of
computation. Drawing both in one box tells a false story: the box reads its
own output (a cycle the layout must break), and twelve layers look like one.

``torch.export`` tells the calls apart: the ``nn_module_stack`` key of a
module's second call ends in ``@1``, of its third in ``@2``... Here each call
becomes a module instance: the first keeps the module's path, a later one
gets the path with ``@<k>`` on its last segment (``layer1.0.relu@1``), where
``k`` counts the calls *within the same instance of the enclosing module*, so
the modules a repeated layer calls once per run keep their plain names inside
each instance (``encoder.layer_groups.0@3.layers.0.ffn``). Instances are
siblings of the same class, so stacking compares them as it compares
``layer.0`` and ``layer.1``; parameters stay with the first call's module,
whose path is their name. :func:`module_path` reads an instance's path back
as the module's own (overlays match layers by it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CALL_SEPARATOR", "ModuleCalls", "module_path"]

CALL_SEPARATOR = "@"
"""What joins a module's last path segment and its call number (``relu@1``), as in ``torch.export``'s keys."""

_CALL_SUFFIX = re.compile(rf"{CALL_SEPARATOR}\d+(?=\.|$)")


def module_path(instance: str) -> str:
    """The path of the module that module instance ``instance`` is a call of.

    >>> module_path("encoder.groups.0@3.layers.0.ffn"), module_path("layer1.0.relu@1"), module_path("fc")
    ('encoder.groups.0.layers.0.ffn', 'layer1.0.relu', 'fc')
    """
    return _CALL_SUFFIX.sub("", instance)


def call_key(key: str) -> tuple[str, int]:
    """An ``nn_module_stack`` key split into the key of the module and the call number.

    >>> call_key("L__self__encoder.layer.0@2"), call_key("L__self__fc")
    (('L__self__encoder.layer.0', 2), ('L__self__fc', 0))
    """
    base, at, call = key.rpartition(CALL_SEPARATOR)
    return (base, int(call)) if at and call.isdigit() else (key, 0)


class ModuleCalls:
    """Assigns module instance paths to the levels of ``nn_module_stack``s, one call at a time.

    >>> calls = ModuleCalls()
    >>> calls.instances([("L__self__block", "block"), ("L__self__block.relu", "block.relu")])
    ['block', 'block.relu']
    >>> calls.instances([("L__self__block", "block"), ("L__self__block.relu@1", "block.relu")])
    ['block', 'block.relu@1']
    >>> calls.instances([("L__self__block@1", "block"), ("L__self__block.relu@2", "block.relu")])
    ['block@1', 'block@1.relu']
    >>> calls.instances([("L__self__block@1", "block"), ("L__self__block.relu@3", "block.relu")])
    ['block@1', 'block@1.relu@1']
    """

    def __init__(self) -> None:
        # (instance of the enclosing module, module path) -> {call number in the stack key: its index there}
        self._calls: dict[tuple[str, str], dict[int, int]] = {}

    def instances(self, levels: Iterable[tuple[str, str]]) -> list[str]:
        """The instance path of each ``(stack key, module path)`` level, outermost first.

        A level's enclosing instance is that of the nearest level above it whose
        module is an ancestor of its module (``""``, the root, when none is).
        """
        out: list[str] = []
        paths: list[str] = []
        for key, path in levels:
            parent, parent_instance = "", ""
            for above, instance in zip(reversed(paths), reversed(out)):
                if above == "" or path.startswith(above + "."):
                    parent, parent_instance = above, instance
                    break
            rest = path[len(parent) + 1:] if parent else path
            instance = f"{parent_instance}.{rest}" if parent_instance else rest
            seen = self._calls.setdefault((parent_instance, path), {})
            k = seen.setdefault(call_key(key)[1], len(seen)) if path else 0
            out.append(f"{instance}{CALL_SEPARATOR}{k}" if k else instance)
            paths.append(path)
        return out
