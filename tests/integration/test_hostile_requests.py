"""Hostile requests and hostile logs against a real ``tensorboard --load_fast=false`` process.

Whatever a request asks or a log directory holds, GraphFold answers valid
JSON, never a 500, and never stalls the server: while a worst-case search
runs, another client's requests are still answered. The figures (latency
under load, the wait of a concurrent client) are measured by
``bench/bench_load.py``; the bounds here are generous, for "does not hang".
"""

from __future__ import annotations

import json
import threading
import zlib
import time
import urllib.parse

import pytest
from tensorboard.compat.proto import graph_pb2, node_def_pb2

from tb_plugin import metadata, summary
from tb_plugin.proto import graphfold_pb2 as pb

from tests.support.synthetic_graphs import transformer_graph
from tests.support.tensorboard_process import running_tensorboard
from tests.test_plugin import _strict_json, _write_graph_proto, _write_graphdef, _write_raw_blobs

PREFIX = "/data/plugin/graphfold"
CATASTROPHIC = r"^([\w.]|[\w.])*!$"
GOOD = {"run": "big", "tag": "model"}


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile_logs")
    summary.write_graph(root / "big", transformer_graph(), tag="model")
    _write_graphdef(root / "trillion", graph_pb2.GraphDef(node=[
        node_def_pb2.NodeDef(name="x", op="Const"), node_def_pb2.NodeDef(name="y", op="Neg", input=["x:1000000000000"]),
    ]))
    deep = ".".join(["m"] * 1000)
    proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="deep")
    proto.modules.add(path=deep, class_name="M")
    proto.nodes.add(name="a", op="Neg", module=deep)
    _write_graph_proto(root / "deep", "deep", proto)
    _write_graph_proto(root / "bomb", "bomb", pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="x" * (4 << 20)),
                       uncompressed_size=1000)
    _write_raw_blobs(root / "garbage", "g", [b"\xff\xfe not a header", b"junk"])
    # A few hundred bytes that ask for 2,000 layers x 5,000 classes; and overlay blobs that are not zlib.
    stats = pb.FilterStats(schema_version=metadata.SCHEMA_VERSION, class_names=["c"] * 5000)
    stats.layers.extend([pb.LayerFilterStats(module="m")] * 2000)
    for tag, kind, blob in [("stats_bomb", metadata.FILTER_STATS, zlib.compress(stats.SerializeToString(), 9)),
                            ("stats_garbage", metadata.FILTER_STATS, b"not zlib"),
                            ("weights_garbage", metadata.WEIGHT_GRAPH, b"\x78\x9c junk")]:
        content = pb.PluginData(version=metadata.SCHEMA_VERSION, kind=kind).SerializeToString()
        _write_raw_blobs(root / "overlays", tag, [blob], content=content)
    from torch.utils.tensorboard import SummaryWriter

    with SummaryWriter(root / "big") as writer:  # a diverged loss
        for step, loss in enumerate([1.0, float("nan"), float("inf")]):
            writer.add_scalar("loss", loss, step)
    return root


def _ready(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/graphs")
    runs = {g["run"] for g in body.get("graphs", [])} if status == 200 else set()
    if not {"big", "trillion", "deep", "bomb", "garbage"} <= runs:
        return False
    status, body = tb.get_json(_url("scalars", run="big"))
    return status == 200 and len(body["scalars"].get("loss", [])) == 3


@pytest.fixture(scope="module")
def tensorboard(logdir):
    with running_tensorboard(logdir, load_fast=False, ready_when=_ready) as tb:
        yield tb


def _url(route: str, **params) -> str:
    return f"{PREFIX}/{route}?" + urllib.parse.urlencode(params) if params else f"{PREFIX}/{route}"


HOSTILE = [
    _url("search", **GOOD, q=CATASTROPHIC),
    _url("search", **GOOD, q="a{4294967295}"),
    _url("search", **GOOD, q="(a)\\1"),
    _url("search", **GOOD, q="x" * 10_000),
    _url("search", **GOOD, q=".", limit="5000"),
    _url("search", **GOOD, q=".", limit="99999999999999999999"),
    _url("view", **GOOD, module="h." * 2000),
    _url("locate", **GOOD, node="\x00" * 100),
    _url("graph", **GOOD, step="-1"),
    _url("graph", **GOOD, step="1" * 40),
    _url("graph", run="big", tag="model", source="../../etc"),
    f"{PREFIX}/assets/../index.js",
    f"{PREFIX}/assets/%2e%2e/index.js",
    f"{PREFIX}/assets/layout_worker.js%00.png",
    f"{PREFIX}/assets%2flayout_worker.js",
    f"{PREFIX}/assets/..%5c..%5cplugin.py",
    f"{PREFIX}/no_such_route",
    f"{PREFIX}/graphs/extra/segments",
    _url("overlays"),
    _url("filter_stats", run="overlays", tag="stats_bomb"),
    _url("filter_stats", run="overlays", tag="stats_garbage"),
    _url("filter_stats", run="overlays", tag="weights_garbage"),
    _url("weight_graph", run="overlays", tag="weights_garbage"),
    _url("weight_graph", run="overlays", tag="stats_bomb"),
    _url("scalars", run="\x00" * 10),
    _url("expand", **GOOD, depth="0"),
    _url("expand", **GOOD, depth="1" * 40),
] + [
    _url(route, run=run, tag=tag, source=source, q="a", node="a")
    for route in ("graph", "view", "expand", "stats", "search", "locate")
    for run, tag, source in [("trillion", metadata.RUN_GRAPH_TAG, "graphdef"), ("deep", "deep", "graphfold"),
                             ("bomb", "bomb", "graphfold"), ("garbage", "g", "graphfold")]
]


@pytest.mark.timeout(300)
def test_no_500_and_every_body_is_json(tensorboard):
    for path in HOSTILE:
        status, body = tensorboard.get(path, timeout=30)
        assert status != 500, (path, body[:300])
        parsed = _strict_json(body)
        if status >= 400:
            assert parsed["error"]["code"] == status and parsed["error"]["message"], path


@pytest.mark.timeout(300)
def test_no_request_reached_graphfolds_500_handler(tensorboard):
    for path in HOSTILE:
        tensorboard.get(path, timeout=30)
    assert "GraphFold: GET" not in tensorboard.log()


@pytest.mark.timeout(300)
def test_non_finite_scalars_are_null(tensorboard):
    status, body = tensorboard.get(_url("scalars", run="big"))
    assert status == 200 and _strict_json(body)["scalars"]["loss"] == [[0, 1.0], [1, None], [2, None]]


@pytest.mark.timeout(300)
def test_hostile_steps_are_listed_with_errors(tensorboard):
    status, body = tensorboard.get(_url("graphs"))
    by_run = {g["run"]: g for g in _strict_json(body)["graphs"]}
    assert status == 200 and by_run["big"]["steps"][0]["node_count"] == 5019
    for run in ("trillion", "garbage"):
        assert by_run[run]["steps"][0]["error"].startswith("step 0"), by_run[run]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_writes_are_refused_as_json(tensorboard, method):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(tensorboard.url + _url("graphs"), data=b"{}", method=method)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 405 and json.loads(caught.value.read())["error"]["code"] == 405


@pytest.mark.timeout(300)
def test_other_clients_are_answered_while_worst_case_searches_run(tensorboard):
    assert tensorboard.get(_url("stats", **GOOD))[0] == 200  # decoded and folded before timing
    searches: list[tuple[int, float]] = []
    stop = threading.Event()

    def search_hard():
        while not stop.is_set():
            for q, limit in ((CATASTROPHIC, "200"), (".", "5000")):
                start = time.monotonic()
                status, _ = tensorboard.get(_url("search", **GOOD, q=q, limit=limit), timeout=60)
                searches.append((status, time.monotonic() - start))

    threads = [threading.Thread(target=search_hard, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    waits = []
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for path in ("/data/plugins_listing", _url("graphs")):
                start = time.monotonic()
                assert tensorboard.get(path, timeout=30)[0] == 200
                waits.append(time.monotonic() - start)
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
    assert searches and all(status == 200 for status, _ in searches)
    assert max(seconds for _, seconds in searches) < 10, searches
    assert max(waits) < 5, sorted(waits)[-5:]
