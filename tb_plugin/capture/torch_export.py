"""Capture a PyTorch model with ``torch.export`` into the graph IR.

:func:`capture_module` exports an ``nn.Module`` and hands the result to
:func:`capture_exported_program`, which maps an ``ExportedProgram`` onto
:mod:`tb_plugin.ir`:

- placeholders become ``INPUT`` nodes (user inputs, named as in ``forward``) or
  ``PARAMETER`` / ``BUFFER`` / ``CONSTANT`` nodes named by their fully qualified
  name and owned by the module that holds them;
- each ``call_function`` becomes an ``OP`` node named as in the FX graph and
  owned by the innermost module of its ``nn_module_stack``. Tensor arguments
  become inputs; every other argument becomes an attribute named as in the
  operator's schema. ``operator.getitem`` on a multi-output op is not a node:
  its readers read that op's output directly;
- each output of the program becomes an ``OUTPUT`` node, named after the
  field that holds it (see below).

Models return all kinds of structures: ``ModelOutput``s, dataclasses, named
tuples, dicts and lists, and objects that only hold tensors in attributes, like
the key/value caches of transformers (``DynamicCache``, ``EncoderDecoderCache``).
``torch.export`` can return only what ``torch.utils._pytree`` knows, so
:func:`capture_module` always exports the model through a wrapper Module whose
forward takes the model's arguments and returns a flat ``{name: tensor}`` dict
(:mod:`tb_plugin.capture.output_structures`); the wrapper's module path is then stripped, so
the graph shows the model's own module paths and parameter names.

Output names. Each tensor in the output is named by the path that leads to it:
mapping keys, field and attribute names and sequence indices joined by ``.``
(``last_hidden_state``, ``cache.layers.0.keys``). A path that starts with an
index, as for a tuple returned by ``forward``, starts ``output_<index>``
(``output_0``, ``output_1.logits``); a lone tensor is ``output``.
``None`` and other non-tensor values are dropped. A tensor held under several
paths gets one ``OUTPUT`` node per path, all reading the same producer. A name
already taken (by another path, an op or a parameter) gets ``_1``, ``_2``...
appended. :func:`capture_exported_program` names the outputs of any program
the same way, from its output tree.

Op nodes carry ``meta["module_call"]`` (0 for the first call of their module,
1 for the second...) and ``meta["stack_trace"]`` for passes that want them.

Assumptions: torch 2.x export graphs (ATen ops, FX metadata ``val`` and
``nn_module_stack``). Subgraphs of higher-order ops (``torch.cond``...) are
drawn as one op each; their bodies are not inlined. torch is imported only
when a function is called, so importing this module never needs it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from tb_plugin import ir
from tb_plugin.capture import CaptureError, UniqueNames, split_inputs
from tb_plugin.capture.module_calls import ModuleCalls, call_key
from tb_plugin.capture.output_structures import WRAPPED_PATH, flat_output_module, output_name

if TYPE_CHECKING:
    import torch

__all__ = [
    "attr_value",
    "capture_exported_program",
    "capture_module",
    "normalize_module_path",
    "qualified_class_name",
    "relative_path",
]

# Placeholder kinds of ``torch.export.graph_signature.InputKind`` that hold state.
_STATE_KINDS = {
    "PARAMETER": ir.NodeKind.PARAMETER,
    "BUFFER": ir.NodeKind.BUFFER,
    "CONSTANT_TENSOR": ir.NodeKind.CONSTANT,
    "CUSTOM_OBJ": ir.NodeKind.CONSTANT,
}
_ROOT_PATHS = {"", "self", "L['self']", "L__self__"}


def capture_module(
    model: torch.nn.Module,
    example_inputs: Any,
    *,
    name: str | None = None,
    strict: bool = False,
    dynamic_shapes: Any = None,
) -> ir.Graph:
    """Export ``model`` with ``torch.export.export`` and convert it to the IR.

    ``example_inputs`` is one tensor, a tuple or list of positional arguments,
    or a dict of keyword arguments; ``dynamic_shapes`` refers to them as it
    would for ``torch.export.export(model, ...)``. Whatever ``forward`` returns
    is flattened to its tensors, each an ``OUTPUT`` node named after its field
    (see the module docstring). The model is exported in whatever train/eval
    mode the caller left it in, and left in that mode afterwards.
    ``name`` defaults to the model's class name. Raises :class:`CaptureError`
    when the model cannot be exported or returns no tensor.
    """
    import torch

    if not isinstance(model, torch.nn.Module):
        raise CaptureError(
            f"capture_module needs a torch.nn.Module, got {type(model).__name__}; "
            "wrap the function in a Module whose forward calls it"
        )
    args, kwargs = split_inputs(example_inputs)
    class_name = qualified_class_name(type(model))
    # Some export paths flip training flags; the caller's model must not change.
    modes = [(module, module.training) for module in model.modules()]
    try:
        wrapper = flat_output_module(model)
        ep = torch.export.export(wrapper, args, kwargs, strict=strict, dynamic_shapes=dynamic_shapes)
    except Exception as e:
        raise CaptureError(_export_failure_message(class_name, e, strict=strict)) from e
    finally:
        for module, training in modes:
            module.training = training
    if ep.call_spec.out_spec.num_leaves == 0:
        raise CaptureError(
            f"{class_name}.forward returned no tensor, so the graph would have no output "
            "(None and other non-tensor values are dropped); return the tensors you want drawn"
        )
    graph = capture_exported_program(
        ep, name=type(model).__name__ if name is None else name, root_class=class_name, root_path=WRAPPED_PATH
    )
    graph.capture = "torch.export(strict)" if strict else "torch.export"
    # The program only knows the classes of modules that ran an op.
    try:
        for path, module in model.named_modules():
            graph.add_module(path, qualified_class_name(type(module)))
    except ir.GraphError as e:  # a module tree beyond tb_plugin.limits
        raise CaptureError(f"{class_name} cannot be drawn: {e}") from None
    return graph


def capture_exported_program(
    ep: torch.export.ExportedProgram, *, name: str = "", root_class: str = "", root_path: str = ""
) -> ir.Graph:
    """Convert an ``ExportedProgram`` to the IR; the result passes :meth:`ir.Graph.lint`.

    ``root_path`` is the path of the module, inside the exported one, that the
    graph is about (``"model"`` when a wrapper holding it was exported): module
    paths and state names are given relative to it, and the modules outside
    it are not drawn; their ops belong to the root. Raises :class:`CaptureError`
    when the graph exceeds a limit of :mod:`tb_plugin.limits`.
    """
    try:
        return _program_graph(ep, name=name, root_class=root_class, root_path=root_path)
    except ir.GraphError as e:  # a graph beyond tb_plugin.limits, or names the IR cannot hold
        raise CaptureError(f"the exported program of {name or root_class or 'the model'} cannot be drawn: {e}") from None


def _program_graph(ep: torch.export.ExportedProgram, *, name: str, root_class: str, root_path: str) -> ir.Graph:
    import torch

    graph = ir.Graph(
        name, ir.SourceFormat.TORCH_EXPORT, f"torch {torch.__version__}", root_class, capture="torch.export"
    )
    signature = ep.graph_signature
    state = {_state_name(fqn, root_path): value for fqn, value in {**ep.state_dict, **ep.constants}.items()}
    known_paths = [entry.fqn for entry in ep.module_call_graph]
    known_paths += [ir.parent_path(fqn) for fqn in {**ep.state_dict, **ep.constants}]
    for path in known_paths:
        local = relative_path(normalize_module_path(path, known_paths), root_path)
        if local is not None:
            graph.add_module(local)

    fx_nodes = list(ep.graph.nodes)
    # Ops and user inputs keep their FX names, which FX made unique; state and
    # output nodes take new names and must not collide with them.
    taken = UniqueNames(node.name for node in fx_nodes if node.op != "output")
    input_specs = {spec.arg.name: spec for spec in signature.input_specs if hasattr(spec.arg, "name")}
    refs: dict[str, ir.InputRef] = {}
    calls = ModuleCalls()
    first_names: dict[int, str] = {}  # id of a state tensor -> its first node, for tied weights
    for node in fx_nodes:
        if node.op == "placeholder":
            spec = input_specs.get(node.name)
            kind = _STATE_KINDS.get(spec.kind.name) if spec is not None else None
            if kind is None:
                ir_node = ir.Node(node.name, "input", ir.NodeKind.INPUT, outputs=_tensor_types(node.meta.get("val")))
            else:
                fqn = _state_name(spec.target, root_path)
                ir_node = _state_node(fqn, kind, state.get(fqn), taken.take(fqn), first_names)
                ir_node.meta["fx_name"] = node.name
            refs[node.name] = ir.InputRef(graph.add_node(ir_node).name)
        elif node.op == "call_function" and (ref := _getitem_ref(node, graph, refs)) is not None:
            refs[node.name] = ref
        elif node.op in ("call_function", "get_attr"):
            stack = node.meta.get("nn_module_stack") or {}
            module, call = _register_module_stack(graph, stack, known_paths, root_path, calls)
            graph.add_node(_op_node(node, refs, module, call))
            refs[node.name] = ir.InputRef(node.name)
        elif node.op == "output":
            names = _user_output_names(ep)
            for ir_node in _output_nodes(node, signature.output_specs, names, refs, taken, root_path):
                graph.add_node(ir_node)
        else:
            raise CaptureError(
                f"FX node {node.name!r} is a {node.op!r} node, which torch.export programs do not hold; "
                "pass an ExportedProgram from torch.export.export, or use capture_module"
            )

    # Strict export drops parameters and buffers that forward never reads; keep
    # them so that both modes show the model's full state.
    lifted = {spec.target for spec in signature.input_specs}
    for fqn, tensor in ep.state_dict.items():
        if fqn not in lifted:
            kind = ir.NodeKind.PARAMETER if isinstance(tensor, torch.nn.Parameter) else ir.NodeKind.BUFFER
            local = _state_name(fqn, root_path)
            graph.add_node(_state_node(local, kind, tensor, taken.take(local), first_names))
    return graph


def normalize_module_path(path: str, known_paths: Collection[str] = ()) -> str:
    """The dotted module path (``"encoder.layer.0"``) of an ``nn_module_stack`` path.

    torch 2.13 already writes dotted paths in both strict and non-strict mode;
    older releases and raw Dynamo graphs write Python expressions or mangled
    names, which are mapped back here. A mangled name is resolved against
    ``known_paths``; one that matches none is kept as it is.

    >>> normalize_module_path("encoder.layer.0")
    'encoder.layer.0'
    >>> normalize_module_path("L['self'].encoder.layer[0]._modules['attn']")
    'encoder.layer.0.attn'
    >>> normalize_module_path("L__self___encoder_layer_0", ["encoder", "encoder.layer", "encoder.layer.0"])
    'encoder.layer.0'
    >>> normalize_module_path("L['self']")
    ''
    """
    path = path.strip()
    if path in _ROOT_PATHS:
        return ""
    if path.startswith("L__self___"):
        mangled = path[len("L__self___") :]
        matches = [p for p in known_paths if re.sub(r"[^a-zA-Z0-9]", "_", p) == mangled]
        return matches[0] if matches else mangled
    for root in ("L['self']", "self"):
        if path.startswith(root + ".") or path.startswith(root + "["):
            path = path[len(root) :]
            break
    path = re.sub(r"\._modules\[(['\"])(.*?)\1\]", r".\2", path)
    path = re.sub(r"\[(['\"])(.*?)\1\]", r".\2", path)
    path = re.sub(r"\[(\d+)\]", r".\1", path)
    return path.strip(".")


def qualified_class_name(cls: Any) -> str:
    """``"package.module.Class"`` for a class, or for the class strings FX metadata holds.

    >>> qualified_class_name(Collection)
    'collections.abc.Collection'
    >>> qualified_class_name("<class 'torch.nn.modules.linear.Linear'>")
    'torch.nn.modules.linear.Linear'
    >>> qualified_class_name("torch.nn.modules.linear.Linear")
    'torch.nn.modules.linear.Linear'
    """
    if isinstance(cls, type):
        return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    text = str(cls)
    match = re.fullmatch(r"<class '(.+)'>", text)
    return match.group(1) if match else text


# -- nodes ---------------------------------------------------------------------
def _state_node(fqn: str, kind: ir.NodeKind, value: Any, name: str, first_names: dict[int, str]) -> ir.Node:
    """A state node; a tensor already drawn under another name (a tied weight) counts no parameters again."""
    import torch

    if not isinstance(value, torch.Tensor):
        return ir.Node(name, kind.value, kind, ir.parent_path(fqn) or "")
    first = first_names.setdefault(id(value), name)
    count, attrs = (value.numel(), {}) if first == name else (0, {"tied_to": first})
    outputs = _tensor_types(value)
    return ir.Node(name, kind.value, kind, ir.parent_path(fqn) or "", (), outputs, attrs, parameter_count=count)


def _op_node(node: torch.fx.Node, refs: dict[str, ir.InputRef], module: str, module_call: int) -> ir.Node:
    inputs: list[ir.InputRef] = []
    attrs: dict[str, ir.AttrValue] = {}
    schema = getattr(node.target, "_schema", None)
    names = [arg.name for arg in schema.arguments] if schema is not None else []
    arguments = [(names[i] if i < len(names) else f"arg{i}", arg) for i, arg in enumerate(node.args)]
    for key, arg in [*arguments, *node.kwargs.items()]:
        if _collect_inputs(arg, refs, inputs):
            continue
        value = attr_value(arg)
        if value is not None:
            attrs[key] = value
    if node.op == "get_attr":
        attrs["target"] = str(node.target)
    meta = {"module_call": module_call, "stack_trace": node.meta.get("stack_trace") or ""}
    return ir.Node(
        node.name,
        _op_name(node),
        ir.NodeKind.CONSTANT if node.op == "get_attr" else ir.NodeKind.OP,
        module,
        tuple(inputs),
        _tensor_types(node.meta.get("val")),
        attrs,
        meta=meta,
    )


def _output_nodes(
    node: torch.fx.Node,
    specs: list,
    user_names: list[str] | None,
    refs: dict[str, ir.InputRef],
    taken: UniqueNames,
    root_path: str,
) -> list[ir.Node]:
    """One ``OUTPUT`` node per program output, in the signature's order (mutated state, then user outputs)."""
    values = node.args[0] if isinstance(node.args[0], (tuple, list)) else (node.args[0],)
    user_count = sum(spec.kind.name == "USER_OUTPUT" for spec in specs)
    if user_names is None or len(user_names) != user_count:
        user_names = ["output"] if user_count == 1 else [f"output_{i}" for i in range(user_count)]
    nodes, user_index = [], 0
    for spec, value in zip(specs, values, strict=True):
        target = _state_name(spec.target, root_path) if spec.target else spec.target
        if spec.kind.name == "USER_OUTPUT":
            name, op = user_names[user_index], "output"
            user_index += 1
        else:
            op = spec.kind.name.lower()  # e.g. "buffer_mutation"
            name = f"{op}:{target}" if target else op
        inputs: list[ir.InputRef] = []
        if not _collect_inputs(value, refs, inputs):
            attrs = {"value": "None" if value is None else attr_value(value)}
        else:
            attrs = {"target": target} if target else {}
        nodes.append(ir.Node(taken.take(name), op, ir.NodeKind.OUTPUT, inputs=tuple(inputs), attrs=attrs))
    return nodes


def _user_output_names(ep: torch.export.ExportedProgram) -> list[str] | None:
    """The program's user outputs named by their paths in its output tree; ``None`` if it has no key paths."""
    from torch.utils import _pytree as pytree

    spec = ep.call_spec.out_spec
    if spec is None:
        return None
    tree = pytree.tree_unflatten(list(range(spec.num_leaves)), spec)
    try:
        leaves, _ = pytree.tree_flatten_with_path(tree)
    except ValueError:  # a pytree node registered without key paths: outputs are numbered instead
        return None
    return [output_name(tuple(_key_text(key) for key in path)) for path, _ in leaves]


def _key_text(key: Any) -> str:
    for field in ("idx", "key", "name"):  # SequenceKey, MappingKey, GetAttrKey
        if hasattr(key, field):
            return str(getattr(key, field))
    return str(key)


def _getitem_ref(node: torch.fx.Node, graph: ir.Graph, refs: dict[str, ir.InputRef]) -> ir.InputRef | None:
    """The output that an ``operator.getitem`` on a multi-output op selects; ``None`` to keep it as a node."""
    import operator

    if node.target is not operator.getitem or len(node.args) != 2:
        return None
    source, index = node.args
    producer = graph.nodes.get(getattr(source, "name", None))
    if producer is None or producer.kind is not ir.NodeKind.OP or type(index) is not int:
        return None
    return ir.InputRef(producer.name, index) if 0 <= index < len(producer.outputs) else None


def _register_module_stack(
    graph: ir.Graph, stack: dict, known_paths: Collection[str], root_path: str, calls: ModuleCalls
) -> tuple[str, int]:
    """Add every module instance of an ``nn_module_stack`` (outermost first) that lies under ``root_path``.

    Returns the innermost module instance's path (see :mod:`tb_plugin.capture.module_calls`)
    and which call of its module ran the op: FX keys a module's second call
    ``"<key>@1"``, its third ``"<key>@2"``...
    """
    levels, classes = [], []
    for stack_key, (raw_path, cls) in stack.items():
        local = relative_path(normalize_module_path(raw_path, known_paths), root_path)
        if local is not None:
            levels.append((stack_key, local))
            classes.append(cls)
    if not levels:
        return "", 0
    instances = calls.instances(levels)
    for instance, cls in zip(instances, classes):
        graph.add_module(instance, qualified_class_name(cls))
    return instances[-1], call_key(levels[-1][0])[1]


def relative_path(path: str, root_path: str) -> str | None:
    """``path`` relative to the module at ``root_path``; ``None`` when it lies outside it.

    >>> relative_path("model.h.0", "model"), relative_path("model", "model"), relative_path("", "model")
    ('h.0', '', None)
    >>> relative_path("h.0", "")
    'h.0'
    """
    if not root_path or path.startswith(root_path + "."):
        return path[len(root_path) + 1 :] if root_path else path
    return "" if path == root_path else None


def _state_name(fqn: str, root_path: str) -> str:
    """A state tensor's name relative to ``root_path``; constants that torch lifted outside it keep theirs."""
    local = relative_path(fqn, root_path)
    return fqn if local is None else local


# -- values ----------------------------------------------------------------------
def _collect_inputs(arg: Any, refs: dict[str, ir.InputRef], inputs: list[ir.InputRef]) -> bool:
    """Append the refs of every FX node in ``arg`` (nested lists included); whether there were any."""
    import torch

    if isinstance(arg, torch.fx.Node):
        inputs.append(refs[arg.name])
        return True
    if isinstance(arg, (list, tuple)):
        found = [_collect_inputs(item, refs, inputs) for item in arg]
        return any(found)
    return False


def _op_name(node: torch.fx.Node) -> str:
    import torch

    target = node.target
    if node.op == "get_attr":
        return "get_attr"
    if isinstance(target, torch._ops.HigherOrderOperator):
        return f"{target.namespace}.{target.name()}"
    if isinstance(target, (torch._ops.OpOverload, torch._ops.OpOverloadPacket)):
        return str(target)
    module = getattr(target, "__module__", None) or ""
    qualname = getattr(target, "__qualname__", None) or str(target)
    module = "operator" if module == "_operator" else module
    return f"{module}.{qualname}" if module else qualname


def attr_value(value: Any) -> ir.AttrValue | None:
    """An argument as an IR attribute; ``None`` for an unset optional argument."""
    import torch

    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (torch.dtype, torch.memory_format, torch.layout)):
        return str(value).removeprefix("torch.")
    if isinstance(value, (list, tuple)):
        items = tuple("None" if item is None else attr_value(item) for item in value)
        # Keep tuples homogeneous so that they survive the proto's typed lists.
        if all(type(item) is int for item in items):
            return items
        if all(type(item) in (int, float) for item in items):
            return tuple(float(item) for item in items)
        return tuple(str(item) for item in items)
    return str(value)  # devices, symbolic ints, enums


def _tensor_types(val: Any) -> tuple[ir.TensorType, ...]:
    if val is None:
        return ()
    if isinstance(val, (list, tuple)):
        return tuple(_tensor_type(item) for item in val)
    return (_tensor_type(val),)


def _tensor_type(val: Any) -> ir.TensorType:
    import torch

    if not isinstance(val, torch.Tensor):
        return ir.TensorType(None, "")
    return ir.TensorType(tuple(_dim(d) for d in val.shape), str(val.dtype).removeprefix("torch."))


def _dim(size: Any) -> ir.Dim:
    if isinstance(size, int):
        return size
    concrete = size.node.maybe_as_int()
    return concrete if concrete is not None else str(size)


def _export_failure_message(class_name: str, error: Exception, *, strict: bool) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()][:2]
    summary = " ".join(lines)[:400] or "(no message)"
    hints = []
    if "data-dependent" in str(error).lower() or type(error).__name__ == "GuardOnDataDependentSymNode":
        hints.append("forward branches on tensor values: express the branch with torch.cond or torch.where")
    hints += [
        f"capture with strict={not strict}",
        "pass dynamic_shapes=... (or none) so the example inputs fit the shapes forward accepts",
        "wrap the model in a Module whose forward takes only tensors (or tuples/dicts of them)",
        "or log the graph another way: SummaryWriter.add_graph (TorchScript trace) or an ONNX export",
    ]
    return (
        f"torch.export could not capture {class_name} (strict={strict}): {type(error).__name__}: {summary}\n"
        "What to try:\n" + "\n".join(f"- {hint}" for hint in hints)
    )
