"""The whole simplification engine on real models from every capture path, random graphs and bad input.

Every fold here runs with the passes' ``ensures`` checks on, and every view is
checked for exact edge accounting.
"""

from __future__ import annotations

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tensorboard.compat.proto import graph_pb2, node_def_pb2

from tb_plugin import ir
from tb_plugin.capture import graphdef, onnx_model, torch_export
from tb_plugin.simplify import simplify, simplify_stats, visible_modules
from tb_plugin.views import check_view

from tests.models import TINY_MODELS, tiny_bert


def _fold_and_check(graph: ir.Graph):
    folded = simplify(graph, check=True)
    for path in folded.h.module_paths:
        check_view(folded, path)
    return folded, simplify_stats(folded)


def _stack_classes(stats) -> dict[str, int]:
    return {s["module_class"].rpartition(".")[2]: s["count"] for s in stats["stacks"]}


@pytest.mark.parametrize("name", sorted(TINY_MODELS))
def test_torch_export_models(name):
    model, inputs = TINY_MODELS[name]()
    folded, stats = _fold_and_check(torch_export.capture_module(model, inputs))
    assert stats["default_view"]["reduction"] > 0.5
    accounted = ("drawn", "pruned", "embedded", "contracted", "dead", "check")
    assert stats["edges"]["original"] == sum(stats["edges"][k] for k in accounted)
    if name == "bert":
        assert _stack_classes(stats)["BertLayer"] == 3


def test_onnx_model(tmp_path):
    model, inputs = tiny_bert()
    path = tmp_path / "bert.onnx"
    torch.onnx.export(model, inputs, str(path), dynamo=True)
    _, stats = _fold_and_check(onnx_model.capture_onnx(path))
    assert _stack_classes(stats)["BertLayer"] == 3


def test_add_graph_graphdef(tmp_path):
    from tensorboard.backend.event_processing.event_file_loader import LegacyEventFileLoader
    from torch.utils.tensorboard import SummaryWriter

    model, inputs = tiny_bert()
    with SummaryWriter(tmp_path) as writer:
        writer.add_graph(model, inputs, use_strict_trace=False)
    (event_file,) = tmp_path.glob("events*")
    (graph_def,) = [e.graph_def for e in LegacyEventFileLoader(str(event_file)).Load() if e.graph_def]
    _, stats = _fold_and_check(graphdef.capture_graphdef(graph_def))
    assert _stack_classes(stats)["BertLayer"] == 3


def _while_loop_graphdef() -> bytes:
    g = graph_pb2.GraphDef()
    for name, op, inputs in [
        ("x", "Placeholder", []),
        ("loop/Enter", "Enter", ["x"]),
        ("loop/Merge", "Merge", ["loop/Enter", "loop/NextIteration"]),
        ("loop/Less", "Less", ["loop/Merge"]),
        ("loop/LoopCond", "LoopCond", ["loop/Less"]),
        ("loop/Switch", "Switch", ["loop/Merge", "loop/LoopCond"]),
        ("loop/body/Add", "Add", ["loop/Switch:1"]),
        ("loop/NextIteration", "NextIteration", ["loop/body/Add"]),
        ("loop/Exit", "Exit", ["loop/Switch"]),
        ("y", "Identity", ["loop/Exit"]),
    ]:
        g.node.append(node_def_pb2.NodeDef(name=name, op=op, input=inputs))
    return g.SerializeToString()


def test_tensorflow_while_loop_is_a_true_cycle():
    folded, stats = _fold_and_check(graphdef.capture_graphdef(_while_loop_graphdef()))
    assert stats["edges"]["reversed"] >= 1
    loop_view = folded.view("loop")
    assert any(e["reversed"] for e in loop_view["edges"])


class TestBadInput:
    def test_empty_graph(self):
        _, stats = _fold_and_check(ir.Graph(name="empty"))
        assert stats["default_view"]["simplified_elements"] == 0 and stats["default_view"]["reduction"] == 0.0

    def test_self_loop(self):
        g = ir.Graph()
        g.add_node(ir.Node("a", "Merge", inputs=(ir.InputRef("a"),)))
        folded, stats = _fold_and_check(g)
        (edge,) = folded.view("")["edges"]
        assert edge["reversed"] and stats["edges"]["reversed"] == 1

    def test_edge_to_missing_node(self):
        g = ir.Graph()
        g.add_node(ir.Node("a", "Relu", inputs=(ir.InputRef("ghost"),)))
        with pytest.raises(ir.GraphLintError, match="'a' reads 'ghost'"):
            simplify(g)

    def test_duplicate_names_are_refused_when_building(self):
        g = ir.Graph()
        g.add_node(ir.Node("a", "Relu"))
        with pytest.raises(ir.GraphError, match="duplicate node name 'a'"):
            g.add_node(ir.Node("a", "Relu"))

    def test_unknown_module_view(self, tiny_graph):
        from tb_plugin.views import UnknownModuleError

        with pytest.raises(UnknownModuleError, match="no module 'nope'"):
            simplify(tiny_graph).view("nope")


_RANDOM_OPS = ["Add", "Relu", "MatMul"]
# capture noise: plumbing to contract, checks to hide, shape reads and mask ops for helper regions
_NOISY_OPS = _RANDOM_OPS + ["prim::TupleConstruct", "prim::TupleUnpack", "prim::ListConstruct",
                            "aten._assert_tensor_metadata.default", "aten::size", "aten.arange.default"]


@st.composite
def random_graphs(draw, ops=tuple(_RANDOM_OPS), outputs: bool = False) -> ir.Graph:
    """Random module trees with random, possibly cyclic, edges and some parameters (and outputs, if asked)."""
    n_modules = draw(st.integers(1, 8))
    paths = [""]
    for i in range(1, n_modules):
        parent = draw(st.sampled_from(paths))
        paths.append(f"{parent}.m{i}" if parent else f"m{i}")
    n_nodes = draw(st.integers(0, 30))
    g = ir.Graph(name="random")
    choices = [ir.NodeKind.OP] * 4 + [ir.NodeKind.PARAMETER, ir.NodeKind.INPUT] + [ir.NodeKind.OUTPUT] * outputs
    kinds = [draw(st.sampled_from(choices)) for _ in range(n_nodes)]
    for i in range(n_nodes):
        inputs = ()
        if kinds[i] in (ir.NodeKind.OP, ir.NodeKind.OUTPUT) and n_nodes:
            sources = draw(st.lists(st.integers(0, n_nodes - 1), max_size=4))
            inputs = tuple(ir.InputRef(f"n{s}") for s in sources)
        g.add_node(ir.Node(f"n{i}", draw(st.sampled_from(list(ops))), kinds[i],
                           module=draw(st.sampled_from(paths)), inputs=inputs, parameter_count=3 * (kinds[i] is ir.NodeKind.PARAMETER)))
    return g


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs())
def test_invariants_hold_on_random_graphs(graph):
    folded, stats = _fold_and_check(graph)
    assert stats["edges"]["original"] == graph.edge_count
    visible = visible_modules(folded)
    assert visible[0] == 0 and len(set(visible)) == len(visible)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs(ops=tuple(_NOISY_OPS), outputs=True))
def test_invariants_hold_with_contraction_and_grouping(graph):
    """Hidden noise, through edges and helper modules keep every view acyclic and every edge accounted."""
    folded, stats = _fold_and_check(graph)  # ensures: acyclic views; check_view: exact accounting per view
    accounted = ("drawn", "pruned", "embedded", "contracted", "dead", "check")
    assert stats["edges"]["original"] == graph.edge_count == sum(stats["edges"][k] for k in accounted)
    h = folded.h
    assert stats["edges"]["through"] == h.edge_count - h.original_edge_count
    for eid in range(h.original_edge_count, h.edge_count):  # a through edge joins two drawn nodes
        assert h.hidden_reason[h.edge_src[eid]] in ("", "embedded") and not h.hidden[h.edge_dst[eid]]


def test_reveal_walks_into_a_stack_member():
    model, inputs = tiny_bert()
    folded = simplify(torch_export.capture_module(model, inputs))
    name = next(n.name for n in folded.h.nodes if n.module == "encoder.layer.2.intermediate.dense" and n.kind is ir.NodeKind.OP)
    steps = folded.reveal(name)["reveal"]
    stack_step = next(s for s in steps if s["item"].startswith("s:encoder.layer.0"))
    # encoder and encoder.layer only wrap the stack, so the root draws it
    assert stack_step == {"view": "", "item": "s:encoder.layer.0", "member": "encoder.layer.2"}
    assert steps[-1] == {"view": "encoder.layer.2.intermediate.dense", "item": "n:" + name}
    for step in steps:  # every step names an item of the view it is in
        assert step["item"] in {c["id"] for c in folded.view(step["view"])["children"]}


def test_stack_lists_the_edges_between_its_members():
    model, inputs = tiny_bert()
    folded = simplify(torch_export.capture_module(model, inputs))
    (stack,) = [c for c in folded.view("encoder.layer")["children"] if c["type"] == "stack"]
    chain = [(e["source"], e["target"]) for e in stack["member_edges"]]
    assert chain == [("m:encoder.layer.0", "m:encoder.layer.1"), ("m:encoder.layer.1", "m:encoder.layer.2")]
    assert all(e["tensors"][0]["shape"] == [1, 16, 32] for e in stack["member_edges"])
