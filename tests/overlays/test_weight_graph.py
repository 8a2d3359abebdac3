"""The weight graph: adjacency by hand, properties against networkx, per-layer stats, bad input."""

from __future__ import annotations

import functools

import networkx as nx
import numpy as np
import pytest
import scipy.sparse
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from tb_plugin import metadata
from tb_plugin.overlays import weight_graph as wg
from tb_plugin.overlays.weight_graph import WeightGraphError
from tb_plugin.proto import graphfold_pb2


class ConvThenLinear(nn.Module):
    """conv 2→3 (2×2 kernel) on a 4×4 map, flatten, linear 27→2, with weights whose norms are easy by hand."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 2, bias=False)
        self.fc = nn.Linear(27, 2)
        with torch.no_grad():
            for i in range(3):
                for j in range(2):
                    self.conv.weight[i, j] = (i + 1) * (j + 1)           # ‖W[i, j]‖ = 2·(i+1)·(j+1)
            for u in range(2):
                for c in range(3):
                    self.fc.weight[u, c * 9 : (c + 1) * 9] = (u + 1) * (c + 1)  # ‖…‖ = 3·(u+1)·(c+1)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.conv(x)), 1))


def _tiny():
    model = ConvThenLinear()
    return model, wg.connectivity_of(model, torch.randn(1, 2, 4, 4))


def _hand_graph() -> nx.Graph:
    """The tiny net's weight graph, written down independently of the code under test."""
    g = nx.Graph()
    for i in range(3):
        for j in range(2):
            g.add_edge(("conv", i), ("x", j), weight=2.0 * (i + 1) * (j + 1))
    for u in range(2):
        for c in range(3):
            g.add_edge(("fc", u), ("conv", c), weight=3.0 * (u + 1) * (c + 1))
    return g


def _node_names(connectivity) -> list[tuple[str, int]]:
    return [(site.name, k) for site in connectivity.sites for k in range(site.size)]


class TestBuildWeightGraph:
    def test_adjacency_by_hand(self):
        model, connectivity = _tiny()
        assert [(s.kind, s.name, s.first_node, s.size) for s in connectivity.sites] == [
            ("layer", "conv", 0, 3), ("layer", "fc", 3, 2), ("input", "x", 5, 2)]
        expected = np.zeros((7, 7))
        for i in range(3):
            for j in range(2):
                expected[i, 5 + j] = expected[5 + j, i] = 2 * (i + 1) * (j + 1)
        for u in range(2):
            for c in range(3):
                expected[3 + u, c] = expected[c, 3 + u] = 3 * (u + 1) * (c + 1)
        graph = wg.build_weight_graph(model, connectivity)
        np.testing.assert_allclose(graph.adjacency.toarray(), expected, rtol=1e-6)
        assert (graph.node_count, graph.edge_count) == (7, 12)

    def test_reads_current_weights(self):
        model, connectivity = _tiny()
        with torch.no_grad():
            model.conv.weight.mul_(2)
        adjacency = wg.build_weight_graph(model, connectivity).adjacency
        assert adjacency[0, 5] == pytest.approx(4.0)

    def test_residual_add_joins_both_producers(self):
        class Residual(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b = nn.Conv2d(3, 4, 1), nn.Conv2d(4, 4, 3, padding=1)
                self.c = nn.Conv2d(4, 5, 3, padding=1)

            def forward(self, x):
                y = self.a(x)
                return self.c(torch.relu(y + self.b(y)))

        model = Residual()
        connectivity = wg.connectivity_of(model, torch.randn(1, 3, 8, 8))
        adjacency = wg.build_weight_graph(model, connectivity).adjacency.toarray()
        a, b, c = (connectivity.layers[k].site.nodes for k in range(3))
        norms = model.c.weight.detach().flatten(2).norm(dim=2).numpy()     # [5, 4]
        np.testing.assert_allclose(adjacency[np.ix_(c, a)], norms, rtol=1e-6)
        np.testing.assert_allclose(adjacency[np.ix_(c, b)], norms, rtol=1e-6)
        np.testing.assert_allclose(adjacency[np.ix_(b, a)], model.b.weight.detach().flatten(2).norm(dim=2), rtol=1e-6)

    def test_concat_offsets(self):
        class Concat(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b, self.c = nn.Conv2d(3, 2, 1), nn.Conv2d(3, 3, 1), nn.Conv2d(5, 4, 1)

            def forward(self, x):
                return self.c(torch.cat([self.a(x), self.b(x)], dim=1))

        model = Concat()
        connectivity = wg.connectivity_of(model, torch.randn(1, 3, 4, 4))
        adjacency = wg.build_weight_graph(model, connectivity).adjacency.toarray()
        a, b, c = (connectivity.layers[k].site.nodes for k in range(3))
        norms = model.c.weight.detach().flatten(2).norm(dim=2).numpy()     # [4, 5]
        np.testing.assert_allclose(adjacency[np.ix_(c, a)], norms[:, :2], rtol=1e-6)
        np.testing.assert_allclose(adjacency[np.ix_(c, b)], norms[:, 2:], rtol=1e-6)

    def test_concat_with_itself_combines_as_one_norm(self):
        class Twice(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b = nn.Linear(3, 2), nn.Linear(4, 1)

            def forward(self, x):
                y = self.a(x)
                return self.b(torch.cat([y, y], dim=1))

        model = Twice()
        connectivity = wg.connectivity_of(model, torch.randn(2, 3))
        adjacency = wg.build_weight_graph(model, connectivity).adjacency
        w = model.b.weight.detach()[0]
        for j in range(2):
            assert adjacency[2, j] == pytest.approx(float(torch.hypot(w[j], w[j + 2])), rel=1e-6)

    def test_grouped_conv(self):
        model = nn.Sequential(nn.Conv2d(4, 6, 3, groups=2, bias=False))
        connectivity = wg.connectivity_of(model, torch.randn(1, 4, 5, 5))
        adjacency = wg.build_weight_graph(model, connectivity).adjacency.toarray()
        (layer,) = connectivity.layers
        assert layer.groups == 2
        norms = model[0].weight.detach().flatten(2).norm(dim=2).numpy()   # [6, 2]
        block = adjacency[np.ix_(range(6), range(6, 10))]
        expected = np.zeros((6, 4))
        for i in range(6):
            group = i // 3
            expected[i, 2 * group : 2 * group + 2] = norms[i]
        np.testing.assert_allclose(block, expected, rtol=1e-6)

    def test_depthwise_conv(self):
        model = nn.Sequential(nn.Conv2d(3, 3, 3, groups=3), nn.ReLU(), nn.Conv2d(3, 2, 1))
        connectivity = wg.connectivity_of(model, torch.randn(1, 3, 6, 6))
        graph = wg.build_weight_graph(model, connectivity)
        norms = model[0].weight.detach().flatten(1).norm(dim=1).numpy()
        np.testing.assert_allclose(graph.adjacency.toarray()[range(3), range(5, 8)], norms, rtol=1e-6)
        assert graph.edge_count == 3 + 6

    def test_shared_weights_join_a_pair_once(self):
        class Recurrent(nn.Module):
            def __init__(self):
                super().__init__()
                self.step = nn.Linear(3, 3, bias=False)

            def forward(self, x):
                return self.step(torch.tanh(self.step(x)))

        model = Recurrent()
        connectivity = wg.connectivity_of(model, torch.randn(2, 3))
        graph = wg.build_weight_graph(model, connectivity)
        assert graph.joins_pairs_twice
        w = model.step.weight.detach().abs().numpy()
        expected = np.zeros((6, 6))
        expected[:3, 3:] = w                       # first call: the input's channels
        expected[3:, :3] = w.T
        expected[:3, :3] = np.hypot(w, w.T)        # second call: its own output, both directions in one norm
        np.fill_diagonal(expected[:3, :3], np.diag(w))
        np.testing.assert_allclose(graph.adjacency.toarray(), expected, rtol=1e-6)
        properties = wg.weight_graph_properties(graph)
        np.testing.assert_allclose(properties["weighted_degree"], expected.sum(axis=1), rtol=1e-6)

    def test_nan_weight(self):
        model, connectivity = _tiny()
        with torch.no_grad():
            model.fc.weight[0, 0] = float("nan")
        with pytest.raises(WeightGraphError, match="'fc'.*NaN or infinity"):
            wg.build_weight_graph(model, connectivity)

    def test_structure_changed(self):
        _, connectivity = _tiny()
        model = ConvThenLinear()
        model.fc = nn.Linear(27, 5)
        with pytest.raises(WeightGraphError, match=r"'fc'.*\(5, 27\).*structure changed.*trace again"):
            wg.build_weight_graph(model, connectivity)

    def test_another_model(self):
        _, connectivity = _tiny()
        with pytest.raises(WeightGraphError, match="no parameter 'conv.weight'.*connectivity_of"):
            wg.build_weight_graph(nn.Sequential(nn.Linear(2, 2)), connectivity)

    def test_data_parallel_wrapper(self):
        model, connectivity = _tiny()
        wrapped = wg.build_weight_graph(nn.DataParallel(model), connectivity)
        assert wrapped.edge_count == 12


class TestWeightGraphProperties:
    def test_against_hand_graph(self):
        model, connectivity = _tiny()
        properties = wg.weight_graph_properties(wg.build_weight_graph(model, connectivity))
        hand = _hand_graph()
        order = _node_names(connectivity)
        degree = dict(hand.degree(weight="weight"))
        centrality = nx.eigenvector_centrality_numpy(hand, weight="weight")
        np.testing.assert_allclose(properties["weighted_degree"], [degree[n] for n in order], rtol=1e-6)
        np.testing.assert_allclose(properties["eigenvector_centrality"], [centrality[n] for n in order], atol=1e-9)

    def test_block_path_matches_networkx(self):
        # More nodes than the dense solver takes, so eigsh runs on the layer blocks.
        model = _widened_resnet()
        connectivity = wg.connectivity_of(model, torch.randn(1, 3, 32, 32))
        graph = wg.build_weight_graph(model, connectivity)
        assert graph.node_count > 256 and not graph.joins_pairs_twice
        properties = wg.weight_graph_properties(graph)
        nx_graph = nx.from_scipy_sparse_array(graph.adjacency)
        centrality = nx.eigenvector_centrality_numpy(nx_graph, weight="weight")
        degree = dict(nx_graph.degree(weight="weight"))
        np.testing.assert_allclose(properties["eigenvector_centrality"], [centrality[n] for n in nx_graph], atol=1e-7)
        np.testing.assert_allclose(properties["weighted_degree"], [degree[n] for n in nx_graph], rtol=1e-9)

    def test_disconnected_keeps_dominant_component(self):
        class TwoHeads(nn.Module):
            def __init__(self):
                super().__init__()
                self.small, self.large = nn.Linear(2, 2), nn.Linear(3, 3)

            def forward(self, x, y):
                return self.small(x), self.large(y)

        model = TwoHeads()
        with torch.no_grad():
            model.small.weight.fill_(0.1)
            model.large.weight.fill_(1.0)
        connectivity = wg.connectivity_of(model, (torch.randn(1, 2), torch.randn(1, 3)))
        graph = wg.build_weight_graph(model, connectivity)
        centrality = wg.weight_graph_properties(graph)["eigenvector_centrality"]
        names = _node_names(connectivity)
        small = [k for k, (name, _) in enumerate(names) if name in ("small", "x")]
        large = [k for k, (name, _) in enumerate(names) if name in ("large", "y")]
        assert np.all(centrality[small] == 0)
        np.testing.assert_allclose(centrality[large], np.full(6, 1 / np.sqrt(6)), rtol=1e-9)

    def test_all_zero_weights(self):
        model, connectivity = _tiny()
        with torch.no_grad():
            for p in model.parameters():
                p.zero_()
        graph = wg.build_weight_graph(model, connectivity)
        properties = wg.weight_graph_properties(graph)
        assert graph.edge_count == 0
        assert not properties["weighted_degree"].any() and not properties["eigenvector_centrality"].any()

    @settings(max_examples=25, deadline=None)
    @given(st.integers(0, 2**32 - 1), st.floats(1e-3, 1e3))
    def test_degree_sum_is_twice_the_edge_weight(self, seed, scale):
        generator = torch.Generator().manual_seed(seed)
        model, connectivity = _mlp()
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(torch.randn(p.shape, generator=generator) * scale)
        graph = wg.build_weight_graph(model, connectivity)
        properties = wg.weight_graph_properties(graph)
        total = sum(float(layer.weight.detach().double().abs().sum()) for layer in (model[0], model[2]))
        assert properties["weighted_degree"].sum() == pytest.approx(2 * total, rel=1e-6)
        centrality = properties["eigenvector_centrality"]
        assert np.all(centrality >= 0) and np.linalg.norm(centrality) == pytest.approx(1.0)
        av = graph.adjacency @ centrality
        assert av == pytest.approx(av @ centrality * centrality, rel=1e-5, abs=1e-9 * np.abs(av).max())


def _widened_resnet():
    from transformers import ResNetConfig, ResNetModel

    torch.manual_seed(0)
    config = ResNetConfig(embedding_size=16, hidden_sizes=[32, 64], depths=[2, 1], layer_type="bottleneck")
    return ResNetModel(config).eval()


@functools.cache
def _mlp():
    """Traced once: the property test only changes the weights, as training does."""
    model = nn.Sequential(nn.Linear(40, 200), nn.ReLU(), nn.Linear(200, 30))
    return model, wg.connectivity_of(model, torch.randn(1, 40))


class TestEigenvectorCentrality:
    def test_star(self):
        star = nx.to_scipy_sparse_array(nx.star_graph(4))
        centrality = wg.eigenvector_centrality(star)
        np.testing.assert_allclose(centrality, [1 / np.sqrt(2)] + [1 / np.sqrt(8)] * 4)

    @pytest.mark.parametrize("nodes", [12, 400])   # the dense solver, then ARPACK
    def test_random_weighted_graph_against_networkx(self, nodes):
        g = nx.connected_watts_strogatz_graph(nodes, 6, 0.3, seed=1)
        rng = np.random.default_rng(0)
        for u, v in g.edges:
            g.edges[u, v]["weight"] = rng.uniform(0.1, 2.0)
        expected = nx.eigenvector_centrality_numpy(g, weight="weight")
        centrality = wg.eigenvector_centrality(nx.to_scipy_sparse_array(g, nodelist=list(g)), tol=0)
        np.testing.assert_allclose(centrality, [expected[n] for n in g], atol=1e-9)

    def test_bipartite(self):
        # A plain feed-forward net's graph is bipartite: −λ is an eigenvalue too and must not be picked.
        g = nx.complete_bipartite_graph(2, 3)
        centrality = wg.eigenvector_centrality(nx.to_scipy_sparse_array(g))
        expected = nx.eigenvector_centrality_numpy(g)
        np.testing.assert_allclose(centrality, [expected[n] for n in g], atol=1e-12)

    def test_empty(self):
        assert wg.eigenvector_centrality(scipy.sparse.csr_array((0, 0))).shape == (0,)

    def test_no_edges(self):
        assert not wg.eigenvector_centrality(scipy.sparse.csr_array((3, 3))).any()


class TestSummarize:
    def test_against_numpy(self):
        values = np.random.default_rng(0).normal(size=50)
        summary = wg.summarize("weighted_degree", values, top_k=3)
        assert summary.name == "weighted_degree"
        assert summary.mean == pytest.approx(values.mean()) and summary.std == pytest.approx(values.std())
        np.testing.assert_allclose(summary.quantiles, np.quantile(values, metadata.QUANTILE_LEVELS))
        assert list(summary.top_indices) == np.argsort(values)[::-1][:3].tolist()
        np.testing.assert_allclose(summary.values, values, rtol=1e-6)

    def test_ties_keep_lower_index_first(self):
        summary = wg.summarize("x", np.array([2.0, 5.0, 5.0, 1.0]), top_k=3)
        assert list(summary.top_indices) == [1, 2, 0]

    def test_values_limit(self):
        assert not wg.summarize("x", np.arange(10.0), values_limit=9).values
        assert len(wg.summarize("x", np.arange(10.0), values_limit=10).values) == 10

    def test_top_k_larger_than_layer(self):
        assert list(wg.summarize("x", np.array([1.0, 2.0]), top_k=5).top_indices) == [1, 0]

    def test_empty(self):
        summary = wg.summarize("x", np.array([]))
        assert summary.name == "x" and not summary.quantiles and not summary.top_indices


class TestWeightGraphStats:
    def test_tiny(self):
        model, connectivity = _tiny()
        stats = wg.weight_graph_stats(model, connectivity, top_k=2, graph_tag="model")
        assert (stats.schema_version, stats.graph_tag) == (metadata.SCHEMA_VERSION, "model")
        assert (stats.node_count, stats.edge_count) == (7, 12) and stats.seconds > 0
        assert [(layer.module, layer.layer_type, layer.node_count) for layer in stats.layers] == [
            ("conv", "Conv2d", 3), ("fc", "Linear", 2)]
        fc = stats.layers[1]
        assert [p.name for p in fc.properties] == list(wg.PROPERTIES)
        degree = fc.properties[0]
        # fc's unit u: 3·(u+1)·(1+2+3) → 18, 36
        assert list(degree.top_indices) == [1, 0]
        np.testing.assert_allclose(degree.top_values, [36, 18], rtol=1e-6)
        np.testing.assert_allclose(degree.values, [18, 36], rtol=1e-6)
        assert graphfold_pb2.WeightGraphStats.FromString(stats.SerializeToString()) == stats

    def test_transformers_resnet(self):
        from transformers import ResNetConfig, ResNetModel

        config = ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], layer_type="bottleneck")
        model = ResNetModel(config).eval()
        connectivity = wg.connectivity_of(model, torch.randn(1, 3, 32, 32))
        stats = wg.weight_graph_stats(model, connectivity, values_limit=8)
        convs = {name: m for name, m in model.named_modules() if isinstance(m, nn.Conv2d)}
        assert sorted(layer.module for layer in stats.layers) == sorted(convs)
        assert connectivity.warnings == ()
        assert stats.node_count == 3 + sum(m.out_channels for m in convs.values())
        for layer in stats.layers:
            assert layer.node_count == convs[layer.module].out_channels
            for prop in layer.properties:
                assert len(prop.quantiles) == len(metadata.QUANTILE_LEVELS)
                assert len(prop.top_indices) == min(5, layer.node_count)
                assert len(prop.values) == (layer.node_count if layer.node_count <= 8 else 0)
                assert prop.quantiles[0] <= prop.mean <= prop.quantiles[-1]

    def test_negative_top_k(self):
        model, connectivity = _tiny()
        with pytest.raises(WeightGraphError, match="top_k"):
            wg.weight_graph_stats(model, connectivity, top_k=-1)


class TestConnectivityOf:
    def test_model_without_layers(self):
        with pytest.raises(WeightGraphError, match="no convolution or linear layer"):
            wg.connectivity_of(nn.Sequential(nn.ReLU()), torch.randn(1, 3))

    def test_not_a_module(self):
        with pytest.raises(TypeError, match="torch.nn.Module"):
            wg.connectivity_of(lambda x: x, torch.randn(1, 3))
