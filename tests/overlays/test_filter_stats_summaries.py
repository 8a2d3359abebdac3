"""Per-batch summaries: shared by layers measured at the same tensor."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tb_plugin.overlay_wire import filter_stats_to_json
from tb_plugin.overlays import filter_stats
from tb_plugin.overlays.filter_stats import collect_filter_stats


class Shortcut(nn.Module):
    """Two convs joined by an addition before the ReLU: both are measured at the ReLU's output."""

    def __init__(self):
        super().__init__()
        self.main = nn.Conv2d(2, 3, 3, padding=1)
        self.shortcut = nn.Conv2d(2, 3, 1)

    def forward(self, x):
        return F.relu(self.main(x) + self.shortcut(x))


def _loader():
    torch.manual_seed(0)
    return [(torch.randn(6, 2, 5, 5), torch.tensor([0, 1, 2, 0, 1, 2])), (torch.randn(4, 2, 5, 5), torch.tensor([2, 2, 1, 0]))]


class TestSharedSummaries:
    def test_layers_at_one_tensor_get_the_stats_of_each_alone(self):
        model = Shortcut()
        both = {layer["module"]: layer for layer in filter_stats_to_json(collect_filter_stats(model, _loader()))["layers"]}
        assert set(both) == {"main", "shortcut"} and "add" in both["shortcut"]["hooked"]
        for name in ("main", "shortcut"):
            (alone,) = filter_stats_to_json(collect_filter_stats(model, _loader(), layers=[name]))["layers"]
            np.testing.assert_array_equal(both[name]["class_means"], alone["class_means"])
            assert both[name]["metrics"] == alone["metrics"]

    def test_one_summary_per_tensor(self, monkeypatch):
        calls = []
        summarize = filter_stats.LayerAccumulator.summarize
        monkeypatch.setattr(filter_stats.LayerAccumulator, "summarize",
                            lambda self, x: calls.append(self.layer) or summarize(self, x))
        collect_filter_stats(Shortcut(), _loader())
        # The first batch starts each layer's sums (one summary each); the second shares one.
        assert len(calls) == 3

    def test_other_pooling_is_not_shared(self):
        model, loader = Shortcut(), _loader()
        shared = filter_stats._SharedSummaries()
        a, b = filter_stats.LayerAccumulator("main", 3), filter_stats.LayerAccumulator("shortcut", 3, map_budget=3 * 3 * 4)
        x = F.relu(model.main(loader[0][0]) + model.shortcut(loader[0][0])).detach()
        a.add_summary(shared.summary(a, x), loader[0][1])
        b.add_summary(shared.summary(b, x), loader[0][1])
        assert b.pooled_to == (2, 2) and a.pooled_to is None
        assert shared.summary(b, x) is shared.summary(b, x) and shared.summary(a, x)["maps"].shape[2] == 25
