"""GET expand: the items that "expand all" / "expand to depth N" open, and every view they draw, in one answer."""

from __future__ import annotations

import json

import pytest

from tb_plugin import expand_views, ir, summary

from tests.conftest import tensorboard_client

EXPAND = "/data/plugin/graphfold/expand"
_F32 = (ir.TensorType((1, 8), "float32"),)


def nested_blocks_graph(blocks: int = 3) -> ir.Graph:
    """``enc``: a stack of ``blocks`` blocks, each with modules ``attn`` and ``mlp`` (``mlp`` holding ``fc``); then ``head``."""
    g = ir.Graph(name="nested", source_format=ir.SourceFormat.TORCH_EXPORT, producer="test")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=_F32))
    g.add_module("enc", "torch.nn.modules.container.ModuleList")
    previous = "x"
    for i in range(blocks):
        block = f"enc.{i}"
        g.add_module(block, "Block")
        g.add_module(f"{block}.attn", "Attention")
        g.add_module(f"{block}.mlp", "MLP")
        g.add_module(f"{block}.mlp.fc", "torch.nn.modules.linear.Linear")
        steps = [("attn", "aten.softmax.int"), ("attn", "aten.matmul.default"), ("mlp.fc", "aten.linear.default"),
                 ("mlp", "aten.gelu.default"), ("", "aten.add.Tensor")]
        for k, (module, op) in enumerate(steps):
            name = f"{block}_op{k}"
            inputs = (ir.InputRef(previous),)
            g.add_node(ir.Node(name, op, module=f"{block}.{module}" if module else block, inputs=inputs, outputs=_F32))
            previous = name
    g.add_module("head", "Head")
    g.add_node(ir.Node("head_relu", "aten.relu.default", module="head", inputs=(ir.InputRef(previous),), outputs=_F32))
    g.add_node(ir.Node("head_tanh", "aten.tanh.default", module="head", inputs=(ir.InputRef("head_relu"),), outputs=_F32))
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("head_tanh"),)))
    return g


def _openable(view: dict) -> list[dict]:
    return [c for c in view["children"] if c["type"] in ("module", "stack")]


class TestExpandToDepth:
    VIEWS = {
        "": {"children": [{"id": "m:a", "type": "module", "path": "a", "node_count": 3}, {"id": "n:x", "type": "op"}]},
        "a": {"children": [{"id": "m:a.b", "type": "module", "path": "a.b", "node_count": 2}]},
        "a.b": {"children": [{"id": "s:a.b.0", "type": "stack", "representative": "a.b.0"}, {"id": "n:y", "type": "op"}]},
        "a.b.0": {"children": [{"id": "m:a.b.0.c", "type": "module", "path": "a.b.0.c", "node_count": 1},
                               {"id": "n:z", "type": "op"}]},
        "a.b.0.c": {"children": [{"id": "n:w", "type": "op"}]},
    }

    def test_all(self):
        found = expand_views.expand_to_depth(self.VIEWS.__getitem__, None)
        # "a" opens through its only child "a.b": one box, so the stack is at depth 2
        assert found["open"] == ["m:a", "s:a.b.0", "m:a.b.0.c"]
        assert sorted(found["views"]) == sorted(self.VIEWS) and found["closed"] == 0

    def test_depth_counts_drawn_boxes(self):
        found = expand_views.expand_to_depth(self.VIEWS.__getitem__, 2)
        assert found["open"] == ["m:a", "s:a.b.0"] and found["closed"] == 1
        assert sorted(found["views"]) == ["", "a", "a.b", "a.b.0"]

    def test_nothing_to_open(self):
        found = expand_views.expand_to_depth({"": {"children": [{"id": "n:x", "type": "op"}]}}.__getitem__, None)
        assert found == {"depth": None, "open": [], "views": {"": {"children": [{"id": "n:x", "type": "op"}]}}, "closed": 0}

    def test_depth_below_one_is_refused(self):
        with pytest.raises(ValueError, match="depth must be at least 1, got 0"):
            expand_views.expand_to_depth(self.VIEWS.__getitem__, 0)

    def test_too_many_views_names_the_limit(self):
        with pytest.raises(expand_views.TooManyViewsError, match="more than 3 module views; ask for a smaller depth"):
            expand_views.expand_to_depth(self.VIEWS.__getitem__, None, limit=3)


class TestExpandRoute:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", nested_blocks_graph(), step=0, tag="nested")
        return tensorboard_client(tmp_path)

    def _get(self, client, **params):
        response = client.get(EXPAND, query_string={"run": "run", "tag": "nested", **params})
        return response, json.loads(response.get_data(as_text=True))

    def _view(self, client, path):
        response = client.get("/data/plugin/graphfold/view", query_string={"run": "run", "tag": "nested", "module": path})
        return json.loads(response.get_data(as_text=True))

    def test_all_opens_every_module_and_stack_drawn(self, client):
        response, body = self._get(client)
        assert response.status_code == 200 and response.headers.get("ETag")
        assert body["closed"] == 0
        assert body["views"][""] == self._view(client, "")
        for path, view in body["views"].items():
            assert view == self._view(client, path), f"view {path!r} differs from GET view"
        # Every openable item of a drawn view is opened; stacks show their representative's view.
        drawn = [v for v in body["views"].values() if not (len(v["children"]) == 1 and v["children"][0]["type"] == "module")]
        openable = {c["id"]: c for v in drawn for c in _openable(v)}
        assert set(body["open"]) == set(openable)
        stacks = [c for c in openable.values() if c["type"] == "stack"]
        assert stacks, "the graph's blocks should form a stack"
        for stack in stacks:
            assert stack["representative"] in body["views"]
            assert not set(stack["members"][1:]) & set(body["views"]), "only the representative of a stack is opened"
        assert {"m:head"} <= set(body["open"])

    def test_depth_one_opens_the_root_items(self, client):
        _, body = self._get(client, depth="1")
        root = body["views"][""]
        assert body["open"] == [c["id"] for c in _openable(root)]
        assert body["closed"] > 0

    def test_bad_depth_is_a_400_naming_it(self, client):
        for bad, message in (("0", "depth 0 is out of range"), ("all", "depth must be an integer, got 'all'")):
            response, body = self._get(client, depth=bad)
            assert response.status_code == 400 and message in body["error"]["message"]

    def test_revisit_is_a_304(self, client):
        response, _ = self._get(client)
        again = client.get(EXPAND, query_string={"run": "run", "tag": "nested"},
                           headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304

    def test_unknown_graph_is_a_404(self, client):
        response = client.get(EXPAND, query_string={"run": "run", "tag": "nope"})
        assert response.status_code == 404
