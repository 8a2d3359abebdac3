"""Hand-built IR graphs of a chosen size, for load tests and benchmarks that need no torch capture."""

from __future__ import annotations

from tb_plugin import ir

__all__ = ["transformer_graph"]

_HIDDEN = 64


def transformer_graph(layers: int = 173, *, name: str = "SyntheticTransformer") -> ir.Graph:
    """A GPT-like stack of ``layers`` identical blocks of 29 nodes (173 layers: 5,019 nodes, 5,710 edges).

    Each block has two layer norms, an attention (q, k, v, o projections,
    scores, softmax, mixing) and an MLP, with their weights and biases as
    parameters and residual adds between them, under module paths
    ``h.<i>.attn.q`` and the like, so folding finds one stack of ``layers`` members as it
    would in a captured model.
    """
    g = ir.Graph(name=name, source_format=ir.SourceFormat.TORCH_EXPORT, producer="synthetic", root_class=name)
    act = (ir.TensorType((1, 16, _HIDDEN), "float32"),)
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=act))
    g.add_module("h", "torch.nn.modules.container.ModuleList")
    x = "x"
    for i in range(layers):
        block = f"h.{i}"
        g.add_module(block, "Block")
        for sub, cls in [("ln1", "LayerNorm"), ("attn", "Attention"), ("ln2", "LayerNorm"), ("mlp", "MLP")]:
            g.add_module(f"{block}.{sub}", cls)
        for sub in ("q", "k", "v", "o"):
            g.add_module(f"{block}.attn.{sub}", "torch.nn.modules.linear.Linear")
        for sub in ("fc1", "fc2"):
            g.add_module(f"{block}.mlp.{sub}", "torch.nn.modules.linear.Linear")

        def op(name, target, module, *inputs):
            g.add_node(ir.Node(name, target, module=module, inputs=tuple(ir.InputRef(n) for n in inputs), outputs=act))
            return name

        def linear(module, source):
            for p, shape in (("weight", (_HIDDEN, _HIDDEN)), ("bias", (_HIDDEN,))):
                g.add_node(ir.Node(f"{module}.{p}", "parameter", ir.NodeKind.PARAMETER, module=module,
                                   outputs=(ir.TensorType(shape, "float32"),), parameter_count=_count(shape)))
            return op(f"{module}.linear", "aten.linear.default", module, source, f"{module}.weight", f"{module}.bias")

        def norm(module, source):
            g.add_node(ir.Node(f"{module}.weight", "parameter", ir.NodeKind.PARAMETER, module=module,
                               outputs=(ir.TensorType((_HIDDEN,), "float32"),), parameter_count=_HIDDEN))
            return op(f"{module}.norm", "aten.layer_norm.default", module, source, f"{module}.weight")

        attn = f"{block}.attn"
        h = norm(f"{block}.ln1", x)
        q, k, v = (linear(f"{attn}.{s}", h) for s in ("q", "k", "v"))
        kt = op(f"{attn}.transpose", "aten.transpose.int", attn, k)
        scores = op(f"{attn}.scores", "aten.matmul.default", attn, q, kt)
        probs = op(f"{attn}.softmax", "aten.softmax.int", attn, scores)
        mixed = op(f"{attn}.mix", "aten.matmul.default", attn, probs, v)
        x = op(f"{block}.add1", "aten.add.Tensor", block, x, linear(f"{attn}.o", mixed))
        h = norm(f"{block}.ln2", x)
        up = op(f"{block}.mlp.gelu", "aten.gelu.default", f"{block}.mlp", linear(f"{block}.mlp.fc1", h))
        x = op(f"{block}.add2", "aten.add.Tensor", block, x, linear(f"{block}.mlp.fc2", up))
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(x),)))
    return g


def _count(shape: tuple[int, ...]) -> int:
    total = 1
    for d in shape:
        total *= d
    return total
