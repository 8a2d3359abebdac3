"""Synthetic deep models for tests and benchmarks: any size, built in linear time, no torch.

:func:`deep_model` builds a transformer-like stack of identical blocks with a
PyTorch-style module tree::

    embed (Embedding)
    layers (ModuleList)
      layers.<i> (Block)
        norm1, norm2 (LayerNorm)
        attn (Attention): q, k, v, o (Linear)
        mlp (MLP): fc1, fc2 (Linear), act (GELU)
    head (Linear)

Every block has exactly ``ops_per_block`` op nodes (15 in the skeleton above;
the rest is a chain of element-wise ops inside ``mlp``) plus 16 parameter nodes.

>>> g = deep_model(3, 20)
>>> g.lint()
>>> sum(n.kind is ir.NodeKind.OP for n in g.nodes.values() if n.module.split(".")[:2] == ["layers", "1"])
20
>>> len(deep_model(3, 20, flat=True).modules)
1
"""

from __future__ import annotations

from tb_plugin import ir

__all__ = ["SKELETON_OPS", "deep_model"]

SKELETON_OPS = 15
"""The fewest ops a block of :func:`deep_model` can have."""

_FILLER = ("aten.mul.Tensor", "aten.add.Tensor", "aten.tanh.default")
_LINEAR = "torch.nn.modules.linear.Linear"


def deep_model(
    n_blocks: int,
    ops_per_block: int = 50,
    *,
    hidden: int = 64,
    parameters: bool = True,
    flat: bool = False,
    name: str = "deep",
) -> ir.Graph:
    """A graph of ``n_blocks`` identical blocks chained by data flow (see the module docstring).

    ``parameters=False`` leaves out the weight and bias nodes; ``flat=True``
    puts every node into the root module, as in a GraphDef without scopes. Raises
    :class:`ValueError` when ``ops_per_block`` is below :data:`SKELETON_OPS`.
    """
    if ops_per_block < SKELETON_OPS:
        raise ValueError(f"ops_per_block must be at least {SKELETON_OPS}, got {ops_per_block}")
    g = ir.Graph(name=name, source_format=ir.SourceFormat.TORCH_EXPORT, producer="synthetic", root_class="DeepModel")
    b = _Builder(g, hidden, parameters, flat)
    g.add_node(ir.Node("tokens", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((1, 128), "int64"),)))
    x = b.op("embed", "aten.embedding.default", ["tokens"], params=(("weight", (1000, hidden)),))
    if not flat:
        g.add_module("layers", "torch.nn.modules.container.ModuleList")
    for i in range(n_blocks):
        x = _block(b, f"layers.{i}", x, ops_per_block - SKELETON_OPS)
    x = b.op("head", "aten.linear.default", [x], params=(("weight", (10, hidden)), ("bias", (10,))))
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(x),)))
    return g


def _block(b: _Builder, path: str, x: str, filler: int) -> str:
    if not b.flat:
        _add_block_modules(b.graph, path)
    norm = (("weight", (b.hidden,)), ("bias", (b.hidden,)))
    square = (("weight", (b.hidden, b.hidden)), ("bias", (b.hidden,)))
    h = b.op(f"{path}.norm1", "aten.layer_norm.default", [x], params=norm)
    q, k, v = (b.op(f"{path}.attn.{c}", "aten.linear.default", [h], params=square) for c in "qkv")
    scores = b.op(f"{path}.attn", "aten.matmul.default", [q, k])
    scores = b.op(f"{path}.attn", "aten.mul.Tensor", [scores])
    probs = b.op(f"{path}.attn", "aten.softmax.int", [scores])
    attended = b.op(f"{path}.attn", "aten.matmul.default", [probs, v])
    attended = b.op(f"{path}.attn.o", "aten.linear.default", [attended], params=square)
    x = b.op(path, "aten.add.Tensor", [x, attended])
    h = b.op(f"{path}.norm2", "aten.layer_norm.default", [x], params=norm)
    h = b.op(f"{path}.mlp.fc1", "aten.linear.default", [h], params=square)
    h = b.op(f"{path}.mlp.act", "aten.gelu.default", [h])
    for i in range(filler):
        h = b.op(f"{path}.mlp", _FILLER[i % len(_FILLER)], [h])
    h = b.op(f"{path}.mlp.fc2", "aten.linear.default", [h], params=square)
    return b.op(path, "aten.add.Tensor", [x, h])


def _add_block_modules(g: ir.Graph, path: str) -> None:
    g.add_module(path, "synthetic.Block")
    for child, cls in (("norm1", "LayerNorm"), ("attn", "Attention"), ("norm2", "LayerNorm"), ("mlp", "MLP")):
        g.add_module(f"{path}.{child}", f"synthetic.{cls}")
    for child in ("q", "k", "v", "o"):
        g.add_module(f"{path}.attn.{child}", _LINEAR)
    for child, cls in (("fc1", _LINEAR), ("act", "synthetic.GELU"), ("fc2", _LINEAR)):
        g.add_module(f"{path}.mlp.{child}", cls)


class _Builder:
    def __init__(self, graph: ir.Graph, hidden: int, parameters: bool, flat: bool) -> None:
        self.graph, self.hidden, self.parameters, self.flat = graph, hidden, parameters, flat
        self._count = 0
        self._out = (ir.TensorType((1, 128, hidden), "float32"),)

    def op(self, module: str, op: str, inputs: list[str], params: tuple = ()) -> str:
        """Add an op in ``module`` reading ``inputs`` (and the module's parameters); return its name."""
        name = f"{op.split('.')[1]}_{self._count}"
        self._count += 1
        refs = [ir.InputRef(i) for i in inputs]
        owner = "" if self.flat else module
        if self.parameters:
            for pname, dims in params:
                fqn = f"{module}.{pname}"
                size = 1
                for d in dims:
                    size *= d
                self.graph.add_node(
                    ir.Node(fqn, "parameter", ir.NodeKind.PARAMETER, module=owner,
                            outputs=(ir.TensorType(dims, "float32"),), parameter_count=size)
                )
                refs.append(ir.InputRef(fqn))
        self.graph.add_node(ir.Node(name, op, module=owner, inputs=tuple(refs), outputs=self._out))
        return name
