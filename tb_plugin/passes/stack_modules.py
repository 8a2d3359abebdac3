"""StackIsomorphicModulesPass: isomorphic sibling modules are drawn as one stack (``BertLayer ×12``).

A thin wrapper around :func:`tb_plugin.passes.stacking.find_stacks`, which
hashes module structure bottom-up (Weisfeiler–Lehman style), boundary wiring
included, and confirms every candidate with a real isomorphism check within a
budget. Runs after embedding (weights are not structure) and before pruning
and cycle removal, which then work on the stacked views: edges between the
members of a stack are inside it.

Its ``ensures`` checks each stack's claim independently and in linear time:
the node pairing the stacking verified must map the representative's drawn
subtree onto each exact member's, op for op and edge for edge (ports
included), and the tensors entering and leaving must be wired alike; a
variant's aligned edit (:mod:`tb_plugin.passes.variants`) is computed again
and must be as small as claimed. A check never searches, so it cannot hang.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult
from tb_plugin.passes.stack_witness import Wiring
from tb_plugin.passes.stacking import find_stacks
from tb_plugin.passes.variants import is_small, variant_edit

__all__ = ["StackIsomorphicModulesPass"]


class StackIsomorphicModulesPass(FoldPass):
    name = "stack_modules"

    def __init__(self, *, min_size: int = 2, max_variant_edit: float = 0.1) -> None:
        self.min_size = min_size
        self.max_variant_edit = max_variant_edit

    def requires(self, state: FoldState) -> None:
        if state.embedded is None:
            raise PassError("stack_modules needs embed_constants to run first")

    def call(self, state: FoldState) -> PassResult:
        report: dict = {}
        stacks = tuple(find_stacks(state.hierarchy, embedded=state.embedded, min_size=self.min_size,
                                   max_variant_edit=self.max_variant_edit, report=report))
        sizes = Counter(len(s.members) for s in stacks)
        return PassResult(
            state=dataclasses.replace(state, stacks=stacks),
            modified=bool(stacks),
            report={
                "stacks": len(stacks),
                "stacked_modules": sum(len(s.members) for s in stacks),
                "largest_stack": max(sizes, default=0),
                "variants": sum(len(s.variants) for s in stacks),
                **report,
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
            exact = stack.exact_members
            if len(exact) < 2 or len(stack.matching) != len(exact) - 1:
                raise PassError(f"stack of {stack.class_name} carries no verified pairing for every exact member")
            rep = Wiring(h, state.embedded, stack.members[0])
            for variant in stack.variants:
                again = variant_edit(h, state.embedded, stack.members[0], variant.member)
                if again is None or again.edits != variant.edits or not is_small(again, self.max_variant_edit):
                    raise PassError(
                        f"stack of {stack.class_name}: {h.module_paths[variant.member]!r} is no variant of "
                        f"{h.module_paths[stack.members[0]]!r}: its edit is "
                        f"{'too large to align' if again is None else f'{again.edits} of {again.size}'}"
                    )
            for member, pairs in zip(exact[1:], stack.matching):
                problem = rep.mapped(dict(pairs)).differs_from(Wiring(h, state.embedded, member))
                if problem:
                    raise PassError(
                        f"stack of {stack.class_name}: {h.module_paths[member]!r} is not isomorphic to "
                        f"{h.module_paths[stack.members[0]]!r}: {problem}"
                    )
