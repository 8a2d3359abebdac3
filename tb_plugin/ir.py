"""GraphFold's graph IR: the one form every capture path produces and every pass consumes.

A :class:`Graph` is a set of uniquely named :class:`Node` s, each owned by a
:class:`Module` of a module tree. A node's ``inputs`` name a producer node and
which of its outputs is read; nothing else stores adjacency, so the IR cannot
disagree with itself. Module paths are dotted, as in PyTorch
(``"encoder.layer.0.attention"``); the root module has the path ``""`` and
always exists.

The IR assumes nothing about acyclicity (TensorFlow while loops are cyclic) or
node order. :meth:`Graph.lint` checks the invariants that do hold and names the
offending node; :meth:`Graph.dump` is a stable text form for golden tests.

>>> g = Graph(name="tiny")
>>> _ = g.add_module("fc", "torch.nn.Linear")
>>> _ = g.add_node(Node("x", "input", NodeKind.INPUT, outputs=(TensorType((1, 4), "float32"),)))
>>> _ = g.add_node(Node("fc_w", "parameter", NodeKind.PARAMETER, module="fc", parameter_count=8))
>>> _ = g.add_node(Node("mm", "aten.linear.default", module="fc",
...                     inputs=(InputRef("x"), InputRef("fc_w"))))
>>> g.lint()
>>> print(g.dump())
graph "tiny" source=unspecified producer=""
module "" class=""
module "fc" class="torch.nn.Linear"
node "x" input op="input" module="" -> [1,4]:float32
node "fc_w" parameter op="parameter" module="fc" params=8
node "mm" op op="aten.linear.default" module="fc" <- x:0, fc_w:0
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator, Mapping
from typing import Union

from tb_plugin import limits

__all__ = [
    "AttrValue",
    "CAPTURE_METHODS",
    "Dim",
    "Graph",
    "GraphError",
    "GraphLimitError",
    "GraphLintError",
    "InputRef",
    "Module",
    "Node",
    "NodeKind",
    "PHASES",
    "SourceFormat",
    "TensorType",
    "check_module_path",
    "join_path",
    "parent_path",
    "shown",
]

Dim = Union[int, str]
"""A concrete extent (``int``) or a symbolic one (``str``, e.g. ``"s0"``)."""

AttrValue = Union[str, int, float, bool, tuple]
"""An attribute: a scalar, or a tuple of ints, floats or strings."""

CAPTURE_METHODS = ("torch.export", "torch.export(strict)", "torchscript", "onnx", "graphdef")
"""The values of :attr:`Graph.capture` other than ``""`` (unknown, e.g. a log written before it existed)."""

PHASES = ("forward", "loss", "backward", "optimizer")
"""The phases of a training-step graph, in the order they run; :attr:`Graph.phases` lists those it holds."""


class NodeKind(str, enum.Enum):
    OP = "op"
    PARAMETER = "parameter"
    BUFFER = "buffer"
    CONSTANT = "constant"
    INPUT = "input"
    OUTPUT = "output"


_NO_INPUTS = (NodeKind.PARAMETER, NodeKind.BUFFER, NodeKind.CONSTANT, NodeKind.INPUT)
"""Kinds of node that read nothing (:meth:`Graph.lint`)."""


class SourceFormat(str, enum.Enum):
    UNSPECIFIED = "unspecified"
    TORCH_EXPORT = "torch_export"
    ONNX = "onnx"
    GRAPHDEF = "graphdef"
    TORCHSCRIPT = "torchscript"


class GraphError(ValueError):
    """A graph cannot be built as asked (duplicate name, bad module path...)."""


class GraphLintError(GraphError):
    """A graph breaks an invariant of the IR; the message names the offender."""


class GraphLimitError(GraphError):
    """A graph would exceed a limit of :mod:`tb_plugin.limits`; the message names the limit."""


@dataclasses.dataclass(frozen=True, slots=True)
class TensorType:
    """Shape and dtype of one output. ``dims is None`` means the rank is unknown."""

    dims: tuple[Dim, ...] | None = None
    dtype: str = ""

    def __str__(self) -> str:
        shape = "?" if self.dims is None else "[" + ",".join(str(d) for d in self.dims) + "]"
        return f"{shape}:{self.dtype or '?'}"


@dataclasses.dataclass(frozen=True, slots=True)
class InputRef:
    """Output number ``output`` of the node named ``node``."""

    node: str
    output: int = 0


@dataclasses.dataclass(slots=True)
class Node:
    name: str
    op: str
    kind: NodeKind = NodeKind.OP
    module: str = ""
    inputs: tuple[InputRef, ...] = ()
    outputs: tuple[TensorType, ...] = ()
    attrs: dict[str, AttrValue] = dataclasses.field(default_factory=dict)
    parameter_count: int = 0
    # Free-form data that passes may read and extend; never serialized.
    meta: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)


@dataclasses.dataclass(slots=True)
class Module:
    path: str
    class_name: str = ""

    @property
    def name(self) -> str:
        """The last segment of the path (``"0"`` for ``"encoder.layer.0"``)."""
        return self.path.rpartition(".")[2]


def parent_path(path: str) -> str | None:
    """The parent module's path; ``None`` for the root.

    >>> parent_path("encoder.layer.0"), parent_path("encoder"), parent_path("")
    ('encoder.layer', '', None)
    """
    if not path:
        return None
    return path.rpartition(".")[0]


def join_path(parent: str, name: str) -> str:
    """
    >>> join_path("", "encoder"), join_path("encoder", "layer")
    ('encoder', 'encoder.layer')
    """
    return f"{parent}.{name}" if parent else name


def shown(name: str) -> str:
    """``repr(name)``, shortened to 80 characters: error messages must stay readable whatever a log holds.

    >>> shown("a" * 100)
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'... (100 characters)"
    """
    return repr(name) if len(name) <= 80 else f"{name[:75]!r}... ({len(name)} characters)"


def check_module_path(path: str) -> None:
    """Raise :class:`GraphError` unless ``path`` is a dotted module path within the limits.

    The length is checked before the segments, so a hostile path costs one pass over its text.

    >>> check_module_path("encoder.layer.0")
    >>> check_module_path("encoder..layer")
    Traceback (most recent call last):
    ...
    tb_plugin.ir.GraphError: module path 'encoder..layer' has an empty segment; use dotted names like 'encoder.layer.0'
    """
    if len(path) > limits.MAX_PATH_LENGTH:
        raise GraphLimitError(
            f"module path {shown(path)} is longer than {limits.MAX_PATH_LENGTH} characters "
            "(tb_plugin.limits.MAX_PATH_LENGTH)"
        )
    if path.count(".") >= limits.MAX_PATH_DEPTH:
        raise GraphLimitError(
            f"module path {shown(path)} has {path.count('.') + 1} segments, more than "
            f"{limits.MAX_PATH_DEPTH} (tb_plugin.limits.MAX_PATH_DEPTH)"
        )
    if path != path.strip(".") or ".." in path:
        raise GraphError(f"module path {shown(path)} has an empty segment; use dotted names like 'encoder.layer.0'")


def _check_node(node: Node) -> None:
    """Raise :class:`GraphError` if one node alone breaks a limit or holds what the IR cannot."""
    for what, text in (("name", node.name), ("op", node.op)):
        if not isinstance(text, str):
            raise GraphError(f"node {node.name!r} has a {what} of type {type(text).__name__}; it must be a str")
        if len(text) > limits.MAX_NAME_LENGTH:
            raise GraphLimitError(
                f"node {shown(node.name)} has a {what} of {len(text)} characters, more than "
                f"{limits.MAX_NAME_LENGTH} (tb_plugin.limits.MAX_NAME_LENGTH)"
            )
    if len(node.outputs) > limits.MAX_OUTPUTS:
        raise GraphLimitError(
            f"node {shown(node.name)} has {len(node.outputs)} outputs, more than {limits.MAX_OUTPUTS} "
            "(tb_plugin.limits.MAX_OUTPUTS)"
        )
    for ref in node.inputs:
        if not 0 <= ref.output < limits.MAX_OUTPUTS:
            raise GraphLimitError(
                f"node {shown(node.name)} reads output {ref.output} of {shown(ref.node)}; output indices run "
                f"from 0 to {limits.MAX_OUTPUTS - 1} (tb_plugin.limits.MAX_OUTPUTS)"
            )
    for t in node.outputs:
        if t.dims is not None and len(t.dims) > limits.MAX_RANK:
            raise GraphLimitError(
                f"node {shown(node.name)} has an output of rank {len(t.dims)}, more than {limits.MAX_RANK} "
                "(tb_plugin.limits.MAX_RANK)"
            )
    if not 0 <= node.parameter_count <= limits.MAX_PARAMETERS:
        count = node.parameter_count if abs(node.parameter_count) < 10**30 else f"about 2**{node.parameter_count.bit_length()}"
        raise GraphLimitError(
            f"node {shown(node.name)} holds {count} elements; a count must lie between 0 and "
            f"{limits.MAX_PARAMETERS} (tb_plugin.limits.MAX_PARAMETERS)"
        )


def _graph_limits() -> tuple[int, int, int, int]:
    """The limits :meth:`Graph.add_node` checks, read when called so that tests may lower them."""
    return limits.MAX_NODES, limits.MAX_EDGES, limits.MAX_TENSORS, limits.MAX_PARAMETERS


class Graph:
    """A model graph: nodes in insertion order plus a module tree.

    Building checks the limits of :mod:`tb_plugin.limits` as it goes, so every
    reader that builds a graph is bounded without checks of its own.

    ``capture`` names the method that captured the graph (one of
    :data:`CAPTURE_METHODS`, or ``""`` when unknown), so that a user can tell a
    trace, which records one path through data-dependent code, from an export.
    ``phases`` lists the :data:`PHASES` a training-step graph holds (each op
    says its own in ``attrs["phase"]``); it is empty for a model's forward graph.
    """

    def __init__(
        self,
        name: str = "",
        source_format: SourceFormat = SourceFormat.UNSPECIFIED,
        producer: str = "",
        root_class: str = "",
        *,
        capture: str = "",
        phases: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.source_format = source_format
        self.producer = producer
        self.capture = capture
        self.phases = tuple(phases)
        self._nodes: dict[str, Node] = {}
        self._modules: dict[str, Module] = {"": Module("", root_class)}
        self._consumers: dict[str, list[str]] | None = None
        self._edges_added = 0  # the limits count what was added; passes never remove anything
        self._outputs_added = 0
        self._parameters_added = 0

    # -- building ---------------------------------------------------------
    def add_module(self, path: str, class_name: str = "") -> Module:
        """Add a module and any missing ancestors; set its class if it had none.

        Iterative, not recursive: a deep path costs one pass per missing ancestor.
        """
        module = self._modules.get(path)
        if module is None:
            check_module_path(path)
            if len(class_name) > limits.MAX_NAME_LENGTH:
                raise GraphLimitError(
                    f"module {shown(path)} has a class name of {len(class_name)} characters, more than "
                    f"{limits.MAX_NAME_LENGTH} (tb_plugin.limits.MAX_NAME_LENGTH)"
                )
            missing = [path]
            parent = parent_path(path)
            while parent is not None and parent not in self._modules:
                missing.append(parent)
                parent = parent_path(parent)
            if len(self._modules) + len(missing) > limits.MAX_MODULES:
                limits.check(len(self._modules) + len(missing), limits.MAX_MODULES,
                             f"modules in graph {shown(self.name)}", GraphLimitError)
            for ancestor in reversed(missing[1:]):
                self._modules[ancestor] = Module(ancestor)
            module = self._modules[path] = Module(path, class_name)
        elif class_name and not module.class_name:
            module.class_name = class_name
        return module

    def add_node(self, node: Node) -> Node:
        if node.name in self._nodes:
            raise GraphError(f"duplicate node name {shown(node.name)}: node names must be unique within a graph")
        _check_node(node)
        parameters = self._parameters_added + (node.parameter_count if node.kind is NodeKind.PARAMETER else 0)
        totals = (len(self._nodes) + 1, self._edges_added + len(node.inputs), self._outputs_added + len(node.outputs),
                  parameters)
        if any(count > limit for count, limit in zip(totals, _graph_limits())):  # messages only when one is broken
            for count, limit, what in zip(totals, _graph_limits(), ("nodes", "edges", "node outputs", "parameters")):
                limits.check(count, limit, f"{what} in graph {shown(self.name)}", GraphLimitError)
        if node.module not in self._modules:
            self.add_module(node.module)
        self._nodes[node.name] = node
        self._edges_added += len(node.inputs)
        self._outputs_added += len(node.outputs)
        self._parameters_added = parameters
        self._consumers = None
        return node

    # -- reading ----------------------------------------------------------
    @property
    def nodes(self) -> Mapping[str, Node]:
        return self._nodes

    @property
    def modules(self) -> Mapping[str, Module]:
        return self._modules

    @property
    def root(self) -> Module:
        return self._modules[""]

    def node(self, name: str) -> Node:
        try:
            return self._nodes[name]
        except KeyError:
            raise GraphError(f"no node named {name!r} in graph {self.name!r}") from None

    def consumers(self, name: str) -> list[str]:
        """Names of the nodes that read any output of ``name`` (once per input edge)."""
        if self._consumers is None:
            consumers: dict[str, list[str]] = {n: [] for n in self._nodes}
            for node in self._nodes.values():
                for ref in node.inputs:
                    consumers.setdefault(ref.node, []).append(node.name)
            self._consumers = consumers
        return self._consumers.get(name, [])

    def edges(self) -> Iterator[tuple[InputRef, str, int]]:
        """Every data edge as ``(producer ref, consumer name, consumer input index)``."""
        for node in self._nodes.values():
            for index, ref in enumerate(node.inputs):
                yield ref, node.name, index

    @property
    def edge_count(self) -> int:
        return sum(len(node.inputs) for node in self._nodes.values())

    @property
    def parameter_count(self) -> int:
        return sum(n.parameter_count for n in self._nodes.values() if n.kind is NodeKind.PARAMETER)

    def child_modules(self, path: str) -> list[Module]:
        """The direct children of module ``path``, in insertion order."""
        return [m for m in self._modules.values() if m.path and parent_path(m.path) == path]

    def regrouped(self, new_modules: list[tuple[str, str]], moved: Mapping[str, str]) -> "Graph":
        """A graph with modules ``(path, class)`` added and nodes moved (name -> module path); ``self`` is unchanged.

        >>> g = Graph()
        >>> _ = g.add_node(Node("a", "Relu"))
        >>> g.regrouped([("block", "Block")], {"a": "block"}).node("a").module, g.node("a").module
        ('block', '')
        """
        out = Graph(self.name, self.source_format, self.producer, self.root.class_name, capture=self.capture,
                    phases=self.phases)
        # This graph's modules passed add_module's checks, ancestors first: copied as they are.
        out._modules.update((m.path, Module(m.path, m.class_name)) for m in list(self._modules.values())[1:])
        for path, class_name in new_modules:
            out.add_module(path, class_name)
        # The nodes passed add_node's checks in ``self`` and only their modules change, so they are
        # copied without checking again (a fifth of a fold's time on large graphs).
        nodes = out._nodes
        nodes.update(self._nodes)  # nodes that stay put are shared: nothing changes a node in place
        for name in filter(moved.__contains__, self._nodes):  # the moved ones, in graph order
            n, module = nodes[name], moved[name]
            if module not in out._modules:  # added in the order the nodes first name them, as add_node would
                out.add_module(module)
            if module != n.module:
                nodes[name] = Node(n.name, n.op, n.kind, module, n.inputs, n.outputs, dict(n.attrs),
                                   n.parameter_count, dict(n.meta))
        out._edges_added, out._outputs_added = self._edges_added, self._outputs_added
        out._parameters_added = self._parameters_added
        return out

    # -- invariants -------------------------------------------------------
    def lint(self) -> None:
        """Raise :class:`GraphLintError` naming the first node or module that breaks an invariant."""
        modules, nodes = self._modules, self._nodes
        for module in modules.values():
            path = module.path
            if path and path.rpartition(".")[0] not in modules:  # parent_path, inlined
                raise GraphLintError(f"module {path!r} has no parent module {parent_path(path)!r}")
        for node in nodes.values():
            if node.module not in modules:
                raise GraphLintError(f"node {node.name!r} belongs to unknown module {node.module!r}")
            if node.inputs and node.kind in _NO_INPUTS:
                raise GraphLintError(f"{node.kind.value} node {node.name!r} has inputs; only ops and outputs may")
            if node.parameter_count < 0:
                raise GraphLintError(f"node {node.name!r} has a negative parameter count")
            for ref in node.inputs:
                producer = nodes.get(ref.node)
                if producer is None:
                    raise GraphLintError(f"node {node.name!r} reads {ref.node!r}, which is not in the graph")
                if producer.outputs and ref.output >= len(producer.outputs):
                    raise GraphLintError(
                        f"node {node.name!r} reads output {ref.output} of {ref.node!r}, "
                        f"which has only {len(producer.outputs)} outputs"
                    )

    def dump(self) -> str:
        """A stable, readable text form: one line per module, then one per node."""
        lines = [f'graph "{self.name}" source={self.source_format.value} producer="{self.producer}"']
        lines += [f'module "{m.path}" class="{m.class_name}"' for m in self._modules.values()]
        for node in self._nodes.values():
            line = f'node "{node.name}" {node.kind.value} op="{node.op}" module="{node.module}"'
            if node.parameter_count:
                line += f" params={node.parameter_count}"
            if node.inputs:
                line += " <- " + ", ".join(f"{r.node}:{r.output}" for r in node.inputs)
            if node.outputs:
                line += " -> " + ", ".join(str(t) for t in node.outputs)
            if node.attrs:
                line += " {" + ", ".join(f"{k}={node.attrs[k]!r}" for k in sorted(node.attrs)) + "}"
            lines.append(line)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Graph({self.name!r}, nodes={len(self._nodes)}, modules={len(self._modules)})"
