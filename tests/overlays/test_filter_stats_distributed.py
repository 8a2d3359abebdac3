"""Under torch.distributed (2 processes, gloo), stats of a sharded dataset equal the single-process stats."""

import json
import os
import subprocess
import sys

import numpy as np

from tb_plugin.overlay_wire import filter_stats_to_json
from tb_plugin.overlays.filter_stats import collect_filter_stats
from tests.conftest import tensorboard_client
from tests.overlays.shared_data import digits_like_data, small_cnn


def test_two_gloo_processes_equal_one(tmp_path):
    logdir = tmp_path / "logs"
    # Rendezvous and gloo on the loopback interface only.
    command = [sys.executable, "-m", "torch.distributed.run", "--nnodes=1", "--nproc_per_node=2",
               "--rdzv-backend=c10d", "--rdzv-endpoint=127.0.0.1:0",
               "-m", "tests.overlays.distributed_worker", str(logdir / "ddp")]
    env = {**os.environ, "GLOO_SOCKET_IFNAME": "lo"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=_repo_root(), env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    response = tensorboard_client(logdir).get("/data/plugin/graphfold/filter_stats?run=ddp&tag=filter_stats")
    assert response.status_code == 200, response.get_data(as_text=True)
    sharded = json.loads(response.get_data(as_text=True))

    x, y = digits_like_data()
    single = filter_stats_to_json(collect_filter_stats(small_cnn(), [(x, y)], graph_tag="model"))
    assert sharded["world_size"] == 2 and single["world_size"] == 1
    assert sharded["class_counts"] == single["class_counts"]
    for a, b in zip(sharded["layers"], single["layers"], strict=True):
        assert a["module"] == b["module"]
        np.testing.assert_allclose(a["class_means_normalized"], b["class_means_normalized"], rtol=1e-5, atol=1e-6)
        for key in a["metrics"]:
            np.testing.assert_allclose(a["metrics"][key], b["metrics"][key], rtol=1e-5, atol=1e-6)
    # Only rank 0 wrote: one step, one event file.
    assert [s["step"] for s in json.loads(tensorboard_client(logdir).get("/data/plugin/graphfold/overlays").get_data())["overlays"][0]["steps"]] == [0]
    assert len(list((logdir / "ddp").iterdir())) == 1


def _repo_root():
    import pathlib

    return pathlib.Path(__file__).resolve().parents[2]
