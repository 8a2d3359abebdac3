"""Graphs logged by real TensorFlow 2 and Keras 3, read through TensorBoard's data provider.

The logs are written once per session in a subprocess (tests/support/tf_logs.py).
"""

from __future__ import annotations

import json
import pathlib
import urllib.parse

import pytest

from tb_plugin.simplify import view_elements
from tests.conftest import tensorboard_client
from tests.support.tf_logs import tf_logdir

PREFIX = "/data/plugin/graphfold"


@pytest.fixture(scope="module")
def client():
    return tensorboard_client(tf_logdir())


def _get(client, route: str, **params):
    response = client.get(f"{PREFIX}/{route}?" + urllib.parse.urlencode(params))
    return response.status_code, json.loads(response.get_data())


@pytest.fixture(scope="module")
def listing(client):
    status, body = _get(client, "graphs")
    assert status == 200
    return {(g["run"], g["tag"]): g for g in body["graphs"]}


def test_every_graph_is_listed_with_its_source_label(listing):
    expected = {
        ("nested/trace", "nested"): ("tf_trace", "TF op graph, trace_export"),
        ("nested/run_metadata", "nested_run"): ("run_metadata", "TF op graph, run metadata"),
        ("nested/fit/train", "keras"): ("keras_model", "Keras conceptual graph"),
        ("numbered/trace", "numbered"): ("tf_trace", "TF op graph, trace_export"),
        ("numbered/fit/train", "keras"): ("keras_model", "Keras conceptual graph"),
        ("functions", "functions"): ("tf_trace", "TF op graph, trace_export"),
    }
    for key, (source, label) in expected.items():
        entry = listing[key]
        assert (entry["source"], entry["label"]) == (source, label)
        (step,) = entry["steps"]
        assert step["error"] is None and step["node_count"] > 5


def test_bad_logs_are_errors_of_their_own_graph(listing):
    missing = (tf_logdir() / "broken" / "missing_function.txt").read_text()
    errors = {tag: listing[("broken", tag)]["steps"][0]["error"] for tag in ("truncated", "missing_function", "not_json")}
    assert "are not a serialized RunMetadata" in errors["truncated"] and "truncated" in errors["truncated"]
    assert f"calls function '{missing}', which the GraphDef's function library lacks" in errors["missing_function"]
    assert "not JSON" in errors["not_json"]


def test_a_bad_graph_answers_422_naming_the_problem(client):
    status, body = _get(client, "graph", run="broken", tag="truncated", source="tf_trace")
    assert status == 422 and "not a serialized RunMetadata" in json.dumps(body)


def test_function_calls_are_inlined_into_the_model_ops(client):
    status, graph = _get(client, "graph", run="functions", tag="functions", source="tf_trace")
    assert status == 200
    ops = {n["op"] for n in graph["nodes"]}
    assert "StatefulPartitionedCall" not in ops and {"MatMul", "Relu", "ReadVariableOp"} <= ops
    modules = {m["path"] for m in graph["modules"]}
    assert {"block0", "block1", "block2"} <= modules
    matmuls = [n for n in graph["nodes"] if n["op"] == "MatMul"]
    assert sorted(n["module"] for n in matmuls) == ["block0", "block1", "block2"]
    assert all(n["attrs"]["_inlined_from"].startswith("__inference___call__") for n in matmuls)


def test_functions_stack(client):
    status, stats = _get(client, "stats", run="functions", tag="functions", source="tf_trace")
    assert status == 200
    assert any(s["count"] == 3 and s["members"] == ["block0", "block1", "block2"] for s in stats["stacks"])


def test_keras_layers_and_nested_models_are_modules_of_the_op_graph(client):
    for run, tag, source in [("nested/trace", "nested", "tf_trace"), ("nested/run_metadata", "nested_run", "run_metadata")]:
        status, graph = _get(client, "graph", run=run, tag=tag, source=source)
        assert status == 200
        modules = {m["path"] for m in graph["modules"]}
        # Keras 3 scopes the ops by model and layer (names uniquified with _1).
        assert {"nested_model_1.encoder_1.enc_dense1_1", "nested_model_1.residual_1.norm_1",
                "nested_model_1.merge_1"} <= modules
        # Variables are captured as resource inputs: _Arg in a trace, Placeholder in a function's graph.
        variables = [n for n in graph["nodes"] if n["op"] in ("_Arg", "Placeholder")
                     and "resource" in (n["attrs"].get("T"), n["attrs"].get("dtype"))]
        assert len(variables) == 12 and all(n["kind"] == "parameter" for n in variables)


@pytest.mark.parametrize("run, tag, source", [("numbered/trace", "numbered", "tf_trace"),
                                              ("numbered/fit/train", "keras", "keras_model")])
def test_numbered_blocks_draw_as_stacks(client, run, tag, source):
    status, stats = _get(client, "stats", run=run, tag=tag, source=source)
    assert status == 200
    members = {tuple(m.rsplit(".", 2)[-2:] if "." in m else (m,)) for s in stats["stacks"] for m in s["members"]}
    stacked = {tuple(s["members"]) for s in stats["stacks"]}
    prefix = "numbered_1." if source == "tf_trace" else ""
    assert tuple(f"{prefix}conv2.block{i}" for i in (1, 2, 3)) in stacked, stats["stacks"]
    assert members
    assert stats["default_view"]["simplified_nodes"] <= 20


@pytest.mark.parametrize("run, tag, source, model", [("mobile/trace", "mobile", "tf_trace", "mobile_1"),
                                                     ("mobile/fit/train", "keras", "keras_model", "")])
def test_runs_of_single_layers_beside_the_blocks_are_one_module_each(client, run, tag, source, model):
    # MobileNetV2's naming: a stem of ten single layers, block_1 … block_8, a head of layers.
    status, view = _get(client, "view", run=run, tag=tag, source=source, module=model)
    assert status == 200
    suffix = "_1" if model else ""  # the op graph's layer scopes are uniquified with _1
    # In the op graph, Conv1_1 and Conv1_relu_1 name a block Conv1, which takes bn_Conv1_1 in (it lies
    # between them); the Keras graph's Conv1 names no block.
    first = ["Conv1"] if model else ["Conv1", "bn_Conv1", "Conv1_relu"]
    stem = ".".join(filter(None, [model, f"{first[0]}…expanded_conv_project_BN{suffix}"]))
    modules = {c["path"]: c for c in view["children"] if c["type"] == "module"}
    assert stem in modules, sorted(modules)
    assert modules[stem]["class_name"] == f"Layers[{len(first) + 7}]"
    assert any(c["type"] == "stack" and c["count"] == 8 for c in view["children"])
    assert view_elements(view)["elements"] <= 20
    status, inside = _get(client, "view", run=run, tag=tag, source=source, module=stem)
    assert [c["path"].rsplit(".", 1)[-1] for c in inside["children"] if c["type"] == "module"][:3] == first + [
        f"expanded_conv_depthwise{suffix}", f"expanded_conv_depthwise_BN{suffix}"][:3 - len(first)]
    if model:
        status, conv1 = _get(client, "view", run=run, tag=tag, source=source, module=f"{stem}.Conv1")
        assert [c["path"].rsplit(".", 1)[-1] for c in conv1["children"]] == ["Conv1_1", "bn_Conv1_1", "Conv1_relu_1"]
    status, stats = _get(client, "stats", run=run, tag=tag, source=source)
    assert stats["edges"]["reversed"] == 0


def test_logs_were_written_by_real_tensorflow():
    events = list(pathlib.Path(tf_logdir()).rglob("events.out.tfevents.*"))
    assert len(events) >= 6 and all(e.stat().st_size > 0 for e in events)
