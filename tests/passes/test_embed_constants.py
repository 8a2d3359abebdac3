"""EmbedConstantsPass: parameters, buffers and constants become details of their consumers."""

import pytest

from tb_plugin import ir
from tb_plugin.passes import EmbedConstantsPass, PassError, run_passes


class TestEmbedConstantsPass:
    def test_parameter_edge_embedded(self, tiny_graph):
        result = EmbedConstantsPass()(run_passes(tiny_graph, []), check=True)
        h = result.state.hierarchy
        embedded = [h.edge_key(e) for e, flag in enumerate(result.state.embedded) if flag]
        assert embedded == [("fc.weight", 0, "linear", 1)]
        assert result.modified and result.report["embedded_nodes"] == 1

    def test_nothing_to_embed(self):
        g = ir.Graph()
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        g.add_node(ir.Node("y", "Relu", inputs=(ir.InputRef("x"),)))
        result = EmbedConstantsPass()(run_passes(g, []), check=True)
        assert not result.modified and result.state.embedded == (False,)

    def test_runs_once(self, tiny_graph):
        state = run_passes(tiny_graph, [EmbedConstantsPass()])
        with pytest.raises(PassError, match="ran twice"):
            EmbedConstantsPass()(state, check=True)
