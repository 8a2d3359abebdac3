"""GraphFold inside a real ``tensorboard`` process, over HTTP, with both data loaders.

The log directory is written by the real APIs: ``tb_plugin.log_graph``
(torch.export), ``tb_plugin.log_onnx`` (torch.onnx export) and
``torch.utils.tensorboard.SummaryWriter.add_graph``, plus a corrupt graph that
must not disturb the others.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
import torch
from torch import nn
from torch.utils.tensorboard import SummaryWriter

import tb_plugin
from tb_plugin import metadata
from tb_plugin.proto import graphfold_pb2

from tests.support.tensorboard_process import running_tensorboard
from tests.test_plugin import _write_raw_blobs

PREFIX = "/data/plugin/graphfold"


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.act = nn.GELU()

    def forward(self, x):
        return x + self.act(self.fc(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(4, 8)
        self.blocks = nn.ModuleList([Block() for _ in range(3)])
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        x = self.embed(x)
        for block in self.blocks:
            x = block(x)
        return self.head(x)


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("logs")
    model, example = Net().eval(), torch.randn(2, 4)
    with SummaryWriter(root / "torch_run") as writer:
        tb_plugin.log_graph(writer, model, (example,), tag="net")
        writer.add_graph(model, example)
        data = torch.randn(12, 4)
        tb_plugin.log_filter_stats(writer, model, [(data, torch.arange(12) % 3)], step=2, graph_tag="net")
        writer.add_scalar("accuracy", 0.75, 2)
    onnx_path = root.parent / "net.onnx"
    torch.onnx.export(model, (example,), str(onnx_path), dynamo=True)
    tb_plugin.log_onnx(root / "onnx_run", onnx_path, tag="net_onnx")
    tb_plugin.log_graph(root / "path_run", model, (example,), step=5, tag="<img src=x onerror=alert(1)>")
    _write_raw_blobs(root / "corrupt_run", "broken", [b"\xff\xfe not a header", b"junk"])
    overlay_kind = graphfold_pb2.PluginData(version=1, kind=metadata.FILTER_STATS).SerializeToString()
    _write_raw_blobs(root / "corrupt_run", "broken_stats", [b"not zlib"], content=overlay_kind)
    return root


def _all_listed(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/graphs")
    runs = {(g["run"], g["source"]) for g in body.get("graphs", [])} if status == 200 else set()
    return {("torch_run", "graphfold"), ("torch_run", "graphdef"), ("onnx_run", "graphfold"),
            ("path_run", "graphfold"), ("corrupt_run", "graphfold")} <= runs and _overlays_listed(tb)


def _overlays_listed(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/overlays")
    return status == 200 and {("torch_run", "filter_stats"), ("corrupt_run", "broken_stats")} <= {
        (o["run"], o["tag"]) for o in body["overlays"]
    }


@pytest.fixture(scope="module", params=[False, True], ids=["load_fast=false", "load_fast=true"])
def tensorboard(request, logdir):
    with running_tensorboard(logdir, load_fast=request.param, ready_when=_all_listed) as tb:
        yield tb


def _graph_url(**params) -> str:
    return f"{PREFIX}/graph?" + urllib.parse.urlencode(params)


def test_plugin_is_listed_and_enabled(tensorboard):
    status, listing = tensorboard.get_json("/data/plugins_listing")
    assert status == 200
    entry = listing[metadata.PLUGIN_NAME]
    assert entry["enabled"] is True and entry["tab_name"] == "GraphFold"
    assert entry["loading_mechanism"] == {"type": "IFRAME", "module_path": f"{PREFIX}/index.js"}


def test_frontend_module_is_served(tensorboard):
    status, body = tensorboard.get(f"{PREFIX}/index.js")
    assert status == 200 and b"render" in body


def test_listing_has_every_source_with_counts(tensorboard):
    _, body = tensorboard.get_json(f"{PREFIX}/graphs")
    by_key = {(g["run"], g["tag"]): g for g in body["graphs"]}
    for key, fmt in [(("torch_run", "net"), "torch_export"), (("onnx_run", "net_onnx"), "onnx"),
                     (("torch_run", metadata.RUN_GRAPH_TAG), "graphdef")]:
        (step,) = by_key[key]["steps"]
        assert step["error"] is None and step["source_format"] == fmt
        assert step["node_count"] > 10 and step["module_count"] >= 5 and step["blob_bytes"] > 0
    assert by_key[("path_run", "<img src=x onerror=alert(1)>")]["steps"][0]["step"] == 5
    assert "not a GraphHeader" in by_key[("corrupt_run", "broken")]["steps"][0]["error"]


@pytest.mark.parametrize(
    "run, tag, source, fmt",
    [
        ("torch_run", "net", "graphfold", "torch_export"),
        ("onnx_run", "net_onnx", "graphfold", "onnx"),
        ("torch_run", metadata.RUN_GRAPH_TAG, "graphdef", "graphdef"),
        ("path_run", "<img src=x onerror=alert(1)>", "graphfold", "torch_export"),
    ],
)
def test_fetch_graph(tensorboard, run, tag, source, fmt):
    status, graph = tensorboard.get_json(_graph_url(run=run, tag=tag, source=source))
    assert status == 200, graph
    assert graph["source_format"] == fmt
    modules = {m["path"] for m in graph["modules"]}
    # The three ModuleList blocks come out as modules in every capture path.
    assert {"blocks.0", "blocks.1", "blocks.2"} <= modules or {"blocks.0.fc", "blocks.2.fc"} <= modules
    names = {n["name"] for n in graph["nodes"]}
    for node in graph["nodes"]:
        assert node["module"] in modules
        for producer, _ in node["inputs"]:
            assert producer in names


@pytest.mark.parametrize(
    "params, code, needle",
    [
        ({"run": "nope", "tag": "net"}, 404, "run 'nope'"),
        ({"run": "torch_run", "tag": "net", "step": "3"}, 404, "steps logged: 0"),
        ({"run": "corrupt_run", "tag": "broken"}, 422, "not a GraphHeader"),
        ({"run": "torch_run", "tag": "net", "step": "zero"}, 400, "step must be an integer"),
    ],
)
def test_errors_are_json_4xx(tensorboard, params, code, needle):
    status, body = tensorboard.get(_graph_url(**params))
    assert status == code
    assert needle in json.loads(body)["error"]["message"]


def test_corrupt_graph_leaves_the_rest_working(tensorboard):
    assert tensorboard.get(_graph_url(run="corrupt_run", tag="broken"))[0] == 422
    assert tensorboard.get(_graph_url(run="torch_run", tag="net"))[0] == 200


@pytest.mark.parametrize("run, tag, source", [
    ("torch_run", "net", "graphfold"), ("onnx_run", "net_onnx", "graphfold"),
    ("torch_run", metadata.RUN_GRAPH_TAG, "graphdef"),
])
def test_simplified_views_and_stats(tensorboard, run, tag, source):
    status, stats = tensorboard.get_json(f"{PREFIX}/stats?" + urllib.parse.urlencode({"run": run, "tag": tag, "source": source}))
    assert status == 200, stats
    assert stats["default_view"]["reduction"] > 0.5
    (stack,) = [s for s in stats["stacks"] if s["count"] == 3]
    assert stack["module_class"].endswith("Block")
    status, view = tensorboard.get_json(
        f"{PREFIX}/view?" + urllib.parse.urlencode({"run": run, "tag": tag, "source": source, "module": stack["members"][0]})
    )
    assert status == 200 and view["module"]["stack"] == "s:" + stack["members"][0]


def test_overlays_are_listed_apart_from_graphs(tensorboard):
    _, graphs = tensorboard.get_json(f"{PREFIX}/graphs")
    assert not {g["tag"] for g in graphs["graphs"]} & {"filter_stats", "broken_stats"}
    _, body = tensorboard.get_json(f"{PREFIX}/overlays")
    by_key = {(o["run"], o["tag"]): o for o in body["overlays"]}
    stats = by_key[("torch_run", "filter_stats")]
    assert stats["kind"] == "filter_stats" and stats["graph_tag"] == "net"
    (step,) = stats["steps"]
    assert step["step"] == 2 and step["error"] is None and step["classes"] == 3 and step["parameter_count"] > 0
    assert "zlib data" in by_key[("corrupt_run", "broken_stats")]["steps"][0]["error"]


def test_filter_stats_over_http(tensorboard):
    status, stats = tensorboard.get_json(f"{PREFIX}/filter_stats?run=torch_run&tag=filter_stats")
    assert status == 200, stats
    assert {layer["module"] for layer in stats["layers"]} == {"embed", "blocks.0.fc", "blocks.1.fc", "blocks.2.fc", "head"}
    block = next(layer for layer in stats["layers"] if layer["module"] == "blocks.0.fc")
    assert "gelu" in block["hooked"] and len(block["class_means"]) == 3 and len(block["class_means"][0]) == 8
    status, body = tensorboard.get(f"{PREFIX}/filter_stats?run=torch_run&tag=net")
    assert status == 404 and "not filter_stats" in json.loads(body)["error"]["message"]
    status, body = tensorboard.get(f"{PREFIX}/filter_stats?run=corrupt_run&tag=broken_stats")
    assert status == 422


def test_run_scalars(tensorboard):
    status, body = tensorboard.get_json(f"{PREFIX}/scalars?run=torch_run")
    assert status == 200 and body["scalars"]["accuracy"] == [[2, 0.75]]
