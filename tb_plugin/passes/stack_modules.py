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

from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult
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
            rep = _Wiring(h, state.embedded, stack.members[0])
            for variant in stack.variants:
                again = variant_edit(h, state.embedded, stack.members[0], variant.member)
                if again is None or again.edits != variant.edits or not is_small(again, self.max_variant_edit):
                    raise PassError(
                        f"stack of {stack.class_name}: {h.module_paths[variant.member]!r} is no variant of "
                        f"{h.module_paths[stack.members[0]]!r}: its edit is "
                        f"{'too large to align' if again is None else f'{again.edits} of {again.size}'}"
                    )
            for member, pairs in zip(exact[1:], stack.matching):
                problem = rep.mapped(dict(pairs)).differs_from(_Wiring(h, state.embedded, member))
                if problem:
                    raise PassError(
                        f"stack of {stack.class_name}: {h.module_paths[member]!r} is not isomorphic to "
                        f"{h.module_paths[stack.members[0]]!r}: {problem}"
                    )


class _Wiring:
    """A module's drawn subtree, flattened: ops, the edges among them, and its boundary wiring.

    An independent witness of what stacking compares: built from the hierarchy
    directly, in time linear in the subtree and its edges.
    """

    def __init__(self, h: Hierarchy, embedded, mid: int) -> None:
        nodes = [nid for nid in h.subtree_node_ids(mid) if not h.hidden[nid]]
        inside = set(nodes)
        self.ops = {nid: (h.nodes[nid].kind, h.nodes[nid].op) for nid in nodes}
        self.edges: Counter = Counter()
        entering: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.leaving: set[tuple[int, int]] = set()
        for nid in nodes:
            for eid in h.in_edges[nid]:
                if embedded[eid]:
                    continue
                src = h.edge_src[eid]
                if src in inside:
                    self.edges[(src, h.edge_out[eid], nid, h.edge_in[eid])] += 1
                else:
                    entering.setdefault((src, h.edge_out[eid]), []).append((nid, h.edge_in[eid]))
            for eid in h.out_edges[nid]:
                if not embedded[eid] and h.edge_dst[eid] not in inside:
                    self.leaving.add((nid, h.edge_out[eid]))
        self.entering = Counter(frozenset(reads) for reads in entering.values())

    def mapped(self, pairs: dict[int, int]) -> "_Wiring | str":
        """This wiring with node ids renamed by ``pairs``; a message if ``pairs`` does not cover it."""
        missing = [nid for nid in self.ops if nid not in pairs]
        if missing or len(set(pairs.values())) != len(pairs):
            return _Mismatch(f"the pairing leaves out or repeats nodes ({len(missing)} unpaired)")
        out = object.__new__(_Wiring)
        out.ops = {pairs[n]: op for n, op in self.ops.items()}
        out.edges = Counter({(pairs[u], o, pairs[v], i): c for (u, o, v, i), c in self.edges.items()})
        out.entering = Counter({frozenset((pairs[n], i) for n, i in reads): c for reads, c in self.entering.items()})
        out.leaving = {(pairs[n], o) for n, o in self.leaving}
        return out

    def differs_from(self, other: "_Wiring") -> str:
        if self.ops != other.ops:
            return "paired nodes differ in op or kind, or the members have different nodes"
        if self.edges != other.edges:
            return "the edges between their nodes differ"
        if self.entering != other.entering:
            return "their inputs are wired differently (which outside tensor feeds which node input)"
        if self.leaving != other.leaving:
            return "different nodes send results out of the module"
        return ""


class _Mismatch:
    def __init__(self, message: str) -> None:
        self.message = message

    def differs_from(self, other: _Wiring) -> str:
        return self.message
