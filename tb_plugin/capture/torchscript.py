"""Capture a PyTorch model as a TorchScript graph (``torch.jit.trace``) into the graph IR.

The fallback of :mod:`tb_plugin.capture.chain` for models that ``torch.export``
cannot capture, mostly because ``forward`` branches on tensor values (detection
models filtering proposals, early exits). A trace runs ``forward`` once and
records the operators that ran, so it always yields a graph, but only of the
path the example inputs took: a ``ScriptModule`` (``torch.jit.script``) keeps
its branches and loops, each drawn as one ``prim::If`` / ``prim::Loop`` node.

The result is the same kind of IR as :func:`tb_plugin.capture.torch_export.capture_module`
gives, for the same reasons (see its module docstring):

- the model is traced inside :func:`~tb_plugin.capture.output_structures.flat_output_module`,
  so outputs are named by their fields (``last_hidden_state``, ``output_0``)
  and module paths are relative to the model (``encoder.layer.0``);
- graph inputs are named after ``forward``'s arguments; parameters, buffers and
  tensor attributes are named by their fully qualified names, owned by their
  module, with their element count, shape and dtype (tied weights count once);
- each operator keeps its TorchScript spelling (``aten::linear``,
  ``prim::TupleConstruct``), which :mod:`tb_plugin.capture_noise` recognises;
  non-tensor constant arguments become attributes named as in the operator's
  schema, tensor constants become ``CONSTANT`` nodes.

Module of an operator: a trace records each operator's scope,
``__module.encoder/__module.encoder.layer.0``, whose last segment is the
module's full path. Operators inside a scripted module have no scope; their
inlined call stack (``encoder(Encoder).0(Layer)``) skips the containers that
were indexed rather than called (``ModuleList``), exactly like the scopes of
``SummaryWriter.add_graph``, so they are resolved the way the GraphDef reader
resolves those (:class:`tb_plugin.capture.graphdef_scopes.TorchModuleTree`).

torch is imported only when a function is called.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from typing import TYPE_CHECKING, Any

from tb_plugin import ir
from tb_plugin.capture import CaptureError, UniqueNames, split_inputs
from tb_plugin.capture.graphdef_scopes import TorchModuleTree
from tb_plugin.capture.output_structures import WRAPPED_PATH, flat_output_module
from tb_plugin.capture.torch_export import attr_value, qualified_class_name, relative_path

if TYPE_CHECKING:
    import torch

__all__ = ["capture_torchscript"]

_SCOPE_PREFIX = "__module."
_CONTROL_FLOW = ("prim::If", "prim::Loop")
_SCALAR_DTYPES = {"int": "int64", "float": "float64", "bool": "bool"}
_HIERARCHY_SEGMENT = re.compile(r"([^()]*)\((.*)\)")
_UNKNOWN_SEGMENT = "UNKNOWN_INSTANCE"  # a call stack's entry for a function, not a module


def capture_torchscript(model: torch.nn.Module, example_inputs: Any, *, name: str | None = None) -> ir.Graph:
    """Trace ``model`` on ``example_inputs`` (a tensor, a tuple, or a dict of keywords) and convert the trace.

    The trace is taken with ``strict=False`` (dict and list outputs allowed) and
    without ``check_trace``; its ``TracerWarning`` s are not shown, since a trace
    that follows one path is the expected result here. The model is traced in
    the train/eval mode the caller left it in and left in that mode.
    Raises :class:`CaptureError` when the model cannot be traced or returns no tensor.
    """
    import torch

    if not isinstance(model, torch.nn.Module):
        raise CaptureError(f"capture_torchscript needs a torch.nn.Module, got {type(model).__name__}")
    args, kwargs = split_inputs(example_inputs)
    class_name = _class_name(model)
    wrapper = flat_output_module(model)
    modes = [(module, module.training) for module in model.modules()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", torch.jit.TracerWarning)
            warnings.simplefilter("ignore", DeprecationWarning)  # torch 2.13 deprecates jit.trace; it is the fallback here
            options = dict(strict=False, check_trace=False)
            traced = (torch.jit.trace(wrapper, example_kwarg_inputs=kwargs, **options) if kwargs and not args
                      else torch.jit.trace(wrapper, args, **options))
    except Exception as e:  # tracing raises whatever forward raises
        if "cannot infer type of {}" in str(e):  # the wrapper's dict is empty
            raise CaptureError(_no_output_message(class_name)) from e
        raise CaptureError(f"torch.jit.trace could not trace {class_name}: {type(e).__name__}: {_first_line(e)}") from e
    finally:
        for module, training in modes:
            module.training = training
    jit_graph = traced.inlined_graph  # a copy: the passes below leave the traced module as it was
    with contextlib.suppress(RuntimeError):  # a tuple it cannot follow stays, drawn as plumbing
        torch._C._jit_pass_lower_all_tuples(jit_graph)  # tuples built and unpacked in the graph: direct reads
    graph = _convert(jit_graph, wrapper, name=_short_class(model) if name is None else name,
                     root_class=class_name)
    if not any(node.kind is ir.NodeKind.OUTPUT for node in graph.nodes.values()):
        raise CaptureError(_no_output_message(class_name))
    return graph


def _no_output_message(class_name: str) -> str:
    return (
        f"{class_name}.forward returned no tensor, so the graph would have no output "
        "(None and other non-tensor values are dropped); return the tensors you want drawn"
    )


# -- conversion ----------------------------------------------------------------------
class _Converter:
    """Walks one inlined TorchScript graph of the wrapper and builds the IR."""

    def __init__(self, wrapper: torch.nn.Module, graph: ir.Graph) -> None:
        self.wrapper, self.graph = wrapper, graph
        self.refs: dict[int, ir.InputRef] = {}  # Value.unique() -> where the IR reads it
        self.constants: dict[int, Any] = {}  # Value.unique() -> a non-tensor constant
        self.objects: dict[int, str] = {}  # Value.unique() -> attribute path of a module or tensor object
        self.names = UniqueNames()
        self.first_names: dict[int, str] = {}  # id of a state tensor -> its node, for tied weights
        self.state_nodes: dict[str, str] = {}  # local path of a state tensor -> its node
        self.parameters = dict(wrapper.named_parameters(remove_duplicate=False))
        self.buffers = dict(wrapper.named_buffers(remove_duplicate=False))
        self.tree = _module_tree(wrapper)
        self.schemas: dict[str, list[str]] = {}

    # values ----------------------------------------------------------------------------
    def read(self, value: Any, inputs: list[ir.InputRef]) -> Any:
        """Append where ``value`` is read from to ``inputs``; return its constant instead if it has one."""
        key = value.unique()
        if key in self.constants:
            return self.constants[key]
        ref = self.refs.get(key)
        if ref is None and key in self.objects:
            ref = self.state_ref(self.objects[key])
        if ref is not None:
            inputs.append(ref)
        return None

    def state_ref(self, path: str) -> ir.InputRef | None:
        """The node of the parameter, buffer or tensor attribute at ``path`` (made on first use)."""
        local = relative_path(path, WRAPPED_PATH)
        local = path if local is None else local
        if local in self.state_nodes:
            return ir.InputRef(self.state_nodes[local])
        tensor = self.parameters.get(path)
        kind = ir.NodeKind.PARAMETER
        if tensor is None:
            tensor, kind = self.buffers.get(path), ir.NodeKind.BUFFER
        if tensor is None:
            tensor, kind = _attribute(self.wrapper, path), ir.NodeKind.CONSTANT
        if tensor is None:
            return None  # a module, or an attribute forward never reads as a tensor
        return ir.InputRef(self.add_state(local, kind, tensor))

    def add_state(self, local: str, kind: ir.NodeKind, tensor: Any) -> str:
        """Add the node of a state tensor; return its name."""
        name = self.state_nodes[local] = self.names.take(local)
        first = self.first_names.setdefault(id(tensor), name)
        count, attrs = (tensor.numel(), {}) if first == name else (0, {"tied_to": first})
        self.graph.add_node(ir.Node(name, kind.value, kind, ir.parent_path(local) or "", (),
                                    (_tensor_type(tensor),), attrs, parameter_count=count))
        return name

    # nodes -----------------------------------------------------------------------------
    def add_inputs(self, jit_graph: Any) -> None:
        for value in list(jit_graph.inputs())[1:]:  # input 0 is the wrapper itself
            name = self.names.take(re.sub(r"\.\d+$", "", value.debugName()) or "input")
            self.graph.add_node(ir.Node(name, "input", ir.NodeKind.INPUT, outputs=(_value_type(value),)))
            self.refs[value.unique()] = ir.InputRef(name)
        self.objects[next(iter(jit_graph.inputs())).unique()] = ""

    def add_node(self, node: Any) -> None:
        kind = node.kind()
        outputs = list(node.outputs())
        if kind == "prim::GetAttr":
            parent = self.objects.get(node.input().unique())
            if parent is not None:
                self.objects[node.output().unique()] = ir.join_path(parent, node.s("name"))
            return
        if kind == "prim::Constant":
            self.add_constant(node)
            return
        if kind == "prim::ListConstruct" and all(v.unique() in self.constants for v in node.inputs()):
            self.constants[node.output().unique()] = tuple(self.constants[v.unique()] for v in node.inputs())
            return
        inputs: list[ir.InputRef] = []
        attrs: dict[str, ir.AttrValue] = {}
        names = self.argument_names(node)
        for index, value in enumerate(node.inputs()):
            constant = self.read(value, inputs)
            converted = None if constant is None else attr_value(constant)
            if converted is not None:
                attrs[names[index] if index < len(names) else f"arg{index}"] = converted
        if kind in _CONTROL_FLOW:  # drawn as one op: what its blocks read from outside comes in as inputs
            for attribute in _block_attributes(node):
                self.add_node(attribute)
            for value in _free_values(node):
                self.read(value, inputs)
        name = self.names.take(kind.rpartition("::")[2] or kind)
        module = self.module_of(node)
        self.graph.add_node(ir.Node(name, kind, ir.NodeKind.OP, module, tuple(dict.fromkeys(inputs)),
                                    tuple(_value_type(v) for v in outputs), attrs,
                                    meta={"module_call": 0, "stack_trace": _source(node)}))
        for index, value in enumerate(outputs):
            self.refs[value.unique()] = ir.InputRef(name, index)

    def add_constant(self, node: Any) -> None:
        import torch

        value = node.output()
        constant = value.toIValue()
        if not isinstance(constant, torch.Tensor):
            self.constants[value.unique()] = constant
            return
        name = self.names.take("constant")
        attrs = {}
        if constant.numel() == 1 and constant.device.type != "meta":
            attrs["value"] = attr_value(constant.item())  # a Python scalar the trace recorded as a tensor
        self.graph.add_node(ir.Node(name, "prim::Constant", ir.NodeKind.CONSTANT, self.module_of(node), (),
                                    (_tensor_type(constant),), attrs, parameter_count=constant.numel()))
        self.refs[value.unique()] = ir.InputRef(name)

    def add_outputs(self, jit_graph: Any) -> None:
        """One ``OUTPUT`` node per entry of the wrapper's ``{name: tensor}`` dict."""
        (result,) = list(jit_graph.outputs())
        producer = result.node()
        if producer.kind() != "prim::DictConstruct":
            raise CaptureError(f"the trace returns a {producer.kind()}, not the dict GraphFold's wrapper returns")
        values = list(producer.inputs())
        for key, value in zip(values[0::2], values[1::2], strict=True):
            inputs: list[ir.InputRef] = []
            self.read(value, inputs)
            name = self.names.take(str(self.constants.get(key.unique(), "output")))
            self.graph.add_node(ir.Node(name, "output", ir.NodeKind.OUTPUT, inputs=tuple(inputs)))

    def add_unread_state(self) -> None:
        """Parameters and buffers forward never read: the graph still shows the model's whole state."""
        for path, tensor in [*self.parameters.items(), *self.buffers.items()]:
            local = relative_path(path, WRAPPED_PATH)
            if local and local not in self.state_nodes:
                kind = ir.NodeKind.PARAMETER if path in self.parameters else ir.NodeKind.BUFFER
                self.add_state(local, kind, tensor)

    # modules and schemas -----------------------------------------------------------------
    def module_of(self, node: Any) -> str:
        scope = node.scopeName().rpartition("/")[2]
        path = scope.removeprefix(_SCOPE_PREFIX) if scope.startswith(_SCOPE_PREFIX) else ""
        hierarchy = node.getModuleHierarchy()
        if hierarchy:  # an op of a scripted module: its call stack, resolved against the module tree
            path = _resolve(self.tree, hierarchy)
        local = relative_path(path, WRAPPED_PATH)
        if not local:
            return ""
        if local not in self.graph.modules:
            self.graph.add_module(local)
        return local

    def argument_names(self, node: Any) -> list[str]:
        import torch

        schema = node.schema()
        names = self.schemas.get(schema)
        if names is None:
            try:
                names = [argument.name for argument in torch._C.parse_schema(schema).arguments]
            except RuntimeError:  # "(no schema)": prim:: ops
                names = []
            self.schemas[schema] = names
        return names


def _convert(jit_graph: Any, wrapper: torch.nn.Module, *, name: str, root_class: str) -> ir.Graph:
    import torch

    graph = ir.Graph(name, ir.SourceFormat.TORCHSCRIPT, f"torch {torch.__version__}", root_class,
                     capture="torchscript")
    model = getattr(wrapper, WRAPPED_PATH)
    for path, module in model.named_modules():
        if path:
            graph.add_module(path, _class_name(module))
    converter = _Converter(wrapper, graph)
    converter.add_inputs(jit_graph)
    result = next(iter(jit_graph.outputs())).node()  # the wrapper's dict: add_outputs reads its entries
    try:
        for node in jit_graph.nodes():
            if node is not result:
                converter.add_node(node)
        converter.add_outputs(jit_graph)
        converter.add_unread_state()
    except ir.GraphError as e:
        raise CaptureError(f"the trace of {root_class} cannot be drawn: {e}") from e
    return graph


def _module_tree(wrapper: torch.nn.Module) -> TorchModuleTree:
    """The wrapper's modules with the short class names that call stacks print."""
    tree = TorchModuleTree(_short_class(wrapper))
    for path, module in wrapper.named_modules():
        parts = path.split(".") if path else []
        owners = [wrapper.get_submodule(".".join(parts[: i + 1])) for i in range(len(parts))]
        tree.add_chain("", [(part, _short_class(owner)) for part, owner in zip(parts, owners)])
    return tree


def _resolve(tree: TorchModuleTree, hierarchy: str) -> str:
    """``"model(Net).0(Block).fc(Linear)"`` -> ``"model.blocks.0.fc"``: the module a call stack means."""
    segments = []
    for part in hierarchy.split("."):
        match = _HIERARCHY_SEGMENT.fullmatch(part)
        if match is None or match[1] == _UNKNOWN_SEGMENT:
            break
        segments.append((match[1], match[2]))
    candidates, _ = tree.resolve(segments)
    common = []
    for parts in zip(*(c.split(".") for c in candidates)):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    return candidates[0] if len(candidates) == 1 else ".".join(common)


def _free_values(node: Any) -> list[Any]:
    """Values that the blocks of a control-flow node read but do not define.

    An attribute read inside a block (``self.fc.weight``) counts as read from
    outside: the IR has the parameter it names as a node of its own.
    """
    defined, used = set(), []
    stack = list(node.blocks())
    while stack:
        block = stack.pop()
        defined.update(v.unique() for v in block.inputs())
        for inner in block.nodes():
            if inner.kind() != "prim::GetAttr":
                defined.update(v.unique() for v in inner.outputs())
            used.extend(inner.inputs())
            stack.extend(inner.blocks())
        used.extend(block.returnNode().inputs())
    return [v for v in used if v.unique() not in defined]


def _block_attributes(node: Any) -> list[Any]:
    """The ``prim::GetAttr`` nodes inside the blocks of a control-flow node, outer ones first."""
    found, stack = [], list(node.blocks())
    while stack:
        block = stack.pop(0)
        for inner in block.nodes():
            if inner.kind() == "prim::GetAttr":
                found.append(inner)
            stack.extend(inner.blocks())
    return found


# -- types and names -------------------------------------------------------------------
def _value_type(value: Any) -> ir.TensorType:
    import torch

    t = value.type()
    if isinstance(t, torch._C.TensorType):
        sizes = t.varyingSizes()
        dims = None if sizes is None or any(s is None for s in sizes) else tuple(sizes)
        dtype = t.dtype()
        return ir.TensorType(dims, "" if dtype is None else str(dtype).removeprefix("torch."))
    kind = str(t)
    return ir.TensorType((), _SCALAR_DTYPES[kind]) if kind in _SCALAR_DTYPES else ir.TensorType(None, "")


def _tensor_type(tensor: Any) -> ir.TensorType:
    return ir.TensorType(tuple(int(d) for d in tensor.shape), str(tensor.dtype).removeprefix("torch."))


def _attribute(root: Any, path: str) -> Any:
    """The tensor at dotted ``path`` under ``root``; ``None`` when it is not a tensor."""
    import torch

    value = root
    for part in path.split("."):
        value = getattr(value, part, None)
    return value if isinstance(value, torch.Tensor) else None


def _class_name(module: Any) -> str:
    """The qualified class of a module; a ScriptModule's is the class it was scripted from."""
    import torch

    if isinstance(module, torch.jit.ScriptModule):
        qualified = module._c._type().qualified_name() if hasattr(module, "_c") else ""
        return re.sub(r"(^__torch__\.|___torch_mangle_\d+\.)", "", qualified) or module.original_name
    return qualified_class_name(type(module))


def _short_class(module: Any) -> str:
    import torch

    return module.original_name if isinstance(module, torch.jit.ScriptModule) else type(module).__name__


def _source(node: Any) -> str:
    with contextlib.suppress(Exception):  # some nodes have no source range
        return str(node.sourceRange()).strip().splitlines()[0][:300]
    return ""


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return (lines[0] if lines else "(no message)")[:300]
