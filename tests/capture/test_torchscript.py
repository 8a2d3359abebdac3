"""Tests for :mod:`tb_plugin.capture.torchscript`: a trace gives the same kind of IR as ``torch.export``."""

import pytest
import torch
from torch import nn

from tb_plugin import ir, simplify
from tb_plugin.capture import CaptureError
from tb_plugin.capture.torch_export import capture_module
from tb_plugin.capture.torchscript import capture_torchscript
from tests.models import Block, tiny_bert


def _kinds(graph: ir.Graph, kind: ir.NodeKind) -> dict[str, ir.Node]:
    return {n.name: n for n in graph.nodes.values() if n.kind is kind}


class TestCaptureTorchscript:
    def test_same_structure_as_export_on_bert(self):
        model, inputs = tiny_bert(layers=2)
        traced, exported = capture_torchscript(model, inputs), capture_module(model, inputs)
        traced.lint()
        assert traced.capture == "torchscript" and traced.source_format is ir.SourceFormat.TORCHSCRIPT
        assert {p: m.class_name for p, m in traced.modules.items()} == {p: m.class_name for p, m in exported.modules.items()}
        for kind in (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER, ir.NodeKind.OUTPUT):
            assert _kinds(traced, kind).keys() == _kinds(exported, kind).keys(), kind
        assert traced.parameter_count == exported.parameter_count
        weight = traced.node("encoder.layer.1.attention.self.query.weight")
        assert weight.outputs == (ir.TensorType((32, 32), "float32"),) and weight.module == "encoder.layer.1.attention.self.query"
        assert list(_kinds(traced, ir.NodeKind.INPUT)) == ["input_ids"]
        # Each op sits in the module its scope names.
        linears = {n.module for n in traced.nodes.values() if n.op == "aten::linear"}
        assert "encoder.layer.0.attention.self.query" in linears and "pooler.dense" in linears
        folded = simplify.simplify(traced, check=True)
        stats = simplify.simplify_stats(folded)
        assert any(s["module_class"].endswith("BertLayer") and s["count"] == 2 for s in stats["stacks"])

    def test_constants_become_attributes_named_by_the_schema(self):
        class Scale(nn.Module):
            def forward(self, x):
                return torch.softmax(x * 2, dim=-1).view(x.size(0), -1)

        graph = capture_torchscript(Scale(), torch.randn(2, 3))
        softmax = next(n for n in graph.nodes.values() if n.op == "aten::softmax")
        assert softmax.attrs["dim"] == -1
        assert not any(n.op == "prim::Constant" and not n.outputs[0].dims for n in graph.nodes.values())

    def test_tied_weights_count_once(self):
        class Tied(nn.Module):
            def __init__(self):
                super().__init__()
                self.encoder = nn.Linear(4, 4)
                self.decoder = nn.Linear(4, 4)
                self.decoder.weight = self.encoder.weight

            def forward(self, x):
                return self.decoder(self.encoder(x))

        graph = capture_torchscript(Tied(), torch.randn(1, 4))
        assert graph.parameter_count == 16 + 4 + 4
        tied = [n for n in graph.nodes.values() if "tied_to" in n.attrs]
        assert len(tied) == 1 and tied[0].parameter_count == 0

    def test_keyword_inputs_and_unread_parameters(self):
        class Masked(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 4)
                self.unused = nn.Linear(4, 4)

            def forward(self, x, mask=None):
                return self.fc(x) * mask

        graph = capture_torchscript(Masked(), {"x": torch.randn(1, 4), "mask": torch.ones(1, 4)})
        assert list(_kinds(graph, ir.NodeKind.INPUT)) == ["x", "mask"]
        assert {"unused.weight", "unused.bias"} <= set(_kinds(graph, ir.NodeKind.PARAMETER))
        assert graph.parameter_count == 40

    def test_training_mode_is_kept(self):
        model = nn.Sequential(Block(), nn.Dropout(0.5)).train()
        model[0].eval()
        capture_torchscript(model, torch.randn(1, 4))
        assert model.training and not model[0].training and model[1].training

    def test_no_tensor_output(self):
        class Nothing(nn.Module):
            def forward(self, x):
                return None

        with pytest.raises(CaptureError, match="returned no tensor"):
            capture_torchscript(Nothing(), torch.randn(1))

    def test_forward_that_fails(self):
        class Fails(nn.Module):
            def forward(self, x):
                return x @ torch.ones(3, 3)

        with pytest.raises(CaptureError, match="torch.jit.trace could not trace .*Fails: RuntimeError"):
            capture_torchscript(Fails(), torch.randn(2, 2))
