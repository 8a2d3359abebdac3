"""Filter statistics: values against a hand computation, the measured tensor, bad input, torch.distributed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tb_plugin.overlays import filter_stats
from tb_plugin.overlay_wire import filter_stats_to_json
from tb_plugin.overlays.filter_stats import FilterStatsError, collect_filter_stats


class OneByOne(nn.Module):
    """A 1×1 conv with two filters (+1 and −1) and a ReLU: activations are relu(±x)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, kernel_size=1, bias=False)
        with torch.no_grad():
            self.conv.weight.copy_(torch.tensor([1.0, -1.0]).view(2, 1, 1, 1))

    def forward(self, x):
        return F.relu(self.conv(x))


class ResidualNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.c2 = nn.Conv2d(4, 4, 3, padding=1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        y = F.relu(self.bn(self.c1(x)))
        z = F.relu(self.c2(y) + y)
        return self.fc(z.mean((2, 3)))


def _images():
    x = torch.tensor(
        [
            [[1.0, 2.0], [0.0, -1.0]],
            [[3.0, 0.0], [0.0, 1.0]],
            [[-2.0, -2.0], [1.0, 0.0]],
            [[0.5, 0.5], [0.5, -4.0]],
            [[-1.0, 0.0], [0.0, 0.0]],
        ]
    ).unsqueeze(1)
    return x, torch.tensor([0, 0, 1, 1, 2])


def _expected(x: np.ndarray, labels: np.ndarray, classes: int):
    """The definitions of the issue, computed directly on all activations at once."""
    acts = np.stack([np.maximum(x, 0), np.maximum(-x, 0)], axis=1).reshape(len(x), 2, -1)  # [N, F, P]
    scalar = acts.mean(axis=2)
    means = np.stack([scalar[labels == c].mean(axis=0) for c in range(classes)])
    norm = (means - means.min()) / (means.max() - means.min())
    maps = np.stack([acts[labels == c].mean(axis=0) for c in range(classes)])  # [C, F, P]
    pairs = list(itertools.combinations(range(classes), 2))
    disc = np.mean([np.linalg.norm(maps[a] - maps[b], axis=1) for a, b in pairs], axis=0)
    apoz = 100 * (acts <= 1e-4).mean(axis=(0, 2))
    act_l1 = np.abs(acts).sum(axis=2).mean(axis=0)
    return means, norm, disc, apoz, act_l1


class TestCollectFilterStats:
    def test_against_hand_computation(self):
        x, y = _images()
        loader = [(x[:2], y[:2]), (x[2:], y[2:])]
        stats = filter_stats_to_json(collect_filter_stats(OneByOne(), loader))
        means, norm, disc, apoz, act_l1 = _expected(x.squeeze(1).numpy(), y.numpy(), 3)
        (layer,) = stats["layers"]
        assert layer["module"] == "conv" and layer["filter_count"] == 2
        np.testing.assert_allclose(layer["class_means"], means, rtol=1e-6)
        np.testing.assert_allclose(layer["class_means_normalized"], norm, rtol=1e-6)
        np.testing.assert_allclose(layer["metrics"]["discriminability"], disc, rtol=1e-6)
        np.testing.assert_allclose(layer["metrics"]["apoz"], apoz, rtol=1e-6)
        np.testing.assert_allclose(layer["metrics"]["activation_l1"], act_l1, rtol=1e-6)
        np.testing.assert_allclose(layer["metrics"]["weight_l1"], [1.0, 1.0])
        assert stats["class_counts"] == [2, 2, 1] and stats["example_count"] == 5
        assert "relu" in layer["hooked"]

    def test_batching_does_not_change_the_result(self):
        x, y = _images()
        whole = filter_stats_to_json(collect_filter_stats(OneByOne(), [(x, y)]))
        single = filter_stats_to_json(collect_filter_stats(OneByOne(), [(x[i:i + 1], y[i:i + 1]) for i in range(5)]))
        np.testing.assert_allclose(whole["layers"][0]["metrics"]["discriminability"], single["layers"][0]["metrics"]["discriminability"])

    def test_measures_after_the_nonlinearity_past_batch_norm_and_residual(self):
        torch.manual_seed(0)
        loader = [(torch.randn(6, 1, 6, 6), torch.tensor([0, 1, 2, 0, 1, 2]))]
        stats = filter_stats_to_json(collect_filter_stats(ResidualNet(), loader))
        hooked = {layer["module"]: layer["hooked"] for layer in stats["layers"]}
        assert "relu" in hooked["c1"] and "batch_norm" in hooked["c1"]
        assert "relu" in hooked["c2"] and "add" in hooked["c2"]
        assert "no nonlinearity" in hooked["fc"]
        # Post-ReLU maps hold exact zeros; the conv outputs before it would not.
        apoz = {layer["module"]: layer["metrics"]["apoz"] for layer in stats["layers"]}
        assert max(apoz["c1"]) > 0 and max(apoz["c2"]) > 0

    def test_model_left_in_its_mode(self):
        model = ResidualNet().train()
        collect_filter_stats(model, [(torch.randn(3, 1, 6, 6), torch.tensor([0, 1, 2]))])
        assert model.training and model.bn.training
        assert int(model.bn.num_batches_tracked) == 0  # eval mode: running stats untouched

    def test_each_module_keeps_its_own_mode(self):
        model = ResidualNet().train()
        model.bn.eval()  # a frozen BatchNorm in a training model
        collect_filter_stats(model, [(torch.randn(3, 1, 6, 6), torch.tensor([0, 1, 2]))])
        assert model.training and model.c1.training and not model.bn.training

    def test_class_count_from_names_and_unseen_classes(self):
        x, y = _images()
        stats = filter_stats_to_json(collect_filter_stats(OneByOne(), [(x, y)], class_names=["a", "b", "c", "d"]))
        assert stats["class_names"] == ["a", "b", "c", "d"] and stats["class_counts"] == [2, 2, 1, 0]
        assert stats["layers"][0]["class_means"][3] == [0.0, 0.0]

    def test_dict_batches(self):
        x, y = _images()

        class Keyword(OneByOne):
            def forward(self, pixel_values):
                return super().forward(pixel_values)

        stats = collect_filter_stats(Keyword(), [{"pixel_values": x, "labels": y}])
        assert stats.example_count == 5

    def test_large_maps_are_pooled(self, monkeypatch):
        monkeypatch.setattr(filter_stats, "MAX_MAP_ELEMENTS", 3 * 2 * 4)
        x = torch.randn(6, 1, 8, 8)
        stats = filter_stats_to_json(collect_filter_stats(OneByOne(), [(x, torch.tensor([0, 1, 2, 0, 1, 2]))]))
        assert "average-pooled to 2×2" in stats["layers"][0]["hooked"]


class TestBadInput:
    def test_unknown_layer(self):
        with pytest.raises(FilterStatsError, match="no layer named 'conv9'.*conv"):
            collect_filter_stats(OneByOne(), [_images()], layers=["conv9"])

    def test_layer_that_is_not_conv_or_linear(self):
        with pytest.raises(FilterStatsError, match="'bn' is a BatchNorm2d"):
            collect_filter_stats(ResidualNet(), [_images()], layers=["bn"])

    def test_model_without_layers(self):
        with pytest.raises(FilterStatsError, match="no conv or linear layers"):
            collect_filter_stats(nn.ReLU(), [_images()])

    def test_batches_without_labels(self):
        x, _ = _images()
        with pytest.raises(FilterStatsError, match="batch 0 is a Tensor.*labels"):
            collect_filter_stats(OneByOne(), [x])
        with pytest.raises(FilterStatsError, match="dict without a 'labels' entry"):
            collect_filter_stats(OneByOne(), [{"x": x}])

    def test_float_labels(self):
        x, y = _images()
        with pytest.raises(FilterStatsError, match="class indices"):
            collect_filter_stats(OneByOne(), [(x, y.float())])

    def test_label_beyond_class_count(self):
        x, y = _images()
        with pytest.raises(FilterStatsError, match="label 2 is not below num_classes=2"):
            collect_filter_stats(OneByOne(), [(x, y)], num_classes=2)

    def test_empty_dataloader(self):
        with pytest.raises(FilterStatsError, match="no batches"):
            collect_filter_stats(OneByOne(), [])
