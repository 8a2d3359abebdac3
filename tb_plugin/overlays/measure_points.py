"""Which tensor the filter statistics measure for each conv / linear layer.

A filter's activation is its channel of the layer's output *after the
nonlinearity* that follows it: that is the tensor the next layer sees, and the
one where a dead filter shows as zeros (APoZ) and class selectivity is not
blurred by a bias or a BatchNorm shift. Models usually apply the nonlinearity
as a function (``F.relu(self.bn(self.conv(x)))``) or after a residual
addition, where a forward hook on a module cannot reach it. So the model is
exported with ``torch.export`` once per input shape, and in its graph each
layer's output is followed through ops that keep channels aligned
(BatchNorm, residual addition, dropout, scaling) to the first nonlinearity.
When none follows (a classifier's logits), the last tensor of that chain is
measured, and :attr:`MeasurePoint.description` says so.

The exported program runs under a small ``torch.fx.Interpreter`` that hands
each measured tensor to a callback; the model's own weights are used, so the
statistics describe the model as it is.

Exporting costs about as much as a forward pass over a few batches, so a
program is kept per model (weakly held) and input signature
(:func:`probed_program`), and reused by the next call (the next epoch's
statistics) while the model's structure is the same: the same modules, and
the same parameter and buffer tensors (shape, dtype, device and storage; an
optimizer updates them in place, so the program still reads the current
weights). Anything else (a module replaced, a layer pruned, ``model.to()``)
exports again.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
import weakref
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["MeasurePoint", "ProbedProgram", "find_measure_points", "layer_of_weight", "probed_program"]

_LAYER_OPS = {"conv1d", "conv2d", "conv3d", "convolution", "linear"}
_NONLINEAR_OPS = {
    "relu", "relu_", "gelu", "gelu_", "silu", "silu_", "sigmoid", "sigmoid_", "tanh", "tanh_",
    "hardtanh", "hardtanh_", "relu6", "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "selu_",
    "celu", "celu_", "hardswish", "hardswish_", "hardsigmoid", "hardsigmoid_", "mish", "mish_",
    "softplus", "prelu", "_prelu_kernel", "rrelu",
}
# Ops after which channel f of the result is still channel f of the layer's output.
_CHANNEL_KEEPING_OPS = {
    "batch_norm", "_native_batch_norm_legit_no_training", "instance_norm", "group_norm",
    "add", "add_", "sub", "mul", "mul_", "div", "div_", "dropout", "dropout_", "feature_dropout",
    "alpha_dropout", "clone", "contiguous", "alias", "detach",
}
# Nonlinearities whose outputs are never negative: there a map's L1 norm is its sum.
_NONNEGATIVE_OPS = {"relu", "relu_", "relu6", "sigmoid", "sigmoid_", "hardsigmoid", "hardsigmoid_", "softplus"}
_MAX_CHAIN = 8


@dataclasses.dataclass(frozen=True)
class MeasurePoint:
    """The tensor measured for one layer: ``node`` of the exported graph."""

    layer: str          # module path of the conv / linear layer
    node: str           # name of the measured node in the exported graph
    description: str    # for people: which op's output, after which ops
    nonnegative: bool = False  # the measured op never outputs a negative value (a ReLU's output)


def layer_of_weight(target: str) -> str | None:
    """The module path of a ``get_attr`` target naming a weight, else ``None``.

    >>> layer_of_weight("features.0.weight"), layer_of_weight("fc.bias")
    ('features.0', None)
    """
    path, _, leaf = target.rpartition(".")
    return path if leaf == "weight" and path else None


def find_measure_points(graph, layers: set[str]) -> dict[str, MeasurePoint]:
    """Measure points of ``layers`` (module paths) in an exported ``torch.fx.Graph``.

    A layer called more than once (weight sharing) is measured at its first call.
    """
    points: dict[str, MeasurePoint] = {}
    for node in graph.nodes:
        if node.op != "call_function" or _op_name(node) not in _LAYER_OPS or len(node.args) < 2:
            continue
        weight = node.args[1]
        layer = layer_of_weight(weight.target) if getattr(weight, "op", None) == "get_attr" else None
        if layer in layers and layer not in points:
            points[layer] = _follow_to_nonlinearity(layer, node)
    return points


class ProbedProgram:
    """An exported model that reports the measured tensors of each forward pass."""

    def __init__(self, model, args: tuple, kwargs: dict, layers: set[str]) -> None:
        import torch

        program = torch.export.export(model, args, kwargs, strict=False)
        self.module = program.module()
        self.points = find_measure_points(self.module.graph, layers)
        self._in_spec = program.call_spec.in_spec
        # Layers joined by a residual addition share one measured tensor.
        self._wanted: dict[str, list[str]] = {}
        for point in self.points.values():
            self._wanted.setdefault(point.node, []).append(point.layer)

    def run(self, args: tuple, kwargs: dict, on_tensor: Callable[[str, Any], None]) -> None:
        """Run the program on one batch; call ``on_tensor(layer, tensor)`` for each measure point."""
        from torch.utils import _pytree

        flat, spec = _pytree.tree_flatten((args, kwargs))
        if self._in_spec is not None and spec != self._in_spec:
            raise ValueError("a batch's inputs are structured differently from the first batch's")
        _probe_class()(self.module, self._wanted, on_tensor).run(*flat)


# Per model (weakly held): {(input signature, layers): (structure, program)}.
_programs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def probed_program(model, args: tuple, kwargs: dict, layers: set[str], signature: Hashable) -> ProbedProgram:
    """The :class:`ProbedProgram` of ``model`` for inputs of ``signature``: the one exported before while the
    model's structure is unchanged (see the module docstring), else a new one."""
    structure = _structure(model)
    programs = _programs.setdefault(model, {})
    key = (signature, frozenset(layers))
    cached = programs.get(key)
    if cached is not None and cached[0] == structure:
        return cached[1]
    program = ProbedProgram(model, args, kwargs, layers)
    programs[key] = (structure, program)
    return program


def _structure(model) -> tuple:
    """What a kept program depends on: each module's class, each parameter's and buffer's tensor."""
    tensors = itertools.chain(model.named_parameters(remove_duplicate=False), model.named_buffers(remove_duplicate=False))
    return (tuple((name, type(module)) for name, module in model.named_modules(remove_duplicate=False)),
            tuple((name, t.shape, t.dtype, t.device, t.data_ptr()) for name, t in tensors))


def _probe_class():
    """A ``torch.fx.Interpreter`` that hands the measured nodes' values to a callback (torch imported lazily)."""
    global _Probe
    if _Probe is None:
        import torch

        class Probe(torch.fx.Interpreter):
            def __init__(self, module, wanted: dict, on_tensor) -> None:
                super().__init__(module)
                self._wanted, self._on_tensor = wanted, on_tensor

            def run_node(self, n):
                result = super().run_node(n)
                for layer in self._wanted.get(n.name, ()):
                    self._on_tensor(layer, result)
                return result

        _Probe = Probe
    return _Probe


_Probe = None


def _follow_to_nonlinearity(layer: str, start) -> MeasurePoint:
    node, passed = start, []
    for _ in range(_MAX_CHAIN):
        users = [user for user in node.users if user.op == "call_function"]
        if len(users) != 1:
            break
        user = users[0]
        name = _op_name(user)
        if name in _NONLINEAR_OPS:
            after = f" (after {', '.join(passed)})" if passed else ""
            return MeasurePoint(layer, user.name, f"{_owner(user) or layer}: {_qualified(user)}{after}",
                                name in _NONNEGATIVE_OPS)
        if name in _CHANNEL_KEEPING_OPS:
            passed.append(_qualified(user))
            node = user
        elif user.target is operator.getitem and user.args[1] == 0:
            node = user  # the output of a batch norm that also returns its statistics
        else:
            break
    if node is start:
        return MeasurePoint(layer, start.name, f"{layer}: {_qualified(start)} output, no nonlinearity follows")
    return MeasurePoint(
        layer, node.name, f"{_owner(node) or layer}: {_qualified(node)} (no nonlinearity follows; after {', '.join(passed)})"
    )


def _op_name(node) -> str:
    """``aten.relu.default`` → ``relu``; other callables by their ``__name__``."""
    target = node.target
    name = getattr(target, "_opname", None) or getattr(target, "__name__", "")
    return name


def _qualified(node) -> str:
    overload = getattr(node.target, "_overloadpacket", None)
    return f"aten.{_op_name(node)}" if overload is not None else _op_name(node)


def _owner(node) -> str:
    """The innermost module path of an exported node, as ``named_modules`` spells it."""
    stack = node.meta.get("nn_module_stack") or {}
    if not stack:
        return ""
    path = list(stack.values())[-1][0]
    from tb_plugin.capture.torch_export import normalize_module_path

    return normalize_module_path(path)
