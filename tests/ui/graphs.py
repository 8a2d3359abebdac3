"""The graphs the browser tests log, and where: a tiny BERT, a GPT-2, hostile names, a while loop, a fan-out, near-repeats,
a training step.

The hand-built ones are small enough to lay out in a moment and have exactly
the structure their test needs, which real models have only at sizes too slow
for a browser test. Each ``dict`` constant is the ``run``, ``tag`` and
``source`` of one logged graph, as the tab's URL fragment and the HTTP API
name it.
"""

from __future__ import annotations

import pathlib

from tb_plugin import ir, metadata

__all__ = [
    "BERT", "BERT_GRAPHDEF", "CALLS", "FAN_OUT", "GPT2", "HOSTILE", "LOGGED", "LOOP", "PAYLOAD", "TRAINING",
    "VARIANTS", "fan_out_graph", "gpt2_model", "hostile_names_graph", "variant_layers_graph", "while_loop_graph",
    "write_logdir",
]

PAYLOAD = "<img src=x onerror=alert(1)>"
"""Markup that runs script if any name from the log is ever parsed as HTML."""

_F32 = (ir.TensorType((1, 8), "float32"),)

BERT = {"run": "bert", "tag": "tiny_bert", "source": "graphfold"}
BERT_GRAPHDEF = {"run": "bert", "tag": metadata.RUN_GRAPH_TAG, "source": "graphdef"}
HOSTILE = {"run": "hostile", "tag": PAYLOAD, "source": "graphfold"}
LOOP = {"run": "loop", "tag": "while", "source": "graphfold"}
FAN_OUT = {"run": "fan_out", "tag": "mask", "source": "graphfold"}
GPT2 = {"run": "gpt2", "tag": "gpt2", "source": "graphfold"}
VARIANTS = {"run": "variants", "tag": "near_repeats", "source": "graphfold"}
TRAINING = {"run": "training", "tag": "train", "source": "graphfold"}
CALLS = {"run": "calls", "tag": "shared_block", "source": "graphfold"}
LOGGED = (BERT, BERT_GRAPHDEF, HOSTILE, LOOP, FAN_OUT, GPT2, VARIANTS, TRAINING, CALLS)


def write_logdir(root: pathlib.Path) -> pathlib.Path:
    """Log every graph of :data:`LOGGED` under ``root`` with the real APIs; return ``root``.

    The 3-layer tiny BERT is logged twice into one run: ``tb_plugin.log_graph``
    (torch.export) and ``SummaryWriter.add_graph`` (a GraphDef). The 12-layer
    GPT-2 (:func:`gpt2_model`) is logged with ``tb_plugin.log_graph``; the
    training step of a 4-block residual model with SGD
    (:mod:`tests.support.training_model`) with ``tb_plugin.log_training_graph``; a
    block run three times, whose ``self.relu`` runs twice per call, with ``tb_plugin.log_graph``.
    """
    import torch
    from torch.utils.tensorboard import SummaryWriter

    import tb_plugin
    from tb_plugin.summary import write_graph
    from tests.models import tiny_bert
    from tests.support.training_model import residual_training_step

    model, inputs = tiny_bert(3)
    with SummaryWriter(root / BERT["run"]) as writer:
        tb_plugin.log_graph(writer, model, inputs, tag=BERT["tag"])
        writer.add_graph(model, inputs, use_strict_trace=False)
    with SummaryWriter(root / GPT2["run"]) as writer:
        tb_plugin.log_graph(writer, *gpt2_model(), tag=GPT2["tag"])
    write_graph(root / HOSTILE["run"], hostile_names_graph(), tag=HOSTILE["tag"])
    write_graph(root / LOOP["run"], while_loop_graph(), tag=LOOP["tag"])
    write_graph(root / FAN_OUT["run"], fan_out_graph(), tag=FAN_OUT["tag"])
    write_graph(root / VARIANTS["run"], variant_layers_graph(), tag=VARIANTS["tag"])
    model, x, loss_fn = residual_training_step()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    tb_plugin.log_training_graph(root / TRAINING["run"], model, x, loss_fn, optimizer=optimizer, tag=TRAINING["tag"])
    from tests.capture.test_module_calls import SharedBlock

    tb_plugin.log_graph(root / CALLS["run"], SharedBlock().eval(), torch.randn(1, 3, 6, 6), tag=CALLS["tag"])
    return root


def gpt2_model():
    """A 12-layer GPT-2 of width 32 with the default config otherwise (a KV cache is returned), and its input.

    Its capture has what the capture-noise passes hide (unused operators,
    export checks), an attention-mask helper region beside the model, and
    ``h``, a ModuleList that only wraps the stack of twelve ``GPT2Block`` s.
    """
    import torch
    from transformers import GPT2Config, GPT2Model

    torch.manual_seed(0)
    config = GPT2Config(n_layer=12, n_embd=32, n_head=2, vocab_size=100, n_positions=64, attn_implementation="eager")
    return GPT2Model(config).eval(), (torch.randint(0, 100, (1, 8)),)


def hostile_names_graph(layers: int = 3) -> ir.Graph:
    """A module named :data:`PAYLOAD` holding a stack of ``layers`` blocks, every node name carrying it.

    The root shows one op named after the payload and the closed module; inside,
    the blocks ``PAYLOAD.0`` .. ``PAYLOAD.<layers-1>`` form one stack whose member
    names, node names and module class all contain the payload.
    """
    g = ir.Graph(name=PAYLOAD, source_format=ir.SourceFormat.TORCH_EXPORT, producer=PAYLOAD, root_class=PAYLOAD)
    g.add_module(PAYLOAD, f"{PAYLOAD}List")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=_F32))
    g.add_node(ir.Node(f"{PAYLOAD}_in", f"aten.{PAYLOAD}", inputs=(ir.InputRef("x"),), outputs=_F32,
                       attrs={"note": PAYLOAD}))
    previous = f"{PAYLOAD}_in"
    for i in range(layers):
        block = f"{PAYLOAD}.{i}"
        g.add_module(block, f"{PAYLOAD}Block")
        g.add_module(f"{block}.fc", "torch.nn.modules.linear.Linear")
        weight = g.add_node(ir.Node(f"{block}.fc.weight", "parameter", ir.NodeKind.PARAMETER, module=f"{block}.fc",
                                    outputs=(ir.TensorType((8, 8), "float32"),), parameter_count=64))
        fc = g.add_node(ir.Node(f"{PAYLOAD}_linear_{i}", "aten.linear.default", module=f"{block}.fc",
                                inputs=(ir.InputRef(previous), ir.InputRef(weight.name)), outputs=_F32))
        act = g.add_node(ir.Node(f"{PAYLOAD}_relu_{i}", "aten.relu.default", module=block,
                                 inputs=(ir.InputRef(fc.name),), outputs=_F32))
        add = g.add_node(ir.Node(f"{PAYLOAD}_add_{i}", "aten.add.Tensor", module=block,
                                 inputs=(ir.InputRef(previous), ir.InputRef(act.name)), outputs=_F32))
        previous = add.name
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(previous),)))
    return g


def while_loop_graph() -> ir.Graph:
    """A TensorFlow-style while loop split over two root modules, ``cond`` and ``body``.

    ``cond`` holds Merge, Less and Switch; ``body`` holds the loop body and
    NextIteration, which feeds back into Merge: ``cond -> body -> cond`` is a
    cycle at the root, so the root view must draw one edge reversed.
    """
    g = ir.Graph(name="while_loop", source_format=ir.SourceFormat.GRAPHDEF, producer="hand")
    g.add_module("cond", "while/cond")
    g.add_module("body", "while/body")
    scalar = (ir.TensorType((), "int32"),)
    g.add_node(ir.Node("i0", "Const", outputs=scalar))
    g.add_node(ir.Node("limit", "Placeholder", ir.NodeKind.INPUT, outputs=scalar))
    g.add_node(ir.Node("enter", "Enter", inputs=(ir.InputRef("i0"),), outputs=scalar))
    g.add_node(ir.Node("merge", "Merge", module="cond", inputs=(ir.InputRef("enter"), ir.InputRef("next_iteration")),
                       outputs=scalar))
    g.add_node(ir.Node("less", "Less", module="cond", inputs=(ir.InputRef("merge"), ir.InputRef("limit")),
                       outputs=(ir.TensorType((), "bool"),)))
    g.add_node(ir.Node("switch", "Switch", module="cond", inputs=(ir.InputRef("merge"), ir.InputRef("less")),
                       outputs=scalar * 2))
    g.add_node(ir.Node("identity", "Identity", module="body", inputs=(ir.InputRef("switch", 1),), outputs=scalar))
    g.add_node(ir.Node("increment", "AddV2", module="body", inputs=(ir.InputRef("identity"),), outputs=scalar))
    g.add_node(ir.Node("next_iteration", "NextIteration", module="body", inputs=(ir.InputRef("increment"),),
                       outputs=scalar))
    g.add_node(ir.Node("exit", "Exit", inputs=(ir.InputRef("switch", 0),), outputs=scalar))
    g.add_node(ir.Node("result", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("exit"),)))
    return g


_BINARY_OPS = ("add", "mul", "sub", "div", "maximum", "minimum", "atan2", "pow", "fmod", "remainder", "hypot", "xlogy")


def fan_out_graph(consumers: int = 12) -> ir.Graph:
    """One mask tensor, made at the root, read by each of ``consumers`` chained modules.

    The mask's fan-out is an outlier and each module computes something else
    (no stack draws them as one item), so its edges are pruned into port stubs:
    at the root, one on ``mask`` and one on each consumer module.
    """
    g = ir.Graph(name="fan_out", source_format=ir.SourceFormat.TORCH_EXPORT, producer="hand")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=_F32))
    g.add_node(ir.Node("mask", "aten.where.self", inputs=(ir.InputRef("x"),), outputs=_F32))
    previous = "x"
    for i in range(consumers):
        g.add_module(f"block{i}", f"Block{i}")
        op = _BINARY_OPS[i % len(_BINARY_OPS)]
        node = g.add_node(ir.Node(f"{op}_{i}", f"aten.{op}.Tensor", module=f"block{i}",
                                  inputs=(ir.InputRef(previous), ir.InputRef("mask")), outputs=_F32))
        previous = node.name
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(previous),)))
    return g


def variant_layers_graph(layers: int = 4, ops: int = 40) -> ir.Graph:
    """``layers`` chained blocks of class ``Layer`` in a ``ModuleList``; block 0 computes one op more.

    Each block is a chain of ``ops`` distinct ops; block 0 has an extra
    ``bias`` op after its second, as T5's first block computes the relative
    position bias. The extra op is a small edit, so block 0 joins the stack
    of the others as a variant (its ``adds`` name ``layers.0.bias``).
    """
    g = ir.Graph(name="near_repeats", source_format=ir.SourceFormat.TORCH_EXPORT, producer="hand")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=_F32))
    g.add_module("layers", "torch.nn.modules.container.ModuleList")
    previous = "x"
    for i in range(layers):
        path = f"layers.{i}"
        g.add_module(path, "Layer")
        names = [(f"{path}.op{k}", f"aten.op{k}.default") for k in range(ops)]
        if i == 0:
            names.insert(2, (f"{path}.bias", "aten.bias.default"))
        for name, op in names:
            g.add_node(ir.Node(name, op, module=path, inputs=(ir.InputRef(previous),), outputs=_F32))
            previous = name
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(previous),)))
    return g
