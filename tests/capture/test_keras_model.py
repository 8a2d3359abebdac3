"""Keras conceptual graphs (tb_plugin.capture.keras_model): real Keras 3 configs and hand-written Keras 2 ones."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from tb_plugin import ir
from tb_plugin.capture import CaptureError
from tb_plugin.capture.keras_model import capture_keras_model, keras_model_graph

from tests.conftest import tensorboard_client
from tests.support.tf_logs import tf_logdir


def _logged_graph(run: str, tag: str = "keras", source: str = "keras_model") -> dict:
    client = tensorboard_client(tf_logdir())
    response = client.get("/data/plugin/graphfold/graph?" + urllib.parse.urlencode(dict(run=run, tag=tag, source=source)))
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.loads(response.get_data())


def _layer(name: str, class_name: str, inbound: list, **config) -> dict:
    return {"class_name": class_name, "name": name, "config": {"name": name, **config}, "inbound_nodes": inbound}


class TestLoggedKerasModel:
    def test_nested_model_layers_become_modules(self):
        graph = _logged_graph("nested/fit/train")
        modules = {m["path"]: m["class_name"] for m in graph["modules"]}
        assert modules == {"": "Functional", "encoder": "Sequential", "encoder.enc_dense1": "Dense",
                           "encoder.enc_dense2": "Dense", "residual": "Residual", "left": "Dense", "right": "Dense",
                           "merge": "Add"}
        nodes = {n["name"]: n for n in graph["nodes"]}
        reads = {name: [node for node, _ in n["inputs"]] for name, n in nodes.items()}
        # The nested Sequential reads the outer input; the layer after it reads its last layer.
        assert reads["encoder.enc_dense1"] == ["features"] and reads["residual"] == ["encoder.enc_dense2"]
        assert reads["merge"] == ["left", "right"] and reads["output"] == ["merge"]
        assert nodes["encoder.enc_dense1"]["attrs"]["units"] == 16 and nodes["residual"]["op"] == "Residual"

    def test_numbered_blocks_become_modules(self):
        graph = _logged_graph("numbered/fit/train")
        modules = {m["path"] for m in graph["modules"]}
        assert {"conv2", "conv2.block1", "conv2.block3", "conv3.block2"} <= modules
        assert "conv2.block2.conv2_block2_1_dense" in modules and "stem_dense" in modules


class TestHandWrittenConfigs:
    def test_keras2_shared_layer_gets_one_node_per_call(self):
        config = {"class_name": "Model", "config": {
            "name": "siamese",
            "layers": [
                _layer("a", "InputLayer", [], batch_input_shape=[None, 3]),
                _layer("b", "InputLayer", [], batch_input_shape=[None, 3]),
                _layer("shared", "Dense", [[["a", 0, 0, {}]], [["b", 0, 0, {}]]], units=2),
                _layer("join", "Concatenate", [[["shared", 0, 0, {}], ["shared", 1, 0, {}]]]),
            ],
            "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["join", 0, 0]],
        }}
        graph = keras_model_graph(config, name="siamese")
        graph.lint()
        assert [r.node for r in graph.nodes["join"].inputs] == ["shared", "shared#1"]
        assert graph.nodes["shared#1"].module == "shared" and graph.nodes["a"].outputs[0].dims == ("?", 3)

    def test_sequential_chains_its_layers(self):
        config = {"class_name": "Sequential", "config": {"name": "seq", "layers": [
            {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [None, 4]}},
            {"class_name": "Dense", "config": {"name": "d1", "units": 3}},
            {"class_name": "Dense", "config": {"name": "d2", "units": 1}},
        ]}}
        graph = keras_model_graph(config)
        assert [(n.name, [r.node for r in n.inputs]) for n in graph.nodes.values()] == [
            ("in", []), ("d1", ["in"]), ("d2", ["d1"]), ("output", ["d2"])]

    def test_a_reference_to_a_missing_layer_is_refused_naming_it(self):
        config = {"class_name": "Functional", "config": {
            "name": "m", "layers": [_layer("d", "Dense", [[["ghost", 0, 0, {}]]])],
            "input_layers": [], "output_layers": [["d", 0, 0]],
        }}
        with pytest.raises(CaptureError, match="'d' reads call 0 of layer 'ghost'"):
            keras_model_graph(config)

    @pytest.mark.parametrize("blob, message", [
        (b"\x00\x01 not json", "not JSON"),
        (b"[1, 2]", "an object with 'class_name' and 'config'"),
        (b'{"class_name": "Functional", "config": {"layers": [{"class_name": "Dense"}]}}', "has no name"),
    ])
    def test_bad_configs_are_refused(self, blob, message):
        with pytest.raises(CaptureError, match=message):
            capture_keras_model(blob)

    def test_names_stay_text(self):
        config = {"class_name": "Sequential", "config": {"name": "s", "layers": [
            {"class_name": "Dense", "config": {"name": "<img src=x onerror=alert(1)>", "units": 1}}]}}
        graph = keras_model_graph(config)
        assert graph.nodes["<img src=x onerror=alert(1)>"].op == "Dense"
        assert isinstance(graph.nodes["<img src=x onerror=alert(1)>"].kind, ir.NodeKind)
