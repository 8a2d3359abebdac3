"""PruneEdgesPass: high fan-out and long cross-module edges become port stubs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.levels import level_item_edges, without_edges
from tb_plugin.passes import EmbedConstantsPass, PruneEdgesPass, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.prune_edges import fan_out_threshold
from tests.passes.synthetic import deep_model


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


class TestWithoutEdges:
    """Dropping edges from grouped item edges equals grouping without them, order included."""

    _H = Hierarchy(deep_model(3, 18))

    @settings(max_examples=60, deadline=None)
    @given(st.sets(st.integers(0, 200)), st.sets(st.integers(0, 200)))
    def test_equals_grouping_with_the_larger_skip(self, first, more):
        h = self._H
        display = {h.module_item(h.module_id[f"layers.{i}"]): h.module_item(h.module_id["layers.0"]) for i in range(3)}
        levels = level_item_edges(h, skip=first.__contains__, display=display)
        dropped = dict.fromkeys(more - first, "long")
        expected = level_item_edges(h, skip=lambda e: e in first or e in dropped, display=display)
        got = without_edges(levels, dropped)
        assert [(k, list(v.items())) for k, v in got.items()] == [(k, list(v.items())) for k, v in expected.items()]

    @staticmethod
    def _reordering_hierarchy() -> Hierarchy:
        """Root pairs (x, m): edges 0 and 3, (x, k): edge 1; module m's view: edge 2."""
        g = ir.Graph()
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        for name, module, src in (("a", "m.p", "x"), ("d", "k", "x"), ("b", "m.q", "a"), ("c", "m.r", "x")):
            g.add_node(ir.Node(name, "Neg", module=module, inputs=(ir.InputRef(src),)))
        return Hierarchy(g)

    @pytest.mark.parametrize("dropped", [{0}, {0, 1}, {3}, {1, 2}])
    def test_pairs_and_levels_move_to_their_next_edge(self, dropped):
        h = self._reordering_hierarchy()
        expected = level_item_edges(h, skip=dropped.__contains__)
        got = without_edges(level_item_edges(h), dict.fromkeys(dropped, "long"))
        assert [(k, list(v.items())) for k, v in got.items()] == [(k, list(v.items())) for k, v in expected.items()]

    def test_input_unchanged(self):
        levels = {0: {(1, 2): [0, 3]}}
        without_edges(levels, {0: "long"})
        assert levels == {0: {(1, 2): [0, 3]}}
