"""Tests for :mod:`tb_plugin.capture.torch_export`, on models really exported by torch.

Transformers models are built from tiny configs with random weights; nothing is
downloaded.
"""

import subprocess
import sys

import pytest
import torch
from torch import nn

from tb_plugin import ir, limits, serialize
from tb_plugin.capture import CaptureError
from tb_plugin.capture.torch_export import (
    capture_exported_program,
    capture_module,
    normalize_module_path,
    qualified_class_name,
)

from tb_plugin.capture import module_calls
from tests.models import Block


class Tiny(nn.Module):
    """Two blocks, a module called twice, a buffer, two multi-output ops and a cat."""

    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(), Block()])
        self.shared = nn.Linear(4, 4)
        self.register_buffer("scale", torch.ones(4))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        x = self.shared(self.shared(x)) * self.scale
        left, right = torch.split(x, 2, dim=-1)
        values, indices = torch.topk(x, 2)
        return torch.cat([left, right, values], -1), indices


TINY_DUMP = """\
graph "Tiny" source=torch_export producer="torch {torch}"
module "" class="{here}.Tiny"
module "blocks" class="torch.nn.modules.container.ModuleList"
module "blocks.0" class="tests.models.Block"
module "blocks.0.fc" class="torch.nn.modules.linear.Linear"
module "blocks.0.act" class="torch.nn.modules.activation.ReLU"
module "blocks.1" class="tests.models.Block"
module "blocks.1.fc" class="torch.nn.modules.linear.Linear"
module "blocks.1.act" class="torch.nn.modules.activation.ReLU"
module "shared" class="torch.nn.modules.linear.Linear"
module "shared@1" class="torch.nn.modules.linear.Linear"
node "blocks.0.fc.weight" parameter op="parameter" module="blocks.0.fc" params=16 -> [4,4]:float32
node "blocks.0.fc.bias" parameter op="parameter" module="blocks.0.fc" params=4 -> [4]:float32
node "blocks.1.fc.weight" parameter op="parameter" module="blocks.1.fc" params=16 -> [4,4]:float32
node "blocks.1.fc.bias" parameter op="parameter" module="blocks.1.fc" params=4 -> [4]:float32
node "shared.weight" parameter op="parameter" module="shared" params=16 -> [4,4]:float32
node "shared.bias" parameter op="parameter" module="shared" params=4 -> [4]:float32
node "scale" buffer op="buffer" module="" params=4 -> [4]:float32
node "x" input op="input" module="" -> [3,4]:float32
node "linear" op op="aten.linear.default" module="blocks.0.fc" <- x:0, blocks.0.fc.weight:0, blocks.0.fc.bias:0 -> [3,4]:float32
node "relu" op op="aten.relu.default" module="blocks.0.act" <- linear:0 -> [3,4]:float32
node "linear_1" op op="aten.linear.default" module="blocks.1.fc" <- relu:0, blocks.1.fc.weight:0, blocks.1.fc.bias:0 -> [3,4]:float32
node "relu_1" op op="aten.relu.default" module="blocks.1.act" <- linear_1:0 -> [3,4]:float32
node "linear_2" op op="aten.linear.default" module="shared" <- relu_1:0, shared.weight:0, shared.bias:0 -> [3,4]:float32
node "linear_3" op op="aten.linear.default" module="shared@1" <- linear_2:0, shared.weight:0, shared.bias:0 -> [3,4]:float32
node "mul" op op="aten.mul.Tensor" module="" <- linear_3:0, scale:0 -> [3,4]:float32
node "split" op op="aten.split.Tensor" module="" <- mul:0 -> [3,2]:float32, [3,2]:float32 {dim=-1, split_size=2}
node "topk" op op="aten.topk.default" module="" <- mul:0 -> [3,2]:float32, [3,2]:int64 {k=2}
node "cat" op op="aten.cat.default" module="" <- split:0, split:1, topk:0 -> [3,6]:float32 {dim=-1}
node "output_0" output op="output" module="" <- cat:0
node "output_1" output op="output" module="" <- topk:1"""


@pytest.fixture(scope="module", params=[False, True], ids=["non_strict", "strict"])
def tiny(request) -> ir.Graph:
    graph = capture_module(Tiny().eval(), torch.randn(3, 4), strict=request.param)
    graph.lint()
    return graph


def ops(graph: ir.Graph) -> list[ir.Node]:
    return [n for n in graph.nodes.values() if n.kind is ir.NodeKind.OP]


def check_real_model(graph: ir.Graph, model: nn.Module) -> None:
    """What every captured model must satisfy, whatever its architecture."""
    graph.lint()
    assert graph.root.class_name == qualified_class_name(type(model))
    assert graph.parameter_count == sum(p.numel() for p in model.parameters())
    for node in graph.nodes.values():
        assert node.module in graph.modules, node.name
        if node.kind in (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER):
            assert node.module == node.name.rpartition(".")[0], node.name
            assert graph.modules[node.module].class_name, node.module
        if node.kind is ir.NodeKind.OP and not node.op.startswith("aten._assert"):
            assert node.outputs, node.name
            assert "getitem" not in node.op, node.name
        if node.kind is ir.NodeKind.OUTPUT:
            (ref,) = node.inputs
            assert graph.node(ref.node).outputs[ref.output].dims, node.name
    for path, module in model.named_modules():
        assert graph.modules[path].class_name == qualified_class_name(type(module))


class TestCaptureModuleTiny:
    def test_dump_is_golden(self, tiny):
        expected = TINY_DUMP.replace("{torch}", torch.__version__).replace("{here}", Tiny.__module__)
        assert tiny.dump() == expected

    def test_dump_is_stable(self, tiny):
        again = capture_module(Tiny().eval(), torch.randn(3, 4))
        assert again.dump() == tiny.dump()

    def test_module_classes_are_qualified(self, tiny):
        assert tiny.root.class_name == f"{Tiny.__module__}.Tiny"
        assert tiny.modules["blocks.1"].class_name == f"{Block.__module__}.Block"
        assert tiny.modules["blocks.1.fc"].class_name == "torch.nn.modules.linear.Linear"

    def test_parameters_belong_to_their_module(self, tiny):
        weight = tiny.node("blocks.1.fc.weight")
        assert (weight.kind, weight.module, weight.parameter_count) == (ir.NodeKind.PARAMETER, "blocks.1.fc", 16)
        assert tiny.node("scale").kind is ir.NodeKind.BUFFER
        assert tiny.parameter_count == sum(p.numel() for p in Tiny().parameters())

    def test_ops_belong_to_innermost_module(self, tiny):
        assert tiny.node("linear").module == "blocks.0.fc"
        assert tiny.node("relu_1").module == "blocks.1.act"
        assert tiny.node("mul").module == ""

    def test_module_called_twice_is_two_instances(self, tiny):
        # The second call is a module of its own, so the drawing never shows `shared` reading its own output.
        calls = [(n.module, n.meta["module_call"]) for n in ops(tiny) if module_calls.module_path(n.module) == "shared"]
        assert calls == [("shared", 0), ("shared@1", 1)]
        assert tiny.node("linear_3").inputs[1:] == (ir.InputRef("shared.weight"), ir.InputRef("shared.bias"))

    def test_getitem_reads_the_multi_output_op(self, tiny):
        assert not [n for n in tiny.nodes.values() if "getitem" in n.name]
        assert tiny.node("cat").inputs == (ir.InputRef("split", 0), ir.InputRef("split", 1), ir.InputRef("topk", 0))
        assert tiny.node("output_1").inputs == (ir.InputRef("topk", 1),)

    def test_shapes_and_dtypes(self, tiny):
        assert tiny.node("x").outputs == (ir.TensorType((3, 4), "float32"),)
        assert tiny.node("topk").outputs == (ir.TensorType((3, 2), "float32"), ir.TensorType((3, 2), "int64"))

    def test_non_tensor_arguments_are_attrs(self, tiny):
        assert tiny.node("split").attrs == {"split_size": 2, "dim": -1}
        assert tiny.node("topk").attrs == {"k": 2}

    def test_survives_proto_round_trip(self, tiny):
        assert serialize.graph_from_proto(serialize.graph_to_proto(tiny)).dump() == tiny.dump()


class TestCaptureModuleArguments:
    def test_input_forms_agree(self):
        model, x = Tiny().eval(), torch.randn(3, 4)
        dumps = {capture_module(model, inputs).dump() for inputs in (x, (x,), [x], {"x": x})}
        assert len(dumps) == 1

    def test_name_defaults_to_class_name(self):
        assert capture_module(Tiny(), torch.randn(3, 4)).name == "Tiny"
        assert capture_module(Tiny(), torch.randn(3, 4), name="run 1").name == "run 1"

    @pytest.mark.parametrize("training", [False, True])
    def test_training_mode_is_restored(self, training):
        model = Tiny().train(training)
        capture_module(model, torch.randn(3, 4))
        assert all(m.training == training for m in model.modules())

    def test_dynamic_shapes_give_symbolic_dims(self):
        batch = torch.export.Dim("batch")
        graph = capture_module(Tiny(), torch.randn(3, 4), dynamic_shapes=({0: batch},))
        graph.lint()
        (x_type,) = graph.node("x").outputs
        assert isinstance(x_type.dims[0], str) and x_type.dims[1] == 4
        assert graph.node("cat").outputs[0].dims == (x_type.dims[0], 6)


class TestCaptureModuleState:
    def test_unused_parameters_are_kept_in_both_modes(self):
        class WithUnused(nn.Module):
            def __init__(self):
                super().__init__()
                self.used = nn.Linear(2, 2)
                self.unused = nn.Linear(2, 3)

            def forward(self, x):
                return self.used(x)

        for strict in (False, True):
            graph = capture_module(WithUnused(), torch.randn(1, 2), strict=strict)
            graph.lint()
            assert graph.node("unused.weight").module == "unused"
            assert graph.parameter_count == 6 + 9

    def test_lifted_constant(self):
        class WithConstant(nn.Module):
            def __init__(self):
                super().__init__()
                self.offset = torch.arange(4.0)  # neither parameter nor buffer

            def forward(self, x):
                return x + self.offset

        graph = capture_module(WithConstant(), torch.randn(4))
        offset = graph.node("offset")
        assert (offset.kind, offset.parameter_count, offset.module) == (ir.NodeKind.CONSTANT, 4, "")
        assert graph.parameter_count == 0

    def test_state_named_like_an_op_gets_a_unique_name(self):
        class Clash(nn.Module):
            def __init__(self):
                super().__init__()
                self.mul = nn.Parameter(torch.ones(4))

            def forward(self, x):
                return x * self.mul

        graph = capture_module(Clash(), torch.randn(4))
        graph.lint()
        (param,) = [n for n in graph.nodes.values() if n.kind is ir.NodeKind.PARAMETER]
        assert param.name != "mul" and graph.node("mul").op == "aten.mul.Tensor"
        assert ir.InputRef(param.name) in graph.node("mul").inputs

    def test_buffer_mutations_become_outputs(self):
        class Norm(nn.Module):
            def __init__(self):
                super().__init__()
                self.bn = nn.BatchNorm1d(4)

            def forward(self, x):
                return self.bn(x)

        ep = torch.export.export(Norm().train(), (torch.randn(3, 4),)).run_decompositions()
        graph = capture_exported_program(ep, name="norm")
        graph.lint()
        mutation = graph.node("buffer_mutation:bn.running_mean")
        assert (mutation.kind, mutation.op, mutation.attrs) == (
            ir.NodeKind.OUTPUT,
            "buffer_mutation",
            {"target": "bn.running_mean"},
        )
        producer = graph.node(mutation.inputs[0].node)
        assert producer.module == "bn" and mutation.inputs[0].output > 0
        assert graph.node("output").inputs[0].node == producer.name

    def test_higher_order_op_is_one_node(self):
        class Branchy(nn.Module):
            def forward(self, x):
                return torch.cond(x.sum() > 0, lambda x: x + 1, lambda x: x - 1, (x,))

        graph = capture_module(Branchy(), torch.randn(3))
        graph.lint()
        (cond,) = [n for n in graph.nodes.values() if n.op == "higher_order.cond"]
        assert graph.node("output").inputs == (ir.InputRef(cond.name, 0),)
        assert graph.node("true_graph_0").kind is ir.NodeKind.CONSTANT


class TestCaptureModuleFailures:
    def test_data_dependent_branch_names_class_and_fix(self):
        class Branchy(nn.Module):
            def forward(self, x):
                return x + 1 if x.sum() > 0 else x - 1

        with pytest.raises(CaptureError) as caught:
            capture_module(Branchy(), torch.randn(3), strict=False)
        message = str(caught.value)
        assert qualified_class_name(Branchy) in message
        assert "torch.cond" in message and "strict=True" in message
        assert caught.value.__cause__ is not None

    def test_not_a_module(self):
        with pytest.raises(CaptureError, match="needs a torch.nn.Module"):
            capture_module(lambda x: x, torch.randn(3))

    @pytest.mark.parametrize("limit", ["MAX_NODES", "MAX_MODULES"])
    def test_graph_over_a_limit(self, monkeypatch, limit):
        monkeypatch.setattr(limits, limit, 3)
        with pytest.raises(CaptureError, match=f"Sequential.*cannot be drawn: .*exceed the limit of 3"):
            capture_module(nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2)), torch.randn(1, 2))


@pytest.fixture(scope="module")
def bert():
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=100,
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=128,
        max_position_embeddings=32,
    )
    return BertModel(config).eval(), {"input_ids": torch.randint(0, 100, (2, 16))}


class TestCaptureTransformers:
    def test_bert(self, bert):
        model, inputs = bert
        graph = capture_module(model, inputs)
        check_real_model(graph, model)
        assert graph.modules["encoder.layer.1"].class_name == "transformers.models.bert.modeling_bert.BertLayer"
        query = graph.node("encoder.layer.0.attention.self.query.weight")
        assert (query.module, query.parameter_count) == ("encoder.layer.0.attention.self.query", 64 * 64)
        assert graph.node("input_ids").outputs == (ir.TensorType((2, 16), "int64"),)
        assert graph.node("last_hidden_state").inputs[0].node in graph.nodes
        assert graph.node("pooler_output").inputs[0].node in graph.nodes
        assert any(n.module.startswith("encoder.layer.1.") for n in ops(graph))

    def test_bert_strict_and_non_strict_agree_on_modules(self, bert):
        model, inputs = bert
        graphs = [capture_module(model, inputs, strict=strict) for strict in (False, True)]
        for graph in graphs:
            check_real_model(graph, model)
        loose, strict = graphs
        assert list(loose.modules) == list(strict.modules)
        assert {n.module for n in ops(loose)} == {n.module for n in ops(strict)}

    def test_vit(self):
        from transformers import ViTConfig, ViTModel

        config = ViTConfig(hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128)
        config.image_size, config.patch_size = 32, 8  # 16 patches keep the test fast
        model = ViTModel(config).eval()
        check_real_model(capture_module(model, torch.randn(1, 3, 32, 32)), model)

    def test_resnet(self):
        from transformers import ResNetConfig, ResNetModel

        config = ResNetConfig(embedding_size=16, hidden_sizes=[16, 32], depths=[1, 1], layer_type="basic")
        model = ResNetModel(config).eval()
        check_real_model(capture_module(model, torch.randn(1, 3, 32, 32)), model)


class TestNormalizeModulePath:
    @pytest.mark.parametrize("path", ["", "L['self']", "self", "L__self__"])
    def test_root(self, path):
        assert normalize_module_path(path) == ""

    def test_dotted_path_is_unchanged(self):
        assert normalize_module_path("encoder.layer.0.attention") == "encoder.layer.0.attention"

    def test_python_expression(self):
        assert normalize_module_path("L['self'].encoder.layer[0]") == "encoder.layer.0"
        assert normalize_module_path("self.blocks['a-b']._modules['fc']") == "blocks.a-b.fc"

    def test_mangled_name_resolved_against_known_paths(self):
        known = ["encoder", "encoder.layer", "encoder.layer.0", "encoder.layer.0.attention"]
        assert normalize_module_path("L__self___encoder_layer_0_attention", known) == "encoder.layer.0.attention"

    def test_unknown_mangled_name_is_kept(self):
        assert normalize_module_path("L__self___encoder_layer_0", ["decoder"]) == "encoder_layer_0"


class TestQualifiedClassName:
    def test_class(self):
        assert qualified_class_name(nn.Linear) == "torch.nn.modules.linear.Linear"
        assert qualified_class_name(int) == "int"

    def test_class_repr(self):
        assert qualified_class_name("<class 'torch.nn.modules.linear.Linear'>") == "torch.nn.modules.linear.Linear"

    def test_qualified_string_is_unchanged(self):
        assert qualified_class_name("transformers.models.bert.modeling_bert.BertLayer").endswith(".BertLayer")


def test_module_imports_without_torch():
    code = "import sys; sys.modules['torch'] = None; import tb_plugin.capture.torch_export"
    subprocess.run([sys.executable, "-c", code], check=True)
