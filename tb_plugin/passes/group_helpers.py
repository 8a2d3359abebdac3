"""GroupHelperRegionsPass: masks and position ids computed beside the model, outputs under one field,
and the root's loose operators become one closed module each.

A thin wrapper around :func:`tb_plugin.passes.helper_regions.find_helper_regions`,
:func:`~tb_plugin.passes.helper_regions.find_output_groups` and
:func:`~tb_plugin.passes.helper_regions.find_loose_op_groups` (the rules are
documented there). Each region moves into a new child module of its module
(``"attention mask"``, class :data:`HELPER_CLASS`; ``"cache"``, class
:data:`OUTPUTS_CLASS`; ``"pow, div…"``, class :data:`OPS_CLASS`), drawn like
any module: closed, openable, with its own port stubs. Runs after capture noise is
hidden (dead code would otherwise join the regions) and before embedding; the
input graph is never changed.
"""

from __future__ import annotations

import dataclasses

from tb_plugin import ir
from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult
from tb_plugin.passes.helper_regions import (
    HELPER_CLASS, OPS_CLASS, OUTPUTS_CLASS, find_helper_regions, find_loose_op_groups, find_output_groups,
)

__all__ = ["GroupHelperRegionsPass"]


class GroupHelperRegionsPass(FoldPass):
    name = "group_helpers"

    def __init__(self, *, min_ops: int = 2, min_modules: int = 2, min_outputs: int = 2) -> None:
        self.min_ops = min_ops
        self.min_modules = min_modules
        self.min_outputs = min_outputs

    def requires(self, state: FoldState) -> None:
        if state.embedded is not None:
            raise PassError("group_helpers must run before embed_constants: it rebuilds the graph")

    def call(self, state: FoldState) -> PassResult:
        h = state.hierarchy
        regions = [(r, HELPER_CLASS) for r in find_helper_regions(h, min_ops=self.min_ops, min_modules=self.min_modules)]
        regions += [(r, OUTPUTS_CLASS) for r in find_output_groups(h, min_size=self.min_outputs)]
        claimed = frozenset(n for r, _ in regions for n in r.nodes)
        regions += [(r, OPS_CLASS) for r in find_loose_op_groups(h, claimed=claimed)]
        if not regions:
            return PassResult(state=state, modified=False,
                              report={"helper_modules": 0, "helper_ops": 0, "output_groups": 0, "op_groups": 0})
        created: list[tuple[str, str]] = []
        moved: dict[str, str] = {}
        taken = set(h.module_paths)
        for region, class_name in regions:
            parent = h.module_paths[region.module]
            path, n = ir.join_path(parent, region.label), 2
            while path in taken:
                path, n = ir.join_path(parent, f"{region.label} {n}"), n + 1
            taken.add(path)
            created.append((path, class_name))
            for nid in region.nodes:
                moved[h.nodes[nid].name] = path
        graph = state.graph.regrouped(created, moved)
        return PassResult(
            state=dataclasses.replace(state, graph=graph, hierarchy=h.with_graph(graph)),
            modified=True,
            report={"helper_modules": sum(c == HELPER_CLASS for _, c in created),
                    "helper_ops": sum(len(r.nodes) for r, c in regions if c == HELPER_CLASS),
                    "output_groups": sum(c == OUTPUTS_CLASS for _, c in created),
                    "op_groups": sum(c == OPS_CLASS for _, c in created)},
        )

    def ensures(self, state: FoldState) -> None:
        state.graph.lint()
