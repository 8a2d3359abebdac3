"""log_weight_graph end to end: structure from log_graph or example inputs, steps over HTTP, repeats, bad input."""

from __future__ import annotations

import json
import warnings

import pytest
import torch
from torch import nn

import tb_plugin
from tb_plugin.overlays.weight_graph import WeightGraphError
from tests.conftest import tensorboard_client
from tests.overlays.shared_data import small_cnn

URL = "/data/plugin/graphfold/weight_graph?run=run&tag=weight_graph"


def _get(logdir, url=URL):
    response = tensorboard_client(logdir).get(url)
    return response.status_code, json.loads(response.get_data(as_text=True))


class TestLogWeightGraph:
    def test_steps_over_http_follow_the_weights(self, tmp_path):
        model, x = small_cnn(), torch.randn(2, 1, 8, 8)
        tb_plugin.log_graph(tmp_path / "run", model, (x,))
        first = tb_plugin.log_weight_graph(tmp_path / "run", model, step=0)  # structure from log_graph
        with torch.no_grad():
            model[0].weight.mul_(3.0)
        tb_plugin.log_weight_graph(tmp_path / "run", model, step=1)
        status, body = _get(tmp_path)
        assert status == 200, body
        assert body["graph_tag"] == "model" and body["properties"] == ["eigenvector_centrality", "weighted_degree"]
        assert [s["step"] for s in body["steps"]] == [0, 1]
        modules = [layer["module"] for layer in body["steps"][0]["layers"]]
        assert modules == ["0", "3", "7"]
        degree = lambda s: s["layers"][0]["properties"]["weighted_degree"]["mean"]  # noqa: E731
        assert degree(body["steps"][1]) > degree(body["steps"][0])
        assert body["steps"][0]["layers"] == first["layers"]
        conv = body["steps"][0]["layers"][0]
        assert conv["node_count"] == 6 and len(conv["properties"]["weighted_degree"]["values"]) == 6
        assert len(conv["properties"]["eigenvector_centrality"]["quantiles"]) == 5

    def test_example_inputs_without_log_graph(self, tmp_path):
        model = small_cnn()
        out = tb_plugin.log_weight_graph(tmp_path / "run", model, step=0, example_inputs=(torch.randn(1, 1, 8, 8),))
        assert out["node_count"] == 1 + 6 + 8 + 5  # input channel, two convs, the linear units

    def test_residual_model_rolls_both_branches(self, tmp_path):
        from tests.test_pruning import Residual

        model = Residual().eval()
        out = tb_plugin.log_weight_graph(tmp_path / "run", model, step=0, example_inputs=(torch.randn(1, 3, 8, 8),))
        assert [layer["module"] for layer in out["layers"]] == ["c1", "c2", "c3", "fc"]
        assert out["node_count"] == 3 + 8 + 8 + 6 + 4

    def test_step_logged_twice(self, tmp_path):
        model, x = small_cnn(), (torch.randn(1, 1, 8, 8),)
        first = tb_plugin.log_weight_graph(tmp_path / "run", model, step=0, example_inputs=x)
        with torch.no_grad():
            model[0].weight.mul_(2.0)
        with pytest.warns(UserWarning, match="step 0 of 'weight_graph' is already logged.*not written"):
            second = tb_plugin.log_weight_graph(tmp_path / "run", model, step=0)
        assert second["layers"] != first["layers"]
        tb_plugin.log_weight_graph(tmp_path / "run", model, step=1)
        status, body = _get(tmp_path)
        assert status == 200
        assert [s["step"] for s in body["steps"]] == [0, 1]
        assert body["steps"][0]["layers"] == first["layers"]

    def test_each_writer_has_its_own_steps(self, tmp_path):
        # One SummaryWriter per run, closed before the next: CPython gives the
        # next writer the closed one's id, and step 0 of that run must still be written.
        from torch.utils.tensorboard import SummaryWriter

        model, x = small_cnn(), (torch.randn(1, 1, 8, 8),)
        for run in range(4):
            with SummaryWriter(tmp_path / f"run{run}") as writer:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    tb_plugin.log_weight_graph(writer, model, step=0, example_inputs=x)
            del writer
        for run in range(4):
            status, body = _get(tmp_path, URL.replace("run=run", f"run=run{run}"))
            assert status == 200 and [s["step"] for s in body["steps"]] == [0], body

    def test_no_structure(self, tmp_path):
        with pytest.raises(ValueError, match="pass example_inputs"):
            tb_plugin.log_weight_graph(tmp_path, small_cnn(), step=0)

    def test_model_without_conv_or_linear(self, tmp_path):
        with pytest.raises(WeightGraphError, match="no convolution or linear layer"):
            tb_plugin.log_weight_graph(tmp_path, nn.Sequential(nn.ReLU()), step=0, example_inputs=(torch.randn(1, 3),))

    def test_structure_changed_in_place(self, tmp_path):
        model, x = small_cnn(), (torch.randn(1, 1, 8, 8),)
        tb_plugin.log_weight_graph(tmp_path, model, step=0, example_inputs=x)
        model[3] = nn.Conv2d(6, 4, 3, padding=1)
        model[7] = nn.Linear(16, 5)
        with pytest.raises(WeightGraphError, match="structure changed"):
            tb_plugin.log_weight_graph(tmp_path, model, step=1)
        # Traced again from example inputs, it works.
        assert tb_plugin.log_weight_graph(tmp_path, model, step=1, example_inputs=x)["node_count"] == 1 + 6 + 4 + 5

    def test_wrong_kind_of_series(self, tmp_path):
        tb_plugin.log_weight_graph(tmp_path / "run", small_cnn(), step=0, example_inputs=(torch.randn(1, 1, 8, 8),))
        status, body = _get(tmp_path, "/data/plugin/graphfold/filter_stats?run=run&tag=weight_graph")
        assert status == 404 and "not filter_stats" in body["error"]["message"]
