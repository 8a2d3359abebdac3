"""Where every input channel of every conv / linear layer comes from: the structure of the weight graph.

The channel-level weight graph (:mod:`tb_plugin.overlays.weight_graph`) has a
node per output channel of each convolution and per unit of each linear layer,
plus a node per channel of each tensor that layers read but that cannot be
traced further (the model's inputs, and outputs of ops this trace does not see
through). Which channel feeds which depends only on the architecture, so
:func:`layer_connectivity` derives it once from a graph captured with
``torch.export`` (:func:`tb_plugin.capture.torch_export.capture_module`); the
weights are read afresh on every build.

From each layer's data input the trace follows every channel back through

- ops that keep channel ``c`` at ``c``: normalisation, activations, dropout,
  pooling, resampling, padding, copies, arithmetic with scalars or parameters,
  reductions, selections and broadcasts over other axes, permutes and
  reshapes that keep the axis whole;
- elementwise ops with several tensor operands (a residual ``add``, a gating
  ``mul``): channel ``c`` comes from channel ``c`` of *every* operand that spans
  the axis (broadcast operands, parameters and boolean masks are skipped);
- ``cat`` / ``split`` / ``slice`` along the channel axis (offsets), or along
  another axis (every piece keeps the channels);
- a flatten of ``[N, C, *spatial]`` into ``[N, C·S]`` (feature ``k`` is channel
  ``k // S``) and the reverse unflatten,

until it reaches a layer's output on its channel axis, or a model input. Any
other op (attention's head reshapes, an embedding, a sort...) is a *break*: the
tensor there becomes a source of channel nodes of its own (an ``"opaque"``
site) and :attr:`Connectivity.warnings` says where and why, so a break loses
the connection across that op and never misattributes it. The per-op rules
live in :mod:`tb_plugin.overlays.channel_rules`. Transposed convolutions are
not layers (noted in the warnings). Assumes the op names of ``torch.export``
graphs (``aten.conv2d.default`` ...) and concrete shapes at the channel axis.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from tb_plugin import ir
from tb_plugin.overlays.channel_rules import ChannelWindow, channel_routes, input_dims, op_stem, output_dims

__all__ = ["ChannelSite", "Connectivity", "LayerConnectivity", "WeightGraphError", "layer_connectivity"]


class WeightGraphError(ValueError):
    """The weight graph cannot be traced or built as asked; the message names the problem and the fix."""


@dataclasses.dataclass(frozen=True)
class ChannelSite:
    """A run of weight-graph nodes: the channels of one layer's output, model input or opaque tensor."""

    kind: str         # "layer", "input" or "opaque"
    name: str         # layer: module path; input: input name; opaque: the producing node
    first_node: int
    size: int

    @property
    def nodes(self) -> range:
        return range(self.first_node, self.first_node + self.size)


@dataclasses.dataclass(frozen=True, eq=False)
class LayerConnectivity:
    """One conv / linear layer: its weight, output nodes, and where each input channel comes from.

    Input channel ``input_channels[p]`` comes from node ``input_nodes[p]`` of
    the weight graph; a channel may come from several nodes (a residual
    addition) and several channels from one node (a flatten). Channels that
    come from the same set of nodes share a ``channel_group``.
    """

    module: str                 # module path, as in model.named_modules()
    parameter: str              # the weight's fully qualified name
    layer_type: str             # class name of the module, e.g. "Conv2d"
    kind: str                   # "conv" or "linear"
    weight_shape: tuple[int, ...]
    groups: int
    weight_in_out: bool         # weight stored [in, out] (mm / addmm, e.g. GPT-2's Conv1D)
    site: ChannelSite
    input_channels: np.ndarray
    input_nodes: np.ndarray
    calls: tuple[str, ...]      # the op nodes that apply it
    channel_group: np.ndarray   # per input channel, numbered in order of first appearance

    @property
    def in_channels(self) -> int:
        if self.kind == "conv":
            return self.weight_shape[1] * self.groups
        return self.weight_shape[0] if self.weight_in_out else self.weight_shape[1]


@dataclasses.dataclass(frozen=True, eq=False)
class Connectivity:
    """The traced structure: layer sites first (in graph order), then input and opaque sites."""

    graph_name: str
    sites: tuple[ChannelSite, ...]
    layers: tuple[LayerConnectivity, ...]
    warnings: tuple[str, ...]

    @property
    def node_count(self) -> int:
        return sum(site.size for site in self.sites)

    def lint(self) -> None:
        """Raise :class:`WeightGraphError` naming the first site or layer that breaks an invariant.

        Sites tile the nodes in order, layer sites first; every input channel of
        every layer comes from at least one node, and only from existing nodes.
        """
        first = 0
        for k, site in enumerate(self.sites):
            if site.first_node != first or site.size < 0:
                raise WeightGraphError(f"site {site.name!r} starts at node {site.first_node}, expected {first}")
            if (site.kind == "layer") != (k < len(self.layers)):
                raise WeightGraphError(f"site {site.name!r} ({site.kind}) is out of place: layer sites come first")
            first += site.size
        for layer in self.layers:
            if len(layer.channel_group) != layer.in_channels or not np.array_equal(
                    np.unique(layer.input_channels), np.arange(layer.in_channels)):
                raise WeightGraphError(f"layer {layer.module!r}: not every one of its {layer.in_channels} input "
                                       "channels comes from a node")
            if len(layer.input_nodes) and not 0 <= layer.input_nodes.min() <= layer.input_nodes.max() < first:
                raise WeightGraphError(f"layer {layer.module!r} reads a node outside the graph's {first}")


def layer_connectivity(graph: ir.Graph) -> Connectivity:
    """Trace, for each conv / linear layer of ``graph``, which nodes its input channels come from.

    A layer is a conv or linear op whose weight is a parameter; ops that share a
    weight are one layer (its output nodes are shared, its inputs merged).
    Raises :class:`WeightGraphError` when there is no such layer.
    """
    calls, notes = _layer_calls(graph)
    if not calls:
        raise WeightGraphError(
            f"graph {graph.name!r} has no convolution or linear layer whose weight is a parameter, so it has no "
            "weight graph; capture a model with conv / linear layers, using torch_export.capture_module"
        )
    layer_sites: list[ChannelSite] = []
    for parameter, layer_calls in calls.items():
        first = sum(site.size for site in layer_sites)
        name = _layer_name(parameter, layer_sites)
        layer_sites.append(ChannelSite("layer", name, first, layer_calls[0].out_channels))
    trace = _Trace(graph, calls, list(layer_sites))
    trace.warnings.extend(notes)
    layers = []
    for site, (parameter, layer_calls) in zip(layer_sites, calls.items(), strict=True):
        maps = [trace.resolve((call.data.node, call.data.output, call.in_axis)) for call in layer_calls]
        channels, nodes = _dedupe(np.concatenate([m[0] for m in maps]), np.concatenate([m[1] for m in maps]))
        call = layer_calls[0]
        module = graph.modules.get(ir.parent_path(parameter) or "")
        layer_type = module.class_name.rpartition(".")[2] if module is not None else ""
        layers.append(LayerConnectivity(
            site.name, parameter, layer_type, call.kind, call.weight_shape, call.groups, call.weight_in_out,
            site, channels, nodes, tuple(c.node for c in layer_calls), _channel_groups(channels, nodes),
        ))
    return Connectivity(graph.name, tuple(trace.sites), tuple(layers), tuple(trace.warnings))


# -- layers ------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _Call:
    node: str
    kind: str
    data: ir.InputRef
    in_axis: int
    out_axis: int
    weight_shape: tuple[int, ...]
    groups: int
    weight_in_out: bool

    @property
    def out_channels(self) -> int:
        return self.weight_shape[1] if self.weight_in_out else self.weight_shape[0]


_CONV_OPS = {"conv1d", "conv2d", "conv3d", "convolution", "_convolution"}
_UNSUPPORTED_LAYER_OPS = {"conv_transpose1d", "conv_transpose2d", "conv_transpose3d"}


def _layer_calls(graph: ir.Graph) -> tuple[dict[str, list[_Call]], list[str]]:
    """Weight parameter name → the conv / linear ops that apply it, in graph order; notes on ops left out."""
    calls: dict[str, list[_Call]] = {}
    notes = []
    for node in graph.nodes.values():
        stem = op_stem(node.op) if node.kind is ir.NodeKind.OP else ""
        if stem in _CONV_OPS and len(node.inputs) >= 2 and node.attrs.get("transposed", False) is not True:
            data, weight = node.inputs[0], node.inputs[1]
        elif stem == "linear" and len(node.inputs) >= 2:
            data, weight = node.inputs[0], node.inputs[1]
        elif stem in ("mm", "matmul", "addmm") and len(node.inputs) == (3 if stem == "addmm" else 2):
            data, weight = node.inputs[-2], node.inputs[-1]
        else:
            if stem in _UNSUPPORTED_LAYER_OPS or stem in _CONV_OPS:
                notes.append(f"{node.name!r} ({node.op}) is not a layer of the weight graph: transposed "
                             "convolutions are not supported; the trace breaks at its output")
            continue
        call = _layer_call(graph, node, stem, data, weight)
        if call is not None:
            calls.setdefault(weight.node, []).append(call)
        elif stem != "matmul" and stem != "mm":
            notes.append(f"{node.name!r} ({node.op}) is not a layer of the weight graph: its weight is not a "
                         "parameter of matching shape; the trace breaks at its output")
    return calls, notes


def _layer_call(graph: ir.Graph, node: ir.Node, stem: str, data: ir.InputRef, weight: ir.InputRef) -> _Call | None:
    """The layer that ``node`` applies, or ``None`` when its weight is computed or its shapes do not fit."""
    shape, data_dims, out_dims = input_dims(graph, weight), input_dims(graph, data), output_dims(node, 0)
    if graph.node(weight.node).kind is not ir.NodeKind.PARAMETER or None in (shape, data_dims, out_dims):
        return None
    if stem in _CONV_OPS:
        spatial = len(shape) - 2
        in_axis, groups = len(data_dims) - spatial - 1, int(node.attrs.get("groups", 1))
        if spatial < 1 or in_axis < 0 or data_dims[in_axis] != shape[1] * groups:
            return None
        return _Call(node.name, "conv", data, in_axis, len(out_dims) - spatial - 1, tuple(shape), groups, False)
    in_out = stem != "linear"
    if len(shape) != 2 or not data_dims or data_dims[-1] != shape[0 if in_out else 1]:
        return None
    return _Call(node.name, "linear", data, len(data_dims) - 1, len(out_dims) - 1, tuple(shape), 1, in_out)


def _layer_name(parameter: str, sites: list[ChannelSite]) -> str:
    """The module path of a ``<module>.weight``; the parameter's own name when that is taken or not a weight."""
    module, _, leaf = parameter.rpartition(".")
    name = module if leaf == "weight" else parameter
    return parameter if any(site.name == name for site in sites) else name


# -- the trace ---------------------------------------------------------------------
_Key = tuple[str, int, int]           # (node name, output index, channel axis)
_Map = tuple[np.ndarray, np.ndarray]  # (channel of the tensor, weight-graph node), one pair per connection


class _Trace:
    """Resolves ``(tensor, axis)`` keys to channel → node maps, memoised, without recursion."""

    def __init__(self, graph: ir.Graph, calls: dict[str, list[_Call]], sites: list[ChannelSite]) -> None:
        self.graph = graph
        self.sites = sites
        self.warnings: list[str] = []
        self.layer_of = {call.node: (call, site) for site, cs in zip(sites, calls.values()) for call in cs}
        self.memo: dict[_Key, _Map] = {}

    def resolve(self, key: _Key) -> _Map:
        plans: dict[_Key, list[tuple[_Key, ChannelWindow]] | _Map] = {}
        stack = [key]
        while stack:
            current = stack[-1]
            if current in self.memo:
                stack.pop()
                continue
            if current not in plans:
                plans[current] = self._plan(current)
            plan = plans[current]
            if isinstance(plan, tuple):
                self.memo[current] = plan
                stack.pop()
                continue
            missing = [dep for dep, _ in plan if dep not in self.memo]
            cyclic = [dep for dep in missing if dep in plans]
            if cyclic:
                plans[current] = self._source(current, "opaque", "it depends on itself (a cycle)")
            elif missing:
                stack.extend(missing)
            else:
                pieces = [window.apply(*self.memo[dep]) for dep, window in plan]
                channels, nodes = zip(*pieces)
                self.memo[current] = _dedupe(np.concatenate(channels), np.concatenate(nodes))
                stack.pop()
        return self.memo[key]

    def _plan(self, key: _Key) -> list[tuple[_Key, ChannelWindow]] | _Map:
        name, output, axis = key
        node = self.graph.node(name)
        if name in self.layer_of:
            call, site = self.layer_of[name]
            if output == 0 and axis == call.out_axis:
                return np.arange(site.size), np.arange(site.first_node, site.first_node + site.size)
            return self._source(key, "opaque", f"it is layer {site.name!r}'s output read along axis {axis}, "
                                               f"not its channel axis {call.out_axis}")
        if node.kind is ir.NodeKind.INPUT:
            return self._source(key, "input", "")
        if node.kind is not ir.NodeKind.OP:
            return self._source(key, "opaque", f"it is a {node.kind.value}, not computed from the input")
        routes = channel_routes(self.graph, node, output, axis)
        if isinstance(routes, str):
            return self._source(key, "opaque", routes)
        return [((ref.node, ref.output, in_axis), window) for ref, in_axis, window in routes]

    def _source(self, key: _Key, kind: str, reason: str) -> _Map:
        name, output, axis = key
        node = self.graph.node(name)
        dims = output_dims(node, output)
        size = dims[axis] if dims is not None and axis < len(dims) else None
        if not isinstance(size, int):
            raise WeightGraphError(
                f"tensor {name!r} feeds a layer, but its size along axis {axis} is unknown ({size!r}); capture "
                "the model with torch_export.capture_module and static shapes (dynamic_shapes=None)"
            )
        label = name if output == 0 else f"{name}:{output}"
        first = sum(site.size for site in self.sites)
        self.sites.append(ChannelSite(kind, label, first, size))
        if kind == "opaque":
            self.warnings.append(
                f"break at {label!r} ({node.op}): {reason}; its {size} channels (axis {axis}) "
                "are source nodes of the weight graph"
            )
        return np.arange(size), np.arange(first, first + size)


def _channel_groups(channels: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Group of every channel (of ``channels.max() + 1``): those with the same set of nodes share one.

    ``(channels, nodes)`` are sorted pairs, as :func:`_dedupe` leaves them.
    """
    count = int(channels.max()) + 1 if len(channels) else 0
    bounds = np.searchsorted(channels, np.arange(count + 1))
    seen: dict[bytes, int] = {}
    return np.array([seen.setdefault(nodes[a:b].tobytes(), len(seen)) for a, b in zip(bounds[:-1], bounds[1:])],
                    dtype=np.int64)


def _dedupe(channels: np.ndarray, nodes: np.ndarray) -> _Map:
    """Each (channel, node) pair once, sorted: a diamond of routes must not count a weight twice."""
    pairs = np.unique((channels.astype(np.int64) << 32) | nodes.astype(np.int64))
    return pairs >> 32, pairs & 0xFFFFFFFF

