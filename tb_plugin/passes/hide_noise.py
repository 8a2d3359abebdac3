"""HideCaptureNoisePass: capture artefacts are hidden from the drawing, not deleted.

Dead operators, export bookkeeping and container plumbing
(:mod:`tb_plugin.capture_noise`) stay in the graph, where search and details
reach them, but the state's hierarchy marks them hidden and adds the edges
drawn through contracted plumbing. Runs after :class:`GroupRepeatedBlocksPass`
(which rebuilds the graph from scratch) and before everything that draws.
"""

from __future__ import annotations

import dataclasses

from tb_plugin.capture_noise import find_capture_noise
from tb_plugin.passes._infra import FoldPass, FoldState, PassError, PassResult

__all__ = ["HideCaptureNoisePass"]


class HideCaptureNoisePass(FoldPass):
    name = "hide_noise"

    def requires(self, state: FoldState) -> None:
        if state.embedded is not None:
            raise PassError("hide_noise must run before embed_constants: it changes which edges exist")

    def call(self, state: FoldState) -> PassResult:
        noise = find_capture_noise(state.graph)
        report = {**noise.counts(), "through_edges": len(noise.through)}
        if not noise.hidden:
            return PassResult(state=state, modified=False, report=report)
        return PassResult(state=dataclasses.replace(state, hierarchy=state.hierarchy.with_noise(noise)),
                          modified=True, report=report)

    def ensures(self, state: FoldState) -> None:
        h = state.hierarchy
        for eid in range(h.original_edge_count, h.edge_count):
            if h.hidden[h.edge_src[eid]] and h.hidden_reason[h.edge_src[eid]] != "embedded":
                raise PassError(f"through edge {h.edge_key(eid)} starts at hidden node {h.nodes[h.edge_src[eid]].name!r}")
        for eid in range(h.original_edge_count):
            src, dst = h.edge_src[eid], h.edge_dst[eid]
            if h.hidden_reason[src] == "dead" and not h.hidden[dst]:
                raise PassError(f"dead node {h.nodes[src].name!r} feeds visible node {h.nodes[dst].name!r}")
