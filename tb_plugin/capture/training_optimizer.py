"""The optimizer phase of a training-step graph: one update of every parameter, traced from torch's own code.

Supported: ``torch.optim.SGD`` (momentum, dampening, Nesterov, weight
decay), ``torch.optim.Adam`` and ``torch.optim.AdamW`` (AMSGrad included),
with any number of parameter groups. The update of one parameter is traced
with torch's functional form of the optimizer (``torch.optim.sgd.sgd``,
``torch.optim.adam.adam``), one tensor at a time and functionalized, on
``meta`` tensors: no weight or state is read or changed. It is traced once per
group and parameter shape, and drawn for every parameter of that shape (a
trace per parameter took 9 of BERT-base's 15 s). Adam is traced in its
``differentiable`` form, whose step counter is a tensor, so tracing reads no
value; it computes the same update. The state is drawn as it is after the
first step (momentum buffers, moments and step counters exist), whatever the
optimizer holds now.

Where the operators go: the update of parameter ``encoder.layer.0.fc.weight``
lies in module ``optimizer.encoder.layer.0.fc`` (class
``graphfold.Optimizer/<the forward module's class>``), so the update of a
stack of layers stacks too. Its state tensors are ``BUFFER`` nodes there
(``optimizer.encoder.layer.0.fc.weight.exp_avg``), the updated parameter an
``OUTPUT`` node ``updated:<parameter>`` there too; the new state is read by the update
and not drawn as outputs. The write-back into the parameters (``copy_``) is
not drawn either.

torch is imported only when a function is called.
"""

from __future__ import annotations

from collections.abc import Mapping

from tb_plugin import ir
from tb_plugin.capture import CaptureError, UniqueNames
from tb_plugin.capture.torch_export import _op_node, _tensor_types, qualified_class_name

__all__ = ["OPTIMIZER_CLASS", "OPTIMIZER_PATH", "SUPPORTED_OPTIMIZERS", "add_optimizer_step"]

OPTIMIZER_PATH = "optimizer"
"""The module holding the optimizer phase (``optimizer_1``... if the model has an ``optimizer``)."""
OPTIMIZER_CLASS = "graphfold.Optimizer"
"""Class prefix of the optimizer's modules: ``graphfold.Optimizer/<optimizer or forward module class>``."""
SUPPORTED_OPTIMIZERS = ("torch.optim.SGD", "torch.optim.Adam", "torch.optim.AdamW")

_STATE = {"SGD": ("momentum_buffer",), "Adam": ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step")}


def add_optimizer_step(
    graph: ir.Graph,
    optimizer,
    model,
    params: Mapping[str, ir.InputRef],
    grads: Mapping[str, ir.InputRef],
    names: UniqueNames,
) -> None:
    """Add ``optimizer``'s update of every parameter that has a gradient in ``grads`` (by parameter name).

    ``params`` are the graph's parameter nodes by name. Raises
    :class:`CaptureError` for an optimizer other than :data:`SUPPORTED_OPTIMIZERS`.
    """
    import torch

    kind = {torch.optim.SGD: "SGD", torch.optim.Adam: "Adam", torch.optim.AdamW: "Adam"}.get(type(optimizer))
    if kind is None:
        raise CaptureError(
            f"cannot trace the update of {qualified_class_name(type(optimizer))}: log_training_graph traces "
            f"{', '.join(SUPPORTED_OPTIMIZERS)}; pass optimizer=None to log forward, loss and backward only"
        )
    names_of: dict[int, list[str]] = {}  # a tied weight has several names; AOTAutograd may use any one
    for fqn, parameter in model.named_parameters(remove_duplicate=False):
        names_of.setdefault(id(parameter), []).append(fqn)
    root = UniqueNames(path.partition(".")[0] for path in graph.modules).take(OPTIMIZER_PATH)
    graph.add_module(root, f"{OPTIMIZER_CLASS}/{qualified_class_name(type(optimizer))}")
    for group in optimizer.param_groups:
        traced: dict[tuple, object] = {}  # the update of one parameter, by shape and dtype
        for parameter in group["params"]:
            fqn = next((n for n in names_of.get(id(parameter), ()) if n in grads and n in params), None)
            if fqn is None:
                continue  # no gradient: the step leaves it alone
            tensor = model.get_parameter(fqn)
            key = (tuple(tensor.shape), tensor.dtype)
            if key not in traced:
                traced[key] = _traced_update(kind, group, [tensor])
            _add_update(graph, traced[key], kind, group, [fqn], params, grads, names, root)


def _traced_update(kind: str, group: Mapping, tensors: list):
    """The functionalized update of one parameter group, traced on meta tensors; placeholders per :func:`_flat_roles`."""
    import torch
    from torch.optim.adam import adam as adam_update
    from torch.optim.sgd import sgd as sgd_update
    from torch.fx.experimental.proxy_tensor import make_fx

    n = len(tensors)
    roles = _flat_roles(kind, group, n)
    # One tensor per input: make_fx would trace a tensor passed twice as one input.
    flat = [torch.empty(tensors[i].shape, dtype=tensors[i].dtype, device="meta") if state != "step"
            else torch.zeros((), dtype=torch.float32, device="meta") for _, i, state in roles]

    def update(*flat_args):
        by_role: dict[str, list] = {}
        for (_, _, state), value in zip(roles, flat_args):
            by_role.setdefault(state, []).append(value)
        params, grads = by_role["param"], by_role["grad"]
        if kind == "SGD":
            buffers = by_role.get("momentum_buffer", [None] * n)
            sgd_update(params, grads, buffers, foreach=False, fused=False,
                       weight_decay=group["weight_decay"], momentum=group["momentum"], lr=group["lr"],
                       dampening=group["dampening"], nesterov=group["nesterov"], maximize=group["maximize"])
        else:
            beta1, beta2 = group["betas"]
            adam_update(params, grads, by_role["exp_avg"], by_role["exp_avg_sq"], by_role.get("max_exp_avg_sq", []),
                        by_role["step"], foreach=False, capturable=False, differentiable=True, fused=False,
                        decoupled_weight_decay=group.get("decoupled_weight_decay", False),
                        amsgrad=group["amsgrad"], beta1=beta1, beta2=beta2, lr=group["lr"],
                        weight_decay=group["weight_decay"], eps=group["eps"], maximize=group["maximize"])
        return params

    try:
        return make_fx(torch.func.functionalize(update, remove="mutations_and_views"), tracing_mode="fake")(*flat)
    except Exception as e:
        raise CaptureError(f"could not trace the optimizer's update ({type(e).__name__}: {str(e)[:300]}); "
                           "pass optimizer=None to log forward, loss and backward only") from e


def _flat_roles(kind: str, group: Mapping, n: int) -> list[tuple[str, int, str]]:
    """``(role, parameter index, state name)`` of each traced input: parameters, gradients, then state lists."""
    states = list(_STATE[kind])
    if kind == "SGD" and not group["momentum"]:
        states = []
    if kind == "Adam" and not group["amsgrad"]:
        states.remove("max_exp_avg_sq")
    roles = [("param", i, "param") for i in range(n)] + [("grad", i, "grad") for i in range(n)]
    return roles + [("state", i, state) for state in states for i in range(n)]


def _add_update(graph, gm, kind, group, entries, params, grads, names, root) -> None:
    """Add the traced update's nodes: per parameter in ``<root>.<its module>``, each op tagged ``optimizer``."""
    import torch

    roles = _flat_roles(kind, group, len(entries))
    refs: dict[str, ir.InputRef] = {}
    owner: dict[str, int | None] = {}  # fx name -> the one parameter whose update it belongs to
    placeholders = [node for node in gm.graph.nodes if node.op == "placeholder"]
    for node, (role, i, state) in zip(placeholders, roles, strict=True):
        fqn = entries[i]
        owner[node.name] = i
        if role == "param":
            refs[node.name] = params[fqn]
        elif role == "grad":
            refs[node.name] = grads[fqn]
        else:
            module = _mirror(graph, root, ir.parent_path(fqn) or "")
            name = names.take(f"{root}.{fqn}.{state}")
            refs[node.name] = ir.InputRef(graph.add_node(ir.Node(
                name, "buffer", ir.NodeKind.BUFFER, module, outputs=_tensor_types(node.meta.get("val")),
                attrs={"phase": "optimizer"})).name)
    for node in gm.graph.nodes:
        if node.op != "call_function":
            continue
        if node.target is torch.ops.aten.copy_.default:
            continue  # the write-back of the new state into the inputs
        sources = {owner.get(a.name) for a in node.all_input_nodes}
        owner[node.name] = sources.pop() if len(sources) == 1 else None
        i = owner[node.name]
        module = root if i is None else _mirror(graph, root, ir.parent_path(entries[i]) or "")
        ir_node = _op_node(node, refs, module, 0)
        ir_node.name = names.take(f"opt_{node.name}")
        ir_node.attrs["phase"] = "optimizer"
        refs[node.name] = ir.InputRef(graph.add_node(ir_node).name)
    (outputs,) = [node.args[0] for node in gm.graph.nodes if node.op == "output"]
    for fqn, value in zip(entries, outputs[: len(entries)]):
        module = _mirror(graph, root, ir.parent_path(fqn) or "")
        graph.add_node(ir.Node(names.take(f"updated:{fqn}"), "output", ir.NodeKind.OUTPUT, module,
                               inputs=(refs[value.name],), attrs={"phase": "optimizer"}))


def _mirror(graph: ir.Graph, root: str, module: str) -> str:
    """``<root>.<module>`` with its ancestors, each ``graphfold.Optimizer/<forward class>``."""
    segments = module.split(".") if module else []
    for end in range(1, len(segments) + 1):
        forward = ".".join(segments[:end])
        forward_module = graph.modules.get(forward)
        cls = forward_module.class_name if forward_module is not None else ""
        graph.add_module(f"{root}.{forward}", f"{OPTIMIZER_CLASS}/{cls}" if cls else OPTIMIZER_CLASS)
    return ir.join_path(root, module)
