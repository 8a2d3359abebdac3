"""Graph properties of a model's channel-level weight graph: the training-dynamics overlay.

The weight graph is undirected and weighted. Its nodes are the output
channels of every convolution and the units of every linear layer, plus the
channels of the tensors those layers read that have no layer behind them (the
model's inputs, and breaks of the trace; see
:mod:`tb_plugin.overlays.channel_connectivity`, which traces the structure once).
An edge joins a layer's output channel ``i`` to each node its input channel
``j`` comes from, weighing the L2 norm of the weights that connect them: a
convolution's kernel slice ``W[i, j, ...]``, a linear weight ``|W[i, j]|``, or,
for a linear layer after a flatten, ``W[i, k]`` over all the features ``k`` of
channel ``j``. Where several weights join the same two nodes (a concatenation
of a tensor with itself, a flatten) they combine as one L2 norm, so an edge
weight is always the norm of all the weights between its nodes.

Per node, :func:`weight_graph_properties` computes the weighted degree and the
eigenvector centrality; :func:`weight_graph_stats` summarises them per layer
into the ``WeightGraphStats`` proto that the graphfold plugin shows over the
model graph, keyed by module path. Everything past the trace reads the
model's current weights and is vectorised, and the properties work on
per-layer factors (:mod:`tb_plugin.overlays.weight_graph_blocks`) rather than
the adjacency, whose residual streams grow with depth squared; so it can run
every epoch (ResNet-50: about 0.6 s on 2 cores, ``bench/bench_weight_graph.py``).
The logged form and its JSON are :mod:`tb_plugin.overlay_wire`'s.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph
import scipy.sparse.linalg

from tb_plugin import metadata
from tb_plugin.overlays.channel_connectivity import (
    Connectivity,
    LayerConnectivity,
    WeightGraphError,
    layer_connectivity,
)
from tb_plugin.overlays.weight_graph_blocks import WeightGraph, layer_edges
from tb_plugin.proto import graphfold_pb2

__all__ = [
    "PROPERTIES",
    "WeightGraph",
    "WeightGraphError",
    "build_weight_graph",
    "connectivity_of",
    "eigenvector_centrality",
    "summarize",
    "weight_graph_properties",
    "weight_graph_stats",
]

# The properties of every node, in the order they are logged.
PROPERTIES = ("weighted_degree", "eigenvector_centrality")
# Below this many nodes the eigenvector comes from a dense solver (exact, and
# ARPACK needs a few more nodes than eigenvectors).
_DENSE_NODES = 256


def connectivity_of(model: Any, example_inputs: Any) -> Connectivity:
    """Capture ``model`` with ``torch.export`` on ``example_inputs`` and trace its weight-graph structure.

    Trace once, then build on every call of :func:`build_weight_graph` or
    :func:`weight_graph_stats`; trace again after changing the architecture.
    """
    from tb_plugin.capture import torch_export
    from tb_plugin.model_wrappers import unwrap_model

    model = unwrap_model(model)
    return layer_connectivity(torch_export.capture_module(model, example_inputs))


def build_weight_graph(model: Any, connectivity: Connectivity) -> WeightGraph:
    """The weight graph of ``model``'s current weights over the traced ``connectivity``.

    Raises :class:`WeightGraphError` when a layer's weight is missing, has
    changed shape since the trace, or holds NaN or infinity.
    """
    import torch

    from tb_plugin.model_wrappers import unwrap_model

    model = unwrap_model(model)
    with torch.no_grad():
        layers = tuple(
            layer_edges(layer, _squared_block(layer, _weight(model, layer))) for layer in connectivity.layers
        )
    return WeightGraph(connectivity, layers)


def weight_graph_properties(weight_graph: WeightGraph, *, tol: float = 1e-8) -> dict[str, np.ndarray]:
    """Every node's ``weighted_degree`` (sum of its edge weights) and ``eigenvector_centrality``.

    The centrality is :func:`eigenvector_centrality`'s; on graphs above a few
    hundred nodes it is computed on the per-layer factors
    (:mod:`tb_plugin.overlays.weight_graph_blocks`) without forming the adjacency.
    """
    n = weight_graph.node_count
    if n <= _DENSE_NODES or weight_graph.joins_pairs_twice:
        centrality = eigenvector_centrality(weight_graph.adjacency, tol=tol)
    elif weight_graph.edge_count == 0:
        centrality = np.zeros(n)
    else:
        centrality = _dominant_component(_leading_eigenvector(weight_graph.operator(), tol), weight_graph.components())
    return {"weighted_degree": weight_graph.weighted_degree(), "eigenvector_centrality": centrality}


def eigenvector_centrality(adjacency: Any, *, tol: float = 1e-8) -> np.ndarray:
    """The eigenvector of the largest eigenvalue of a symmetric non-negative adjacency, scaled like networkx.

    On a connected graph this is ``networkx.eigenvector_centrality_numpy``:
    non-negative, unit L2 norm. networkx refuses disconnected graphs; here the
    eigenvector is taken on the *dominant* component (the one whose largest
    eigenvalue is largest; on a tie, the one holding the eigenvector's largest
    entry) and every other node gets 0. A graph without edges gets all zeros.
    ``tol`` is ARPACK's relative tolerance (0: machine precision).

    >>> path = scipy.sparse.csr_array(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    >>> eigenvector_centrality(path).round(4).tolist()
    [0.5, 0.7071, 0.5]
    >>> two_parts = scipy.sparse.block_diag([path, np.array([[0.0, 1.0], [1.0, 0.0]])]).tocsr()
    >>> eigenvector_centrality(two_parts).round(4).tolist()
    [0.5, 0.7071, 0.5, 0.0, 0.0]
    """
    adjacency = scipy.sparse.csr_array(adjacency, dtype=np.float64)
    n = adjacency.shape[0]
    if n == 0 or adjacency.nnz == 0:
        return np.zeros(n)
    if n <= _DENSE_NODES:
        vector = np.linalg.eigh(adjacency.toarray())[1][:, -1]
    else:
        vector = _leading_eigenvector(adjacency, tol)
    return _dominant_component(vector, scipy.sparse.csgraph.connected_components(adjacency, directed=False)[1])


def _leading_eigenvector(adjacency: Any, tol: float) -> np.ndarray:
    """ARPACK's eigenvector of the largest algebraic eigenvalue (a bipartite graph's −λ is not it)."""
    n = adjacency.shape[0]
    try:
        # A positive start vector overlaps every component's Perron vector and
        # makes the result the same from run to run.
        return scipy.sparse.linalg.eigsh(adjacency, k=1, which="LA", v0=np.ones(n), tol=tol)[1][:, 0]
    except scipy.sparse.linalg.ArpackNoConvergence as e:
        raise WeightGraphError(
            f"the eigenvector centrality of a {n}-node weight graph did not converge within ARPACK's "
            f"iterations at tol={tol}; pass a larger tol"
        ) from e


def _dominant_component(vector: np.ndarray, components: np.ndarray) -> np.ndarray:
    """The eigenvector kept on the component of its largest entry, made non-negative with unit norm."""
    vector = np.where(components == components[np.argmax(np.abs(vector))], np.abs(vector), 0.0)
    return vector / np.linalg.norm(vector)


def weight_graph_stats(
    model: Any,
    connectivity: Connectivity,
    *,
    top_k: int = 5,
    graph_tag: str = "",
    values_limit: int = 4096,
) -> graphfold_pb2.WeightGraphStats:
    """Build the weight graph of ``model``'s current weights and summarise its properties per layer.

    Per layer and property: mean, standard deviation, quantiles at
    :data:`tb_plugin.metadata.QUANTILE_LEVELS`, the ``top_k`` largest values
    with their channel indices (largest first, lower index on ties), and every
    channel's value when the layer has at most ``values_limit`` channels.
    """
    if top_k < 0 or values_limit < 0:
        raise WeightGraphError(f"top_k ({top_k}) and values_limit ({values_limit}) must not be negative")
    start = time.perf_counter()
    weight_graph = build_weight_graph(model, connectivity)
    properties = weight_graph_properties(weight_graph)
    seconds = time.perf_counter() - start
    stats = graphfold_pb2.WeightGraphStats(
        schema_version=metadata.SCHEMA_VERSION,
        graph_tag=graph_tag,
        node_count=weight_graph.node_count,
        edge_count=weight_graph.edge_count,
        seconds=seconds,
    )
    for layer in connectivity.layers:
        entry = stats.layers.add(module=layer.module, layer_type=layer.layer_type, node_count=layer.site.size)
        for name in PROPERTIES:
            values = properties[name][layer.site.first_node : layer.site.first_node + layer.site.size]
            entry.properties.append(summarize(name, values, top_k=top_k, values_limit=values_limit))
    return stats


def summarize(
    name: str, values: np.ndarray, *, top_k: int = 5, values_limit: int = 4096
) -> graphfold_pb2.PropertySummary:
    """One property of one layer's channels as a ``PropertySummary``.

    >>> s = summarize("weighted_degree", np.array([1.0, 3.0, 2.0, 3.0]), top_k=2)
    >>> s.mean, list(s.quantiles), list(s.top_indices), list(s.top_values)
    (2.25, [1.0, 1.75, 2.5, 3.0, 3.0], [1, 3], [3.0, 3.0])
    """
    summary = graphfold_pb2.PropertySummary(name=name)
    if len(values) == 0:
        return summary
    top = np.argsort(-values, kind="stable")[:top_k]
    summary.mean = float(values.mean())
    summary.std = float(values.std())
    summary.quantiles.extend(np.quantile(values, metadata.QUANTILE_LEVELS).tolist())
    summary.top_indices.extend(top.tolist())
    summary.top_values.extend(values[top].tolist())
    if len(values) <= values_limit:
        summary.values.extend(values.tolist())
    return summary


# -- building blocks ------------------------------------------------------------------
def _weight(model: Any, layer: LayerConnectivity):
    try:
        weight = model.get_parameter(layer.parameter)
    except AttributeError:
        raise WeightGraphError(
            f"{type(model).__name__} has no parameter {layer.parameter!r} (layer {layer.module!r}): the "
            "connectivity was traced from another model; trace this one with connectivity_of(model, example_inputs)"
        ) from None
    if tuple(weight.shape) != layer.weight_shape:
        raise WeightGraphError(
            f"layer {layer.module!r}: weight {layer.parameter!r} has shape {tuple(weight.shape)}, but "
            f"{layer.weight_shape} when the structure was traced; the model structure changed since it was "
            "traced: trace again with connectivity_of(model, example_inputs)"
        )
    return weight


def _squared_block(layer: LayerConnectivity, weight) -> np.ndarray:
    """Squared L2 norm of the weights from each output channel to each input channel: ``[out, in / groups]``."""
    import torch

    w = weight.detach()
    if not bool(torch.isfinite(w).all()):
        raise WeightGraphError(
            f"layer {layer.module!r}: weight {layer.parameter!r} holds NaN or infinity, so the weight graph is "
            "undefined; log it before training diverges, or restore a finite checkpoint"
        )
    # float32 keeps the largest layers' temporaries small; the blocks are float64.
    w = w.float()
    if layer.weight_in_out:
        w = w.T
    return w.reshape(w.shape[0], w.shape[1], -1).square().sum(dim=2).cpu().numpy()
