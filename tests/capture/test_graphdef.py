"""Tests of tb_plugin.capture.graphdef: real ``add_graph`` logs and hand-built TensorFlow GraphDefs."""

from __future__ import annotations

import pathlib
import warnings

import networkx as nx
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from tensorboard.backend.event_processing.event_file_loader import EventFileLoader
from tensorboard.compat.proto import attr_value_pb2, graph_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from torch import nn
from torch.utils.tensorboard import SummaryWriter

from tb_plugin import ir, serialize
from tb_plugin.capture import CaptureError
from tb_plugin.capture.graphdef import capture_graphdef

from tests.models import Block


# -- helpers ------------------------------------------------------------------------------
def logged_graph_def(logdir: pathlib.Path, model, inputs) -> bytes:
    """Write ``model`` with ``SummaryWriter.add_graph`` and read the GraphDef back from the event file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about data-dependent Python values
        writer = SummaryWriter(str(logdir))
        writer.add_graph(model, inputs, use_strict_trace=False)
        writer.close()
    (path,) = logdir.glob("events.out.tfevents.*")
    graphs = [event.graph_def for event in EventFileLoader(str(path)).Load() if event.graph_def]
    assert len(graphs) == 1
    return graphs[0]


def assert_modules_are_real(graph: ir.Graph, model) -> None:
    """Every captured module is a module of ``model`` (no container-skipping twin) with its class."""
    named = {name: type(module).__name__ for name, module in model.named_modules()}
    wrong = {p: m.class_name for p, m in graph.modules.items() if named.get(p) != m.class_name}
    assert not wrong, f"modules not in the model, or with the wrong class: {wrong}"


def shape(dims=None, unknown_rank=False) -> tensor_shape_pb2.TensorShapeProto:
    if unknown_rank:
        return tensor_shape_pb2.TensorShapeProto(unknown_rank=True)
    return tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=d) for d in dims])


def node(graph_def, name, op, inputs=(), **attrs) -> None:
    graph_def.node.add(name=name, op=op, input=list(inputs))
    for key, value in attrs.items():
        graph_def.node[-1].attr[key].CopyFrom(value)


def float_type() -> attr_value_pb2.AttrValue:
    return attr_value_pb2.AttrValue(type=types_pb2.DT_FLOAT)


def output_shapes(*shapes) -> attr_value_pb2.AttrValue:
    return attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue(shape=list(shapes)))


# -- real add_graph logs ----------------------------------------------------------------------
class Nested(nn.Module):
    """A ModuleList of blocks, reached by iteration, and a Sequential that is called."""

    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(), Block()])
        self.head = nn.Sequential(nn.Linear(4, 2), nn.Tanh())

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class TwoLists(nn.Module):
    """Two ModuleLists under one parent: their ops' scopes (``TwoLists/Linear[0]``) are the same."""

    def __init__(self):
        super().__init__()
        self.enc = nn.ModuleList([nn.Linear(4, 4)])
        self.dec = nn.ModuleList([nn.Linear(4, 4)])

    def forward(self, x):
        return self.dec[0](self.enc[0](x))


class TestTorchAddGraph:
    def test_module_list_twins_merge(self, tmp_path):
        model = Nested()
        graph = capture_graphdef(logged_graph_def(tmp_path, model, (torch.randn(3, 4),)), name="nested")
        graph.lint()
        assert_modules_are_real(graph, model)
        assert graph.root.class_name == "Nested"
        assert graph.modules["blocks"].class_name == "ModuleList"
        assert graph.modules["blocks.1"].class_name == "Block"
        assert graph.modules["head.0"].class_name == "Linear"
        assert graph.source_format is ir.SourceFormat.GRAPHDEF

    def test_ops_parameters_and_io(self, tmp_path):
        graph = capture_graphdef(logged_graph_def(tmp_path, Nested(), (torch.randn(3, 4),)))
        by_op = {}
        for n in graph.nodes.values():
            by_op.setdefault(n.op, []).append(n)
        linears = {n.module: n for n in by_op["aten::linear"]}
        assert set(linears) == {"blocks.0.fc", "blocks.1.fc", "head.0"}
        assert linears["head.0"].outputs == (ir.TensorType((3, 2), ""),)
        assert {n.module for n in by_op["aten::relu"]} == {"blocks.0.act", "blocks.1.act"}
        weights = [n for n in by_op["prim::GetAttr"] if n.module == "blocks.1.fc"]
        assert [n.kind for n in weights] == [ir.NodeKind.PARAMETER] * 2
        assert all(not n.inputs for n in weights)  # the module object is dropped
        assert any(ir.InputRef(w.name) in linears["blocks.1.fc"].inputs for w in weights)
        (x,) = [n for n in graph.nodes.values() if n.kind is ir.NodeKind.INPUT]
        assert (x.name, x.module, x.outputs) == ("input/x", "", (ir.TensorType((3, 4), ""),))
        (out,) = [n for n in graph.nodes.values() if n.kind is ir.NodeKind.OUTPUT]
        assert out.name == "output/output.1" and out.inputs[0].node.startswith("Nested/Sequential[head]/Tanh[1]/")

    def test_same_scope_in_two_lists_goes_by_parameters(self, tmp_path):
        model = TwoLists()
        graph = capture_graphdef(logged_graph_def(tmp_path, model, (torch.randn(2, 4),)))
        graph.lint()
        assert_modules_are_real(graph, model)
        linears = [n for n in graph.nodes.values() if n.op == "aten::linear"]
        assert [n.module for n in linears] == ["enc.0", "dec.0"]

    def test_bert(self, tmp_path):
        from transformers import BertConfig, BertModel

        config = BertConfig(
            hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128, vocab_size=100
        )
        model = BertModel(config).eval()
        graph_def = logged_graph_def(tmp_path, model, (torch.randint(0, 100, (1, 8)),))
        raw = graph_pb2.GraphDef.FromString(graph_def)
        # The twin scopes this capture exists to merge are really there.
        scopes = {n.name.rpartition("/")[0] for n in raw.node}
        assert any("/BertEncoder[encoder]/BertLayer[1]/" in s for s in scopes)
        assert any("/BertEncoder[encoder]/ModuleList[layer]/BertLayer[1]/" in s for s in scopes)

        graph = capture_graphdef(graph_def, name="bert")
        graph.lint()
        assert_modules_are_real(graph, model)
        assert graph.root.class_name == "BertModel"
        assert graph.modules["encoder.layer.1"].class_name == "BertLayer"
        assert graph.modules["encoder.layer"].class_name == "ModuleList"
        assert not {"1", "encoder.1", "layer"} & set(graph.modules)
        layer_ops = [n for n in graph.nodes.values() if n.module.startswith("encoder.layer.1.")]
        assert {n.op for n in layer_ops} >= {"aten::linear", "prim::GetAttr", "aten::layer_norm"}
        linears = [n for n in graph.nodes.values() if n.op == "aten::linear"]
        assert linears and all(n.outputs and n.outputs[0].dims[-1] in (64, 128) for n in linears)
        assert len(graph.nodes) == len(raw.node)
        # The IR serializes: every attribute is a value the proto can hold.
        assert serialize.graph_from_proto(serialize.graph_to_proto(graph)).dump() == graph.dump()


# -- hand-built TensorFlow GraphDefs ---------------------------------------------------------
def while_loop() -> graph_pb2.GraphDef:
    """``while x < 10: x += 1`` as TF 1 control flow: Enter, Merge, Switch, NextIteration, Exit."""
    gd = graph_pb2.GraphDef()
    node(gd, "x", "Placeholder", dtype=float_type(), shape=attr_value_pb2.AttrValue(shape=shape([])))
    node(gd, "while/Enter", "Enter", ["x"], T=float_type(), frame_name=attr_value_pb2.AttrValue(s=b"while"))
    node(gd, "while/Merge", "Merge", ["while/Enter", "while/NextIteration"], T=float_type(),
         _output_shapes=output_shapes(shape([]), shape([])))
    node(gd, "while/Less/y", "Const", dtype=float_type())
    node(gd, "while/Less", "Less", ["while/Merge", "while/Less/y"])
    node(gd, "while/LoopCond", "LoopCond", ["while/Less"])
    node(gd, "while/Switch", "Switch", ["while/Merge", "while/LoopCond"], T=float_type())
    node(gd, "while/Identity", "Identity", ["while/Switch:1"], T=float_type())
    node(gd, "while/add/y", "Const", ["^while/Identity"], dtype=float_type())
    node(gd, "while/add", "AddV2", ["while/Identity", "while/add/y"], T=float_type())
    node(gd, "while/NextIteration", "NextIteration", ["while/add"], T=float_type())
    node(gd, "while/Exit", "Exit", ["while/Switch"], T=float_type())
    return gd


class TestTensorFlowGraph:
    @pytest.mark.timeout(10)
    def test_while_loop_is_a_cycle(self):
        graph = capture_graphdef(while_loop().SerializeToString(), name="loop")
        graph.lint()
        assert list(graph.nodes) == [n.name for n in while_loop().node]
        digraph = nx.DiGraph((ref.node, consumer) for ref, consumer, _ in graph.edges())
        cycle = {u for u, _ in nx.find_cycle(digraph)}
        assert {"while/Merge", "while/Switch", "while/add", "while/NextIteration"} <= cycle
        assert graph.node("while/Merge").inputs == (ir.InputRef("while/Enter"), ir.InputRef("while/NextIteration"))

    def test_output_index_and_control_inputs(self):
        graph = capture_graphdef(while_loop())
        assert graph.node("while/Identity").inputs == (ir.InputRef("while/Switch", 1),)
        # Switch's T gives one output; the consumer of output 1 widens it so lint holds.
        assert graph.node("while/Switch").outputs == (ir.TensorType(None, "float32"), ir.TensorType())
        add_y = graph.node("while/add/y")
        assert add_y.inputs == () and add_y.attrs["control_inputs"] == ("while/Identity",)
        assert add_y.kind is ir.NodeKind.CONSTANT
        assert "while/add/y" not in graph.consumers("while/Identity")

    def test_scopes_become_modules_without_class(self):
        gd = graph_pb2.GraphDef()
        node(gd, "model/dense_1/MatMul", "MatMul")
        node(gd, "model/block.v2/Relu", "Relu")
        graph = capture_graphdef(gd)
        assert list(graph.modules) == ["", "model", "model.dense_1", "model.block_v2"]
        assert {m.class_name for m in graph.modules.values()} == {""}
        assert graph.node("model/block.v2/Relu").module == "model.block_v2"

    def test_kinds_shapes_and_parameter_counts(self):
        gd = graph_pb2.GraphDef()
        value = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, tensor_shape=shape([3, 3]))
        node(gd, "c", "Const", dtype=float_type(), value=attr_value_pb2.AttrValue(tensor=value))
        node(gd, "v1", "VariableV2", dtype=float_type(), shape=attr_value_pb2.AttrValue(shape=shape([3, 4])))
        node(gd, "v2", "VarHandleOp", dtype=float_type(), shape=attr_value_pb2.AttrValue(shape=shape([5])),
             _output_shapes=output_shapes(shape([])))
        node(gd, "x", "Placeholder", dtype=float_type(), _output_shapes=output_shapes(shape([-1, 3])))
        node(gd, "y", "Unpack", ["x"], T=float_type(),
             _output_shapes=output_shapes(shape([3]), shape(unknown_rank=True)))
        graph = capture_graphdef(gd)
        graph.lint()
        assert graph.node("c").kind is ir.NodeKind.CONSTANT
        assert graph.node("c").outputs == (ir.TensorType((3, 3), "float32"),)
        assert graph.node("c").attrs["value"] == "tensor<float32[3,3]>"
        assert (graph.node("v1").kind, graph.node("v1").parameter_count) == (ir.NodeKind.PARAMETER, 12)
        assert graph.node("v2").parameter_count == 5
        assert graph.parameter_count == 17
        assert graph.node("x").kind is ir.NodeKind.INPUT
        assert graph.node("x").outputs == (ir.TensorType(("?", 3), "float32"),)
        assert graph.node("y").outputs == (ir.TensorType((3,), "float32"), ir.TensorType(None, "float32"))

    def test_attrs(self):
        gd = graph_pb2.GraphDef()
        lv = attr_value_pb2.AttrValue.ListValue
        node(gd, "op", "Custom",
             s=attr_value_pb2.AttrValue(s="héllo".encode() + b"\xff"),
             i=attr_value_pb2.AttrValue(i=-3), f=attr_value_pb2.AttrValue(f=0.5), b=attr_value_pb2.AttrValue(b=True),
             T=attr_value_pb2.AttrValue(type=types_pb2.DT_HALF), shape=attr_value_pb2.AttrValue(shape=shape([2, -1])),
             ints=attr_value_pb2.AttrValue(list=lv(i=[1, 2])),
             types=attr_value_pb2.AttrValue(list=lv(type=[types_pb2.DT_INT64, types_pb2.DT_FLOAT_REF])),
             shapes=attr_value_pb2.AttrValue(list=lv(shape=[shape([1]), shape(unknown_rank=True)])),
             empty=attr_value_pb2.AttrValue(list=lv()),
             _output_shapes=output_shapes(shape([1])))
        attrs = capture_graphdef(gd).node("op").attrs
        assert attrs == {
            "s": "héllo\ufffd", "i": -3, "f": 0.5, "b": True, "T": "float16", "shape": (2, "?"),
            "ints": (1, 2), "types": ("int64", "float32"), "shapes": ("[1]", "?"), "empty": (),
        }


# -- malformed input ---------------------------------------------------------------------------
class TestBadInput:
    def test_garbage_bytes(self):
        with pytest.raises(CaptureError, match="not a serialized GraphDef"):
            capture_graphdef(b"\xff\xff\xff garbage")

    def test_not_bytes(self):
        with pytest.raises(CaptureError, match="GraphDef or its bytes"):
            capture_graphdef("model.pbtxt")

    @pytest.mark.parametrize("empty", [b"", graph_pb2.GraphDef()])
    def test_empty(self, empty):
        graph = capture_graphdef(empty, name="empty")
        graph.lint()
        assert (len(graph.nodes), list(graph.modules)) == (0, [""])

    def test_duplicate_names_are_renamed(self):
        gd = graph_pb2.GraphDef()
        node(gd, "a", "Placeholder")
        node(gd, "a", "Relu", ["a"])
        node(gd, "a__dup1", "Const")
        node(gd, "a", "Relu")
        node(gd, "b", "Relu", ["a"])
        graph = capture_graphdef(gd)
        graph.lint()
        assert list(graph.nodes) == ["a", "a__dup2", "a__dup1", "a__dup3", "b"]
        assert graph.node("a__dup2").attrs["duplicate_of"] == "a"
        assert graph.node("a__dup2").inputs == (ir.InputRef("a"),)
        assert "duplicate_of" not in graph.node("a__dup1").attrs
        assert graph.node("b").inputs == (ir.InputRef("a"),)

    def test_missing_producer_gets_a_placeholder(self):
        gd = graph_pb2.GraphDef()
        node(gd, "scope/op", "Relu", ["gone/x:2", "^also_gone"])
        graph = capture_graphdef(gd)
        graph.lint()
        missing = graph.node("gone/x")
        assert (missing.kind, missing.op, missing.attrs, missing.module) == (
            ir.NodeKind.INPUT, "missing", {"missing": True}, "gone"
        )
        assert graph.node("scope/op").inputs == (ir.InputRef("gone/x", 2),)
        assert "also_gone" not in graph.nodes  # control inputs are no edges

    def test_source_op_with_inputs_is_an_op(self):
        gd = graph_pb2.GraphDef()
        node(gd, "x", "Placeholder")
        node(gd, "c", "Const", ["x"])
        graph = capture_graphdef(gd)
        graph.lint()
        assert graph.node("c").kind is ir.NodeKind.OP

    def test_unicode_and_html_names_are_verbatim(self):
        html = "<img src=x onerror=alert(1)>"
        gd = graph_pb2.GraphDef()
        node(gd, f"模型/{html}/x:0", "Placeholder")
        node(gd, f"模型/{html}/relu", "Relu", [f"模型/{html}/x:0"])
        node(gd, "/lead//empty", "Relu")
        graph = capture_graphdef(gd.SerializeToString())
        graph.lint()
        assert graph.node(f"模型/{html}/relu").inputs == (ir.InputRef(f"模型/{html}/x:0"),)
        assert graph.node(f"模型/{html}/relu").module == f"模型.{html}"
        assert graph.node("/lead//empty").module == "_.lead._"


# Names and inputs made of the characters that carry meaning somewhere: scopes, outputs, control, brackets.
_names = st.text(alphabet="ab/:^.[]0é<", max_size=8)
_ops = st.sampled_from(["Relu", "Const", "Placeholder", "VariableV2", "IO Node", "prim::GetAttr", "aten::add", "Merge"])


class TestAnyGraphDef:
    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(_names, _ops, st.lists(_names, max_size=3)), max_size=8))
    def test_never_crashes_and_lints(self, nodes):
        gd = graph_pb2.GraphDef()
        for name, op, inputs in nodes:
            node(gd, name, op, inputs)
        graph = capture_graphdef(gd.SerializeToString())
        graph.lint()
        assert len(graph.nodes) >= len(nodes)
