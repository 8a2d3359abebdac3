"""The plugin's routes, through TensorBoard's own WSGI app over logs written by the real writers."""

from __future__ import annotations

import json

import pytest
from tensorboard.compat.proto import summary_pb2, tensor_pb2, types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.compat.proto import event_pb2

from tb_plugin import ir, metadata, plugin, summary
from tb_plugin.proto import graphfold_pb2 as pb

from tests.conftest import make_tiny_graph, tensorboard_client

GRAPHS = "/data/plugin/graphfold/graphs"
GRAPH = "/data/plugin/graphfold/graph"


def _get(client, url, **params):
    response = client.get(url, query_string=params)
    return response.status_code, json.loads(response.get_data(as_text=True))


def _write_raw_blobs(logdir, tag, blobs, *, step=0, content=None):
    """Write a graphfold-plugin summary holding arbitrary blobs, as a corrupt or foreign writer might."""
    md = metadata.create_summary_metadata()
    if content is not None:
        md.plugin_data.content = content
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=blobs)
    tensor.tensor_shape.dim.add(size=len(blobs))
    value = summary_pb2.Summary.Value(tag=tag, metadata=md, tensor=tensor)
    writer = EventFileWriter(str(logdir))
    writer.add_event(event_pb2.Event(step=step, wall_time=1.0, summary=summary_pb2.Summary(value=[value])))
    writer.close()


class TestWriters:
    def test_logdir_path(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=3, tag="tiny")
        status, body = _get(tensorboard_client(tmp_path), GRAPHS)
        assert status == 200
        (entry,) = body["graphs"]
        assert (entry["run"], entry["tag"], entry["source"]) == ("run", "tiny", "graphfold")
        (step,) = entry["steps"]
        assert step["step"] == 3 and step["node_count"] == 5 and step["module_count"] == 2
        assert step["blob_bytes"] > 0 and step["error"] is None

    def test_torch_summary_writer(self, tmp_path):
        from torch.utils.tensorboard import SummaryWriter

        with SummaryWriter(tmp_path / "torch") as writer:
            writer.add_scalar("loss", 1.0, 0)
            summary.write_graph(writer, make_tiny_graph(), step=1, tag="g")
            summary.write_graph(writer, make_tiny_graph("second"), step=2, tag="g")
        status, body = _get(tensorboard_client(tmp_path), GRAPH, run="torch", tag="g")
        assert status == 200 and body["name"] == "second"  # latest step by default
        status, body = _get(tensorboard_client(tmp_path), GRAPH, run="torch", tag="g", step="1")
        assert body["name"] == "tiny"

    def test_tensorboardx_summary_writer(self, tmp_path):
        from tensorboardX import SummaryWriter

        writer = SummaryWriter(str(tmp_path / "tbx"))
        summary.write_graph(writer, make_tiny_graph(), tag="g")
        writer.close()
        status, body = _get(tensorboard_client(tmp_path), GRAPH, run="tbx", tag="g", step="0")
        assert status == 200 and [n["name"] for n in body["nodes"]][:2] == ["x", "fc.weight"]

    def test_other_objects_are_refused(self, tmp_path):
        with pytest.raises(TypeError, match="pass a torch.utils.tensorboard.SummaryWriter"):
            summary.write_graph(object(), make_tiny_graph())

    def test_bad_tag_and_step(self, tmp_path):
        with pytest.raises(ValueError, match="tag must be a non-empty string"):
            summary.write_graph(tmp_path, make_tiny_graph(), tag="")
        with pytest.raises(TypeError, match="step must be a non-negative int"):
            summary.write_graph(tmp_path, make_tiny_graph(), step="1")


class TestGraphRoute:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    def test_graph_json(self, client):
        status, body = _get(client, GRAPH, run="run", tag="tiny", step="0")
        assert status == 200
        assert body["modules"][1]["class_name"] == "torch.nn.modules.linear.Linear"
        assert body["nodes"][2]["inputs"] == [["x", 0], ["fc.weight", 0]]

    @pytest.mark.parametrize(
        "params, code, message",
        [
            ({"run": "nope", "tag": "tiny"}, 404, "no graphfold graph with run 'nope' and tag 'tiny'"),
            ({"run": "run", "tag": "nope"}, 404, "tag 'nope'"),
            ({"run": "run", "tag": "tiny", "step": "7"}, 404, "step 7; steps logged: 0"),
            ({"run": "run", "tag": "tiny", "step": "x"}, 400, "step must be an integer"),
            ({"run": "run", "tag": "tiny", "step": "-1"}, 400, "out of range"),
            ({"run": "run"}, 400, "missing query parameter 'tag'"),
            ({"run": "run", "tag": "tiny", "source": "svg"}, 400, "unknown graph source 'svg'"),
        ],
    )
    def test_errors_are_json(self, client, params, code, message):
        status, body = _get(client, GRAPH, **params)
        assert status == code and body["error"]["code"] == code
        assert message in body["error"]["message"]

    def test_post_is_refused(self, client):
        response = client.post(GRAPHS)
        assert response.status_code == 405
        assert "read-only" in response.get_json()["error"]["message"]

    def test_static_index_and_traversal(self, client):
        response = client.get("/data/plugin/graphfold/assets/../../plugin.py")
        assert response.status_code == 400 and "not a plain file path" in response.get_json()["error"]["message"]


class TestCorruptLogs:
    """One bad graph is reported on its own step; everything else keeps working."""

    def _client_with_good_and(self, tmp_path, write_bad):
        summary.write_graph(tmp_path / "good", make_tiny_graph(), tag="tiny")
        write_bad(tmp_path / "bad")
        return tensorboard_client(tmp_path)

    def _assert_isolated(self, client, message, *, listed=True):
        status, body = _get(client, GRAPHS)
        assert status == 200
        by_run = {g["run"]: g for g in body["graphs"]}
        assert by_run["good"]["steps"][0]["error"] is None
        if listed:
            assert message in by_run["bad"]["steps"][0]["error"]
        status, body = _get(client, GRAPH, run="bad", tag="g")
        assert status == 422 and message in body["error"]["message"]
        assert _get(client, GRAPH, run="good", tag="tiny")[0] == 200

    def test_garbage_blobs(self, tmp_path):
        client = self._client_with_good_and(tmp_path, lambda d: _write_raw_blobs(d, "g", [b"\xff\xfe garbage", b"junk"]))
        self._assert_isolated(client, "not a GraphHeader")

    def test_single_blob(self, tmp_path):
        client = self._client_with_good_and(tmp_path, lambda d: _write_raw_blobs(d, "g", [b""]))
        self._assert_isolated(client, "holds 1 blobs, expected at least 2")

    def test_truncated_graph_blob(self, tmp_path):
        header, body = summary.graph_summary(make_tiny_graph(), "g").value[0].tensor.string_val
        client = self._client_with_good_and(tmp_path, lambda d: _write_raw_blobs(d, "g", [header, body[:-5]]))
        # Listings read only the small header blob, so the truncation shows when the graph is fetched.
        self._assert_isolated(client, "truncated", listed=False)

    def test_future_schema_version(self, tmp_path):
        future = pb.PluginData(version=metadata.SCHEMA_VERSION + 1, kind=pb.PluginData.MODEL_GRAPH)
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION + 1).SerializeToString()
        client = self._client_with_good_and(
            tmp_path, lambda d: _write_raw_blobs(d, "g", [header, b""], content=future.SerializeToString())
        )
        self._assert_isolated(client, "upgrade tensorboard-plugin-graphfold")

    def test_truncated_event_file(self, tmp_path):
        summary.write_graph(tmp_path / "cut", make_tiny_graph(), step=0, tag="g")
        summary.write_graph(tmp_path / "cut", make_tiny_graph("later"), step=1, tag="g")
        (event_file,) = [p for p in (tmp_path / "cut").iterdir() if p.name.startswith("events")][-1:]
        data = event_file.read_bytes()
        event_file.write_bytes(data[: len(data) - 40])
        summary.write_graph(tmp_path / "good", make_tiny_graph(), tag="tiny")
        client = tensorboard_client(tmp_path)
        status, body = _get(client, GRAPHS)
        assert status == 200
        assert {g["run"] for g in body["graphs"]} >= {"good"}
        assert _get(client, GRAPH, run="good", tag="tiny")[0] == 200


class TestOddGraphs:
    def test_empty_graph(self, tmp_path):
        summary.write_graph(tmp_path / "run", ir.Graph(name="empty"), tag="e")
        status, body = _get(tensorboard_client(tmp_path), GRAPH, run="run", tag="e")
        assert status == 200 and body["nodes"] == [] and body["modules"] == [{"path": "", "class_name": ""}]

    def test_graph_without_modules(self, tmp_path):
        g = ir.Graph(name="flat")
        g.add_node(ir.Node("a", "Const", ir.NodeKind.CONSTANT))
        g.add_node(ir.Node("b", "Neg", inputs=(ir.InputRef("a"),)))
        summary.write_graph(tmp_path / "run", g, tag="f")
        status, body = _get(tensorboard_client(tmp_path), GRAPHS)
        assert body["graphs"][0]["steps"][0]["module_count"] == 1

    def test_unicode_and_html_names(self, tmp_path):
        evil = "<img src=x onerror=alert(1)>"
        g = ir.Graph(name=evil)
        g.add_module("ü." + "x<y>", "Klasse")
        g.add_node(ir.Node(evil, "op", module="ü.x<y>"))
        summary.write_graph(tmp_path / "rün", g, tag=evil)
        status, body = _get(tensorboard_client(tmp_path), GRAPH, run="rün", tag=evil)
        assert status == 200 and body["nodes"][0]["name"] == evil and body["name"] == evil


class TestSimplifiedRoutes:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    def test_root_view(self, client):
        status, view = _get(client, "/data/plugin/graphfold/view", run="run", tag="tiny")
        assert status == 200
        assert {c["id"] for c in view["children"]} == {"n:x", "m:fc", "n:relu", "n:output"}
        assert view["accounting"] == {"drawn": 3, "boundary": 0, "pruned": 0, "embedded": 1, "collapsed": 0,
                                      "dead": 0, "check": 0, "contracted": 0, "through": 0}
        assert view["hidden"] == {"dead": 0, "check": 0, "plumbing": 0}

    def test_module_view_embeds_the_weight(self, client):
        status, view = _get(client, "/data/plugin/graphfold/view", run="run", tag="tiny", module="fc")
        assert status == 200
        (linear,) = view["children"]
        assert linear["embedded"][0]["node"] == "fc.weight" and linear["parameter_count"] == 12
        assert [p["node"] for p in view["boundary"]["inputs"]] == ["x"]

    def test_unknown_module(self, client):
        status, body = _get(client, "/data/plugin/graphfold/view", run="run", tag="tiny", module="nope")
        assert status == 404 and "no module 'nope'" in body["error"]["message"]

    def test_stats(self, client):
        status, stats = _get(client, "/data/plugin/graphfold/stats", run="run", tag="tiny")
        assert status == 200
        assert stats["default_view"]["original_elements"] == 9
        assert stats["edges"] == {"original": 4, "drawn": 3, "pruned": 0, "embedded": 1, "contracted": 0, "dead": 0,
                                  "check": 0, "through": 0, "reversed": 0}


class TestSearchAndLocate:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    def test_search_by_op_and_class(self, client):
        status, body = _get(client, "/data/plugin/graphfold/search", run="run", tag="tiny", q="linear")
        assert status == 200
        assert [h["name"] for h in body["hits"]] == ["fc.weight", "linear"]
        linear = body["hits"][1]
        assert linear["reveal"] == [{"view": "", "item": "m:fc"}, {"view": "fc", "item": "n:linear"}]
        assert body["hits"][0]["embedded_in"] == "linear"

    def test_locate(self, client):
        status, body = _get(client, "/data/plugin/graphfold/locate", run="run", tag="tiny", node="relu")
        assert status == 200 and body["reveal"] == [{"view": "", "item": "n:relu"}]

    @pytest.mark.parametrize("route, params, code, message", [
        ("search", {"q": "("}, 400, "invalid regular expression '('"),
        ("search", {"q": "x", "limit": "0"}, 400, "limit 0 is out of range"),
        ("search", {"q": "x" * 501}, 400, "longer than 500"),
        ("locate", {"node": "ghost"}, 404, "no node 'ghost'"),
    ])
    def test_errors(self, client, route, params, code, message):
        status, body = _get(client, f"/data/plugin/graphfold/{route}", run="run", tag="tiny", **params)
        assert status == code and message in body["error"]["message"]


PREFIX = "/data/plugin/graphfold"


def _strict_json(body: bytes):
    """Parse as a browser's JSON.parse would: NaN and Infinity are not JSON."""
    def refuse(token):
        raise ValueError(f"non-JSON token {token}")

    return json.loads(body, parse_constant=refuse)


def _write_graphdef(logdir, graph_def, *, step=0):
    """An ``add_graph`` event holding any GraphDef, as a corrupt or hostile writer might."""
    writer = EventFileWriter(str(logdir))
    writer.add_event(event_pb2.Event(step=step, wall_time=1.0, graph_def=graph_def.SerializeToString()))
    writer.close()


def _write_graph_proto(logdir, tag, proto, *, uncompressed_size=None):
    """A graphfold step whose graph blob is ``proto`` as given, with a header that matches it."""
    import zlib

    raw = proto.SerializeToString()
    stored = zlib.compress(raw)
    header = pb.GraphHeader(
        schema_version=metadata.SCHEMA_VERSION, name=proto.name[:200], node_count=len(proto.nodes),
        module_count=len(proto.modules), compression=pb.COMPRESSION_ZLIB, graph_bytes=len(stored),
        graph_bytes_uncompressed=len(raw) if uncompressed_size is None else uncompressed_size,
    )
    _write_raw_blobs(logdir, tag, [header.SerializeToString(), stored])


class TestHostileRequests:
    """Whatever a request asks, the answer is JSON, and never a 500."""

    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    @pytest.mark.parametrize("path, code, message", [
        ("assets/../index.js", 400, "not a plain file path"),
        ("assets/%2e%2e/index.js", 400, "not a plain file path"),
        ("assets/layout_worker.js%00.png", 400, "not a plain file path"),
        ("assets%2flayout_worker.js", 400, "not a plain file path"),
        ("assets/..%5cindex.js", 400, "not a plain file path"),
        ("assets/nope.js", 404, "no static file 'assets/nope.js'"),
        ("assets/" + "a" * 300, 400, "not a plain file path"),
        ("assets/" + "/".join(["a"] * 3000), 400, "not a plain file path"),
        ("/".join(["a"] * 3000), 404, "GraphFold has no route"),
        ("nope", 404, "GraphFold has no route '/nope'"),
        ("graphs/extra", 404, "no route '/graphs/extra'"),
        ("assets", 404, "no route '/assets'"),
    ])
    def test_paths(self, client, path, code, message):
        response = client.get(f"{PREFIX}/{path}")
        body = _strict_json(response.get_data())
        assert response.status_code == code and response.mimetype == "application/json"
        assert body["error"]["code"] == code and message in body["error"]["message"]

    @pytest.mark.parametrize("path", ["index.js", "assets/layout_worker-*.js"])
    def test_static_files_still_served(self, client, path):
        if "*" in path:  # the worker's name holds its content hash (frontend/vite.config.ts)
            path = "assets/" + next(plugin._STATIC_DIR.joinpath("assets").glob(path.split("/")[1])).name
        response = client.get(f"{PREFIX}/{path}")
        assert response.status_code == 200 and response.mimetype == "text/javascript"

    @pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
    @pytest.mark.parametrize("path", ["graphs", "index.js", "nope"])
    def test_writes_are_refused(self, client, method, path):
        response = getattr(client, method)(f"{PREFIX}/{path}")
        assert response.status_code == 405 and _strict_json(response.get_data())["error"]["code"] == 405

    @pytest.mark.timeout(60)
    @pytest.mark.parametrize("pattern, code, message", [
        (r"^([\w.]|[\w.])*!$", 200, None),
        ("a{4294967295}", 400, "repetition count 4294967295 is over 1000"),
        (r"(a)\1", 400, "invalid regular expression"),
        ("(?<=x)y", 400, "invalid regular expression"),
        ("\x00", 200, None),
    ])
    def test_search_patterns(self, client, pattern, code, message):
        response = client.get(f"{PREFIX}/search", query_string={"run": "run", "tag": "tiny", "q": pattern})
        body = _strict_json(response.get_data())
        assert response.status_code == code
        assert message is None or message in body["error"]["message"]

    def test_search_limit_is_capped(self, client):
        status, body = _get(client, f"{PREFIX}/search", run="run", tag="tiny", q=".", limit="5001")
        assert status == 400 and "limit 5001 is out of range" in body["error"]["message"]


class TestNonFiniteNumbers:
    def test_list_attribute(self, tmp_path):
        g = make_tiny_graph()
        g.nodes["relu"].attrs["bounds"] = (float("nan"), float("inf"), -float("inf"), 1.5)
        summary.write_graph(tmp_path / "run", g, tag="t")
        response = tensorboard_client(tmp_path).get(GRAPH, query_string={"run": "run", "tag": "t"})
        body = _strict_json(response.get_data())
        (relu,) = [n for n in body["nodes"] if n["name"] == "relu"]
        # serialize.py writes non-finite attributes as strings; whatever it writes, the body is strict JSON.
        assert response.status_code == 200 and relu["attrs"]["bounds"][3] == 1.5

    def test_scalars(self, tmp_path):
        from torch.utils.tensorboard import SummaryWriter

        with SummaryWriter(tmp_path / "run") as writer:
            writer.add_scalar("loss", float("nan"), 0)
            writer.add_scalar("loss", 0.5, 1)
        response = tensorboard_client(tmp_path).get(f"{PREFIX}/scalars", query_string={"run": "run"})
        assert _strict_json(response.get_data())["scalars"]["loss"] == [[0, None], [1, 0.5]]


class TestHostileLogs:
    """One hostile step is that step's error; the listing and every other graph keep working."""

    def _assert_isolated(self, tmp_path, run, tag, message, source="graphfold"):
        summary.write_graph(tmp_path / "good", make_tiny_graph(), tag="tiny")
        client = tensorboard_client(tmp_path)
        response = client.get(GRAPHS)
        listing = _strict_json(response.get_data())
        assert response.status_code == 200
        by_run = {g["run"]: g for g in listing["graphs"]}
        assert by_run["good"]["steps"][0]["error"] is None
        for route in ("graph", "view", "stats", "search", "locate"):
            response = client.get(f"{PREFIX}/{route}", query_string={"run": run, "tag": tag, "source": source, "q": "a", "node": "a"})
            body = _strict_json(response.get_data())
            assert response.status_code == 422 and message in body["error"]["message"], (route, body)
        assert client.get(GRAPH, query_string={"run": "good", "tag": "tiny"}).status_code == 200
        return by_run[run]["steps"][0]

    @pytest.mark.timeout(120)
    def test_graphdef_output_index_of_a_trillion(self, tmp_path):
        from tensorboard.compat.proto import graph_pb2, node_def_pb2

        graph_def = graph_pb2.GraphDef(node=[
            node_def_pb2.NodeDef(name="x", op="Const"), node_def_pb2.NodeDef(name="y", op="Neg", input=["x:1000000000000"]),
        ])
        _write_graphdef(tmp_path / "bad", graph_def)
        step = self._assert_isolated(tmp_path, "bad", metadata.RUN_GRAPH_TAG, "step 0", source="graphdef")
        assert step["error"].startswith("step 0")

    @pytest.mark.timeout(120)
    def test_module_path_of_a_thousand_segments(self, tmp_path):
        deep = ".".join(["m"] * 1000)
        proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="deep")
        proto.modules.add(path=deep, class_name="M")
        proto.nodes.add(name="a", op="Neg", module=deep)
        _write_graph_proto(tmp_path / "bad", "deep", proto)
        self._assert_isolated(tmp_path, "bad", "deep", "step 0")

    @pytest.mark.timeout(120)
    def test_zlib_bomb(self, tmp_path):
        proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="x" * (4 << 20))  # 4 KiB stored; the header says 1,000 bytes
        _write_graph_proto(tmp_path / "bad", "bomb", proto, uncompressed_size=1000)
        self._assert_isolated(tmp_path, "bad", "bomb", "inflates to more than 1000 bytes")
