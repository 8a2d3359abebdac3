"""GET node: one node's details, without the whole graph."""

from __future__ import annotations

import json

import pytest
from tensorboard import errors

from tb_plugin import summary
from tb_plugin.node_details import node_details

from tests.conftest import make_tiny_graph, tensorboard_client

NODE = "/data/plugin/graphfold/node"


class TestNodeDetails:
    def test_inputs_carry_their_tensors_and_kinds(self):
        details = node_details(make_tiny_graph(), "linear")
        assert details["inputs"] == [["x", 0], ["fc.weight", 0]]
        assert details["producers"] == [
            {"node": "x", "output": 0, "kind": "input", "shape": [2, 4], "dtype": "float32"},
            {"node": "fc.weight", "output": 0, "kind": "parameter", "shape": [3, 4], "dtype": "float32"},
        ]
        assert details["consumers"] == [["relu", 0]]
        assert details["class_name"] == "torch.nn.modules.linear.Linear"

    def test_node_without_consumers_or_inputs(self):
        details = node_details(make_tiny_graph(), "x")
        assert details["producers"] == [] and details["consumers"] == [["linear", 0]]
        assert node_details(make_tiny_graph(), "output")["consumers"] == []

    def test_unknown_node_is_a_404(self):
        with pytest.raises(errors.NotFoundError, match="no node named 'nope'"):
            node_details(make_tiny_graph(), "nope")


class TestNodeRoute:
    @pytest.fixture
    def client(self, tmp_path):
        summary.write_graph(tmp_path / "run", make_tiny_graph(), step=0, tag="tiny")
        return tensorboard_client(tmp_path)

    def test_node(self, client):
        response = client.get(NODE, query_string={"run": "run", "tag": "tiny", "name": "relu"})
        assert response.status_code == 200
        body = json.loads(response.get_data(as_text=True))
        assert body["op"] == "aten.relu.default" and body["producers"][0]["shape"] == [2, 3]

    @pytest.mark.parametrize("params, code", [({"run": "run", "tag": "tiny"}, 400), ({"run": "run", "tag": "tiny", "name": "nope"}, 404)])
    def test_errors(self, client, params, code):
        response = client.get(NODE, query_string=params)
        assert response.status_code == code and response.get_json()["error"]["code"] == code

