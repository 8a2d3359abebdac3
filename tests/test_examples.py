"""The case-study scripts in examples/, run at a small size as a user would run them."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

from tb_plugin import pruning
from tests.conftest import tensorboard_client

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def _run(script: str, *args: str) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    return json.loads(last), done.stdout


def test_prune_digits(tmp_path):
    result, _ = _run("prune_digits.py", "--logdir", str(tmp_path), "--epochs", "3", "--finetune-epochs", "1")
    assert set(result) == {"params_before", "params_after", "conv_filters_before", "conv_filters_after",
                           "accuracy_before", "accuracy_after"}
    assert result["conv_filters_after"] * 2 <= result["conv_filters_before"]
    assert result["params_after"] < result["params_before"]
    assert 0.5 < result["accuracy_before"] <= 1 and 0 < result["accuracy_after"] <= 1  # 3 epochs already learn digits
    plan = pruning.load_plan(tmp_path / "pruning_plan.json")
    assert plan["preview"]["parameters_after"] == result["params_after"]
    # Both runs carry a graph and filter stats linked to it, and the accuracy scalar.
    client = tensorboard_client(tmp_path)
    overlays = json.loads(client.get("/data/plugin/graphfold/overlays").get_data())["overlays"]
    assert {(o["run"], o["graph_tag"]) for o in overlays} == {("original", "model"), ("pruned", "model")}
    scalars = json.loads(client.get("/data/plugin/graphfold/scalars?run=pruned").get_data())["scalars"]
    assert abs(scalars["accuracy"][0][1] - result["accuracy_after"]) < 1e-4


def test_dynamics_digits(tmp_path):
    result, stdout = _run("dynamics_digits.py", "--logdir", str(tmp_path), "--runs", "5", "--epochs", "2",
                          "--summary-epochs", "2", "--width", "4")
    assert result["runs"] == 5 and result["epochs"] == 2 and result["summary_epochs"] == 2
    assert -1.0 <= result["spearman"] <= 1.0
    assert "accuracy after 2 epochs alone" in stdout
    client = tensorboard_client(tmp_path)
    overlays = json.loads(client.get("/data/plugin/graphfold/overlays").get_data())["overlays"]
    assert len(overlays) == 5 and {o["kind"] for o in overlays} == {"weight_graph"}
    assert all([s["step"] for s in o["steps"]] == [0, 1, 2] for o in overlays)
