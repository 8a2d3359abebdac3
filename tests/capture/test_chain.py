"""Tests for :mod:`tb_plugin.capture.chain` and ``log_graph`` on the models training scripts hold.

Every model here is really captured: the fallback on a detector that
``torch.export`` refuses, a model no method captures, wrapped, compiled and
scripted models, and models built on the ``meta`` device.
"""

import json
import warnings

import pytest
import torch
from torch import nn

import tb_plugin
from tb_plugin import cli, ir, simplify
from tb_plugin.capture import CaptureError
from tb_plugin.capture.chain import CaptureFallbackWarning, capture_model
from tests.conftest import tensorboard_client
from tests.models import Block, tiny_detector


class Net(nn.Module):
    """Two blocks in a ModuleList and a head: what the wrapped and scripted models wrap."""

    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(), Block()])
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


NET_MODULES = {"", "blocks", "blocks.0", "blocks.0.fc", "blocks.0.act", "blocks.1", "blocks.1.fc", "blocks.1.act", "head"}


def _captured(model, inputs, **kwargs):
    """The graph and the CaptureFallbackWarnings raised while capturing it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = capture_model(model, inputs, **kwargs)
    graph.lint()
    return graph, [str(w.message) for w in caught if issubclass(w.category, CaptureFallbackWarning)]


def _state_paths(graph: ir.Graph) -> set[str]:
    return {n.name for n in graph.nodes.values() if n.kind is ir.NodeKind.PARAMETER}


class TestFallback:
    def test_export_captures_a_plain_model_without_warning(self):
        graph, fallbacks = _captured(Net().eval(), torch.randn(2, 4))
        assert graph.capture == "torch.export" and fallbacks == []
        assert set(graph.modules) == NET_MODULES

    def test_strict_asked_first(self):
        graph, fallbacks = _captured(Net().eval(), torch.randn(2, 4), strict=True)
        assert graph.capture == "torch.export(strict)" and fallbacks == []

    def test_data_dependent_control_flow_falls_back_to_the_trace(self):
        model, inputs = tiny_detector()
        graph, fallbacks = _captured(model, inputs)
        assert graph.capture == "torchscript"
        assert graph.source_format is ir.SourceFormat.TORCHSCRIPT
        (message,) = fallbacks
        lines = message.splitlines()
        assert lines[0] == "GraphFold captured TinyDetector with torchscript, because:"
        assert lines[1].startswith("  torch.export failed: GuardOnDataDependentSymNode: ")
        assert lines[2].startswith("  torch.export(strict) failed: ") and "data-dependent" in lines[2]
        # The trace keeps the model's own module paths, classes, state and output names.
        assert set(graph.modules) == {path for path, _ in model.named_modules()}
        assert graph.modules["box_head.0"].class_name == "torch.nn.modules.linear.Linear"
        assert _state_paths(graph) == {name for name, _ in model.named_parameters()}
        assert graph.parameter_count == sum(p.numel() for p in model.parameters())
        outputs = {n.name for n in graph.nodes.values() if n.kind is ir.NodeKind.OUTPUT}
        assert outputs == {"boxes", "labels", "scores"}
        simplify.simplify(graph, check=True)

    def test_log_graph_records_the_method_in_the_tab_and_the_cli(self, tmp_path, capsys):
        model, inputs = tiny_detector()
        with pytest.warns(CaptureFallbackWarning, match="with torchscript"):
            tb_plugin.log_graph(tmp_path / "run", model, inputs, tag="detector")
        response = tensorboard_client(tmp_path).get("/data/plugin/graphfold/graph?run=run&tag=detector")
        assert response.status_code == 200, response.get_data(as_text=True)
        assert json.loads(response.get_data(as_text=True))["capture"] == "torchscript"
        stats = tensorboard_client(tmp_path).get("/data/plugin/graphfold/stats?run=run&tag=detector")
        assert json.loads(stats.get_data(as_text=True))["graph"]["capture"] == "torchscript"  # the summary box's
        assert cli.main(["simplify", str(tmp_path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["graph"]["capture"] == "torchscript"

    def test_every_method_failing_gives_one_error_with_each_reason(self):
        class Broken(nn.Module):
            def forward(self, x):
                raise ValueError("the data loader handed over the wrong batch")

        with pytest.raises(CaptureError) as raised:
            capture_model(Broken(), torch.randn(2, 4))
        text = str(raised.value)
        assert text.startswith("GraphFold could not capture Broken with any method:")
        for method in ("torch.export", "torch.export(strict)", "torchscript"):
            assert f"\n- {method}: " in text
        assert text.count("wrong batch") == 3
        assert "What to try:" in text

    def test_not_a_module(self):
        with pytest.raises(CaptureError, match="needs a torch.nn.Module"):
            capture_model(lambda x: x, torch.randn(2))


class TestWrappedModels:
    def test_data_parallel(self):
        graph, _ = _captured(nn.DataParallel(Net().eval()), torch.randn(2, 4))
        assert set(graph.modules) == NET_MODULES and graph.name == "Net"

    def test_compiled_model_is_captured_as_the_original(self):
        model = Net().eval()
        graph, fallbacks = _captured(torch.compile(model), torch.randn(2, 4))
        assert graph.capture == "torch.export" and fallbacks == []
        assert set(graph.modules) == NET_MODULES
        assert _state_paths(graph) == {name for name, _ in model.named_parameters()}

    def test_script_module_is_read_as_it_is(self):
        model = torch.jit.script(Net().eval())
        graph, fallbacks = _captured(model, torch.randn(2, 4))
        assert graph.capture == "torchscript" and fallbacks == []  # the method for it, not a fallback
        assert graph.name == "Net"
        # Ops inside a scripted ModuleList name their module without the list; the tree puts it back.
        assert {n.module for n in graph.nodes.values() if n.op == "aten::linear"} == {"blocks.0.fc", "blocks.1.fc", "head"}

    def test_script_module_control_flow_is_one_node(self):
        class Gate(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 4)

            def forward(self, x):
                if bool(x.sum() > 0):
                    x = self.fc(x)
                return x * 2

        graph, _ = _captured(torch.jit.script(Gate()), torch.randn(2, 4))
        (branch,) = [n for n in graph.nodes.values() if n.op == "prim::If"]
        # What the branch reads from outside (the input, the Linear's weight and bias) comes in as inputs.
        assert {ref.node for ref in branch.inputs} >= {"x", "fc.weight", "fc.bias"}


class TestMetaDevice:
    def test_meta_model_with_cpu_inputs(self):
        with torch.device("meta"):
            model = Net().eval()
        graph, _ = _captured(model, torch.randn(2, 4))
        assert graph.capture == "torch.export"
        assert graph.parameter_count == sum(p.numel() for p in model.parameters())

    def test_large_llama_config_on_meta(self):
        from transformers import LlamaConfig, LlamaModel

        # Llama-2-7B widths, two layers: half a billion parameters (2 GB) that are never allocated.
        config = LlamaConfig(hidden_size=4096, intermediate_size=11008, num_hidden_layers=2, num_attention_heads=32,
                             num_key_value_heads=32, vocab_size=32000, attn_implementation="eager")
        with torch.device("meta"):
            model = LlamaModel(config).eval()
        graph, fallbacks = _captured(model, torch.randint(0, 32000, (1, 8)))
        assert graph.capture == "torch.export" and fallbacks == []
        assert graph.parameter_count == sum(p.numel() for p in model.parameters()) > 5 * 10**8
        q_proj = graph.node("layers.0.self_attn.q_proj.weight")
        assert q_proj.outputs[0] == ir.TensorType((4096, 4096), "float32") and q_proj.parameter_count == 4096 * 4096
        assert graph.modules["layers.1"].class_name.endswith("LlamaDecoderLayer")
