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

import networkx as nx

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
            representative = _flattened(state, stack.members[0])
            for member in stack.members[1:]:
                if not nx.is_isomorphic(representative, _flattened(state, member), node_match=_same_op):
                    raise PassError(
                        f"stack of {stack.class_name}: {h.module_paths[member]!r} is not isomorphic "
                        f"to {h.module_paths[stack.members[0]]!r}"
                    )


def _flattened(state: FoldState, mid: int) -> nx.DiGraph:
    """The drawn operators of a module's subtree and the edges between them, labelled by op:
    an independent, flattened witness for the structural comparison done by stacking."""
    h, embedded = state.hierarchy, state.embedded
    g = nx.DiGraph()
    for nid in h.subtree_node_ids(mid):
        if not h.hidden[nid]:
            g.add_node(nid, op=(h.nodes[nid].op, h.nodes[nid].kind))
    for nid in list(g):
        for eid in h.in_edges[nid]:
            if not embedded[eid] and h.edge_src[eid] in g:
                g.add_edge(h.edge_src[eid], nid)
    return g


def _same_op(a: dict, b: dict) -> bool:
    return a["op"] == b["op"]
