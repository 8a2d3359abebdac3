"""Under torch.distributed (2 processes, gloo), log_graph on DDP, FSDP and fully_shard models: rank 0 writes the user's graph."""

import json

from tests.conftest import tensorboard_client
from tests.models import BlocksAndHead
from tests.support.torchrun import torchrun


def test_two_gloo_processes_log_one_graph_per_wrapper(tmp_path):
    logdir = tmp_path / "logs"
    done = torchrun("tests.capture.distributed_capture_worker", str(logdir / "dist"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(list((logdir / "dist").iterdir())) == 1  # only rank 0 wrote

    client = tensorboard_client(logdir)
    listing = json.loads(client.get("/data/plugin/graphfold/graphs").get_data())["graphs"]
    assert sorted(g["tag"] for g in listing) == ["compiled_ddp", "ddp", "fsdp", "fully_shard"]
    expected_modules = {path for path, _ in BlocksAndHead().named_modules()}
    expected_parameters = {name: list(p.shape) for name, p in BlocksAndHead().named_parameters()}
    for entry in listing:
        assert [s["step"] for s in entry["steps"]] == [0]
        graph = json.loads(client.get(f"/data/plugin/graphfold/graph?run=dist&tag={entry['tag']}").get_data())
        assert graph["capture"] == "torch.export" and graph["name"] == "BlocksAndHead", entry["tag"]
        assert {m["path"] for m in graph["modules"]} == expected_modules, entry["tag"]
        parameters = {n["name"]: n["outputs"][0]["shape"] for n in graph["nodes"] if n["kind"] == "parameter"}
        assert parameters == expected_parameters, entry["tag"]  # full shapes, though FSDP shards them
        classes = {m["path"]: m["class_name"] for m in graph["modules"]}
        assert classes[""] == "tests.models.BlocksAndHead" and classes["blocks.0"] == "tests.models.Block"
