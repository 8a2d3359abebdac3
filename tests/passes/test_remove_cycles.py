"""RemoveCyclesPass and its algorithms: every view acyclic, with the fewest reversals."""

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.graph_algorithms import cyclic_part
from tb_plugin.passes import EmbedConstantsPass, RemoveCyclesPass, run_passes
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.levels import level_item_edges
from tb_plugin.passes.remove_cycles import feedback_arc_set, first_node_ids


class TestFeedbackArcSet:
    def test_empty(self):
        assert feedback_arc_set({}) == set()

    def test_dag_unchanged(self):
        assert feedback_arc_set({(1, 2): 1, (2, 3): 1, (1, 3): 1}) == set()

    def test_two_cycle_reverses_lighter_edge(self):
        assert feedback_arc_set({(1, 2): 3, (2, 1): 1}) == {(2, 1)}

    def test_nested_cycles(self):
        weights = {(1, 2): 1, (2, 3): 1, (3, 1): 1, (3, 4): 1, (4, 2): 1}
        back = feedback_arc_set(weights)
        assert not cyclic_part([(b, a) if (a, b) in back else (a, b) for a, b in weights])
        assert len(back) <= 2

    @settings(max_examples=150, deadline=None)
    @given(st.dictionaries(st.tuples(st.integers(0, 12), st.integers(0, 12)).filter(lambda e: e[0] != e[1]),
                           st.integers(1, 5), max_size=50))
    def test_result_is_acyclic(self, weights):
        back = feedback_arc_set(weights)
        assert back <= set(weights)
        laid_out = [(b, a) if (a, b) in back else (a, b) for a, b in weights]
        assert not cyclic_part(laid_out)
        g = nx.DiGraph(laid_out)
        assert nx.is_directed_acyclic_graph(g)


def _interleaved_graph() -> ir.Graph:
    """Modules a and b call each other through different inner nodes: a -> b -> a when collapsed."""
    g = ir.Graph(name="interleaved")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("a1", "Relu", module="a", inputs=(ir.InputRef("x"),)))
    g.add_node(ir.Node("b1", "Neg", module="b", inputs=(ir.InputRef("a1"),)))
    g.add_node(ir.Node("a2", "Add", module="a", inputs=(ir.InputRef("b1"), ir.InputRef("a1"))))
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("a2"),)))
    return g


class TestRemoveCyclesPass:
    def test_interleaved_modules_get_one_back_edge(self):
        state = run_passes(_interleaved_graph(), [EmbedConstantsPass(), RemoveCyclesPass()], check=True)
        (back,) = state.reversed.values()
        assert len(back) == 1
        assert state.reports["remove_cycles"]["reversed_edges"] == 1

    def test_dag_changes_nothing(self, tiny_graph):
        result = RemoveCyclesPass()(EmbedConstantsPass()(run_passes(tiny_graph, [])).state, check=True)
        assert not result.modified and result.state.reversed == {}

    def test_self_loop_is_marked(self):
        g = ir.Graph()
        g.add_node(ir.Node("a", "NextIteration", inputs=(ir.InputRef("a"),)))
        state = run_passes(g, [EmbedConstantsPass(), RemoveCyclesPass()], check=True)
        assert state.reports["remove_cycles"]["self_loops"] == 1

    def test_requires_embedding_first(self, tiny_graph):
        from tb_plugin.passes import PassError

        with pytest.raises(PassError, match="needs embed_constants"):
            RemoveCyclesPass()(run_passes(tiny_graph, []), check=True)


class TestFirstNodeIds:
    def test_empty_module(self):
        g = ir.Graph()
        g.add_module("m")
        assert first_node_ids(Hierarchy(g)) == [0, 0]  # no nodes: node_count

    @settings(max_examples=100, deadline=None)
    @given(st.data())
    def test_certifies_only_acyclic_views(self, data):
        """A view whose edges all go up with child modules placed at their first node has no cycle,
        on random module trees where nodes also read later nodes (so views can be cyclic)."""
        paths = [""]
        for _ in range(data.draw(st.integers(0, 8))):
            paths.append(ir.join_path(data.draw(st.sampled_from(paths)), f"m{len(paths)}"))
        count = data.draw(st.integers(1, 16))
        g = ir.Graph()
        for i in range(count):
            sources = data.draw(st.lists(st.integers(0, count - 1), max_size=3))
            g.add_node(ir.Node(f"n{i}", "Op", module=data.draw(st.sampled_from(paths)),
                               inputs=tuple(ir.InputRef(f"n{s}") for s in sources)))
        h = Hierarchy(g)
        first, n = first_node_ids(h), h.node_count
        for mid in range(len(h.module_paths)):
            assert first[mid] == min(h.subtree_node_ids(mid), default=n)
        for pairs in level_item_edges(h).values():
            if all((a if a < n else first[a - n]) < (b if b < n else first[b - n]) for a, b in pairs):
                assert not cyclic_part(pairs)


class TestDrawnAfterPruning:
    """Cycle removal reuses prune_edges' item edges only while they belong to the state it folds."""

    def _state(self):
        from tb_plugin.passes import default_passes

        from tests.passes.synthetic import deep_model

        g = deep_model(4, 20)
        head = g.node("output").inputs[0].node
        g.add_node(ir.Node("late", "aten.add.Tensor", inputs=(ir.InputRef("add_10"), ir.InputRef(head))))
        g.add_node(ir.Node("out2", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("late"),)))
        return run_passes(g, default_passes(), check=True)

    def test_reused_levels_equal_recomputed_ones(self):
        state = self._state()
        cached = RemoveCyclesPass._drawn(state, state.current_pruned_levels())
        fresh = RemoveCyclesPass._drawn(state)
        assert state.current_pruned_levels() is not None
        assert [(k, list(v.items())) for k, v in cached.items()] == [(k, list(v.items())) for k, v in fresh.items()]

    def test_stale_cache_is_not_used(self):
        import dataclasses

        state = self._state()
        assert dataclasses.replace(state, stacks=()).current_pruned_levels() is None
        assert dataclasses.replace(state, pruned={}).current_pruned_levels() is None
