"""Pruning plans applied with Torch-Pruning: coupled layers, exact previews, refusals."""

from __future__ import annotations

import json

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tb_plugin import pruning
from tb_plugin.overlay_wire import filter_stats_to_json
from tb_plugin.overlays.filter_stats import collect_filter_stats
from tb_plugin.pruning import PlanError


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(8)
        self.c3 = nn.Conv2d(8, 6, 3, padding=1)
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        y = F.relu(self.bn1(self.c1(x)))
        y = F.relu(self.bn2(self.c2(y)) + y)
        return self.fc(F.relu(self.c3(y)).mean((2, 3)))


class Concat(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 1)
        self.b = nn.Conv2d(3, 6, 3, padding=1)
        self.c = nn.Conv2d(10, 5, 3, padding=1)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        y = torch.cat([F.relu(self.a(x)), F.relu(self.b(x))], dim=1)
        return self.fc(F.relu(self.c(y)).mean((2, 3)))


def _stats(model, x, classes=4):
    labels = torch.arange(len(x)) % classes
    return filter_stats_to_json(collect_filter_stats(model, [(x, labels)]))


def _params(model) -> int:
    return sum(p.numel() for p in model.parameters())


def _check_preview(model, stats, plan, x):
    pruned = pruning.apply_plan(model, plan, x[:1])
    preview = pruning.preview_plan(stats, plan)
    assert preview["parameters_after"] == _params(pruned)
    assert preview["macs_after"] == pruning.model_macs(pruned, x[:1])
    assert preview["parameters_before"] == _params(model)
    with torch.no_grad():
        assert _shapes(pruned(x)) == _shapes(model.eval()(x))
    return pruned


def _shapes(output):
    from torch.utils import _pytree

    return [tuple(t.shape) for t in _pytree.tree_leaves(output) if isinstance(t, torch.Tensor)]


class TestApplyPlan:
    def test_residual_layers_lose_the_same_channels(self):
        torch.manual_seed(0)
        model, x = Residual().eval(), torch.randn(4, 3, 8, 8)
        stats = _stats(model, x)
        groups = {g["modules"][0] if len(g["modules"]) == 1 else tuple(sorted(g["modules"])): g for g in stats["groups"]}
        assert ("c1", "c2") in groups and groups[("c1", "c2")]["prunable"]
        assert not groups["fc"]["prunable"] and "output" in groups["fc"]["reason"]
        # Removing from c1 and from c2 removes the union from both, with their BatchNorms and c3's inputs.
        plan = pruning.make_plan(model, {"c1": [0, 1], "c2": [1, 5], "c3": [0, 1, 2]})
        pruned = _check_preview(model, stats, plan, x)
        assert pruned.c1.out_channels == pruned.c2.out_channels == pruned.bn1.num_features == 5
        assert pruned.c3.in_channels == 5 and pruned.c3.out_channels == 3 and pruned.fc.in_features == 3
        assert model.c1.out_channels == 8  # the original is untouched

    def test_concatenation(self):
        torch.manual_seed(0)
        model, x = Concat().eval(), torch.randn(4, 3, 8, 8)
        stats = _stats(model, x, classes=2)
        plan = pruning.make_plan(model, {"a": [3], "b": [0, 2, 4]})
        pruned = _check_preview(model, stats, plan, x)
        assert pruned.c.in_channels == 6

    def test_transformers_resnet_keeps_its_output_shapes(self):
        from transformers import ResNetConfig, ResNetModel

        torch.manual_seed(0)
        config = ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], layer_type="bottleneck")
        model, x = ResNetModel(config).eval(), torch.randn(4, 3, 32, 32)
        stats = _stats(model, x, classes=2)
        prunable = [g for g in stats["groups"] if g["prunable"]]
        assert prunable and any(not g["prunable"] for g in stats["groups"])  # the last stage reaches the output
        plan = pruning.make_plan(model, {g["modules"][0]: range(0, g["channel_count"], 2) for g in prunable})
        pruned = _check_preview(model, stats, plan, x)
        before, after = model(x), pruned(x)
        assert after.last_hidden_state.shape == before.last_hidden_state.shape
        assert after.pooler_output.shape == before.pooler_output.shape
        assert _params(pruned) < _params(model)

    def test_inplace(self):
        model, x = Residual().eval(), torch.randn(2, 3, 8, 8)
        same = pruning.apply_plan(model, pruning.make_plan(model, {"c3": [0]}), x, inplace=True)
        assert same is model and model.c3.out_channels == 5

    def test_plan_from_json_text_and_file(self, tmp_path):
        model, x = Residual().eval(), torch.randn(2, 3, 8, 8)
        plan = pruning.make_plan(model, {"c3": [2]})
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(plan))
        assert pruning.apply_plan(model, str(path), x).c3.out_channels == 5
        assert pruning.apply_plan(model, json.dumps(plan), x).c3.out_channels == 5


class TestRefusals:
    def setup_method(self):
        self.model, self.x = Residual().eval(), torch.randn(2, 3, 8, 8)

    def test_layer_the_model_does_not_have(self):
        plan = {"format": "graphfold.pruning_plan", "version": 1, "layers": {"features.0": {"filter_count": 8, "remove": [1]}}}
        with pytest.raises(PlanError, match="names layer 'features.0'.*another model"):
            pruning.apply_plan(self.model, plan, self.x)

    def test_plan_for_another_model(self):
        plan = {"format": "graphfold.pruning_plan", "version": 1, "layers": {"c1": {"filter_count": 16, "remove": [1]}}}
        with pytest.raises(PlanError, match="'c1' has 16 filters; this model's has 8"):
            pruning.apply_plan(self.model, plan, self.x)

    def test_output_layer(self):
        with pytest.raises(PlanError, match="cannot prune layer 'fc'.*output"):
            pruning.apply_plan(self.model, pruning.make_plan(self.model, {"fc": [0]}), self.x)

    def test_every_filter(self):
        with pytest.raises(PlanError, match="every filter of layer 'c3'"):
            pruning.apply_plan(self.model, pruning.make_plan(self.model, {"c3": range(6)}), self.x)

    def test_not_a_plan(self, tmp_path):
        with pytest.raises(PlanError, match="not a GraphFold pruning plan"):
            pruning.apply_plan(self.model, {"layers": {}}, self.x)
        with pytest.raises(PlanError, match="not valid JSON"):
            pruning.load_plan("{nope")
        with pytest.raises(PlanError, match="cannot read the plan file"):
            pruning.load_plan(tmp_path / "missing.json")
        with pytest.raises(PlanError, match=r"indices \[9\] are outside 0..7"):
            pruning.load_plan({"format": "graphfold.pruning_plan", "version": 1, "layers": {"c1": {"filter_count": 8, "remove": [9]}}})

    def test_not_a_conv_or_linear_layer(self):
        with pytest.raises(PlanError, match="'bn1', a BatchNorm2d"):
            pruning.make_plan(self.model, {"bn1": [0]})
