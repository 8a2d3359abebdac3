"""The weight graph held as one block per layer, and the linear algebra the properties need.

A layer's edges go from its output channels to the nodes its input channels
come from. Input channels that come from the same set of nodes form a
*group* (a flattened channel's positions; a channel concatenated twice); the
L2 norm over a group's weights is the weight of an edge to each node of the
group. So a layer's block is ``E = weights · incidence``: ``weights[i, g]``
from output channel ``i`` to group ``g``, and a 0/1 ``incidence`` of groups to
nodes. A residual stream makes one group reach many nodes (every writer of
the stream), which makes ``E`` grow with depth squared while ``weights`` and
``incidence`` stay as large as the layer; the properties work on the factors.

Where one node is reached from several groups of a layer, their weights must
combine as one norm, so that layer's ``E`` is formed explicitly (``incidence``
is ``None``). Where two layers join the same pair of nodes (only possible with
shared weights), :class:`WeightGraph` falls back to its materialised
:attr:`~WeightGraph.adjacency`.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph
import scipy.sparse.linalg

from tb_plugin.overlays.channel_connectivity import Connectivity, LayerConnectivity

__all__ = ["LayerEdges", "WeightGraph", "layer_edges"]


@dataclasses.dataclass(frozen=True, eq=False)
class LayerEdges:
    """One layer's edges: ``weights @ incidence`` (or ``weights`` alone) from its channels to ``targets``.

    ``weights`` is dense, or CSR for grouped convolutions (block diagonal).
    """

    layer: LayerConnectivity
    targets: np.ndarray
    weights: Any
    incidence: scipy.sparse.csr_array | None

    @property
    def rows(self) -> slice:
        return slice(self.layer.site.first_node, self.layer.site.first_node + self.layer.site.size)

    def block(self) -> scipy.sparse.csr_array:
        """``E``: edge weights from the layer's output channels (rows) to ``targets`` (columns)."""
        weights = scipy.sparse.csr_array(self.weights)
        return weights if self.incidence is None else weights @ self.incidence

    def group_sizes(self) -> np.ndarray:
        if self.incidence is None:
            return np.ones(len(self.targets))
        return np.asarray(self.incidence.sum(axis=1)).ravel()

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """Per-group values onto the targets."""
        return per_group if self.incidence is None else self.incidence.T @ per_group

    def gather(self, per_target: np.ndarray) -> np.ndarray:
        """Per-target values summed into their groups."""
        return per_target if self.incidence is None else self.incidence @ per_target


def layer_edges(layer: LayerConnectivity, squares: np.ndarray) -> LayerEdges:
    """A layer's edges from its squared weight norms ``[out, in / groups]`` (kernel positions summed).

    Sums of squares stay in ``squares``' dtype (a float32 block is not copied
    to float64 whole); the weights come out float64.
    """
    out_channels, per_group = squares.shape
    group_of = layer.channel_group
    group_count = int(group_of.max()) + 1
    pairs = np.unique((group_of[layer.input_channels] << 32) | layer.input_nodes)
    targets, column = np.unique(pairs & 0xFFFFFFFF, return_inverse=True)
    ones = np.ones(len(pairs), dtype=squares.dtype)
    incidence = scipy.sparse.csr_array((ones, (pairs >> 32, column)), shape=(group_count, len(targets)))
    if layer.groups > 1:
        # Output channel i of group g reads input channels g·per_group … (g+1)·per_group − 1.
        group = np.arange(out_channels) // (out_channels // layer.groups)
        columns = (group[:, None] * per_group + np.arange(per_group)).ravel()
        indptr = np.arange(0, out_channels * per_group + 1, per_group)
        squares = scipy.sparse.csr_array((squares.ravel(), columns, indptr), shape=(out_channels, layer.in_channels))
    if group_count < layer.in_channels:  # sum the squares over each group's channels
        squares = squares @ scipy.sparse.csr_array(
            (np.ones(layer.in_channels, dtype=squares.dtype), (np.arange(layer.in_channels), group_of)),
            shape=(layer.in_channels, group_count),
        )
    if np.all(np.bincount(column, minlength=len(targets)) == 1):
        return LayerEdges(layer, targets, _sqrt(squares), incidence.astype(np.float64))
    return LayerEdges(layer, targets, _sqrt(squares @ incidence), None)


def _sqrt(squares: Any) -> Any:
    """Element-wise root, as float64 (dense stays dense, sparse stays CSR without explicit zeros)."""
    if isinstance(squares, np.ndarray):
        return np.sqrt(squares, dtype=np.float64)
    squares = scipy.sparse.csr_array(squares, dtype=np.float64)
    squares.data = np.sqrt(squares.data)
    squares.eliminate_zeros()
    return squares


@dataclasses.dataclass(frozen=True, eq=False)
class WeightGraph:
    """The weight graph over ``connectivity.sites``: per layer, the edges from its output channels.

    The symmetric adjacency is ``Σ_layers (E + Eᵀ)``, each layer's block ``E``
    placed at its rows and targets. :attr:`adjacency` materialises it; the
    other methods work on the factors.
    """

    connectivity: Connectivity
    layers: tuple[LayerEdges, ...]

    @property
    def node_count(self) -> int:
        return self.connectivity.node_count

    @functools.cached_property
    def edge_count(self) -> int:
        """Undirected edges (a self-loop counts once)."""
        if self.joins_pairs_twice:
            adjacency = self.adjacency
            return (adjacency.nnz + int(np.count_nonzero(adjacency.diagonal()))) // 2
        total = 0
        for edges in self.layers:
            nonzero = edges.weights != 0
            per_group = np.asarray(nonzero.sum(axis=0)).ravel()
            total += int(per_group @ edges.group_sizes())
        return total

    @functools.cached_property
    def joins_pairs_twice(self) -> bool:
        """Whether two layers (or one, twice) may join the same pair of nodes: only with shared weights.

        Then :attr:`adjacency` combines the two weights as one L2 norm, and the
        other methods use it instead of the blocks.
        """
        starts = np.array([edges.layer.site.first_node for edges in self.layers])
        layer_nodes = sum(edges.layer.site.size for edges in self.layers)
        reads = [set(np.searchsorted(starts, edges.targets[edges.targets < layer_nodes], side="right") - 1)
                 for edges in self.layers]
        return any(a in reads[b] for a in range(len(reads)) for b in reads[a])

    @functools.cached_property
    def adjacency(self) -> scipy.sparse.csr_array:
        """The symmetric weighted adjacency (CSR, float64); a self-loop is stored once."""
        rows, cols, squares = [], [], []
        for edges in self.layers:
            coo = edges.block().tocoo()
            keep = coo.data > 0
            rows.append(coo.row[keep].astype(np.int64) + edges.rows.start)
            cols.append(edges.targets[coo.col[keep]])
            squares.append(np.square(coo.data[keep]))
        rows, cols, squares = np.concatenate(rows), np.concatenate(cols), np.concatenate(squares)
        loop = rows == cols
        # Squares add up, so two weights joining one pair combine as one norm.
        both = (np.concatenate([rows, cols[~loop]]), np.concatenate([cols, rows[~loop]]))
        n = self.node_count
        adjacency = scipy.sparse.csr_array((np.concatenate([squares, squares[~loop]]), both), shape=(n, n))
        adjacency.data = np.sqrt(adjacency.data)
        return adjacency

    def weighted_degree(self) -> np.ndarray:
        """Every node's sum of edge weights (a self-loop once)."""
        if self.joins_pairs_twice:
            return np.asarray(self.adjacency.sum(axis=1), dtype=np.float64).ravel()
        degree = np.zeros(self.node_count)
        for edges in self.layers:
            degree[edges.rows] += np.asarray(edges.weights @ edges.group_sizes()).ravel()
            degree[edges.targets] += edges.spread(np.asarray(edges.weights.sum(axis=0)).ravel())
        return degree

    def operator(self) -> scipy.sparse.linalg.LinearOperator:
        """The adjacency as a linear operator (``x ↦ A x``) over the factors."""
        if self.joins_pairs_twice:
            return scipy.sparse.linalg.aslinearoperator(self.adjacency)

        def matvec(x: np.ndarray) -> np.ndarray:
            x = np.asarray(x, dtype=np.float64).ravel()
            y = np.zeros_like(x)
            for edges in self.layers:
                y[edges.rows] += edges.weights @ edges.gather(x[edges.targets])
                y[edges.targets] += edges.spread(edges.weights.T @ x[edges.rows])
            return y

        n = self.node_count
        return scipy.sparse.linalg.LinearOperator((n, n), matvec=matvec, rmatvec=matvec, dtype=np.float64)

    def components(self) -> np.ndarray:
        """The connected component of every node, as labels."""
        if self.joins_pairs_twice:
            return scipy.sparse.csgraph.connected_components(self.adjacency, directed=False)[1]
        # Helper nodes keep the pattern as small as the factors: one hub for a
        # layer whose weights have no zero (it joins all its rows and targets),
        # else one per group that has a nonzero weight (it joins its targets,
        # and the rows that reach it).
        n, helper, rows, cols = self.node_count, self.node_count, [], []
        for edges in self.layers:
            first, weights = edges.rows.start, edges.weights
            if isinstance(weights, np.ndarray) and weights.all():
                members = np.concatenate([np.arange(edges.rows.start, edges.rows.stop), edges.targets])
                rows.append(np.full(len(members), helper))
                cols.append(members)
                helper += 1
                continue
            coo = scipy.sparse.coo_array(weights)
            keep = coo.data > 0
            if edges.incidence is None:
                rows.append(coo.row[keep].astype(np.int64) + first)
                cols.append(edges.targets[coo.col[keep]])
                continue
            live = np.zeros(weights.shape[1], dtype=bool)
            live[coo.col[keep]] = True
            incidence = edges.incidence.tocoo()
            reached = live[incidence.row]
            rows += [coo.row[keep].astype(np.int64) + first, helper + incidence.row[reached].astype(np.int64)]
            cols += [helper + coo.col[keep].astype(np.int64), edges.targets[incidence.col[reached]]]
            helper += weights.shape[1]
        rows, cols = np.concatenate(rows), np.concatenate(cols)
        pattern = scipy.sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(helper, helper))
        return scipy.sparse.csgraph.connected_components(pattern, directed=False)[1][:n]
