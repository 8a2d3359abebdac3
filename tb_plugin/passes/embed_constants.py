"""EmbedConstantsPass: parameters, buffers and constants become details of their consumers.

They are never drawn as boxes: each edge out of such a node is *embedded* into
the consumer, which lists it among its details (name, shape, dtype, size).
Edges with an end hidden as capture noise (:mod:`tb_plugin.capture_noise`)
are not drawn either; ``state.embedded`` flags both, and
:meth:`tb_plugin.hierarchy.Hierarchy.edge_hidden_reason` tells them apart.
This pass removes the most elements and makes the fan-out statistics of the
pruning pass about activations, not weights.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult

__all__ = ["EmbedConstantsPass"]


class EmbedConstantsPass(FoldPass):
    name = "embed_constants"

    def requires(self, state: FoldState) -> None:
        if state.embedded is not None:
            raise PassError("embed_constants ran twice: the state already has embedded edges")

    def call(self, state: FoldState) -> PassResult:
        h = state.hierarchy
        reasons = h.edge_hidden_reasons()
        embedded = tuple(map(bool, reasons))
        by_reason = Counter(reasons)
        return PassResult(
            state=dataclasses.replace(state, embedded=embedded),
            modified=any(embedded),
            report={"embedded_edges": by_reason["embedded"], "embedded_nodes": h.hidden_reason.count("embedded")},
        )

    def ensures(self, state: FoldState) -> None:
        h = state.hierarchy
        if state.embedded is None:
            raise PassError("embed_constants left no embedded flags")
        for eid, flag in enumerate(state.embedded):
            if flag != bool(h.edge_hidden_reason(eid)):
                raise PassError(f"edge {h.edge_key(eid)} is embedded={flag}, but its ends' hidden reasons say otherwise")
