"""Tests for :mod:`tb_plugin.capture.onnx_model`, on models really exported by torch and hand-built ones.

Transformers models are built from tiny configs with random weights; nothing is
downloaded. Every captured graph is linted and round-tripped through the proto.
"""

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

from tb_plugin import ir, serialize
from tb_plugin.capture import CaptureError
from tb_plugin.capture.onnx_model import capture_onnx

REPO = Path(__file__).resolve().parents[2]


def _checked(graph: ir.Graph) -> ir.Graph:
    """Lint ``graph`` and check that the proto round trip keeps it; return it."""
    graph.lint()
    assert serialize.graph_from_proto(serialize.graph_to_proto(graph)).dump() == graph.dump()
    return graph


def _param_counts(graph: ir.Graph) -> dict[str, int]:
    return {n.name: n.parameter_count for n in graph.nodes.values() if n.kind is ir.NodeKind.PARAMETER}


def _op_in(graph: ir.Graph, op: str, module: str) -> ir.Node:
    """The one node running ``op`` in ``module``."""
    (node,) = [n for n in graph.nodes.values() if n.op == op and n.module == module]
    return node


# -- real exports ---------------------------------------------------------------------
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(8, 3)
        self.register_buffer("scale", torch.rand(3))

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.head = nn.Sequential(nn.Linear(3, 2), nn.Tanh())

    def forward(self, x):
        return self.head(self.block(x))


NET_PARAMS = {
    "block.fc1.weight": 32, "block.fc1.bias": 8, "block.fc2.weight": 24, "block.fc2.bias": 3,
    "head.0.weight": 6, "head.0.bias": 2,
}  # fmt: skip


@pytest.fixture(scope="module")
def dynamo_net(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dynamo") / "net.onnx"
    batch = torch.export.Dim("batch")
    torch.onnx.export(Net().eval(), (torch.randn(2, 4),), path, dynamo=True, dynamic_shapes=({0: batch},))
    return path


@pytest.fixture(scope="module")
def legacy_net(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("legacy") / "net.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # torch 2.13 still runs the TorchScript exporter
        torch.onnx.export(Net().eval(), (torch.randn(2, 4),), path, dynamo=False, input_names=["x"])
    return path


class TestDynamoExport:
    def test_modules_and_classes(self, dynamo_net):
        graph = _checked(capture_onnx(dynamo_net))
        classes = {m.path: m.class_name for m in graph.modules.values()}
        assert graph.root.class_name == f"{Net.__module__}.Net"
        assert classes["block"] == f"{Block.__module__}.Block"
        assert classes["block.fc1"] == classes["head.0"] == "torch.nn.modules.linear.Linear"
        assert classes["head"] == "torch.nn.modules.container.Sequential"
        assert classes["head.1"] == "torch.nn.modules.activation.Tanh"
        assert _op_in(graph, "Relu", "block.act").inputs == (ir.InputRef(_op_in(graph, "Gemm", "block.fc1").name),)

    def test_parameters_attached_with_counts(self, dynamo_net):
        graph = capture_onnx(dynamo_net)
        assert _param_counts(graph) == NET_PARAMS
        assert graph.parameter_count == sum(p.numel() for p in Net().parameters())
        assert graph.node("block.fc1.weight").module == "block.fc1"
        assert graph.node("head.0.bias").module == "head.0"
        assert graph.consumers("block.fc1.weight") == [_op_in(graph, "Gemm", "block.fc1").name]

    def test_buffer_kind_from_graph_signature(self, dynamo_net):
        scale = capture_onnx(dynamo_net).node("block.scale")
        assert (scale.kind, scale.module, scale.parameter_count) == (ir.NodeKind.BUFFER, "block", 3)

    def test_shapes_and_dtypes(self, dynamo_net):
        graph = capture_onnx(dynamo_net)
        assert graph.node("x").outputs == (ir.TensorType(("batch", 4), "float32"),)
        assert _op_in(graph, "Gemm", "block.fc1").outputs == (ir.TensorType(("batch", 8), "float32"),)
        assert graph.node("block.fc1.weight").outputs == (ir.TensorType((8, 4), "float32"),)

    def test_graph_fields(self, dynamo_net):
        graph = capture_onnx(dynamo_net)
        assert (graph.name, graph.source_format) == ("net", ir.SourceFormat.ONNX)
        assert graph.producer == f"pytorch {torch.__version__}"
        (output,) = [n for n in graph.nodes.values() if n.kind is ir.NodeKind.OUTPUT]
        assert output.inputs == (ir.InputRef(_op_in(graph, "Tanh", "head.1").name),)
        assert capture_onnx(dynamo_net, name="renamed").name == "renamed"

    def test_path_bytes_and_proto_agree(self, dynamo_net):
        from_path = capture_onnx(str(dynamo_net), name="n").dump()
        assert capture_onnx(dynamo_net.read_bytes(), name="n").dump() == from_path
        assert capture_onnx(onnx.load(dynamo_net), name="n").dump() == from_path

    def test_missing_external_data_still_loads(self, dynamo_net, tmp_path):
        model = onnx.load(dynamo_net)
        path = tmp_path / "external.onnx"
        onnx.save_model(model, path, save_as_external_data=True, location="weights.bin", size_threshold=0)
        (tmp_path / "weights.bin").unlink()
        assert _param_counts(_checked(capture_onnx(path))) == NET_PARAMS


class TestLegacyExport:
    def test_name_prefix_hierarchy(self, legacy_net):
        graph = _checked(capture_onnx(legacy_net))
        assert graph.node("/block/fc1/Gemm").module == "block.fc1"
        assert graph.node("/block/act/Relu").module == "block.act"
        # The exporter names Sequential children "head.0", not "0": the path is "head.0".
        assert graph.node("/head/head.0/Gemm").module == "head.0"
        assert {m.path for m in graph.modules.values()} >= {"", "block", "block.fc1", "head", "head.0", "head.1"}
        assert all(m.class_name == "" for m in graph.modules.values())

    def test_parameters_attached(self, legacy_net):
        graph = capture_onnx(legacy_net)
        # Without the dynamo exporter's graph signature, a float buffer looks like any weight.
        assert _param_counts(graph) == {**NET_PARAMS, "block.scale": 3}
        assert graph.node("block.fc2.weight").module == "block.fc2"
        assert graph.node("x").outputs == (ir.TensorType((2, 4), "float32"),)


@pytest.fixture(scope="module")
def bert(tmp_path_factory) -> ir.Graph:
    transformers = pytest.importorskip("transformers")
    config = transformers.BertConfig(
        hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128,
        vocab_size=100, max_position_embeddings=64,
    )  # fmt: skip
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("bert") / "bert.onnx"
    torch.onnx.export(transformers.BertModel(config).eval(), (torch.randint(0, 100, (1, 16)),), path, dynamo=True)
    return _checked(capture_onnx(path))


class TestBert:
    def test_layers_are_modules(self, bert):
        assert bert.root.class_name == "transformers.models.bert.modeling_bert.BertModel"
        assert bert.modules["encoder.layer.1"].class_name == "transformers.models.bert.modeling_bert.BertLayer"
        assert bert.modules["encoder.layer.1.attention.self"].class_name.endswith(".BertSelfAttention")
        assert [m.path for m in bert.child_modules("encoder.layer")] == ["encoder.layer.0", "encoder.layer.1"]

    def test_folded_weights_join_their_reader(self, bert):
        # The exporter's optimizer stores each Linear weight transposed, under a generated name.
        matmul = _op_in(bert, "MatMul", "encoder.layer.1.attention.self.query")
        weight = bert.node(matmul.inputs[1].node)
        assert (weight.kind, weight.module, weight.parameter_count) == (ir.NodeKind.PARAMETER, matmul.module, 64 * 64)
        assert bert.node("embeddings.word_embeddings.weight").module == "embeddings.word_embeddings"


# -- hand-built models ----------------------------------------------------------------
def _value(name, dims, elem_type=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem_type, dims)


def _model(nodes, inputs, outputs, initializers=(), functions=(), domains=()):
    graph = helper.make_graph(nodes, "hand", inputs, outputs, initializer=list(initializers))
    opsets = [helper.make_opsetid("", 18), *(helper.make_opsetid(d, 18 if d == "ai.onnx" else 1) for d in domains)]
    return helper.make_model(graph, functions=list(functions), opset_imports=opsets, producer_name="hand")


def _add_act(domain="custom"):
    """custom.AddAct(x, b) = LeakyRelu(x + b), its slope taken from the caller's ``slope`` attribute."""
    act = helper.make_node("LeakyRelu", ["s"], ["y"], name="act")
    act.attribute.append(onnx.AttributeProto(name="alpha", ref_attr_name="slope", type=onnx.AttributeProto.FLOAT))
    body = [helper.make_node("Add", ["x", "b"], ["s"], name="add"), act]
    return helper.make_function(domain, "AddAct", ["x", "b"], ["y"], body, [helper.make_opsetid("", 18)], ["slope"])


def _call(inputs, outputs, name, op="AddAct", **attrs):
    return helper.make_node(op, inputs, outputs, name=name, domain="custom", **attrs)


BIAS = numpy_helper.from_array(np.ones(4, np.float32), "bias")
FUNCTION_DUMP = """\
graph "hand" source=onnx producer="hand"
module "" class=""
module "first" class="custom.AddAct"
module "second" class="custom.AddAct"
node "input" input op="input" module="" -> [batch,4]:float32
node "bias" parameter op="parameter" module="first" params=4 -> [4]:float32
node "first/add" op op="Add" module="first" <- input:0, bias:0 -> ?:?
node "first/act" op op="LeakyRelu" module="first" <- first/add:0 -> [batch,4]:float32 {alpha=0.5}
node "second/add" op op="Add" module="second" <- first/act:0, bias:0 -> ?:?
node "second/act" op op="LeakyRelu" module="second" <- second/add:0 -> [batch,4]:float32 {alpha=0.25}
node "out" output op="output" module="" <- second/act:0"""


class TestFunctions:
    def test_calls_become_module_instances(self):
        model = _model(
            [_call(["input", "bias"], ["h"], "first", slope=0.5), _call(["h", "bias"], ["out"], "second", slope=0.25)],
            [_value("input", ["batch", 4])], [_value("out", ["batch", 4])], [BIAS], [_add_act()], ["custom"],
        )  # fmt: skip
        model.graph.value_info.append(_value("h", ["batch", 4]))
        onnx.checker.check_model(model)
        assert _checked(capture_onnx(model)).dump() == FUNCTION_DUMP

    def test_nested_functions_nest_modules(self):
        passed_on = _call(["x", "b"], ["m"], "inner")  # its slope: Twice's own
        passed_on.attribute.append(onnx.AttributeProto(name="slope", ref_attr_name="s", type=onnx.AttributeProto.FLOAT))
        twice = helper.make_function(
            "custom", "Twice", ["x", "b"], ["y"], [passed_on, _call(["m", "b"], ["y"], "inner", slope=0.2)],
            [helper.make_opsetid("", 18), helper.make_opsetid("custom", 1)], ["s"],
        )  # fmt: skip
        model = _model(
            [_call(["input", "bias"], ["out"], "outer", op="Twice", s=0.1)],
            [_value("input", [2, 4])], [_value("out", [2, 4])], [BIAS], [twice, _add_act()], ["custom"],
        )  # fmt: skip
        graph = _checked(capture_onnx(model))
        assert {m.path: m.class_name for m in graph.child_modules("outer")} == {
            "outer.inner": "custom.AddAct",
            "outer.inner_1": "custom.AddAct",
        }
        assert graph.modules["outer"].class_name == "custom.Twice"
        assert graph.node("outer/inner_1/add").inputs[0] == ir.InputRef("outer/inner/act")
        assert graph.node("outer/inner/act").attrs == {"alpha": pytest.approx(0.1)}
        assert graph.node("outer/inner_1/act").attrs == {"alpha": pytest.approx(0.2)}

    def test_recursive_function_is_an_error(self):
        loop = helper.make_function("custom", "Loop", ["x"], ["y"], [_call(["x"], ["y"], "again", op="Loop")], [])
        model = _model([_call(["input"], ["out"], "start", op="Loop")], [_value("input", [1])], [_value("out", [1])],
                       functions=[loop], domains=["custom"])  # fmt: skip
        with pytest.raises(CaptureError, match=r"'custom\.Loop' calls itself"), pytest.warns(UserWarning, match="shape inference failed"):
            capture_onnx(model)


class TestHandBuilt:
    @pytest.fixture
    def graph(self) -> ir.Graph:
        shape = numpy_helper.from_array(np.array([-1, 8], np.int64))
        nodes = [
            helper.make_node("Constant", [], ["shape"], value=shape),
            helper.make_node("MatMul", ["x", "w"], ["mm"]),
            helper.make_node("Gelu", ["mm"], ["act"], domain="com.microsoft"),
            helper.make_node("Mul", ["act", "eps"], ["scaled"], domain="ai.onnx"),
            helper.make_node("Reshape", ["scaled", "shape"], ["y"], name="/head/Reshape"),
            helper.make_node("Identity", ["y"], ["z"], name="/head/Reshape"),
        ]
        initializers = [
            numpy_helper.from_array(np.zeros((4, 8), np.float32), "w"),
            numpy_helper.from_array(np.array(1e-5, np.float32), "eps"),
        ]
        model = _model(nodes, [_value("x", ["batch", 4])], [_value("z", None)], initializers, domains=["com.microsoft", "ai.onnx"])
        return _checked(capture_onnx(model))

    def test_generated_and_deduplicated_names(self, graph):
        assert list(graph.nodes) == [
            "x", "w", "eps", "Constant_0", "MatMul_1", "Gelu_2", "Mul_3", "/head/Reshape", "/head/Reshape_1", "z",
        ]  # fmt: skip

    def test_domain_in_op_name(self, graph):
        assert graph.node("Gelu_2").op == "com.microsoft::Gelu"
        assert graph.node("Mul_3").op == "Mul"

    def test_constants_and_initializers(self, graph):
        constant = graph.node("Constant_0")
        assert (constant.kind, constant.op, constant.parameter_count) == (ir.NodeKind.CONSTANT, "Constant", 2)
        assert constant.attrs == {"value": "tensor [2]:int64 = [-1, 8]"}
        assert constant.module == "head"  # its reader's
        assert (graph.node("w").kind, graph.node("w").parameter_count) == (ir.NodeKind.PARAMETER, 32)
        assert (graph.node("eps").kind, graph.node("eps").parameter_count) == (ir.NodeKind.CONSTANT, 1)

    def test_inferred_shapes(self, graph):
        assert graph.node("MatMul_1").outputs == (ir.TensorType(("batch", 8), "float32"),)
        assert graph.node("Gelu_2").outputs == (ir.TensorType(),)  # unknown to shape inference
        assert graph.node("/head/Reshape").inputs == (ir.InputRef("Mul_3"), ir.InputRef("Constant_0"))

    def test_unwritten_value_is_an_error(self):
        model = _model([helper.make_node("Relu", ["nowhere"], ["y"], name="r")], [], [_value("y", [1])])
        with pytest.raises(CaptureError, match="'r' reads value 'nowhere'"):
            capture_onnx(model)


# -- bad input -------------------------------------------------------------------------
class TestBadInput:
    def test_missing_file(self, tmp_path):
        with pytest.raises(CaptureError, match=r"ONNX file '.*nope\.onnx' does not exist"):
            capture_onnx(tmp_path / "nope.onnx")

    def test_garbage_file(self, tmp_path):
        path = tmp_path / "garbage.onnx"
        path.write_bytes(b"this is not an onnx model\n" * 10)
        with pytest.raises(CaptureError, match=r"ONNX file '.*garbage\.onnx' cannot be read as an ONNX model"):
            capture_onnx(path)

    def test_truncated_file(self, tmp_path, dynamo_net):
        path = tmp_path / "truncated.onnx"
        data = dynamo_net.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        with pytest.raises(CaptureError, match="truncated.onnx' cannot be read.*may be truncated"):
            capture_onnx(path)

    def test_empty_file(self, tmp_path):
        path = tmp_path / "empty.onnx"
        path.write_bytes(b"")
        with pytest.raises(CaptureError, match="empty.onnx' holds no ONNX model"):
            capture_onnx(path)

    def test_wrong_type(self):
        with pytest.raises(CaptureError, match="got int"):
            capture_onnx(42)

    def test_import_needs_no_onnx(self):
        code = "import sys; sys.modules['onnx'] = None; import tb_plugin.capture.onnx_model"
        subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_unscoped_ops_join_their_neighbours_module(tmp_path):
    """The dynamo exporter leaves ops it makes itself (a decomposition's Split) without scopes;
    they belong where every op they read and feed is, not at the root."""
    import torch

    from tb_plugin.capture import onnx_model

    class Mixer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.proj = torch.nn.Linear(4, 8)
            self.out = torch.nn.Linear(4, 4)

        def forward(self, x):
            a, b = self.proj(x).chunk(2, dim=-1)
            return self.out(a * torch.sigmoid(b))

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList([Mixer(), Mixer()])

        def forward(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    path = tmp_path / "mixer.onnx"
    torch.onnx.export(Model().eval(), (torch.randn(1, 4),), str(path), dynamo=True)
    graph = onnx_model.capture_onnx(path)
    root_ops = [n.op for n in graph.nodes.values() if n.module == "" and n.kind.value == "op"]
    assert root_ops == []
    splits = [n for n in graph.nodes.values() if n.op == "Split"]
    assert splits and all(n.module.startswith("layers.") for n in splits)
