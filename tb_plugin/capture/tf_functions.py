"""Inline the function library of a TF2 GraphDef, so that the drawn graph holds the model's ops, not its calls.

TF2 puts a model inside function bodies: the traced graph holds a
``StatefulPartitionedCall`` (or ``PartitionedCall``, or a node whose op *is* a
library function's name), and ``GraphDef.library`` holds ``__inference_…``
bodies, which may call further functions. :func:`inline_functions` replaces
every call by its body, recursively, and returns a GraphDef without a library.

What is kept and what is chosen:

- A body's node ``n`` called from node ``a/b/StatefulPartitionedCall`` is named
  ``a/b/n``: the call's scope, so that name scopes (and Keras layer names) make
  the module tree. If that name is taken, ``a/b/StatefulPartitionedCall/n``;
  if that is taken too, a ``__inlinedN`` suffix. Each inlined node records its
  function in attribute ``_inlined_from``.
- A body reads its arguments by name; they become the call's inputs. A
  consumer of the call's output ``k`` reads what the body returns as output
  ``k``; a control input on the call becomes one on the nodes producing its
  returns.
- Bodies name outputs ``node:arg:i``; without TensorFlow's op registry the
  flat index of output arg ``arg`` is not known for ops with several output
  args, so args take offsets in the order the function first reads them
  (one index per arg: exact for the usual single-arg ops and for calls, whose
  one arg is ``output``).
- Bounded: calls nest at most :data:`MAX_CALL_DEPTH` deep and the inlined graph
  holds at most :data:`tb_plugin.limits.MAX_NODES` nodes. A call cycle, or a call
  to a function the library lacks, raises :class:`FunctionLibraryError` naming it.
  Control flow (``If``, ``While``) keeps its branch functions as attributes: a
  branch is not a call and is not inlined.
"""

from __future__ import annotations

from tensorboard.compat.proto import graph_pb2, node_def_pb2

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError

__all__ = ["CALL_OPS", "FunctionLibraryError", "MAX_CALL_DEPTH", "inline_functions"]

CALL_OPS = frozenset({"StatefulPartitionedCall", "PartitionedCall"})
MAX_CALL_DEPTH = 64
INLINED_FROM_ATTR = "_inlined_from"


class FunctionLibraryError(CaptureError):
    """A GraphDef's calls cannot be inlined: a cycle, a missing function, or too deep a nesting."""


def inline_functions(graph_def: graph_pb2.GraphDef) -> graph_pb2.GraphDef:
    """``graph_def`` with every function call replaced by the called body (``graph_def`` itself if it calls none).

    >>> gd = graph_pb2.GraphDef()
    >>> f = gd.library.function.add()
    >>> f.signature.name = "double"
    >>> _ = f.signature.input_arg.add(name="x")
    >>> _ = f.signature.output_arg.add(name="y")
    >>> _ = f.node_def.add(name="Add", op="AddV2", input=["x", "x"])
    >>> f.ret["y"] = "Add:z:0"
    >>> _ = gd.node.add(name="in", op="Placeholder")
    >>> call = gd.node.add(name="layer/StatefulPartitionedCall", op="StatefulPartitionedCall", input=["in"])
    >>> call.attr["f"].func.name = "double"
    >>> _ = gd.node.add(name="out", op="Identity", input=["layer/StatefulPartitionedCall:0"])
    >>> [(n.name, list(n.input)) for n in inline_functions(gd).node]
    [('in', []), ('layer/Add', ['in:0', 'in:0']), ('out', ['layer/Add:0'])]
    """
    library = {f.signature.name: f for f in graph_def.library.function}
    if not any(n.op in CALL_OPS or n.op in library for n in graph_def.node):
        return graph_def
    inliner = _Inliner(library)
    top = _Frame(prefix=None, args={}, local={n.name: n.name for n in graph_def.node}, function="")
    inliner.taken.update(top.local.values())
    inliner.expand(graph_def.node, top, stack=())
    out = graph_pb2.GraphDef(versions=graph_def.versions)
    for node in inliner.emitted:
        node.input[:] = [text for ref in node.input for text in inliner.resolve(ref)]
        out.node.append(node)
    return out


class _Frame:
    """How one body's local names map onto the flat graph."""

    def __init__(self, *, prefix: str | None, args: dict[str, str], local: dict[str, str], function: str) -> None:
        self.prefix = prefix  # None for the top-level graph, whose references are already flat
        self.args = args  # argument name -> flat tensor ("node:index")
        self.local = local  # node name in the body -> flat node name
        self.function = function
        self.offsets: dict[str, dict[str, int]] = {}  # node -> output arg name -> first flat index


class _Inliner:
    def __init__(self, library: dict) -> None:
        self.library = library
        self.taken: set[str] = set()
        self.emitted: list[node_def_pb2.NodeDef] = []
        self.returns: dict[str, list[str]] = {}  # flat call name -> flat tensors it returns
        self.calls = 0

    def expand(self, nodes, frame: _Frame, stack: tuple[str, ...]) -> None:
        for node in nodes:
            inputs = [frame_ref(frame, text) for text in node.input]
            called = _called_function(node, self.library)
            if called is None and node.op in CALL_OPS:
                raise FunctionLibraryError(
                    f"node {ir.shown(frame.local[node.name])} calls function {ir.shown(_function_attr(node))}, "
                    "which the GraphDef's function library lacks; log the graph with its library "
                    "(tf.summary.trace_export, or graph.as_graph_def())"
                )
            if called is not None:
                self._inline_call(node, frame, inputs, called, stack)
                continue
            limits.check(len(self.emitted) + 1, limits.MAX_NODES, "nodes once functions are inlined", FunctionLibraryError)
            copy = node_def_pb2.NodeDef()
            copy.CopyFrom(node)
            copy.name = frame.local[node.name]
            copy.input[:] = inputs
            if frame.function:
                copy.attr[INLINED_FROM_ATTR].s = frame.function.encode()
            self.emitted.append(copy)

    def _inline_call(self, node, frame: _Frame, inputs: list[str], called: str, stack: tuple[str, ...]) -> None:
        call_name = frame.local[node.name]
        if called in stack:
            chain = " -> ".join(ir.shown(f) for f in (*stack[stack.index(called):], called))
            raise FunctionLibraryError(f"function {ir.shown(called)} calls itself ({chain}): a call cycle cannot be inlined")
        if len(stack) >= MAX_CALL_DEPTH:
            raise FunctionLibraryError(
                f"node {ir.shown(call_name)} calls {ir.shown(called)} through {len(stack)} nested calls, more than "
                f"{MAX_CALL_DEPTH} (tb_plugin.capture.tf_functions.MAX_CALL_DEPTH)"
            )
        self.calls += 1  # bodies of nothing but calls emit no node, yet may nest exponentially
        limits.check(self.calls, limits.MAX_NODES, "function calls to inline", FunctionLibraryError)
        body = self.library[called]
        data = [ref for ref in inputs if not ref.startswith("^")]
        arg_names = [a.name for a in body.signature.input_arg]
        if len(data) != len(arg_names):
            raise FunctionLibraryError(
                f"node {ir.shown(call_name)} passes {len(data)} inputs to function {ir.shown(called)}, "
                f"which takes {len(arg_names)}"
            )
        scope = call_name.rpartition("/")[0]
        local = {n.name: self._fresh_name(scope, call_name, n.name) for n in body.node_def}
        inner = _Frame(prefix=scope, args=dict(zip(arg_names, data)), local=local, function=called)
        self.expand(body.node_def, inner, (*stack, called))
        returns = []
        for arg in body.signature.output_arg:
            if arg.name not in body.ret:
                raise FunctionLibraryError(f"function {ir.shown(called)} returns no tensor for its output {ir.shown(arg.name)}")
            returns.append(frame_ref(inner, body.ret[arg.name]))
        self.returns[call_name] = returns

    def _fresh_name(self, scope: str, call_name: str, local: str) -> str:
        candidates = [f"{scope}/{local}" if scope else local, f"{call_name}/{local}"]
        name = next((c for c in candidates if c not in self.taken), None)
        n = 0
        while name is None or name in self.taken:
            n += 1
            name = f"{candidates[1]}__inlined{n}"
        self.taken.add(name)
        return name

    def resolve(self, ref: str) -> list[str]:
        """A flat reference with calls replaced by what they return (a control input may become several)."""
        if ref.startswith("^"):
            if ref[1:] not in self.returns:
                return [ref]
            data = [self.resolve(returned)[0] for returned in self.returns[ref[1:]]]
            return list(dict.fromkeys("^" + r.rpartition(":")[0] for r in data))
        for _ in range(MAX_CALL_DEPTH + 2):  # each step goes one call deeper, and calls nest that deep at most
            name, _, index = ref.rpartition(":")
            if name not in self.returns:
                return [ref]
            returned = self.returns[name]
            if int(index) >= len(returned):
                raise FunctionLibraryError(f"a node reads output {index} of call {ir.shown(name)}, which returns {len(returned)}")
            ref = returned[int(index)]
        raise FunctionLibraryError(f"returns of call {ir.shown(ref)} nest deeper than {MAX_CALL_DEPTH}")


def frame_ref(frame: _Frame, text: str) -> str:
    """A body's (or the top graph's) input text as a flat reference: ``"node:index"`` or ``"^node"``."""
    control = text.startswith("^")
    text = text.removeprefix("^")
    if frame.prefix is None:
        base, _, index = text.rpartition(":")
        if not base or not index.isdigit() or text in frame.local:
            base, index = text, "0"
        flat = base, int(index)
    elif text in frame.args:
        flat = tuple(frame.args[text].rsplit(":", 1))
    else:
        parts = text.split(":")
        node = parts[0]
        if node not in frame.local:
            raise FunctionLibraryError(
                f"function {ir.shown(frame.function)} reads {ir.shown(text)}, which names neither a node of its body "
                "nor one of its arguments"
            )
        arg, index = (parts[1], int(parts[2])) if len(parts) == 3 and parts[2].isdigit() else ("", 0)
        offsets = frame.offsets.setdefault(node, {})
        flat = frame.local[node], offsets.setdefault(arg, len(offsets)) + index
    return f"^{flat[0]}" if control else f"{flat[0]}:{flat[1]}"


def _called_function(node, library: dict) -> str | None:
    """The library function ``node`` calls, if any."""
    if node.op in library:
        return node.op
    name = _function_attr(node) if node.op in CALL_OPS else ""
    return name if name in library else None


def _function_attr(node) -> str:
    """The function a call op names (``""`` if none), read without adding the attribute to the proto."""
    f = node.attr.get("f")
    return "" if f is None else f.func.name
