"""The overlay routes over real event files: headers, header-less (older) steps, hostile steps, sampling hints."""

from __future__ import annotations

import json
import zlib

import pytest
from tensorboard.backend import application
from tensorboard.backend.event_processing import data_provider as event_data_provider
from tensorboard.backend.event_processing import plugin_event_multiplexer
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
from tensorboard.plugins import base_plugin
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from werkzeug import test as werkzeug_test

from tb_plugin import limits, metadata, overlay_wire, plugin, summary
from tests.conftest import make_tiny_graph, tensorboard_client
from tests.overlays.test_overlay_wire import filter_stats, weight_graph

PREFIX = "/data/plugin/graphfold"


def _get(client, route, **params):
    response = client.get(f"{PREFIX}/{route}", query_string=params)
    return response.status_code, json.loads(response.get_data(as_text=True))


def _write_blobs(logdir, tag, kind, blobs, *, step):
    """One overlay step holding exactly ``blobs``: an older writer's, or a hostile one's."""
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=blobs)
    tensor.tensor_shape.dim.add(size=len(blobs))
    value = summary_pb2.Summary.Value(tag=tag, metadata=metadata.create_summary_metadata(kind=kind), tensor=tensor)
    writer = EventFileWriter(str(logdir))
    writer.add_event(event_pb2.Event(step=step, wall_time=1.0 + step, summary=summary_pb2.Summary(value=[value])))
    writer.close()


def _steps(client, tag):
    _, body = _get(client, "overlays")
    (series,) = [o for o in body["overlays"] if o["tag"] == tag]
    return series


class TestHeaders:
    def test_listing_reads_the_header_only(self, tmp_path):
        _, header = overlay_wire.encode_overlay(metadata.FILTER_STATS, filter_stats())
        _write_blobs(tmp_path / "run", "fs", metadata.FILTER_STATS, [b"not even zlib", header], step=0)
        client = tensorboard_client(tmp_path)
        series = _steps(client, "fs")
        assert series["graph_tag"] == "model"
        assert series["steps"][0] == {
            "step": 0, "wall_time": 1.0, "error": None, "layers": 2, "classes": 3, "parameter_count": 100, "macs": 1000,
        }
        status, body = _get(client, "filter_stats", run="run", tag="fs")
        assert status == 422 and "step 0: filter_stats blob is 13 bytes but its header says" in body["error"]["message"]

    def test_steps_written_by_the_summary_api_have_headers(self, tmp_path):
        summary.write_overlay(tmp_path / "run", weight_graph(), kind=metadata.WEIGHT_GRAPH, step=3, tag="wg")
        client = tensorboard_client(tmp_path)
        assert _steps(client, "wg")["steps"][0]["nodes"] == 5
        status, body = _get(client, "weight_graph", run="run", tag="wg")
        assert status == 200 and body["steps"][0]["layers"][0]["properties"]["weighted_degree"]["values"] == [0.0, 1.0, 2.0]


class TestStepsWithoutHeader:
    """Logs written before OverlayHeader existed hold blob 0 only; they must still list and load."""

    @pytest.fixture
    def client(self, tmp_path):
        for step in (0, 1):
            blob, _ = overlay_wire.encode_overlay(metadata.FILTER_STATS, filter_stats())
            _write_blobs(tmp_path / "old", "fs", metadata.FILTER_STATS, [blob], step=step)
        blob, _ = overlay_wire.encode_overlay(metadata.WEIGHT_GRAPH, weight_graph())
        _write_blobs(tmp_path / "old", "wg", metadata.WEIGHT_GRAPH, [blob], step=0)
        return tensorboard_client(tmp_path)

    def test_listed(self, client):
        assert [(s["step"], s["layers"], s["classes"]) for s in _steps(client, "fs")["steps"]] == [(0, 2, 3), (1, 2, 3)]
        assert _steps(client, "wg")["steps"][0]["nodes"] == 5

    def test_loaded(self, client):
        status, body = _get(client, "filter_stats", run="old", tag="fs", step=1)
        assert status == 200 and body["step"] == 1 and len(body["layers"]) == 2
        status, body = _get(client, "weight_graph", run="old", tag="wg")
        assert status == 200 and body["steps"][0]["node_count"] == 5


class TestHostileSteps:
    def test_one_bad_step_is_that_steps_error(self, tmp_path):
        bomb = zlib.compress(b"\x00" * (limits.MAX_BLOB_BYTES + 1), 9)
        good, header = overlay_wire.encode_overlay(metadata.WEIGHT_GRAPH, weight_graph())
        _write_blobs(tmp_path / "run", "wg", metadata.WEIGHT_GRAPH, [good, header], step=0)
        _write_blobs(tmp_path / "run", "wg", metadata.WEIGHT_GRAPH, [bomb], step=1)
        _write_blobs(tmp_path / "run", "wg", metadata.WEIGHT_GRAPH, [good, b"\x08"], step=2)
        summary.write_graph(tmp_path / "run", make_tiny_graph(), tag="model")
        client = tensorboard_client(tmp_path)
        steps = _steps(client, "wg")["steps"]
        assert steps[0]["error"] is None
        assert "step 1: weight_graph blob inflates to more than" in steps[1]["error"]
        assert "step 2: overlay header blob of 1 bytes is not an OverlayHeader" in steps[2]["error"]
        status, body = _get(client, "weight_graph", run="run", tag="wg")
        assert status == 200 and [s["error"] is None for s in body["steps"]] == [True, False, False]
        status, body = _get(client, "graphs")
        assert status == 200 and body["graphs"][0]["steps"][0]["error"] is None

    def test_weight_graph_response_holds_a_bounded_number_of_values(self, tmp_path, monkeypatch):
        for step in range(4):
            summary.write_overlay(tmp_path / "run", weight_graph(), kind=metadata.WEIGHT_GRAPH, step=step, tag="wg")
        per_step = overlay_wire.weight_graph_value_count(weight_graph())
        monkeypatch.setattr(limits, "MAX_OVERLAY_VALUES", 2 * per_step)
        status, body = _get(tensorboard_client(tmp_path), "weight_graph", run="run", tag="wg")
        assert status == 200
        assert [s["error"] is None for s in body["steps"]] == [True, True, False, False]
        assert "--samples_per_plugin graphfold=N" in body["steps"][2]["error"]


def _client_with_hints(logdir, hints) -> werkzeug_test.Client:
    """TensorBoard's app with ``--samples_per_plugin`` given to the plugin only (the multiplexer keeps every step)."""
    multiplexer = plugin_event_multiplexer.EventMultiplexer(tensor_size_guidance={"graphfold": 0})
    multiplexer.AddRunsFromDirectory(str(logdir))
    multiplexer.Reload()
    provider = event_data_provider.MultiplexerDataProvider(multiplexer, str(logdir))
    context = base_plugin.TBContext(logdir=str(logdir), data_provider=provider, sampling_hints=hints)
    return werkzeug_test.Client(application.TensorBoardWSGI([plugin.GraphFoldPlugin(context)], data_provider=provider))


@pytest.fixture(scope="module")
def five_steps(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("hints")
    for step in range(5):
        summary.write_overlay(logdir / "run", weight_graph(), kind=metadata.WEIGHT_GRAPH, step=step, tag="wg")
        summary.write_graph(logdir / "run", make_tiny_graph(), step=step, tag="model")
    return logdir


class TestSamplingHints:
    @pytest.mark.parametrize("hints, steps", [(None, 5), ({"graphfold": 2}, 2), ({"graphfold": 0}, 5), ({"scalars": 1}, 5)])
    def test_steps_read_per_series(self, five_steps, hints, steps):
        client = _client_with_hints(five_steps, hints)
        assert len(_steps(client, "wg")["steps"]) == steps
        _, body = _get(client, "weight_graph", run="run", tag="wg")
        assert len(body["steps"]) == steps
        _, body = _get(client, "graphs")
        assert len(body["graphs"][0]["steps"]) == steps
        assert 4 in [s["step"] for s in body["graphs"][0]["steps"]]  # the latest step is always read
