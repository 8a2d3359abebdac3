"""The per-layer factors of the weight graph agree with its materialised adjacency, in every form."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse.csgraph
import torch
from torch import nn

from tb_plugin.overlays import weight_graph as wg


class Flatten(nn.Module):
    """A flatten: 9 positions per channel form one group (factored)."""

    def __init__(self):
        super().__init__()
        self.conv, self.fc = nn.Conv2d(2, 3, 2), nn.Linear(27, 4)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


class Stream(nn.Module):
    """A residual stream: every reader's channel reaches all earlier writers (factored, many targets per group)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(3, 4)
        self.writers = nn.ModuleList(nn.Linear(4, 4) for _ in range(3))

    def forward(self, x):
        h = self.embed(x)
        for writer in self.writers:
            h = h + writer(torch.relu(h))
        return h


class Mixed(nn.Module):
    """cat([y, y + z]): node y_j is reached from two groups, so the layer's block is explicit."""

    def __init__(self):
        super().__init__()
        self.y, self.z, self.head = nn.Linear(2, 3), nn.Linear(2, 3), nn.Linear(6, 2)

    def forward(self, x):
        y = self.y(x)
        return self.head(torch.cat([y, y + self.z(x)], dim=1))


class Grouped(nn.Module):
    """A grouped conv (CSR weights) reading a residual sum."""

    def __init__(self):
        super().__init__()
        self.a, self.b, self.c = nn.Conv2d(2, 4, 1), nn.Conv2d(2, 4, 1), nn.Conv2d(4, 6, 3, groups=2)

    def forward(self, x):
        return self.c(self.a(x) + self.b(x))


CASES = {
    "flatten": (Flatten, (1, 2, 4, 4)),
    "stream": (Stream, (2, 3)),
    "mixed": (Mixed, (2, 2)),
    "grouped": (Grouped, (1, 2, 5, 5)),
}


def _graph(name: str, prune: float = 0.0):
    cls, shape = CASES[name]
    torch.manual_seed(0)
    model = cls()
    if prune:
        with torch.no_grad():
            for p in model.parameters():
                p.mul_((torch.rand(p.shape) > prune).float())
    return wg.build_weight_graph(model, wg.connectivity_of(model, torch.randn(*shape)))


@pytest.mark.parametrize("prune", [0.0, 0.6])
@pytest.mark.parametrize("name", sorted(CASES))
class TestWeightGraph:
    def test_operator_is_the_adjacency(self, name, prune):
        graph = _graph(name, prune)
        x = np.random.default_rng(0).normal(size=graph.node_count)
        np.testing.assert_allclose(graph.operator() @ x, graph.adjacency @ x, rtol=1e-10, atol=1e-12)

    def test_weighted_degree(self, name, prune):
        graph = _graph(name, prune)
        np.testing.assert_allclose(graph.weighted_degree(), graph.adjacency.sum(axis=1), rtol=1e-10, atol=1e-12)

    def test_edge_count(self, name, prune):
        graph = _graph(name, prune)
        assert graph.edge_count == graph.adjacency.nnz // 2

    def test_components(self, name, prune):
        graph = _graph(name, prune)
        expected = scipy.sparse.csgraph.connected_components(graph.adjacency, directed=False)[1]
        found = graph.components()
        # The same partition, whatever the labels.
        pairs = set(zip(expected.tolist(), found.tolist()))
        assert len(pairs) == len(set(expected.tolist())) == len(set(found.tolist()))


class TestLayerEdges:
    def test_forms(self):
        forms = {name: [(e.layer.module, e.incidence is not None, isinstance(e.weights, np.ndarray))
                        for e in _graph(name).layers] for name in CASES}
        assert forms["flatten"] == [("conv", True, True), ("fc", True, True)]
        assert ("head", False, True) in forms["mixed"]
        assert ("c", True, False) in forms["grouped"]
        # The stream's last writer reads 4 channels, each from all 3 earlier writers of the stream.
        last = _graph("stream").layers[-1]
        assert last.weights.shape == (4, 4) and last.incidence.shape == (4, 12)

    def test_flatten_group_norm(self):
        torch.manual_seed(0)
        model = Flatten()
        graph = wg.build_weight_graph(model, wg.connectivity_of(model, torch.randn(1, 2, 4, 4)))
        fc = graph.layers[1]
        assert fc.layer.channel_group.tolist() == [k // 9 for k in range(27)]
        expected = model.fc.weight.detach().double().view(4, 3, 9).norm(dim=2).numpy()
        np.testing.assert_allclose(fc.weights, expected, rtol=1e-6)
