"""GroupRepeatedBlocksPass: runs of identical operator blocks in flat modules become modules.

Graphs without module scopes (flat GraphDefs, some ONNX exports) have no
modules to stack. This pass wraps each maximal run of structurally identical,
consecutive operator blocks in synthetic child modules (see
:func:`tb_plugin.passes.repeated_blocks.group_repeated_blocks`), which the
stacking pass then draws as one stack. It is the only pass that changes the
graph, so it runs first and returns a state over a new graph; the input graph
is never modified.
"""

from __future__ import annotations

import dataclasses

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult
from tb_plugin.passes.repeated_blocks import group_repeated_blocks

__all__ = ["GroupRepeatedBlocksPass"]


class GroupRepeatedBlocksPass(FoldPass):
    name = "group_blocks"

    def __init__(self, *, min_repeats: int = 2, min_block_ops: int = 2) -> None:
        self.min_repeats = min_repeats
        self.min_block_ops = min_block_ops

    def requires(self, state: FoldState) -> None:
        if state.embedded is not None:
            raise PassError("group_blocks must run before every other pass: it rebuilds the graph")

    def call(self, state: FoldState) -> PassResult:
        graph, created = group_repeated_blocks(
            state.graph, min_repeats=self.min_repeats, min_block_ops=self.min_block_ops
        )
        new_state = dataclasses.replace(state, graph=graph, hierarchy=state.hierarchy.with_graph(graph)) if created else state
        return PassResult(state=new_state, modified=bool(created), report={"block_modules": len(created)})

    def ensures(self, state: FoldState) -> None:
        state.graph.lint()
