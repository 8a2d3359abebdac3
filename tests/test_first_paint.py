"""GET start: the listing, the picked graph and its first drawing's views, in one answer."""

from __future__ import annotations

import json

import pytest

from tb_plugin import first_paint, summary

from tests.conftest import make_tiny_graph, tensorboard_client

START = "/data/plugin/graphfold/start"


def _listing(*graphs):
    return [{"run": run, "tag": tag, "source": "graphfold", "steps": [{"step": s, "error": e} for s, e in steps]}
            for run, tag, steps in graphs]


class TestPickGraph:
    def test_empty(self):
        assert first_paint.pick_graph([], None) is None

    def test_first_graph_latest_readable_step(self):
        listing = _listing(("a", "t", [(0, None), (3, None), (7, "bad")]), ("b", "t", [(0, None)]))
        assert first_paint.pick_graph(listing, None) == {"run": "a", "tag": "t", "source": "graphfold", "step": 3}

    def test_wanted_graph_and_step(self):
        listing = _listing(("a", "t", [(0, None)]), ("b", "t", [(0, None), (1, None)]))
        wanted = {"run": "b", "tag": "t", "source": "graphfold", "step": 0}
        assert first_paint.pick_graph(listing, wanted)["run"] == "b"
        assert first_paint.pick_graph(listing, wanted)["step"] == 0

    def test_unknown_tag_falls_back_to_the_run(self):
        listing = _listing(("a", "t", [(0, None)]), ("b", "u", [(2, None)]))
        wanted = {"run": "b", "tag": "nope", "source": "graphfold", "step": 0}
        assert first_paint.pick_graph(listing, wanted) == {"run": "b", "tag": "u", "source": "graphfold", "step": 2}

    def test_no_readable_step(self):
        assert first_paint.pick_graph(_listing(("a", "t", [(0, "bad")])), None) is None


class TestDefaultViews:
    def test_opens_through_only_children_and_stacks(self):
        views = {
            "": {"open": ["s:enc.layer.0"], "children": [{"id": "m:enc", "type": "module", "path": "enc", "node_count": 9}]},
            "enc": {"children": [{"id": "s:enc.layer.0", "type": "stack", "representative": "enc.layer.0"},
                                 {"id": "n:x", "type": "op"}]},
            "enc.layer.0": {"children": []},
        }
        asked = []
        found = first_paint.default_views(lambda path: asked.append(path) or views[path])
        assert list(found) == ["", "enc", "enc.layer.0"] and asked == ["", "enc", "enc.layer.0"]

    def test_open_paths_override_the_suggestion(self):
        views = {"": {"open": ["m:a"], "children": [{"id": "m:a", "type": "module", "path": "a", "node_count": 1},
                                                   {"id": "m:b", "type": "module", "path": "b", "node_count": 1}]},
                 "a": {"children": []}, "b": {"children": []}}
        assert list(first_paint.default_views(views.__getitem__, ["b"])) == ["", "b"]


class TestStartRoute:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    def test_start_answers_listing_graph_and_root_view(self, client):
        response = client.get(START)
        assert response.status_code == 200
        body = json.loads(response.get_data(as_text=True))
        assert [g["tag"] for g in body["graphs"]] == ["tiny"]
        assert body["graph"] == {"run": "run", "tag": "tiny", "source": "graphfold", "step": 0}
        assert {c["id"] for c in body["views"][""]["children"]} == {"n:x", "m:fc", "n:relu", "n:output"}

    def test_start_with_open_paths(self, client):
        response = client.get(START, query_string={"run": "run", "tag": "tiny", "open": "fc"})
        assert sorted(json.loads(response.get_data(as_text=True))["views"]) == ["", "fc"]

    @pytest.mark.parametrize("expand, depth", [("all", None), ("1", 1)])
    def test_start_with_expand_answers_the_expansion(self, client, expand, depth):
        query = {"run": "run", "tag": "tiny"}
        body = json.loads(client.get(START, query_string={**query, "expand": expand}).get_data(as_text=True))
        expanded = json.loads(client.get("/data/plugin/graphfold/expand", query_string=query).get_data(as_text=True))
        assert body["expanded"] == {"depth": depth, "open": expanded["open"], "closed": 0}
        assert body["views"] == expanded["views"]

    def test_start_without_expand_has_no_expansion(self, client):
        assert "expanded" not in json.loads(client.get(START).get_data(as_text=True))

    @pytest.mark.parametrize("expand", ["0", "x", "1001", "\u00b2", ""])
    def test_start_refuses_a_bad_expand(self, client, expand):
        response = client.get(START, query_string={"expand": expand})
        assert response.status_code == 400
        assert "expand must be 'all' or a depth" in json.loads(response.get_data(as_text=True))["error"]["message"]

    def test_start_with_an_expansion_too_large_draws_the_default(self, client, monkeypatch):
        from tb_plugin import expand_views
        monkeypatch.setattr(expand_views, "MAX_EXPAND_VIEWS", 1)
        monkeypatch.setattr(expand_views.expand_to_depth, "__defaults__", (1,))
        body = json.loads(client.get(START, query_string={"expand": "all"}).get_data(as_text=True))
        assert body["expanded"]["depth"] is None and "more than 1 module views" in body["expanded"]["error"]
        assert sorted(body["views"]) == [""]

    def test_unreadable_graph_still_lists(self, tmp_path):
        client = tensorboard_client(tmp_path)
        body = json.loads(client.get(START).get_data(as_text=True))
        assert body == {"graphs": [], "graph": None, "views": {}}
