"""PruneEdgesPass: high fan-out and long cross-module edges become port stubs."""

from tb_plugin import ir
from tb_plugin.passes import EmbedConstantsPass, PruneEdgesPass, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.prune_edges import fan_out_threshold


def _mask_graph(layers: int) -> ir.Graph:
    """A mask made at the root and read by every layer: the classic high fan-out tensor."""
    g = ir.Graph(name="mask")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("mask", "Where", inputs=(ir.InputRef("x"),)))
    previous = "x"
    for i in range(layers):
        g.add_node(ir.Node(f"l{i}", "Add", module=f"layers.{i}", inputs=(ir.InputRef(previous), ir.InputRef("mask"))))
        previous = f"l{i}"
    return g


class TestFanOutThreshold:
    def test_single_consumers(self):
        assert fan_out_threshold([1] * 100, k=3.0, minimum=8) == 8

    def test_spread_distribution(self):
        values = list(range(1, 101))
        assert fan_out_threshold(values, k=1.5, minimum=2) == 76 + 1.5 * (76 - 26)


class TestPruneEdgesPass:
    def test_mask_edges_pruned(self):
        state = run_passes(_mask_graph(12), [EmbedConstantsPass(), PruneEdgesPass()], check=True)
        h = state.hierarchy
        assert {h.edge_key(e)[0] for e in state.pruned} == {"mask"}
        assert len(state.pruned) == 12 and set(state.pruned.values()) == {"fan_out"}

    def test_mask_into_one_stack_stays_drawn(self):
        # Stacked, the twelve layers are one item reading the mask once: one edge, no clutter.
        passes = [EmbedConstantsPass(), StackIsomorphicModulesPass(), PruneEdgesPass()]
        state = run_passes(_mask_graph(12), passes, check=True)
        assert [len(s.members) for s in state.stacks] == [11]  # layers.0 reads the input, not a sibling
        assert state.pruned == {}

    def test_few_consumers_changes_nothing(self):
        result = PruneEdgesPass()(
            run_passes(_mask_graph(3), [EmbedConstantsPass()]), check=True
        )
        assert not result.modified and result.state.pruned == {}

    def test_long_edge(self):
        g = ir.Graph()
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        previous = "x"
        for i in range(15):
            g.add_node(ir.Node(f"n{i}", "Relu", module=f"m{i}", inputs=(ir.InputRef(previous),)))
            previous = f"n{i}"
        g.add_node(ir.Node("skip", "Add", module="tail", inputs=(ir.InputRef(previous), ir.InputRef("n0"))))
        state = run_passes(g, [EmbedConstantsPass(), PruneEdgesPass(max_span=10)], check=True)
        assert [state.hierarchy.edge_key(e) for e in state.pruned] == [("n0", 0, "skip", 1)]
        assert state.pruned[next(iter(state.pruned))] == "long"
