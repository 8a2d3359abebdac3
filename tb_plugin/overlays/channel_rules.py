"""How each op maps its output channels onto its operands': the rules of the channel trace.

:func:`channel_routes` answers, for one output of one op and a channel axis,
which operands' channels it carries and how (:class:`ChannelWindow`), or why
it does not (a string: a break). :mod:`tb_plugin.overlays.channel_connectivity`
follows these routes back from each layer. Shapes come from the IR's
``TensorType`` s; op names are those of ``torch.export`` graphs.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np

from tb_plugin import ir

__all__ = ["IDENTITY", "ChannelWindow", "Route", "channel_routes", "input_dims", "op_stem", "output_dims",
           "reshape_source_axis"]


@dataclasses.dataclass(frozen=True)
class ChannelWindow:
    """Channel ``c`` in ``[lo, hi)`` of this tensor is channel ``base + step·((c − lo) // hw)`` of the operand.

    ``hw > 1`` is a flatten (``hw`` features per channel); ``unflatten`` reverses
    it (channel ``c`` is features ``c·hw … c·hw + hw − 1`` of the operand).
    """

    lo: int = 0
    hi: int = 2**62
    base: int = 0
    step: int = 1
    hw: int = 1
    unflatten: bool = False

    def apply(self, channels: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map the operand's ``(channel, node)`` pairs to this tensor's channels.

        >>> pairs = (np.array([0, 1, 2]), np.array([10, 11, 12]))
        >>> [a.tolist() for a in ChannelWindow(lo=4, hi=7).apply(*pairs)]        # third piece of a cat
        [[4, 5, 6], [10, 11, 12]]
        >>> [a.tolist() for a in ChannelWindow(hw=2).apply(*pairs)]              # a flatten
        [[0, 1, 2, 3, 4, 5], [10, 10, 11, 11, 12, 12]]
        """
        if self.unflatten:
            return channels // self.hw, nodes
        q = channels - self.base
        keep = (q >= 0) & (q % self.step == 0)
        first = self.lo + (q[keep] // self.step) * self.hw
        nodes = nodes[keep]
        inside = first + self.hw <= self.hi
        first, nodes = first[inside], nodes[inside]
        if self.hw == 1:
            return first, nodes
        return (first[:, None] + np.arange(self.hw)).ravel(), np.repeat(nodes, self.hw)


IDENTITY = ChannelWindow()
Route = tuple[ir.InputRef, int, ChannelWindow]  # operand, its channel axis, how channels map
_Rule = Callable[[ir.Graph, ir.Node, int, int], "list[Route] | str"]


def channel_routes(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    """The operands whose channels output ``output`` of op ``node`` carries along ``axis``, or why it carries none."""
    dims = output_dims(node, output)
    if dims is None or not 0 <= axis < len(dims) or not isinstance(dims[axis], int):
        return "its shape at the channel axis is unknown"
    rule = _RULES.get(op_stem(node.op))
    if rule is None:
        return "this trace does not see through it"
    if not node.inputs:
        return "it reads no tensor"
    return rule(graph, node, output, axis) or "no operand carries its channels"


# -- rules: how an op's output channels map onto its operands' ---------------------------
def _unary(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    """Channel ``c`` of the result is channel ``c`` of the first operand; the others must be constants."""
    data = node.inputs[0]
    if output != 0:
        return f"output {output} is not its result"
    if any(graph.node(ref.node).kind in (ir.NodeKind.OP, ir.NodeKind.INPUT) for ref in node.inputs[1:]):
        return "it reads several computed tensors"
    in_dims, out_dims = input_dims(graph, data), output_dims(node, output)
    if in_dims is None or len(in_dims) != len(out_dims) or in_dims[axis] != out_dims[axis]:
        return "it changes the channel axis"
    return [(data, axis, IDENTITY)]


def _elementwise(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    """Channel ``c`` comes from channel ``c`` of every operand spanning the axis (broadcasting aligns the right)."""
    out_dims, routes = output_dims(node, output), []
    for ref in node.inputs:
        producer = graph.node(ref.node)
        if producer.kind not in (ir.NodeKind.OP, ir.NodeKind.INPUT) or _dtype(graph, ref) == "bool":
            continue
        in_dims = input_dims(graph, ref)
        if in_dims is None:
            return f"operand {ref.node!r} has an unknown shape"
        in_axis = axis - (len(out_dims) - len(in_dims))
        if in_axis >= 0 and in_dims[in_axis] == out_dims[axis]:
            routes.append((ref, in_axis, IDENTITY))
    return routes


def _cat(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    out_dims = output_dims(node, output)
    dim, offset, routes = int(node.attrs.get("dim", 0)) % len(out_dims), 0, []
    for ref in node.inputs:
        in_dims = input_dims(graph, ref)
        if in_dims is None or len(in_dims) != len(out_dims):
            if in_dims is not None and math.prod(in_dims) == 0:
                continue  # torch.cat skips empty 1-d tensors
            return f"operand {ref.node!r} has another rank"
        if dim == axis:
            if not isinstance(in_dims[axis], int):
                return f"operand {ref.node!r} has a symbolic size along the channel axis"
            routes.append((ref, axis, ChannelWindow(lo=offset, hi=offset + in_dims[axis])))
            offset += in_dims[axis]
        elif in_dims[axis] == out_dims[axis]:
            routes.append((ref, axis, IDENTITY))
    return routes


def _split(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    """Piece ``output`` of a split: an offset window along the split axis, all channels along another."""
    out_dims = output_dims(node, output)
    dim = int(node.attrs.get("dim", 0)) % len(out_dims)
    if dim != axis:
        return _same_extent(graph, node.inputs[0], axis, out_dims[axis])
    pieces = [output_dims(node, k) for k in range(output)]
    if not all(piece is not None and isinstance(piece[dim], int) for piece in pieces):
        return "the sizes of the pieces before it are unknown"
    offset = sum(piece[dim] for piece in pieces)
    return [(node.inputs[0], axis, ChannelWindow(hi=out_dims[axis], base=offset))]


def _slice(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    in_dims, out_dims = input_dims(graph, node.inputs[0]), output_dims(node, output)
    dim = int(node.attrs.get("dim", 0)) % len(out_dims)
    if dim != axis or in_dims is None or len(in_dims) != len(out_dims) or not isinstance(in_dims[axis], int):
        return _same_extent(graph, node.inputs[0], axis, out_dims[axis])
    start, size = int(node.attrs.get("start", 0)), in_dims[axis]
    start = min(max(start + size if start < 0 else start, 0), size)
    return [(node.inputs[0], axis, ChannelWindow(hi=out_dims[axis], base=start, step=int(node.attrs.get("step", 1))))]


def _same_extent(graph: ir.Graph, ref: ir.InputRef, axis: int, size: int) -> list[Route] | str:
    """The operand keeps the channels when it has the same extent along ``axis``."""
    in_dims = input_dims(graph, ref)
    if in_dims is None or axis >= len(in_dims) or in_dims[axis] != size:
        return "it changes the channel axis"
    return [(ref, axis, IDENTITY)]


def _permute(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    rank = len(output_dims(node, output))
    if len(input_dims(graph, node.inputs[0]) or ()) != rank:
        return "its operand's shape is unknown"
    if "dims" in node.attrs:
        in_axis = int(node.attrs["dims"][axis]) % rank
    elif "dim0" in node.attrs:
        swap = {int(node.attrs["dim0"]) % rank: int(node.attrs["dim1"]) % rank}
        swap.update({b: a for a, b in swap.items()})
        in_axis = swap.get(axis, axis)
    else:  # aten.t
        in_axis = rank - 1 - axis
    return [(node.inputs[0], in_axis, IDENTITY)]


def _reshape(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    in_dims, out_dims = input_dims(graph, node.inputs[0]), output_dims(node, output)
    if in_dims is None or not all(isinstance(d, int) for d in (*in_dims, *out_dims)):
        return "it reshapes a tensor of symbolic shape"
    found = reshape_source_axis(in_dims, out_dims, axis)
    if found is None:
        return "it reshapes across the channel axis"
    in_axis, hw, unflatten = found
    return [(node.inputs[0], in_axis, ChannelWindow(hw=hw, unflatten=unflatten) if hw > 1 else IDENTITY)]


def _reduce(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    in_dims = input_dims(graph, node.inputs[0])
    dims = node.attrs.get("dim")
    if in_dims is None or dims in (None, ()) or output != 0:
        return "it reduces over every axis"
    reduced = {int(d) % len(in_dims) for d in (dims if isinstance(dims, tuple) else (dims,))}
    kept = list(range(len(in_dims))) if node.attrs.get("keepdim", False) else [
        i for i in range(len(in_dims)) if i not in reduced]
    if kept[axis] in reduced:
        return "it reduces over the channel axis"
    return [(node.inputs[0], kept[axis], IDENTITY)]


def _select(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    """``x[:, 0]``: the selected axis is gone, the channel axis moves up by one after it."""
    in_dims = input_dims(graph, node.inputs[0])
    if in_dims is None:
        return "its operand's shape is unknown"
    dim = int(node.attrs.get("dim", 0)) % len(in_dims)
    return [(node.inputs[0], axis + 1 if axis >= dim else axis, IDENTITY)]


def _expand(graph: ir.Graph, node: ir.Node, output: int, axis: int) -> list[Route] | str:
    in_dims, out_dims = input_dims(graph, node.inputs[0]), output_dims(node, output)
    in_axis = axis - (len(out_dims) - len(in_dims or ()))
    if in_dims is None or in_axis < 0 or in_dims[in_axis] != out_dims[axis]:
        return "it broadcasts the channel axis"
    return [(node.inputs[0], in_axis, IDENTITY)]


def reshape_source_axis(in_dims: tuple[int, ...], out_dims: tuple[int, ...], axis: int) -> tuple[int, int, bool] | None:
    """Which input axis a reshape's output ``axis`` comes from: ``(in_axis, hw, unflatten)``, or ``None``.

    ``hw == 1``: the same channels. A flatten merges input ``in_axis`` with the
    ``hw`` positions after it (feature ``k`` is channel ``k // hw``); it is only
    taken for a leading channel axis (``[N, C, *spatial]`` or ``[C, *spatial]``),
    so merged attention heads are not mistaken for channels. An unflatten
    (``unflatten=True``) splits input ``in_axis`` into channels of ``hw``
    features each; it is only taken into such a leading axis too.

    >>> reshape_source_axis((8, 64, 1, 1), (8, 64), 1)     # flatten of a pooled map
    (1, 1, False)
    >>> reshape_source_axis((8, 16, 7, 7), (8, 784), 1)    # flatten before a classifier
    (1, 49, False)
    >>> reshape_source_axis((8, 784), (8, 16, 7, 7), 1)    # the reverse
    (1, 49, True)
    >>> reshape_source_axis((2, 5, 4, 8), (2, 5, 32), 2) is None   # attention heads merged: not channels
    True
    """
    size, before, after = out_dims[axis], math.prod(out_dims[:axis]), math.prod(out_dims[axis + 1:])
    prefix = 1
    for i, d in enumerate(in_dims):
        if prefix == before and d != 1:
            break
        prefix *= d
    else:
        return None
    rest = math.prod(in_dims[i + 1:])
    if d == size and rest == after:
        return i, 1, False
    if axis <= 1 and d % size == 0 and d * rest == size * after and _splits_into(out_dims[axis + 1:], d // size):
        return i, d // size, True
    merged = d
    for k in range(i + 1, len(in_dims) if i <= 1 else i + 1):
        merged *= in_dims[k]
        if merged == size and math.prod(in_dims[k + 1:]) == after:
            return i, size // d, False
    return None


def _splits_into(dims: tuple[int, ...], hw: int) -> bool:
    """Whether the leading ``dims`` multiply to exactly ``hw``."""
    product = 1
    for d in dims:
        if product == hw:
            return True
        product *= d
    return product == hw


_UNARY = (
    "relu gelu silu sigmoid tanh hardtanh relu6 leaky_relu elu selu celu hardswish hardsigmoid mish softplus "
    "prelu _prelu_kernel rrelu log_sigmoid clamp clamp_min clamp_max clip threshold neg abs exp square pow "
    "batch_norm native_batch_norm _native_batch_norm_legit _native_batch_norm_legit_no_training "
    "_native_batch_norm_legit_functional layer_norm native_layer_norm group_norm native_group_norm "
    "instance_norm rms_norm _fused_rms_norm dropout native_dropout feature_dropout alpha_dropout "
    "feature_alpha_dropout clone contiguous alias detach _to_copy to lift_fresh_copy "
    "max_pool1d max_pool2d max_pool3d max_pool2d_with_indices max_pool3d_with_indices avg_pool1d avg_pool2d "
    "avg_pool3d adaptive_avg_pool1d adaptive_avg_pool2d adaptive_avg_pool3d _adaptive_avg_pool2d "
    "adaptive_max_pool1d adaptive_max_pool2d adaptive_max_pool3d upsample_nearest1d upsample_nearest2d "
    "upsample_nearest3d upsample_linear1d upsample_bilinear2d upsample_bicubic2d upsample_trilinear3d "
    "pad constant_pad_nd reflection_pad1d reflection_pad2d reflection_pad3d replication_pad1d "
    "replication_pad2d replication_pad3d"
).split()
_RULES: dict[str, _Rule] = {
    **dict.fromkeys(_UNARY, _unary),
    **dict.fromkeys("add sub rsub mul div true_divide maximum minimum where masked_fill".split(), _elementwise),
    **dict.fromkeys("view reshape _unsafe_view view_copy flatten unflatten squeeze unsqueeze".split(), _reshape),
    **dict.fromkeys("split split_with_sizes chunk unsafe_split tensor_split".split(), _split),
    **dict.fromkeys("mean sum amax amin".split(), _reduce),
    **dict.fromkeys("permute transpose t".split(), _permute),
    "cat": _cat, "concat": _cat, "slice": _slice, "select": _select, "expand": _expand,
}


# -- small helpers ------------------------------------------------------------------
def op_stem(op: str) -> str:
    """``"aten.relu_.default"`` → ``"relu"``: the op's name without namespace, overload or in-place mark.

    >>> op_stem("aten.add_.Tensor"), op_stem("aten._to_copy.default"), op_stem("operator.getitem")
    ('add', '_to_copy', '')
    """
    parts = op.split(".")
    if len(parts) != 3 or parts[0] != "aten":
        return ""
    name = parts[1]
    return name[:-1] if name.endswith("_") and not name.endswith("__") else name


def output_dims(node: ir.Node, output: int) -> tuple | None:
    if output >= len(node.outputs):
        return None
    return node.outputs[output].dims


def input_dims(graph: ir.Graph, ref: ir.InputRef) -> tuple | None:
    return output_dims(graph.node(ref.node), ref.output)


def _dtype(graph: ir.Graph, ref: ir.InputRef) -> str:
    node = graph.node(ref.node)
    return node.outputs[ref.output].dtype if ref.output < len(node.outputs) else ""
