"""GraphFold in a real ``tensorboard`` process over logs written by real TensorFlow 2 and Keras 3 only.

No torch log is present, so the plugin being enabled at all shows that the TF
graph plugins (``graph_run_metadata_graph``, ``graph_run_metadata``,
``graph_keras_model``) make it active.
"""

from __future__ import annotations

import urllib.parse

import pytest

from tb_plugin import metadata

from tests.support.tensorboard_process import running_tensorboard
from tests.support.tf_logs import tf_logdir

PREFIX = "/data/plugin/graphfold"
_EXPECTED = {("nested/trace", "tf_trace"), ("nested/run_metadata", "run_metadata"), ("nested/fit/train", "keras_model"),
             ("functions", "tf_trace"), ("broken", "tf_trace"), ("broken", "keras_model")}


def _all_listed(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/graphs")
    return status == 200 and _EXPECTED <= {(g["run"], g["source"]) for g in body["graphs"]}


@pytest.fixture(scope="module", params=[False, True], ids=["load_fast=false", "load_fast=true"])
def tensorboard(request):
    # TensorBoard loads TensorFlow here, as it does for the TF users these logs stand for.
    with running_tensorboard(tf_logdir(), load_fast=request.param, ready_when=_all_listed, tensorflow=True) as tb:
        yield tb


def _get_json(tb, route: str, **params):
    return tb.get_json(f"{PREFIX}/{route}?" + urllib.parse.urlencode(params))


def test_plugin_is_active_on_tf_logs_alone(tensorboard):
    status, listing = tensorboard.get_json("/data/plugins_listing")
    assert status == 200 and listing[metadata.PLUGIN_NAME]["enabled"] is True


def test_listing_labels_each_source(tensorboard):
    _, body = tensorboard.get_json(f"{PREFIX}/graphs")
    labels = {(g["run"], g["tag"]): g["label"] for g in body["graphs"]}
    assert labels[("nested/trace", "nested")] == "TF op graph, trace_export"
    assert labels[("nested/run_metadata", "nested_run")] == "TF op graph, run metadata"
    assert labels[("nested/fit/train", "keras")] == "Keras conceptual graph"


@pytest.mark.parametrize("run, tag, source", [
    ("nested/trace", "nested", "tf_trace"),
    ("nested/run_metadata", "nested_run", "run_metadata"),
    ("nested/fit/train", "keras", "keras_model"),
    ("functions", "functions", "tf_trace"),
])
def test_each_graph_is_drawn(tensorboard, run, tag, source):
    status, graph = _get_json(tensorboard, "graph", run=run, tag=tag, source=source)
    assert status == 200, graph
    assert len(graph["nodes"]) > 5 and "StatefulPartitionedCall" not in {n["op"] for n in graph["nodes"]}
    status, view = _get_json(tensorboard, "view", run=run, tag=tag, source=source, module="")
    assert status == 200, view


@pytest.mark.parametrize("tag, source, message", [
    ("truncated", "tf_trace", "not a serialized RunMetadata"),
    ("missing_function", "tf_trace", "which the GraphDef's function library lacks"),
    ("not_json", "keras_model", "not JSON"),
])
def test_bad_graphs_are_422_and_leave_the_rest_readable(tensorboard, tag, source, message):
    status, body = _get_json(tensorboard, "graph", run="broken", tag=tag, source=source)
    assert status == 422 and message in body["error"]["message"]
    assert _get_json(tensorboard, "graph", run="functions", tag="functions", source="tf_trace")[0] == 200
