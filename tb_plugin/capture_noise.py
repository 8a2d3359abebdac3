"""Capture noise: operators a capture records that are not the model's structure.

Three kinds, each hidden from the drawing but kept in the graph (search and
the details panel still reach them) and counted:

- ``"check"``: export bookkeeping (``_assert_tensor_metadata``,
  ``_assert_scalar``, ``sym_size``, ``sym_constrain_range``...) and
  TorchScript's shape reads (``aten::size`` and the ``NumToTensor``/``Int``
  conversions of what it read). A check is a detail of the node whose output
  it reads.
- ``"dead"``: operators whose results reach no graph output (``torch.export``
  keeps unused ``arange``/``unsqueeze`` chains). Liveness needs outputs: a
  graph without ``OUTPUT`` nodes (a TensorFlow GraphDef) has no dead code by
  this rule, since its sinks may be side effects.
- ``"plumbing"``: TorchScript container ops in ``add_graph`` GraphDefs
  (``prim::TupleConstruct``, ``TupleUnpack``, ``ListConstruct``...), and
  reshapes and casts that leave their input's shape and dtype as they were
  (:func:`is_no_op`). They are
  *contracted*: each edge out of plumbing into a real consumer is drawn as a
  :class:`ThroughEdge` from the real producer(s) the consumer reads through
  it. Unpacking a tuple that was built in the graph resolves to the one
  element unpacked; where the structure cannot be followed (a tuple returned
  by an op), the edge comes from that op, which is true of any element.

The result is keyed by node names, so it survives passes that rebuild a graph
with the same nodes in other modules.

>>> from tb_plugin import ir
>>> g = ir.Graph()
>>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
>>> _ = g.add_node(ir.Node("a", "aten.relu.default", inputs=(ir.InputRef("x"),)))
>>> _ = g.add_node(ir.Node("chk", "aten._assert_tensor_metadata.default", inputs=(ir.InputRef("a"),)))
>>> _ = g.add_node(ir.Node("unused", "aten.arange.default"))
>>> _ = g.add_node(ir.Node("out", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("a"),)))
>>> sorted(find_capture_noise(g).hidden.items())
[('chk', 'check'), ('unused', 'dead')]
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from collections.abc import Mapping

from tb_plugin import ir

__all__ = [
    "HIDDEN_REASONS",
    "MAX_NESTING",
    "CaptureNoise",
    "ThroughEdge",
    "find_capture_noise",
    "is_check_op",
    "is_no_op",
    "is_plumbing_op",
    "live_nodes",
]

_CHECK_OP = re.compile(
    r"(?:^|[.:])(?:_assert_\w+|_functional_assert_\w+|sym_size|sym_numel|sym_stride|sym_storage_offset"
    r"|sym_constrain_range(?:_for_size)?)(?:\.\w+)?$"
)
_ref_node = operator.attrgetter("node")
_SHAPE_READ_OPS = frozenset({"aten::size", "aten::dim", "aten::numel"})
_SCALAR_OPS = frozenset({"prim::NumToTensor", "aten::Int", "aten::ScalarImplicit", "aten::Float"})
_RESHAPE_OP = re.compile(
    r"(?:^|[.:])(?:view|reshape|_unsafe_view|flatten|squeeze|expand|expand_as|contiguous|alias|detach"
    r"|Reshape|Flatten|Squeeze|Expand|Identity)(?:\.\w+)?$"
)
_CAST_OP = re.compile(r"(?:^|[.:])(?:to|_to_copy|type_as|Cast)(?:\.\w+)?$")
_CONSTRUCT_OPS = frozenset({"prim::TupleConstruct", "prim::ListConstruct", "prim::DictConstruct"})
_UNPACK_OPS = frozenset({"prim::TupleUnpack", "prim::ListUnpack"})
_INDEX_OPS = frozenset({"prim::TupleIndex", "prim::ListIndex", "aten::__getitem__"})
_PLUMBING_OPS = _CONSTRUCT_OPS | _UNPACK_OPS | _INDEX_OPS
_CONSTANT_VALUE = re.compile(r"value\s*:\s*(-?\d+)\s*\}")
HIDDEN_REASONS = ("dead", "check", "plumbing")
"""Why a capture-noise node is hidden; views and stats count nodes by these."""
MAX_NESTING = 32
"""The deepest nesting of containers whose unpacking is followed element by element."""


@dataclasses.dataclass(frozen=True)
class ThroughEdge:
    """A drawn edge from ``producer`` into input ``input`` of ``consumer``, through plumbing ``via``."""

    producer: ir.InputRef
    consumer: str
    input: int
    via: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class CaptureNoise:
    """Hidden nodes by reason (``"check"``, ``"dead"``, ``"plumbing"``) and the edges drawn through plumbing."""

    hidden: Mapping[str, str] = dataclasses.field(default_factory=dict)
    through: tuple[ThroughEdge, ...] = ()

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(HIDDEN_REASONS, 0)
        for reason in self.hidden.values():
            out[reason] += 1
        return out


@functools.lru_cache(maxsize=4096)
def is_check_op(op: str) -> bool:
    """Whether ``op`` is export bookkeeping that checks a value rather than computing one.

    >>> is_check_op("aten._assert_tensor_metadata.default"), is_check_op("aten.sym_size.int")
    (True, True)
    >>> is_check_op("aten.add.Tensor"), is_check_op("aten.sym_not")
    (False, False)
    """
    return _CHECK_OP.search(op) is not None


def _is_shape_read(node: ir.Node, hidden: Mapping[str, str]) -> bool:
    """TorchScript's ``sym_size``: ``aten::size`` and the scalar conversions of what it read.

    A trace records ``x.view(x.size(0), -1)`` as ``aten::size -> prim::NumToTensor
    -> aten::Int -> prim::ListConstruct -> aten::view``; the first three are
    the shape read that an export records as one ``sym_size``. A conversion of
    anything else (``int(loss)``) is a value and stays drawn.
    """
    if node.op in _SHAPE_READ_OPS:
        return True
    return node.op in _SCALAR_OPS and bool(node.inputs) and all(hidden.get(r.node) == "check" for r in node.inputs)


def is_plumbing_op(op: str) -> bool:
    """Whether ``op`` only packs or unpacks TorchScript containers.

    >>> is_plumbing_op("prim::TupleUnpack"), is_plumbing_op("aten::cat")
    (True, False)
    """
    return op in _PLUMBING_OPS


def is_no_op(graph: ir.Graph, node: ir.Node) -> bool:
    """Whether ``node`` reshapes or casts its first input to the shape and dtype it already has.

    ``input_ids.view(-1, 12)`` of a ``[1, 12]`` input, ``x.to(device)``: the
    result is the input, so drawing the op draws nothing. Shapes must be known
    on both ends (and dtypes, for a cast); ``permute`` and ``transpose`` are
    never no-ops by shape alone.

    >>> g = ir.Graph()
    >>> x = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((1, 12), "int64"),)))
    >>> same = g.add_node(ir.Node("v", "aten.view.default", inputs=(ir.InputRef("x"),),
    ...                           outputs=(ir.TensorType((1, 12), "int64"),)))
    >>> other = g.add_node(ir.Node("w", "aten.view.default", inputs=(ir.InputRef("x"),),
    ...                            outputs=(ir.TensorType((12,), "int64"),)))
    >>> is_no_op(g, same), is_no_op(g, other)
    (True, False)
    """
    kind = _reshape_or_cast(node.op)
    if kind is None or len(node.outputs) != 1 or not node.inputs:
        return False
    ref = node.inputs[0]
    producer = graph.nodes.get(ref.node)
    if producer is None or ref.output >= len(producer.outputs):
        return False
    before, after = producer.outputs[ref.output], node.outputs[0]
    if before.dims is None or not before.dims or before.dims != after.dims or before.dtype != after.dtype:
        return False
    return kind == "reshape" or bool(after.dtype)


@functools.lru_cache(maxsize=4096)
def _reshape_or_cast(op: str) -> str | None:
    """``"reshape"``, ``"cast"`` or None; a graph has few distinct ops and many nodes, hence the cache."""
    return "reshape" if _RESHAPE_OP.search(op) else "cast" if _CAST_OP.search(op) else None


@functools.lru_cache(maxsize=4096)
def _op_roles(op: str) -> tuple[bool, bool, bool, bool]:
    """By ``op``'s name alone (cached per op): whether it is a check, whether it may be a shape
    read's scalar conversion, whether it is container plumbing, and whether it may be a no-op."""
    return (is_check_op(op) or op in _SHAPE_READ_OPS, op in _SCALAR_OPS, is_plumbing_op(op),
            _reshape_or_cast(op) is not None)


def live_nodes(graph: ir.Graph) -> set[str] | None:
    """Names of the nodes some graph output depends on; ``None`` when the graph has no outputs.

    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> _ = g.add_node(ir.Node("a", "Neg", inputs=(ir.InputRef("x"),)))
    >>> _ = g.add_node(ir.Node("b", "Neg", inputs=(ir.InputRef("x"),)))
    >>> _ = g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("a"),)))
    >>> sorted(live_nodes(g))
    ['a', 'x', 'y']
    """
    todo = [n.name for n in graph.nodes.values() if n.kind is ir.NodeKind.OUTPUT]
    if not todo:
        return None
    live = set(todo)
    nodes = graph.nodes
    while todo:
        for ref in nodes[todo.pop()].inputs:
            name = ref.node
            if name not in live:
                live.add(name)
                todo.append(name)
    return live


def find_capture_noise(graph: ir.Graph) -> CaptureNoise:
    """The capture noise of ``graph`` (see the module docstring); the graph is not changed."""
    live = live_nodes(graph)
    hidden: dict[str, str] = {}
    op_kind = ir.NodeKind.OP
    for node in graph.nodes.values():  # graph order, in which a node's producers come first
        if node.kind is not op_kind:
            continue
        checks, scalar, plumbing, reshapes = _op_roles(node.op)  # _is_shape_read and is_no_op, decided by op first
        if checks or scalar and _is_shape_read(node, hidden):
            hidden[node.name] = "check"
        elif live is not None and node.name not in live:
            hidden[node.name] = "dead"
        elif plumbing or reshapes and is_no_op(graph, node):
            hidden[node.name] = "plumbing"
    plumbing = {name for name, reason in hidden.items() if reason == "plumbing"}
    return CaptureNoise(hidden, _through_edges(graph, plumbing, hidden) if plumbing else ())


def _through_edges(graph: ir.Graph, plumbing: set[str], hidden: Mapping[str, str]) -> tuple[ThroughEdge, ...]:
    """One edge per (real producer, consumer input) for every input of a visible node that reads plumbing."""
    element = _element_indices(graph, plumbing)
    out: dict[tuple[str, int, str, int], ThroughEdge] = {}
    nodes, isdisjoint = graph.nodes, plumbing.isdisjoint
    for node in nodes.values():
        if isdisjoint(map(_ref_node, node.inputs)) or node.name in hidden:  # most nodes read no plumbing
            continue
        for index, ref in enumerate(node.inputs):
            if ref.node not in plumbing:
                continue
            passed = nodes[ref.node]
            if passed.op not in _CONSTRUCT_OPS and passed.inputs and passed.inputs[0].node not in plumbing:
                sources = [(passed.inputs[0], (passed.name,))]  # one cast or unpack of a real tensor: _sources' first step
            else:
                sources = _sources(graph, ref, plumbing, element)
            for producer, via in sources:
                if producer.node in hidden:  # a check read through a list stays a detail, as it is unlisted
                    continue
                key = (producer.node, producer.output, node.name, index)
                if key not in out:
                    out[key] = ThroughEdge(producer, node.name, index, via)
    return tuple(out.values())


def _element_indices(graph: ir.Graph, plumbing: set[str]) -> dict[str, int]:
    """Which element each unpack or index node takes, where the graph says so.

    An ``add_graph`` GraphDef writes one node per output of a multi-output JIT
    node, in output order, with the same op and inputs: the k-th such unpack
    node takes element k. An index op reads its index from a constant input.
    """
    out: dict[str, int] = {}
    siblings: dict[tuple, int] = {}
    for node in graph.nodes.values():  # graph order, which is output order
        if node.name not in plumbing:
            continue
        if node.op in _UNPACK_OPS:
            key = (node.op, node.inputs)
            out[node.name] = siblings.get(key, 0)
            siblings[key] = out[node.name] + 1
        elif node.op in _INDEX_OPS and len(node.inputs) >= 2:
            index_node = graph.nodes.get(node.inputs[1].node)
            text = "" if index_node is None else str(index_node.attrs.get("attr", index_node.attrs.get("value", "")))
            match = _CONSTANT_VALUE.search(text) or re.fullmatch(r"-?\d+", text)
            if match is not None:
                out[node.name] = int(match.group(1) if match.groups() else match.group(0))
    return out


def _sources(
    graph: ir.Graph, ref: ir.InputRef, plumbing: set[str], element: Mapping[str, int]
) -> list[tuple[ir.InputRef, tuple[str, ...]]]:
    """The real producers a read of ``ref`` reaches through plumbing, each with the plumbing it passes.

    Walks with an explicit stack of pending element selections (innermost
    last), so deep or hostile nesting cannot overflow Python's stack; a
    plumbing cycle is cut where it revisits a node with the same selections,
    and selections nested deeper than :data:`MAX_NESTING` (only a cycle of
    unpacks makes them) fall back to the whole container, so the walk is
    bounded by the plumbing nodes times that depth.
    """
    found: dict[tuple[str, int], tuple[str, ...]] = {}
    todo: list[tuple[ir.InputRef, tuple[int, ...], tuple[str, ...]]] = [(ref, (), ())]
    seen: set[tuple[str, tuple[int, ...]]] = set()
    while todo:
        current, path, via = todo.pop()
        if current.node not in plumbing:
            found.setdefault((current.node, current.output), via)
            continue
        if (current.node, path) in seen:
            continue
        seen.add((current.node, path))
        node = graph.nodes[current.node]
        via = via + (node.name,)
        if node.op in _CONSTRUCT_OPS:
            if path and 0 <= path[-1] < len(node.inputs):
                todo.append((node.inputs[path[-1]], path[:-1], via))
            else:  # the container read whole: every element
                todo.extend((inner, (), via) for inner in reversed(node.inputs))
        elif node.inputs:  # unpack or index: select an element of its first input
            k = element.get(node.name)
            deeper = path + (k,) if k is not None and len(path) < MAX_NESTING else ()
            todo.append((node.inputs[0], deeper, via))
    return [(ir.InputRef(name, output), via) for (name, output), via in found.items()]
