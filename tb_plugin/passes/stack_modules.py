"""StackIsomorphicModulesPass: isomorphic sibling modules are drawn as one stack (``BertLayer ×12``).

A thin wrapper around :func:`tb_plugin.passes.stacking.find_stacks`, which
hashes module structure bottom-up (Weisfeiler–Lehman style) and confirms every
candidate with a real isomorphism check. Runs after embedding (weights are not
structure) and before pruning and cycle removal, which then work on the
stacked views: edges between the members of a stack are inside it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult
from tb_plugin.passes.stacking import find_stacks

__all__ = ["StackIsomorphicModulesPass"]


class StackIsomorphicModulesPass(FoldPass):
    name = "stack_modules"

    def __init__(self, *, min_size: int = 2) -> None:
        self.min_size = min_size

    def requires(self, state: FoldState) -> None:
        if state.embedded is None:
            raise PassError("stack_modules needs embed_constants to run first")

    def call(self, state: FoldState) -> PassResult:
        stacks = tuple(find_stacks(state.hierarchy, embedded=state.embedded, min_size=self.min_size))
        sizes = Counter(len(s.members) for s in stacks)
        return PassResult(
            state=dataclasses.replace(state, stacks=stacks),
            modified=bool(stacks),
            report={
                "stacks": len(stacks),
                "stacked_modules": sum(len(s.members) for s in stacks),
                "largest_stack": max(sizes, default=0),
            },
        )

    def ensures(self, state: FoldState) -> None:
        h = state.hierarchy
        seen: set[int] = set()
        for stack in state.stacks:
            if len(stack.members) < self.min_size:
                raise PassError(f"stack of {stack.class_name} has {len(stack.members)} members, fewer than {self.min_size}")
            parents = {h.module_parent[m] for m in stack.members}
            if parents != {stack.parent}:
                raise PassError(f"stack of {stack.class_name} mixes modules of different parents")
            if seen & set(stack.members):
                raise PassError(f"module {h.module_paths[(seen & set(stack.members)).pop()]!r} is in two stacks")
            seen.update(stack.members)
