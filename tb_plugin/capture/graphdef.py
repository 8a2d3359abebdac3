"""Capture a TensorFlow ``GraphDef`` into the graph IR, using only TensorBoard's compat protos.

Two producers write the GraphDefs that TensorBoard's Graphs dashboard reads, and
this module reads both:

- TensorFlow / Keras: ops such as ``MatMul`` or ``VariableV2``, name scopes like
  ``model/dense_1/MatMul``, inputs ``"op:1"`` (output 1) and ``"^op"`` (control).
- ``torch.utils.tensorboard.SummaryWriter.add_graph`` (a ``torch.jit.trace``
  exporter): ops such as ``aten::linear``, ``"IO Node"`` inputs and outputs named
  ``input/x`` and ``output/output.1``, scopes like
  ``BertModel/BertEncoder[encoder]/BertLayer[0]``. The graph is recognised as
  such by its ``"IO Node"`` or ``"ns::op"`` op strings.

What is kept and what is chosen:

- Node names stay verbatim; they may hold any text (unicode, HTML). Nodes keep
  the GraphDef's order (placeholders, below, come last); cycles (TF while
  loops) are kept as cycles.
- A malformed GraphDef that repeats a name keeps the first node under it and
  renames later ones ``name__dup1``, ``name__dup2``... with
  ``attrs["duplicate_of"]``; inputs naming it read the first.
- Everything is bounded by :mod:`tb_plugin.limits` (bytes, nodes, edges, output
  indices, name and path lengths); a GraphDef beyond a limit, or one the IR
  cannot hold, raises :class:`CaptureError` naming the node and the limit.
- An input naming no node of the GraphDef gets a placeholder ``INPUT`` node of
  that name, op ``"missing"``, ``attrs["missing"] = True``, so the edge stays
  visible. Control inputs (``^op``) are no edges: ``attrs["control_inputs"]``.
- TF module path: the node name minus its last ``/`` segment (and minus any
  segment that names an op: ``d/MatMul/ReadVariableOp`` is a helper of op
  ``d/MatMul``, so sits in ``d``; so does a TF2 variable read
  ``d/Cast/ReadVariableOp`` whose op was elided), ``/`` read as ``.``; IR paths are dotted,
  so a ``.`` inside a segment, and an empty segment, become ``_``. Numbered
  blocks in flat layer names get a module each
  (:mod:`tb_plugin.capture.numbered_blocks`: ``conv2_block1_1_conv`` sits in
  ``conv2.block1``), and runs of single layers beside them one module
  (:mod:`tb_plugin.capture.layer_chains`: MobileNetV2's stem sits in
  ``Conv1…expanded_conv_project_BN``, of class ``Layers[n]``). Other TF
  modules have no class name.
- torch module path: each scope segment ``Class[attr]`` is module ``attr`` of
  class ``Class``; the first segment is the root's class. A module reached by
  indexing a ``ModuleList`` (``ModuleDict``, unforwarded ``Sequential``) shows
  up twice: its ``prim::GetAttr`` nodes carry the full scope
  (``.../ModuleList[layer]/BertLayer[0]``), its ops skip the container
  (``.../BertLayer[0]``). The full scopes build the module tree first; a
  skipping scope then maps onto the one module it can mean. Where it can mean
  several (two lists under one parent), a node goes to the candidate that owns
  a node it reads, else to their closest common ancestor.
- TF2 function calls are inlined first (:mod:`tb_plugin.capture.tf_functions`).
  An input (``_Arg``, ``Placeholder``) of dtype ``resource`` is a captured
  variable, so a parameter.
- ``prim::GetAttr`` nodes are parameters (or buffers: the exporter does not
  tell them apart); their one input, the module object, is never exported, so
  it is dropped rather than given a placeholder. The exporter records no
  shape for them, so their ``parameter_count`` is 0.

>>> from tensorboard.compat.proto import graph_pb2
>>> gd = graph_pb2.GraphDef()
>>> _ = gd.node.add(name="x", op="Placeholder")
>>> _ = gd.node.add(name="dense/MatMul", op="MatMul", input=["x", "^x"])
>>> print(capture_graphdef(gd, name="tiny").dump())
graph "tiny" source=graphdef producer=""
module "" class=""
module "dense" class=""
node "x" input op="Placeholder" module=""
node "dense/MatMul" op op="MatMul" module="dense" <- x:0 {control_inputs=('x',)}
"""

from __future__ import annotations

import math

from google.protobuf import message as pb_message
from tensorboard.compat.proto import attr_value_pb2, graph_pb2, tensor_shape_pb2, types_pb2

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError
from tb_plugin.capture.layer_chains import grouped_layer_paths
from tb_plugin.capture.tf_functions import inline_functions
from tb_plugin.capture.graphdef_scopes import (
    MISSING_OP,
    TORCH_GETATTR_OP,
    TORCH_IO_OP,
    TorchModuleTree,
    path_prefixes,
    scope_of,
    tf_module,
    torch_modules,
)

__all__ = ["capture_graphdef"]

_TorchModuleTree = TorchModuleTree  # its old name here, which capture/torchscript.py imports

_INPUT_OPS = frozenset({"Placeholder", "_Arg"})
_OUTPUT_OPS = frozenset({"_Retval"})
_CONSTANT_OPS = frozenset({"Const", "HostConst", "prim::Constant"})
# "Parameter" is what older torch exporters called non-IO graph inputs.
_PARAMETER_OPS = frozenset({"VariableV2", "Variable", "VarHandleOp", "prim::GetAttr", "Parameter"})
_SOURCE_KINDS = (ir.NodeKind.INPUT, ir.NodeKind.CONSTANT, ir.NodeKind.PARAMETER)
_TORCH_ATTRS = "attr"  # str() of the JIT node's attributes, e.g. "{ value : 0.1}"
_DTYPE_ATTRS = ("DstT", "out_type", "dtype", "T")  # most specific first
_VARIABLE_READ_OP = "ReadVariableOp"
_DTYPE_ALIASES = {"float": "float32", "double": "float64", "half": "float16"}


def capture_graphdef(graph_def: bytes | graph_pb2.GraphDef, *, name: str = "") -> ir.Graph:
    """Build the IR of a GraphDef (or its serialized bytes); the result passes ``lint()``.

    Raises :class:`CaptureError` when the bytes are not a GraphDef, or the
    GraphDef is malformed beyond repair or exceeds a limit of :mod:`tb_plugin.limits`.
    """
    graph_def = inline_functions(_parse_graph_def(graph_def))
    what = f"GraphDef {ir.shown(name)}" if name else "GraphDef"
    limits.check(len(graph_def.node), limits.MAX_NODES, f"nodes in {what}", CaptureError)
    limits.check(sum(len(n.input) for n in graph_def.node), limits.MAX_EDGES, f"inputs in {what}", CaptureError)
    try:
        return _build(graph_def, name)
    except ir.GraphError as e:  # a limit of the IR, or a name it cannot hold
        raise CaptureError(f"{what} cannot be read: {e}") from None


def _build(graph_def: graph_pb2.GraphDef, name: str) -> ir.Graph:
    nodes = _nodes(graph_def)
    if any(n.op == TORCH_IO_OP or "::" in n.op for n in nodes):
        root_class, modules, classes = torch_modules(nodes)
        producer = "torch add_graph"
    else:
        root_class, classes = "", {}
        names = {n.name for n in nodes}
        scopes = {n.name: tf_module(_op_free_scope(n, names)) for n in nodes}
        for scope in set(scopes.values()):
            ir.check_module_path(scope)  # before blocks and runs are found: they cost a path's depth times its length
        classes = grouped_layer_paths(nodes, scopes)
        modules = {node.name: node.module for node in nodes}
        producer = f"GraphDef v{graph_def.versions.producer}" if graph_def.versions.producer else ""
    graph = ir.Graph(name=name, source_format=ir.SourceFormat.GRAPHDEF, producer=producer, root_class=root_class,
                     capture="graphdef")
    for node in nodes:
        node.module = modules[node.name]
        if node.module not in graph.modules:
            ir.check_module_path(node.module)  # before its prefixes are built: they cost its length times its depth
            for prefix in path_prefixes(node.module):
                graph.add_module(prefix, classes.get(prefix, ""))
        graph.add_node(node)
    return graph


def _op_free_scope(node: ir.Node, names: set[str]) -> str:
    """The scope of ``node`` above any op it is a helper of: ``d/MatMul/ReadVariableOp`` -> ``d`` if ``d/MatMul`` is a node.

    TF names the ops an op creates for itself (a variable read, a shape
    constant) in a scope named after that op; such a scope is no module. A
    TF2 variable read is always such a helper, even of an op that was elided
    (Keras' ``d/Cast/ReadVariableOp`` where no ``d/Cast`` remains).
    """
    scope = scope_of(node.name)
    if node.op == _VARIABLE_READ_OP and node.name.endswith("/" + _VARIABLE_READ_OP):
        scope = scope_of(scope)
    while scope and scope in names:
        scope = scope_of(scope)
    return scope


def _parse_graph_def(graph_def: bytes | graph_pb2.GraphDef) -> graph_pb2.GraphDef:
    if isinstance(graph_def, graph_pb2.GraphDef):
        return graph_def
    if not isinstance(graph_def, (bytes, bytearray, memoryview)):
        raise CaptureError(f"capture_graphdef takes a GraphDef or its bytes, not {type(graph_def).__name__}")
    limits.check(len(graph_def), limits.MAX_BLOB_BYTES, "bytes of GraphDef", CaptureError)
    try:
        return graph_pb2.GraphDef.FromString(bytes(graph_def))
    except (pb_message.DecodeError, RecursionError) as e:  # deep nesting: function bodies, attr lists
        raise CaptureError(
            f"{len(graph_def)} bytes are not a serialized GraphDef ({e}); pass event.graph_def "
            "from a TensorBoard event file or GraphDef.SerializeToString()"
        ) from None


# -- nodes --------------------------------------------------------------------------
def _nodes(graph_def: graph_pb2.GraphDef) -> list[ir.Node]:
    """One node per NodeDef (module not yet set), duplicates renamed, then placeholders for missing producers."""
    names = _unique_names([n.name for n in graph_def.node])
    known = set(names)
    nodes, missing = [], {}
    for node_def, name in zip(graph_def.node, names):
        _check_length(node_def.name, "name", node_def.name)
        data, control = [], []
        for text in node_def.input:
            _check_length(text, "input", node_def.name)
            (control if text.startswith("^") else data).append(text.removeprefix("^"))
        attrs = _attrs(node_def)
        if name != node_def.name:
            attrs["duplicate_of"] = node_def.name
        if control:
            attrs["control_inputs"] = tuple(control)
        if node_def.op == TORCH_GETATTR_OP:
            data = []  # the module object: torch never exports it
        inputs = tuple(_input_ref(text, known, name) for text in data)
        for ref in inputs:
            if ref.node not in known and ref.node not in missing:
                missing[ref.node] = ir.Node(ref.node, MISSING_OP, ir.NodeKind.INPUT, attrs={"missing": True})
        kind = _kind(node_def, bool(inputs))
        outputs = _outputs(node_def)
        count = _parameter_count(node_def, outputs) if kind is ir.NodeKind.PARAMETER else 0
        nodes.append(ir.Node(name, node_def.op, kind, "", inputs, outputs, attrs, count))
    nodes += missing.values()
    return _pad_outputs(nodes)


def _check_length(text: str, what: str, node: str) -> None:
    """Refuse a name or input longer than a name may be, before any scope or module is built from it."""
    if len(text) > limits.MAX_NAME_LENGTH:
        raise CaptureError(
            f"GraphDef node {ir.shown(node)} has an {what} of {len(text)} characters, more than "
            f"{limits.MAX_NAME_LENGTH} (tb_plugin.limits.MAX_NAME_LENGTH)"
        )


def _unique_names(names: list[str]) -> list[str]:
    """``names`` with each repeat renamed ``name__dupN`` to a name used nowhere else.

    Linear: each repeated name remembers the last suffix it tried, so 30,000 copies
    of one name cost 30,000 look-ups, not 30,000 squared over two.

    >>> _unique_names(["a", "a", "a__dup1", "a"])
    ['a', 'a__dup2', 'a__dup1', 'a__dup3']
    """
    taken, out = set(names), []
    seen: set[str] = set()
    last_suffix: dict[str, int] = {}
    for name in names:
        if name in seen:
            n = last_suffix.get(name, 0) + 1
            while f"{name}__dup{n}" in taken:
                n += 1
            last_suffix[name] = n
            name = f"{name}__dup{n}"
            taken.add(name)
        seen.add(name)
        out.append(name)
    return out


def _input_ref(text: str, known: set[str], reader: str) -> ir.InputRef:
    """``"op:1"`` -> output 1 of ``op``; a name that exists verbatim wins over the split.

    An index beyond :data:`tb_plugin.limits.MAX_OUTPUTS` is refused here, before
    anything is allocated per output (``"x:1000000000000"`` would pad 10**12 outputs).
    """
    base, _, index = text.rpartition(":")
    if text in known or not base or not (index.isascii() and index.isdigit()):
        return ir.InputRef(text, 0)
    if len(index) > len(str(limits.MAX_OUTPUTS)) or int(index) >= limits.MAX_OUTPUTS:
        raise CaptureError(
            f"GraphDef node {ir.shown(reader)} reads output {ir.shown(index)} of {ir.shown(base)}; a node has at "
            f"most {limits.MAX_OUTPUTS} outputs (tb_plugin.limits.MAX_OUTPUTS), so the GraphDef is corrupt"
        )
    return ir.InputRef(base, int(index))


def _kind(node_def, has_inputs: bool) -> ir.NodeKind:
    op = node_def.op
    dtype = node_def.attr.get("T" if op == "_Arg" else "dtype")
    if op in _INPUT_OPS and dtype is not None and dtype.type == types_pb2.DT_RESOURCE:
        return ir.NodeKind.PARAMETER  # a TF2 function's captured variable: a weight, not a model input
    if op == TORCH_IO_OP:
        return ir.NodeKind.OUTPUT if has_inputs else ir.NodeKind.INPUT
    if op in _OUTPUT_OPS:
        return ir.NodeKind.OUTPUT
    kind = (
        ir.NodeKind.INPUT if op in _INPUT_OPS
        else ir.NodeKind.CONSTANT if op in _CONSTANT_OPS
        else ir.NodeKind.PARAMETER if op in _PARAMETER_OPS
        else ir.NodeKind.OP
    )
    # A source that reads something (malformed input) is drawn as the op it acts as.
    return ir.NodeKind.OP if kind in _SOURCE_KINDS and has_inputs else kind


def _pad_outputs(nodes: list[ir.Node]) -> list[ir.Node]:
    """Give a producer as many outputs as its consumers read, so ``lint()`` holds.

    The padding is counted first: indices are below ``MAX_OUTPUTS``, but one per
    node could still ask for ``MAX_NODES * MAX_OUTPUTS`` outputs in all.
    """
    needed: dict[str, int] = {}
    for node in nodes:
        for ref in node.inputs:
            needed[ref.node] = max(needed.get(ref.node, 0), ref.output + 1)
    padded = [node for node in nodes if node.outputs and needed.get(node.name, 0) > len(node.outputs)]
    total = sum(len(n.outputs) for n in nodes) + sum(needed[n.name] - len(n.outputs) for n in padded)
    limits.check(total, limits.MAX_TENSORS, "node outputs (counting those the inputs read) in GraphDef", CaptureError)
    for node in padded:
        node.outputs += (ir.TensorType(),) * (needed[node.name] - len(node.outputs))
    return nodes


# -- shapes, dtypes and attributes ----------------------------------------------------
def _dtype_name(value: int) -> str:
    """``DT_FLOAT`` -> ``"float32"``; reference types read as their value type."""
    if value == types_pb2.DT_INVALID:
        return ""
    try:
        name = types_pb2.DataType.Name(value).removeprefix("DT_").removesuffix("_REF").lower()
    except ValueError:
        return f"dtype{value}"
    return _DTYPE_ALIASES.get(name, name)


def _dims(shape: tensor_shape_pb2.TensorShapeProto) -> tuple[ir.Dim, ...] | None:
    if shape.unknown_rank:
        return None
    return tuple(d.size if d.size >= 0 else "?" for d in shape.dim)


def _outputs(node_def) -> tuple[ir.TensorType, ...]:
    dtype = next((_dtype_name(node_def.attr[k].type) for k in _DTYPE_ATTRS if k in node_def.attr), "")
    shapes = node_def.attr.get("_output_shapes")
    if shapes is not None and shapes.list.shape:
        return tuple(ir.TensorType(_dims(s), dtype) for s in shapes.list.shape)
    if "shape" in node_def.attr:  # Placeholder, VariableV2
        return (ir.TensorType(_dims(node_def.attr["shape"].shape), dtype),)
    if node_def.op == "Const" and "value" in node_def.attr:
        tensor = node_def.attr["value"].tensor
        return (ir.TensorType(_dims(tensor.tensor_shape), _dtype_name(tensor.dtype)),)
    return (ir.TensorType(None, dtype),) if dtype else ()


def _parameter_count(node_def, outputs: tuple[ir.TensorType, ...]) -> int:
    """Elements of a variable: its ``shape`` attr, else its first output; 0 when unknown."""
    dims = _dims(node_def.attr["shape"].shape) if "shape" in node_def.attr else outputs[0].dims if outputs else None
    if dims is None or not all(isinstance(d, int) for d in dims):
        return 0
    if len(dims) > limits.MAX_RANK:  # before the product, which grows with every dim
        raise CaptureError(f"GraphDef variable {ir.shown(node_def.name)} has {len(dims)} dims, more than "
                           f"{limits.MAX_RANK} (tb_plugin.limits.MAX_RANK)")
    return math.prod(dims)


def _attrs(node_def) -> dict[str, ir.AttrValue]:
    out = {}
    for key in sorted(node_def.attr):
        value = None if key == "_output_shapes" else _attr_value(node_def.attr[key])
        if key == _TORCH_ATTRS and value in ("", "{}"):
            continue  # torch's rendering of a node without attributes
        if value is not None:
            out[key] = value
    return out


def _attr_value(value: attr_value_pb2.AttrValue) -> ir.AttrValue | None:
    which = value.WhichOneof("value")
    if which == "list":
        for field in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
            items = getattr(value.list, field)
            if items:
                return tuple(_scalar_attr(field, item, nested=True) for item in items)
        return ()
    return None if which is None else _scalar_attr(which, getattr(value, which))


def _scalar_attr(field: str, item, nested: bool = False) -> ir.AttrValue:
    if field == "s":
        return item.decode("utf-8", errors="replace")
    if field == "type":
        return _dtype_name(item)
    if field == "shape":
        dims = _dims(item)
        if nested:  # a tuple of tuples is no AttrValue
            return "?" if dims is None else "[" + ",".join(map(str, dims)) + "]"
        return "?" if dims is None else dims
    if field == "tensor":
        dims = _dims(item.tensor_shape)
        return f"tensor<{_dtype_name(item.dtype)}[{'...' if dims is None else ','.join(map(str, dims))}]>"
    if field == "func":
        return item.name
    return item  # i, f, b, placeholder
