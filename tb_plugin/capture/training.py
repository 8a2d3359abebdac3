"""Capture one training step of a PyTorch model as one graph: forward, loss, backward and optimizer update.

How it is captured. The model and ``loss_fn`` are exported together with
``torch.export`` (non-strict); AOTAutograd then traces the joint forward and
backward graph of the exported program (:func:`joint_graph_module`, the one
place that calls its private API). An optimizer's update is traced apart
(:mod:`tb_plugin.capture.training_optimizer`) and reads the gradients.

Where each operator goes: see :mod:`tb_plugin.capture.training_groups`. In
short, a forward op belongs to its module, a backward op to the backward
group ``∇`` of the module whose output it differentiates (inside the
innermost repeated block, so ``BertLayer ×12`` stacks with its backward),
the optimizer's update of a parameter to ``optimizer.<its module>``.

Each op's ``attrs["phase"]`` is one of :data:`tb_plugin.ir.PHASES`, and the
graph's ``phases`` lists those present. The loss is an ``OUTPUT`` node
(``loss``); without an optimizer every gradient is one too
(``grad:<parameter>``, in the backward group that computes it), with one
every updated parameter (``updated:<parameter>``), so liveness keeps the
whole step drawn. The seed of the backward pass (d loss / d loss) is the
constant ``loss_grad``.

torch is imported only when a function is called.
"""

from __future__ import annotations

import inspect
from collections.abc import Collection, Mapping
from typing import Any

from tb_plugin import ir
from tb_plugin.capture import CaptureError, UniqueNames, split_inputs
from tb_plugin.capture.module_calls import ModuleCalls, call_key, module_path
from tb_plugin.capture.output_structures import WRAPPED_PATH
from tb_plugin.capture.torch_export import (
    _getitem_ref,
    _op_node,
    _state_node,
    _tensor_types,
    normalize_module_path,
    qualified_class_name,
)
from tb_plugin.capture.training_groups import (
    BACKWARD_CLASS,
    BACKWARD_SEGMENT,
    LOSS_CLASS,
    LOSS_PATH,
    backward_path,
    common_group,
    repeated_blocks,
)

__all__ = ["capture_training_step", "joint_graph_module"]

_LOSS_ATTR = "loss_fn"  # where the exported wrapper holds a Module loss_fn


def joint_graph_module(module, args: tuple, kwargs: dict):
    """AOTAutograd's joint forward and backward graph of ``module`` (an ``ExportedProgram.module()``).

    The one call of the private ``aot_export_joint_with_descriptors``
    (torch 2.13): placeholders and the output carry ``meta["desc"]``
    (``ParamAOTInput``, ``PlainAOTInput``, ``TangentAOTInput``,
    ``GradAOTOutput``...); forward ops keep ``nn_module_stack``, backward ops
    get ``fwd_nn_module_stack`` and ``partitioner_tag == "is_backward"``
    because node metadata is preserved while tracing.
    """
    import contextlib

    import torch
    from torch._functorch.aot_autograd import aot_export_joint_with_descriptors

    with contextlib.ExitStack() as stack, torch.fx.traceback.preserve_node_meta():
        return aot_export_joint_with_descriptors(stack, module, args, kwargs).graph_module


def capture_training_step(model, example_inputs: Any, loss_fn, *, optimizer=None, name: str | None = None) -> ir.Graph:
    """The graph of one training step of ``model`` on ``example_inputs``; see the module docstring.

    ``loss_fn(output)`` returns the scalar loss from what ``model`` returns (a
    closure may hold the labels: ``lambda out: F.cross_entropy(out, labels)``;
    ``lambda out: out.loss`` for a model that computes its own). ``optimizer``
    is a ``torch.optim`` SGD, Adam or AdamW over ``model``'s parameters, or
    ``None`` for forward, loss and backward only. The model is captured in the
    train/eval mode the caller left it in, its weights are never changed, and
    no step runs. Raises :class:`CaptureError` with advice when a part cannot
    be traced.
    """
    import torch

    if not isinstance(model, torch.nn.Module):
        raise CaptureError(f"log_training_graph needs a torch.nn.Module, got {type(model).__name__}")
    if not callable(loss_fn):
        raise CaptureError(f"loss_fn must be callable (output -> scalar loss), got {type(loss_fn).__name__}")
    args, kwargs = split_inputs(example_inputs)
    class_name = qualified_class_name(type(model))
    modes = [(module, module.training) for module in model.modules()]
    try:
        ep = torch.export.export(_training_module(model, loss_fn), args, kwargs, strict=False)
        program = ep.module()
        constants = _constants_as_buffers(program, ep.constants)
        joint = joint_graph_module(program, args, kwargs)
    except CaptureError:
        raise
    except Exception as e:
        raise CaptureError(_failure_message(class_name, e)) from e
    finally:
        for module, training in modes:
            module.training = training
    user_inputs = [spec.arg.name for spec in ep.graph_signature.input_specs if spec.kind.name == "USER_INPUT"]
    builder = _JointGraph(model, loss_fn, name or type(model).__name__, class_name, constants)
    grads = builder.add_joint(joint, user_inputs, with_grad_outputs=optimizer is None)
    if optimizer is not None:
        from tb_plugin.capture import training_optimizer

        training_optimizer.add_optimizer_step(builder.graph, optimizer, model, builder.state_refs, grads, builder.names)
    builder.graph.phases = tuple(p for p in ir.PHASES if p in builder.phases_seen())
    return builder.graph


def _constants_as_buffers(program, constants: Mapping[str, Any]) -> set[str]:
    """Turn the tensor constants of an unlifted program into buffers, so that AOTAutograd fakes them too.

    A tensor that ``forward`` or ``loss_fn`` closes over (labels, masks) is a
    plain attribute of ``ExportedProgram.module()``, which AOTAutograd would
    mix, real, with its fake tensors. Returns the names it moved.
    """
    import torch

    moved = set()
    for fqn, value in constants.items():
        owner, _, leaf = fqn.rpartition(".")
        module = program.get_submodule(owner)
        if isinstance(value, torch.Tensor) and isinstance(getattr(module, leaf, None), torch.Tensor):
            tensor = getattr(module, leaf)
            delattr(module, leaf)
            module.register_buffer(leaf, tensor, persistent=False)
            moved.add(fqn)
    return moved


def _training_module(model, loss_fn):
    """A Module whose forward runs ``model`` then ``loss_fn`` and returns the loss; ``model`` at ``WRAPPED_PATH``."""
    import torch

    class TrainingStep(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_module(WRAPPED_PATH, model)
            if isinstance(loss_fn, torch.nn.Module):
                self.add_module(_LOSS_ATTR, loss_fn)
            self.training = model.training

        def forward(self, *args: Any, **kwargs: Any):
            loss = loss_fn(getattr(self, WRAPPED_PATH)(*args, **kwargs))
            if not isinstance(loss, torch.Tensor) or loss.numel() != 1 or not loss.is_floating_point():
                raise CaptureError(
                    f"loss_fn must return a scalar floating-point tensor, got {type(loss).__name__}"
                    + (f" of shape {tuple(loss.shape)}" if isinstance(loss, torch.Tensor) else "")
                    + "; reduce it, e.g. loss.mean()"
                )
            return loss

    signature = inspect.signature(model.forward)
    self_parameter = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    TrainingStep.forward.__signature__ = signature.replace(parameters=[self_parameter, *signature.parameters.values()])
    return TrainingStep()


class _JointGraph:
    """Builds the IR of a joint graph: modules first, then one node per FX node (see the module docstring)."""

    def __init__(self, model, loss_fn, name: str, class_name: str, constants: Collection[str] = ()) -> None:
        import torch

        self.graph = ir.Graph(name, ir.SourceFormat.TORCH_EXPORT, f"torch {torch.__version__}", class_name,
                              capture="torch.export")
        self.classes = {path: qualified_class_name(type(m)) for path, m in model.named_modules()}
        taken = {path.partition(".")[0] for path in self.classes}
        self.loss_path = UniqueNames(taken).take(LOSS_PATH)
        loss_class = qualified_class_name(type(loss_fn)) if isinstance(loss_fn, torch.nn.Module) else LOSS_CLASS
        self.classes[self.loss_path] = loss_class
        if isinstance(loss_fn, torch.nn.Module):
            for path, m in loss_fn.named_modules():
                if path:
                    self.classes[f"{self.loss_path}.{path}"] = qualified_class_name(type(m))
        self.blocks = repeated_blocks(self.classes)
        self.composite = {ir.parent_path(path) for path in self.classes if path}
        self.calls = ModuleCalls()
        for path, cls in self.classes.items():
            if path:
                self.graph.add_module(path, cls)
        self.params = dict(model.named_parameters(remove_duplicate=False))
        self.buffers = dict(model.named_buffers(remove_duplicate=False))
        self.names = UniqueNames()
        self.state_refs: dict[str, ir.InputRef] = {}  # parameter and buffer nodes by name
        self.constants = set(constants)

    # -- paths -------------------------------------------------------------
    def local_path(self, raw: str) -> str:
        """A path of the exported wrapper as a path of the graph: the model's own, or the loss's."""
        path = normalize_module_path(raw)
        if path == WRAPPED_PATH or path.startswith(WRAPPED_PATH + "."):
            return path[len(WRAPPED_PATH) + 1:]
        if path == _LOSS_ATTR or path.startswith(_LOSS_ATTR + "."):
            return self.loss_path + path[len(_LOSS_ATTR):]
        return self.loss_path  # the wrapper's own ops: what a loss function computes

    def state_name(self, target: str) -> str:
        """A parameter's or buffer's name in the graph (``model.fc.weight`` -> ``fc.weight``)."""
        owner, _, leaf = target.rpartition(".")
        return ir.join_path(self.local_path(owner), leaf)

    def stack_module(self, stack: Mapping | None) -> tuple[str | None, int]:
        """The innermost module instance of an ``nn_module_stack`` and which call of it ran; ``None`` for no stack.

        A model module called more than once is one instance per call (``relu@1``;
        :mod:`tb_plugin.capture.module_calls`), added to the graph here; an instance
        of a repeated block is a block too. Loss modules are not told apart by call.
        """
        if not stack:
            return None, 0
        key, (raw, _cls) = list(stack.items())[-1]
        call = call_key(key)[1]
        path = self.local_path(raw)
        if self.in_loss(path):
            return path, call
        # The model's own modules: not its root (""), nor the wrapper's and the loss's, which map to the loss.
        levels = [(k, local) for k, (r, _) in stack.items() if (local := self.local_path(r)) and not self.in_loss(local)]
        if not levels:
            return path, call
        instances = self.calls.instances(levels)
        for instance in instances:
            if instance not in self.graph.modules:
                module = module_path(instance)
                self.graph.add_module(instance, self.classes.get(module, ""))
                if module in self.composite:  # a module of modules called more than once repeats
                    self.blocks.update((module, instance))
        return instances[-1], call

    def in_loss(self, path: str) -> bool:
        """Whether ``path`` (a graph path) is the loss's group or inside it."""
        return path == self.loss_path or path.startswith(self.loss_path + ".")

    def add_backward_group(self, path: str) -> str:
        """Add backward group ``path`` and its mirror ancestors, each ``graphfold.Backward/<forward class>``."""
        if path in self.graph.modules:
            return path
        segments = path.split(".")
        at = segments.index(BACKWARD_SEGMENT)
        for end in range(at + 1, len(segments) + 1):
            mirror = ".".join(segments[:end])
            forward = ".".join(segments[:at] + segments[at + 1:end])
            cls = self.classes.get(module_path(forward), "") if forward else self.graph.root.class_name
            self.graph.add_module(mirror, f"{BACKWARD_CLASS}/{cls}" if cls else BACKWARD_CLASS)
        return path

    # -- nodes -------------------------------------------------------------
    def add_joint(self, gm, user_inputs: list[str], *, with_grad_outputs: bool) -> dict[str, ir.InputRef]:
        """Add every node of the joint graph; return each parameter's gradient by parameter name."""
        fx_nodes = list(gm.graph.nodes)
        self.names = UniqueNames(n.name for n in fx_nodes if n.op in ("call_function", "get_attr"))
        out_node = fx_nodes[-1]
        grad_of = {value.name: ir.parent_path(self.state_name(desc.grad_of.target)) or ""
                   for value, desc in zip(out_node.args[0], out_node.meta["desc"])
                   if type(desc).__name__ == "GradAOTOutput" and value is not None}
        placement = _placements(fx_nodes, self, grad_of)
        refs: dict[str, ir.InputRef] = {}
        first_names: dict[int, str] = {}
        for node in fx_nodes:
            if node.op == "placeholder":
                refs[node.name] = ir.InputRef(self.graph.add_node(self._placeholder(node, user_inputs, first_names)).name)
            elif node.op == "call_function" and (ref := _getitem_ref(node, self.graph, refs)) is not None:
                refs[node.name] = ref
            elif node.op in ("call_function", "get_attr"):
                module, call, phase = placement[node.name]
                ir_node = _op_node(node, refs, module, call)
                ir_node.attrs["phase"] = phase
                refs[node.name] = ir.InputRef(self.graph.add_node(ir_node).name)
        return self._outputs(out_node, refs, with_grad_outputs)

    def _placeholder(self, node, user_inputs: list[str], first_names: dict[int, str]) -> ir.Node:
        desc = node.meta.get("desc")
        kind = type(desc).__name__
        outputs = _tensor_types(node.meta.get("val"))
        if kind in ("ParamAOTInput", "BufferAOTInput"):
            fqn = self.state_name(desc.target)
            state = self.params if kind == "ParamAOTInput" else self.buffers
            node_kind = ir.NodeKind.PARAMETER if kind == "ParamAOTInput" else ir.NodeKind.BUFFER
            if desc.target in self.constants:  # a tensor that forward or loss_fn holds, e.g. the labels
                fqn, node_kind = desc.target, ir.NodeKind.CONSTANT
            ir_node = _state_node(fqn, node_kind, state.get(fqn), self.names.take(fqn), first_names)
            self.state_refs[fqn] = ir.InputRef(ir_node.name)
        elif kind == "PlainAOTInput" and desc.idx < len(user_inputs):
            ir_node = ir.Node(self.names.take(user_inputs[desc.idx]), "input", ir.NodeKind.INPUT, outputs=outputs)
        elif kind == "TangentAOTInput":  # the seed of the backward pass, d loss / d loss: a constant 1
            ir_node = ir.Node(self.names.take("loss_grad"), "constant", ir.NodeKind.CONSTANT, outputs=outputs,
                              attrs={"value": 1.0, "phase": "backward"})
        else:
            ir_node = ir.Node(self.names.take(desc.expr() if desc is not None else node.name), "input",
                              ir.NodeKind.INPUT, outputs=outputs)
        ir_node.meta["fx_name"] = node.name
        return ir_node

    def _outputs(self, out_node, refs: dict[str, ir.InputRef], with_grad_outputs: bool) -> dict[str, ir.InputRef]:
        grads: dict[str, ir.InputRef] = {}
        for value, desc in zip(out_node.args[0], out_node.meta["desc"]):
            if value is None:
                continue  # a parameter that gets no gradient
            kind = type(desc).__name__
            ref, module = refs[value.name], ""
            if kind == "GradAOTOutput":
                fqn = self.state_name(desc.grad_of.target)
                grads[fqn] = ref
                if not with_grad_outputs:
                    continue
                # Beside the operator that makes it: a stack member then holds its own gradients, and
                # no view draws a port for each of the hundreds that leave it.
                name, phase = f"grad:{fqn}", "backward"
                module = self.add_backward_group(backward_path(ir.parent_path(fqn) or "", self.blocks))
            elif kind == "PlainAOTOutput":
                name, phase = "loss", "loss"
            elif kind == "InputMutationAOTOutput":  # a buffer that forward updates (BatchNorm's statistics)
                target = getattr(desc.mutated_input, "target", None)
                name = f"mutation:{self.state_name(target) if target else desc.mutated_input.expr()}"
                phase = "forward"
            else:
                name, phase = desc.expr() if desc is not None else "output", "forward"
            self.graph.add_node(ir.Node(self.names.take(name), "output", ir.NodeKind.OUTPUT, module, inputs=(ref,),
                                        attrs={"phase": phase}))
        return grads

    def phases_seen(self) -> set[str]:
        return {n.attrs["phase"] for n in self.graph.nodes.values() if isinstance(n.attrs.get("phase"), str)}


def _placements(fx_nodes: list, builder: _JointGraph, grad_of: Mapping[str, str]) -> dict[str, tuple[str, int, str]]:
    """``{fx name: (module path, module call, phase)}`` of every op; see the module docstring for the rule."""
    placed: dict[str, tuple[str, int, str]] = {}
    unplaced: list = []
    for node in fx_nodes:
        if node.op not in ("call_function", "get_attr"):
            continue
        if node.meta.get("partitioner_tag") == "is_backward":
            path, call = builder.stack_module(node.meta.get("fwd_nn_module_stack"))
            if path is None:
                unplaced.append(node)
                continue
            placed[node.name] = (builder.add_backward_group(backward_path(path, builder.blocks)), call, "backward")
        else:
            path, call = builder.stack_module(node.meta.get("nn_module_stack"))
            path = "" if path is None else path
            placed[node.name] = (path, call, "loss" if builder.in_loss(path) else "forward")
    sums = {node.name for node in unplaced}
    for node in reversed(unplaced):  # readers first: a chain of sums resolves from its last one
        # A sum that a later sum reads passes through an identity (a residual add's backward): the
        # operators that read it are what tell whose gradient it is, so later sums count only alone.
        readers = [placed[u.name][0] for u in node.users if u.name in placed and u.name not in sums]
        readers += [backward_path(grad_of[node.name], builder.blocks)] if node.name in grad_of else []
        readers = readers or [placed[u.name][0] for u in node.users if u.name in placed]
        if readers:
            placed[node.name] = (builder.add_backward_group(common_group(readers)), 0, "backward")
    for node in unplaced:
        if node.name not in placed:
            inputs = [placed[i.name][0] for i in node.all_input_nodes if i.name in placed]
            group = common_group(inputs) if inputs else BACKWARD_SEGMENT
            placed[node.name] = (builder.add_backward_group(group), 0, "backward")
    return placed


def _failure_message(class_name: str, error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()][:2]
    summary = " ".join(lines)[:400] or "(no message)"
    return (
        f"could not capture a training step of {class_name}: {type(error).__name__}: {summary}\n"
        "What to try:\n"
        "- the step is captured with torch.export (non-strict) and AOTAutograd, which need forward to run "
        "without branching on tensor values: express such branches with torch.where or torch.cond\n"
        "- make loss_fn take the model's output and return a scalar tensor (a closure can hold the labels)\n"
        "- log the forward graph alone with tb_plugin.log_graph, which falls back to other capture methods"
    )
