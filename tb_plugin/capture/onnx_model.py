"""Capture an ONNX model (a ``ModelProto``, a ``.onnx`` file or its bytes) into the graph IR.

ONNX names values, not producers, so every value is mapped to the node output
that writes it. The mapping onto :mod:`tb_plugin.ir`:

- graph inputs that are not initializers become ``INPUT`` nodes, graph outputs
  ``OUTPUT`` nodes (one input each, named after the output value), ``Constant``
  ops ``CONSTANT`` nodes, every other node an ``OP`` node whose op is
  ``"OpType"``, or ``"domain::OpType"`` outside the default domain;
- an initializer is a ``PARAMETER`` when it looks like weights: more than one
  element of a floating-point or <= 8-bit integer (quantized) type. Everything
  else (shapes, indices, scalars) is a ``CONSTANT``. When the model carries the
  torch exporter's graph signature, the kinds it names (``PARAMETER``,
  ``BUFFER``, ``CONSTANT_TENSOR``) win. ``parameter_count`` is the element count
  from the initializer's dims: weights are never read, so a model whose
  external data file is missing still loads;
- module hierarchy, most trusted first: the torch dynamo exporter's node
  metadata (:data:`NAME_SCOPES_KEY`, :data:`CLASS_HIERARCHY_KEY`); TorchScript
  exporter node names (``"/encoder/layer.0/attention/MatMul"``); a call of a
  model-local function, which is expanded into a module instance of class
  ``"domain.name"``. An initializer named like ``"encoder.dense.weight"``
  belongs to module ``"encoder.dense"``; other initializers and unplaced
  constants belong to the module of their first reader.

Not covered: bodies of control-flow ops (``If``, ``Loop``, ``Scan``) stay inside
their op, summarized as an attribute; values they read from the outer graph are
not drawn as edges. Omitted optional inputs (``""``) are left out of ``inputs``.
onnx is imported only when a function is called.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import warnings
from typing import TYPE_CHECKING

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError, UniqueNames
from tb_plugin.capture.onnx_values import (
    CLASS_HIERARCHY_KEY,
    GRAPH_SIGNATURE_KEY,
    NAME_SCOPES_KEY,
    attr_value,
    check_utf8,
    constant_size,
    dtype_name,
    element_count,
    fqn_module,
    initializer_kind,
    path_from_node_name,
    signature_kinds,
    tensor_type,
    torch_scopes,
)

if TYPE_CHECKING:
    import onnx

__all__ = ["CLASS_HIERARCHY_KEY", "GRAPH_SIGNATURE_KEY", "NAME_SCOPES_KEY", "capture_onnx"]


# ONNX forbids recursive functions; the bound turns a malformed model into an error, not a hang.
MAX_FUNCTION_DEPTH = 32

_DEFAULT_DOMAINS = ("", "ai.onnx")
_Key = tuple[int, str]
"""A value: (scope id, name). Scope 0 is the main graph; each function call gets its own."""


def capture_onnx(model_or_path: onnx.ModelProto | str | os.PathLike | bytes, *, name: str | None = None) -> ir.Graph:
    """Convert an ONNX model to the IR; the result passes :meth:`ir.Graph.lint`.

    ``model_or_path`` is an ``onnx.ModelProto``, the path of a model file (its
    external data is not loaded), or the serialized model. ``name`` defaults to
    the file's stem, then the ONNX graph's name. Raises :class:`CaptureError`
    when the model cannot be read or is malformed.
    """
    model, stem, what = _load_model(model_or_path)
    check_utf8(model, what)
    try:
        return _capture(model, name if name is not None else stem or model.graph.name or "onnx_model")
    except ir.GraphError as e:  # a limit of tb_plugin.limits, or a name the IR cannot hold
        raise CaptureError(f"{what} cannot be captured: {e}") from None
    except RecursionError:  # protobuf's own walks of deeply nested subgraphs
        raise CaptureError(f"{what} nests subgraphs too deeply to be read; the model is malformed") from None


def _capture(model: onnx.ModelProto, name: str) -> ir.Graph:
    producer = f"{model.producer_name} {model.producer_version}".strip()
    graph = ir.Graph(name, ir.SourceFormat.ONNX, producer, capture="onnx")
    types = _value_types(model)
    names = UniqueNames()
    # Inputs and initializers take their names first, so that parameters keep their FQNs.
    sources = _source_nodes(model, names, types)
    flattener = _Flattener(model, graph, names, types)
    ops = flattener.flatten()
    outputs = [
        _FlatNode(names.take(value.name), "output", ir.NodeKind.OUTPUT, "", [(0, value.name)], [])
        for value in model.graph.output
    ]
    limits.check(len(flattener.root_class), limits.MAX_NAME_LENGTH, "characters in the root class name", ir.GraphLimitError)
    graph.root.class_name = flattener.root_class
    for node in _link([*sources, *ops, *outputs], flattener.aliases, types):
        graph.add_node(node)
    return graph


@dataclasses.dataclass
class _FlatNode:
    """A node of the flattened model (function calls replaced by their bodies), its edges still by value."""

    name: str
    op: str
    kind: ir.NodeKind
    module: str | None  # None: no scope; see _link
    inputs: list[_Key | None]  # None: an omitted optional input
    outputs: list[_Key | None]
    attrs: dict[str, ir.AttrValue] = dataclasses.field(default_factory=dict)
    parameter_count: int = 0


def _source_nodes(model: onnx.ModelProto, names: UniqueNames, types: dict[_Key, ir.TensorType]) -> list[_FlatNode]:
    """A node for each graph input that is not an initializer, then for each initializer."""
    initializers = [*model.graph.initializer, *(s.values for s in model.graph.sparse_initializer)]
    initializer_names = {t.name for t in initializers}
    nodes = [
        _FlatNode(names.take(value.name), "input", ir.NodeKind.INPUT, "", [], [(0, value.name)])
        for value in model.graph.input
        if value.name not in initializer_names  # before IR version 4, initializers were inputs too
    ]
    signature = signature_kinds(model.graph)
    sparse_dims = {s.values.name: tuple(s.dims) for s in model.graph.sparse_initializer}
    for tensor in initializers:
        kind = signature.get(tensor.name) or initializer_kind(tensor)
        dims = sparse_dims.get(tensor.name, tuple(tensor.dims))
        types[(0, tensor.name)] = ir.TensorType(dims, dtype_name(tensor.data_type))
        node = _FlatNode(names.take(tensor.name), kind.value, kind, fqn_module(tensor.name), [], [(0, tensor.name)])
        node.parameter_count = element_count(tensor.dims, f"initializer {ir.shown(tensor.name)}")
        nodes.append(node)
    return nodes


def _link(flat_nodes: list[_FlatNode], aliases: dict[_Key, _Key], types: dict[_Key, ir.TensorType]) -> list[ir.Node]:
    """IR nodes with every value read resolved to the node output that writes it.

    An operator that no metadata or name placed (the dynamo exporter leaves
    ops it makes itself, such as the ``Split`` s of a decomposition, without
    scopes) goes to the innermost module holding every placed operator it
    reads or feeds, else the root. A constant or initializer that nothing
    placed then joins the module of its first reader.
    """
    refs = {key: ir.InputRef(f.name, i) for f in flat_nodes for i, key in enumerate(f.outputs) if key is not None}

    def producer(key: _Key, reader: str) -> ir.InputRef:
        seen = set()
        while key in aliases:
            if key in seen:  # a call returning the value it reads, directly or through others
                raise CaptureError(
                    f"ONNX node {ir.shown(reader)} reads value {ir.shown(key[1])}, which a function call defines "
                    "as itself; the model is malformed"
                )
            seen.add(key)
            key = aliases[key]
        if key not in refs:
            raise CaptureError(
                f"ONNX node {reader!r} reads value {key[1]!r}, which no node, graph input or initializer "
                "writes; the model is malformed (onnx.checker.check_model says more)"
            )
        return refs[key]

    nodes = {
        flat.name: ir.Node(
            flat.name, flat.op, flat.kind, flat.module or "",
            inputs=tuple(producer(key, flat.name) for key in flat.inputs if key is not None),
            outputs=tuple(types.get(key, ir.TensorType()) if key else ir.TensorType() for key in flat.outputs),
            attrs=flat.attrs, parameter_count=flat.parameter_count,
        )  # fmt: skip
        for flat in flat_nodes
    }
    _place_unscoped_ops(nodes, [f.name for f in flat_nodes if f.module is None and f.kind is ir.NodeKind.OP])
    unplaced = {flat.name for flat in flat_nodes if flat.module is None and flat.kind is not ir.NodeKind.OP}
    for node in nodes.values():
        for ref in node.inputs:
            if ref.node in unplaced:
                unplaced.discard(ref.node)
                nodes[ref.node].module = node.module
    return list(nodes.values())


def _place_unscoped_ops(nodes: dict[str, ir.Node], unscoped: list[str]) -> None:
    """Put each unscoped operator into the deepest module common to its placed operator neighbours.

    Passes repeat while they place something (a chain of unscoped ops is placed
    from its ends inwards), at most a few times; what stays unplaced goes to the root.
    """
    consumers: dict[str, list[str]] = {}
    for node in nodes.values():
        for ref in node.inputs:
            consumers.setdefault(ref.node, []).append(node.name)
    pending = set(unscoped)
    for _ in range(4):
        placed = {}
        for name in pending:
            neighbours = [ref.node for ref in nodes[name].inputs] + consumers.get(name, [])
            modules = [nodes[n].module.split(".") if nodes[n].module else [] for n in neighbours
                       if nodes[n].kind is ir.NodeKind.OP and n not in pending]
            if modules:
                common = modules[0]
                for path in modules[1:]:
                    same = next((i for i, (a, b) in enumerate(zip(common, path)) if a != b), min(len(common), len(path)))
                    common = common[:same]
                placed[name] = ".".join(common)
        if not placed:
            break
        for name, module in placed.items():
            nodes[name].module = module
        pending -= placed.keys()


# -- loading ---------------------------------------------------------------------
def _load_model(model_or_path: onnx.ModelProto | str | os.PathLike | bytes) -> tuple[onnx.ModelProto, str, str]:
    """The model, for a file its stem, and how error messages name it."""
    import onnx
    from google.protobuf import message

    if isinstance(model_or_path, onnx.ModelProto):
        return model_or_path, "", "the given ONNX model"
    if isinstance(model_or_path, (bytes, bytearray, memoryview)):
        what, stem, source = "the given bytes", "", bytes(model_or_path)
    elif isinstance(model_or_path, (str, os.PathLike)):
        path = os.fspath(model_or_path)
        what, stem, source = f"ONNX file {path!r}", os.path.splitext(os.path.basename(path))[0], path
        if not os.path.isfile(path):
            raise CaptureError(f"{what} does not exist or is not a file; check the path")
    else:
        raise CaptureError(
            f"capture_onnx needs an onnx.ModelProto, the path of a .onnx file or its bytes, "
            f"got {type(model_or_path).__name__}"
        )
    try:
        if isinstance(source, bytes):
            model = onnx.load_model_from_string(source)
        else:
            model = onnx.load(source, load_external_data=False)
    except (message.Error, OSError, ValueError) as e:
        raise CaptureError(
            f"{what} cannot be read as an ONNX model ({e}); it may be truncated or not an ONNX file: "
            "export or download it again"
        ) from e
    if not model.ir_version or not model.HasField("graph"):
        raise CaptureError(f"{what} holds no ONNX model (no IR version or graph); it is empty or not an ONNX file")
    return model, stem, what


def _value_types(model: onnx.ModelProto) -> dict[_Key, ir.TensorType]:
    """The types of main-graph values, from the model's value_info or else from shape inference."""
    import onnx

    value_info = list(model.graph.value_info)
    if not value_info and model.graph.node:
        try:
            value_info = list(onnx.shape_inference.infer_shapes(model).graph.value_info)
        except (onnx.shape_inference.InferenceError, onnx.checker.ValidationError, ValueError, RuntimeError) as e:
            # Shapes only decorate the graph; its nodes and edges are right without them.
            warnings.warn(f"ONNX shape inference failed, intermediate shapes stay unknown: {e}", stacklevel=3)
    return {(0, v.name): tensor_type(v.type) for v in [*model.graph.input, *model.graph.output, *value_info]}


# -- hierarchy and function expansion ------------------------------------------------
@dataclasses.dataclass
class _Scope:
    """The main graph, or the body of one function call."""

    id: int
    prefix: str  # prepended to node names
    module: str | None  # None: place each node by its own metadata or name
    formals: dict[str, _Key | None] = dataclasses.field(default_factory=dict)  # formal input -> caller's value
    attrs: dict[str, onnx.AttributeProto] = dataclasses.field(default_factory=dict)  # for ref_attr_name
    stack: tuple[tuple[str, str, str], ...] = ()

    def key(self, value: str) -> _Key | None:
        if not value:
            return None
        return self.formals[value] if value in self.formals else (self.id, value)


class _Flattener:
    """Walks the main graph, expanding calls of model-local functions; registers modules in ``graph``."""

    def __init__(self, model: onnx.ModelProto, graph: ir.Graph, names: UniqueNames, types: dict[_Key, ir.TensorType]):
        self.functions = {(f.domain, f.name, f.overload): f for f in model.functions}
        self.main_nodes = model.graph.node
        self.graph, self.names, self.types = graph, names, types
        self.module_paths = UniqueNames()
        self.aliases: dict[_Key, _Key] = {}  # a call's output -> the body value it returns
        self.root_class = ""
        self._scope_ids = itertools.count(1)
        self._nodes: list[_FlatNode] = []

    def flatten(self) -> list[_FlatNode]:
        nodes, calls = _inlined_counts(self.functions, self.main_nodes)
        if nodes > limits.MAX_NODES or calls > limits.MAX_MODULES:
            raise CaptureError(
                f"ONNX model would have more than {limits.MAX_NODES} nodes or {limits.MAX_MODULES} function calls "
                "once its functions are inlined (tb_plugin.limits.MAX_NODES, MAX_MODULES); functions that call "
                "each other repeatedly multiply"
            )
        self._walk(self.main_nodes, _Scope(0, "", None))
        return self._nodes

    def _walk(self, nodes, scope: _Scope) -> None:
        for index, node in enumerate(nodes):
            if len(self._nodes) >= limits.MAX_NODES:  # calls may repeat bodies exponentially: count as they expand
                raise CaptureError(
                    f"ONNX model expands to more than {limits.MAX_NODES} nodes once its function calls are "
                    "inlined (tb_plugin.limits.MAX_NODES)"
                )
            label = node.name or f"{node.op_type}_{index}"
            module = scope.module if scope.module is not None else self._place(node)
            function = self.functions.get((node.domain, node.op_type, node.overload))
            if function is not None:
                segment = label.rpartition("/")[2].replace(".", "_") or f"{node.op_type}_{index}"
                self._expand(node, function, label, ir.join_path(module or "", segment), scope)
            else:
                self._nodes.append(self._flat_node(node, self.names.take(scope.prefix + label), module, scope))

    def _place(self, node: onnx.NodeProto) -> str | None:
        """The module path the node's metadata or name gives; registers the modules it names."""
        scopes = torch_scopes(node)
        if scopes is not None:
            if scopes[0][0] == "" and not self.root_class:
                self.root_class = scopes[0][1]
            for path, class_name in scopes:
                if path:
                    self.graph.add_module(path, class_name)
            return scopes[-1][0]
        if "/" in node.name:
            if len(node.name) > limits.MAX_NAME_LENGTH:
                raise CaptureError(f"ONNX node {ir.shown(node.name)} has a name longer than {limits.MAX_NAME_LENGTH} "
                                   "characters (tb_plugin.limits.MAX_NAME_LENGTH)")
            path = path_from_node_name(node.name)
            return self.graph.add_module(path).path
        return None

    def _expand(self, node: onnx.NodeProto, function: onnx.FunctionProto, label: str, path: str, scope: _Scope) -> None:
        """Walk ``function``'s body as a new module instance at ``path`` (deduplicated)."""
        function_key = (function.domain, function.name, function.overload)
        class_name = f"{function.domain}.{function.name}" if function.domain else function.name
        if function_key in scope.stack or len(scope.stack) >= MAX_FUNCTION_DEPTH:
            raise CaptureError(
                f"ONNX function {class_name!r} calls itself or nests deeper than {MAX_FUNCTION_DEPTH} levels "
                f"(at node {node.name!r}); ONNX forbids recursive functions, so the model is malformed"
            )
        path = self.module_paths.take(path)
        self.graph.add_module(path, class_name)
        formals: dict[str, _Key | None] = {formal: None for formal in function.input}
        formals.update((formal, scope.key(actual)) for formal, actual in zip(function.input, node.input))
        attrs = {a.name: a for a in function.attribute_proto} | dict(_resolved_attributes(node, scope))
        prefix = self.names.take(scope.prefix + label) + "/"
        inner = _Scope(next(self._scope_ids), prefix, path, formals, attrs, (*scope.stack, function_key))
        self.types.update(((inner.id, v.name), tensor_type(v.type)) for v in function.value_info)
        self._walk(function.node, inner)
        for formal, actual in zip(function.output, node.output):
            target = inner.key(formal)
            if actual and target is not None:
                self.aliases[(scope.id, actual)] = target
                if (scope.id, actual) in self.types:
                    self.types.setdefault(target, self.types[(scope.id, actual)])

    def _flat_node(self, node: onnx.NodeProto, name: str, module: str | None, scope: _Scope) -> _FlatNode:
        attributes = _resolved_attributes(node, scope)
        # A Constant that reads something (malformed) is drawn as the op it acts as, as in the GraphDef reader.
        is_constant = node.op_type == "Constant" and node.domain in _DEFAULT_DOMAINS and not any(node.input)
        return _FlatNode(
            name,
            node.op_type if node.domain in _DEFAULT_DOMAINS else f"{node.domain}::{node.op_type}",
            ir.NodeKind.CONSTANT if is_constant else ir.NodeKind.OP,
            module,
            [scope.key(value) for value in node.input],
            [(scope.id, value) if value else None for value in node.output],
            {attr_name: attr_value(attribute, name) for attr_name, attribute in attributes},
            constant_size(dict(attributes), name) if is_constant else 0,
        )


def _inlined_counts(functions: dict, main_nodes) -> tuple[int, int]:
    """Nodes and function calls of the main graph once every call is inlined, counted without inlining.

    Calls that call others twice per level double per level, so the counts are
    taken per function, callees first (iteratively), and capped just past the
    limits. A recursive call counts as one node; :meth:`_Flattener._expand` refuses it.
    """
    cap = max(limits.MAX_NODES, limits.MAX_MODULES) + 1
    sizes: dict[tuple, tuple[int, int]] = {}
    active: set[tuple] = set()

    def callee(node) -> tuple | None:
        key = (node.domain, node.op_type, node.overload)
        return key if key in functions else None

    def counts(nodes) -> tuple[int, int]:
        total_nodes = total_calls = 0
        for node in nodes:
            key = callee(node)
            if key is None:
                total_nodes += 1
            else:
                inner_nodes, inner_calls = sizes.get(key, (1, 0))
                total_nodes, total_calls = total_nodes + inner_nodes, total_calls + inner_calls + 1
        return min(total_nodes, cap), min(total_calls, cap)

    for root in functions:
        stack = [root]
        while stack:
            key = stack[-1]
            if key in sizes:
                stack.pop()
                continue
            if key not in active:
                active.add(key)
                pending = [k for node in functions[key].node if (k := callee(node)) and k not in sizes and k not in active]
                if pending:
                    stack += pending
                    continue
            sizes[key] = counts(functions[key].node)
            stack.pop()
    return counts(main_nodes)


def _resolved_attributes(node: onnx.NodeProto, scope: _Scope) -> list[tuple[str, onnx.AttributeProto]]:
    """The node's attributes, with a function body's references to its caller's attributes filled in.

    A reference the caller leaves unset and the function gives no default for is dropped.
    """
    resolved = []
    for attribute in node.attribute:
        if not attribute.ref_attr_name:
            resolved.append((attribute.name, attribute))
        elif attribute.ref_attr_name in scope.attrs:
            resolved.append((attribute.name, scope.attrs[attribute.ref_attr_name]))
    return resolved
