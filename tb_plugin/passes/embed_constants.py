"""EmbedConstantsPass: parameters, buffers and constants become details of their consumers.

They are never drawn as boxes: each edge out of such a node is *embedded* into
the consumer, which lists it among its details (name, shape, dtype, size).
This is the first pass because it removes the most elements and makes the
fan-out statistics of the pruning pass about activations, not weights.
"""

from __future__ import annotations

import dataclasses

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult

__all__ = ["EmbedConstantsPass"]


class EmbedConstantsPass(FoldPass):
    name = "embed_constants"

    def requires(self, state: FoldState) -> None:
        if state.embedded is not None:
            raise PassError("embed_constants ran twice: the state already has embedded edges")

    def call(self, state: FoldState) -> PassResult:
        h = state.hierarchy
        embedded = tuple(h.embeddable[src] for src in h.edge_src)
        embedded_nodes = sum(h.embeddable)
        return PassResult(
            state=dataclasses.replace(state, embedded=embedded),
            modified=any(embedded),
            report={"embedded_edges": sum(embedded), "embedded_nodes": embedded_nodes},
        )

    def ensures(self, state: FoldState) -> None:
        h = state.hierarchy
        assert state.embedded is not None
        for eid, flag in enumerate(state.embedded):
            if flag != h.embeddable[h.edge_src[eid]]:
                raise PassError(f"edge {h.edge_key(eid)} is embedded={flag}, but its producer's kind says otherwise")
