"""Tests of tb_plugin.graph_algorithms: hand cases for ties and cycles, networkx as the oracle."""

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin.graph_algorithms import (
    cyclic_part,
    is_acyclic,
    kahn_order,
    longest_path_ranks,
    stable_topological_order,
    strongly_connected_component_ids,
)


@st.composite
def successor_lists(draw, max_k: int = 12):
    """Random graphs on ``range(k)``, with self loops and parallel edges."""
    k = draw(st.integers(0, max_k))
    if k == 0:
        return []
    edges = draw(st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)), max_size=3 * k))
    succ = [[] for _ in range(k)]
    for u, v in edges:
        succ[u].append(v)
    return succ


def _digraph(succ) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(range(len(succ)))
    g.add_edges_from((u, v) for u, heads in enumerate(succ) for v in heads)
    return g


def _partition(ids) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for v, c in enumerate(ids):
        groups.setdefault(c, set()).add(v)
    return {frozenset(g) for g in groups.values()}


class TestKahnOrder:
    def test_empty(self):
        assert kahn_order([]) == []
        assert kahn_order([], break_cycles=True) == []

    def test_given_order_kept_when_topological(self):
        assert kahn_order([[1, 2], [3], [3], []]) == [0, 1, 2, 3]

    def test_ties_go_to_the_smallest_vertex(self):
        assert kahn_order([[], [0], [0], []]) == [1, 2, 0, 3]

    def test_parallel_edges(self):
        assert kahn_order([[1, 1], []]) == [0, 1]

    def test_self_loop_is_a_cycle(self):
        assert kahn_order([[0, 1], []]) == []
        assert kahn_order([[0, 1], []], break_cycles=True) == [0, 1]

    def test_cycle_and_what_it_feeds_left_out(self):
        assert kahn_order([[1], [0, 2], [], []]) == [3]

    def test_break_cycles_takes_smallest_left(self):
        # 3 -> 1 <-> 2 -> 0: stuck after 3; 0 is smallest left but waits on 2, listed first anyway
        assert kahn_order([[], [2], [1, 0], [1]], break_cycles=True) == [3, 0, 1, 2]

    @settings(max_examples=200, deadline=None)
    @given(successor_lists())
    def test_matches_networkx_lexicographic_order(self, succ):
        g = _digraph(succ)
        if nx.is_directed_acyclic_graph(g) and all(u not in heads for u, heads in enumerate(succ)):
            assert kahn_order(succ) == list(nx.lexicographical_topological_sort(g))
        assert sorted(kahn_order(succ, break_cycles=True)) == list(range(len(succ)))


class TestIsAcyclic:
    def test_empty(self):
        assert is_acyclic([])

    def test_self_loop(self):
        assert not is_acyclic([[0]])

    def test_diamond(self):
        assert is_acyclic([[1, 2], [3], [3], []])

    def test_cycle(self):
        assert not is_acyclic([[1], [2], [0]])

    @settings(max_examples=200, deadline=None)
    @given(successor_lists())
    def test_matches_networkx(self, succ):
        assert is_acyclic(succ) == nx.is_directed_acyclic_graph(_digraph(succ))


class TestStronglyConnectedComponentIds:
    def test_empty(self):
        assert strongly_connected_component_ids([]) == []

    def test_self_loop_is_its_own_component(self):
        assert strongly_connected_component_ids([[0, 1], []]) == [1, 0]

    def test_two_cycles(self):
        ids = strongly_connected_component_ids([[1], [0, 2], [3], [2]])
        assert ids[0] == ids[1] != ids[2] == ids[3]

    @settings(max_examples=200, deadline=None)
    @given(successor_lists())
    def test_matches_networkx(self, succ):
        ids = strongly_connected_component_ids(succ)
        assert _partition(ids) == {frozenset(c) for c in nx.strongly_connected_components(_digraph(succ))}
        for u, heads in enumerate(succ):  # reverse topological order of the condensation
            assert all(ids[v] <= ids[u] for v in heads)


class TestStableTopologicalOrder:
    def test_empty(self):
        assert stable_topological_order([]) == ([], None)

    def test_self_loop_ignored(self):
        assert stable_topological_order([[0], [0]]) == ([1, 0], None)

    def test_ties_keep_given_order(self):
        assert stable_topological_order([[], [], [0]]) == ([1, 2, 0], None)

    def test_component_members_stay_together_in_given_order(self):
        # 4 -> 0; 2 <-> 0 -> 1 -> 3 <-> 5
        order, ids = stable_topological_order([[1, 2], [3], [0], [5], [0], [3]])
        assert order == [4, 0, 2, 1, 3, 5]
        assert ids == [0, 1, 1, 2, 3, 3]

    def test_components_tie_by_smallest_member(self):
        order, ids = stable_topological_order([[3], [2], [1], [0]])
        assert order == [0, 3, 1, 2] and ids == [0, 0, 1, 1]

    @settings(max_examples=200, deadline=None)
    @given(successor_lists())
    def test_is_a_topological_order_of_the_condensation(self, succ):
        order, ids = stable_topological_order(succ)
        assert sorted(order) == list(range(len(succ)))
        g = _digraph(succ)
        sccs = {frozenset(c) for c in nx.strongly_connected_components(g)}
        assert (ids is None) == all(len(c) == 1 for c in sccs)
        component = ids or list(range(len(order)))
        assert component == sorted(component)
        assert _partition([component[order.index(v)] for v in range(len(order))]) == sccs
        position = {v: p for p, v in enumerate(order)}
        for u, v in g.edges:
            assert component[position[u]] <= component[position[v]]


class TestCyclicPart:
    def test_empty(self):
        assert cyclic_part([]) == set()

    def test_self_loop_is_cyclic(self):
        assert cyclic_part([(1, 1), (1, 2)]) == {1}

    def test_matches_networkx(self):
        edges = [(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (6, 4)]
        assert cyclic_part(edges) == {1, 2, 3}

    def test_path_between_cycles_is_kept(self):
        assert cyclic_part([(1, 2), (2, 1), (2, 3), (3, 4), (4, 5), (5, 4)]) == {1, 2, 3, 4, 5}

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=30))
    def test_reaches_and_is_reached_from_a_cycle(self, edges):
        g = nx.DiGraph(edges)
        on_cycle = {v for c in nx.strongly_connected_components(g) for v in c if len(c) > 1 or g.has_edge(v, v)}
        downstream = on_cycle.union(*(nx.descendants(g, v) for v in on_cycle))
        upstream = on_cycle.union(*(nx.ancestors(g, v) for v in on_cycle))
        assert cyclic_part(edges) == downstream & upstream


class TestLongestPathRanks:
    def test_empty(self):
        assert longest_path_ranks({}) == {}

    def test_self_loop(self):
        assert longest_path_ranks({(1, 1): []}) == {1: 0}

    def test_keys_in_first_named_order(self):
        assert list(longest_path_ranks([(5, 3), (3, 9), (5, 9)])) == [5, 3, 9]

    def test_cycle_ranked_from_smallest_id(self):
        # 0 -> 7 <-> 4 -> 8: once 0 is ranked only the cycle is left, and 4 (not 7) goes first
        assert longest_path_ranks([(0, 7), (7, 4), (4, 7), (4, 8)]) == {0: 0, 7: 1, 4: 0, 8: 1}

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)).filter(lambda e: e[0] < e[1]), max_size=30))
    def test_acyclic_matches_networkx_longest_paths(self, edges):
        g = nx.DiGraph(edges)
        expected = {v: max((len(p) - 1 for u in g for p in nx.all_simple_paths(g, u, v)), default=0) for v in g}
        assert longest_path_ranks(edges) == expected
