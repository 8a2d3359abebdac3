"""The overlay wire format: encoding, decoding under the limits, the JSON forms, and a server free of torch and scipy."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import zlib

import pytest

from tb_plugin import limits, metadata, overlay_wire
from tb_plugin.overlay_wire import decode_overlay, filter_stats_to_json
from tb_plugin.overlays import filter_summary
from tb_plugin.proto import graphfold_pb2 as pb
from tb_plugin.serialize import BlobError

NAN, INF = float("nan"), float("inf")


def filter_stats(classes: int = 3, filters=(2, 4), **fields) -> pb.FilterStats:
    """Hand-made statistics of ``len(filters)`` layers, the way collect_filter_stats lays them out."""
    stats = pb.FilterStats(
        schema_version=metadata.SCHEMA_VERSION, graph_tag="model", class_names=[f"c{i}" for i in range(classes)],
        class_counts=[5] * classes, example_count=5 * classes, parameter_count=100, macs=1000, world_size=1, **fields,
    )
    for index, count in enumerate(filters):
        stats.layers.add(
            module=f"layer{index}", layer_type="Conv2d", filter_count=count, hooked=f"layer{index}: relu", group=-1,
            class_means=[0.5] * (classes * count), class_means_normalized=[1.0] * (classes * count),
            discriminability=[1.0] * count, apoz=[2.0] * count, activation_l1=[3.0] * count, weight_l1=[4.0] * count,
            weight_shape=[count, 1, 3, 3],
        )
    return stats


def weight_graph(channels=(3, 2)) -> pb.WeightGraphStats:
    stats = pb.WeightGraphStats(schema_version=metadata.SCHEMA_VERSION, graph_tag="model", node_count=sum(channels), edge_count=6, seconds=0.1)
    for index, count in enumerate(channels):
        layer = stats.layers.add(module=f"layer{index}", layer_type="Linear", node_count=count)
        for name in ("weighted_degree", "eigenvector_centrality"):
            layer.properties.add(
                name=name, mean=1.0, std=0.5, quantiles=[0, 0.5, 1, 1.5, 2], top_indices=[0], top_values=[2.0],
                values=[float(i) for i in range(count)],
            )
    return stats


def decoded(kind: int, message):
    blob, header = overlay_wire.encode_overlay(kind, message)
    return overlay_wire.decode_overlay(kind, blob, overlay_wire.decode_overlay_header(header))


def raw_blob(raw: bytes) -> bytes:
    """A blob 0 holding ``raw`` as the message bytes, whatever they are."""
    return zlib.compress(raw, 9)


class TestRoundTrip:
    def test_filter_stats(self):
        stats = filter_stats()
        as_json = overlay_wire.filter_stats_to_json(decoded(metadata.FILTER_STATS, stats))
        assert as_json == overlay_wire.filter_stats_to_json(stats)
        assert as_json["layers"][1]["class_means"] == [[0.5] * 4] * 3
        assert [m["key"] for m in as_json["metrics"]] == [k for k, _, _ in overlay_wire.METRICS]

    def test_weight_graph(self):
        as_json = overlay_wire.weight_graph_to_json(decoded(metadata.WEIGHT_GRAPH, weight_graph()))
        degree = as_json["layers"][0]["properties"]["weighted_degree"]
        assert degree["values"] == [0.0, 1.0, 2.0] and degree["top"] == [[0, 2.0]]

    def test_header_lists_what_the_step_holds(self):
        _, header = overlay_wire.encode_overlay(metadata.FILTER_STATS, filter_stats())
        header = overlay_wire.decode_overlay_header(header)
        assert overlay_wire.overlay_summary_json(metadata.FILTER_STATS, header) == {
            "layers": 2, "classes": 3, "parameter_count": 100, "macs": 1000,
        }
        assert header.filter_count == 6 and header.graph_tag == "model"
        _, header = overlay_wire.encode_overlay(metadata.WEIGHT_GRAPH, weight_graph())
        assert overlay_wire.overlay_summary_json(metadata.WEIGHT_GRAPH, overlay_wire.decode_overlay_header(header)) == {
            "layers": 2, "nodes": 5,
        }

    def test_step_without_header(self):
        blob, _ = overlay_wire.encode_overlay(metadata.FILTER_STATS, filter_stats())
        assert len(overlay_wire.decode_overlay(metadata.FILTER_STATS, blob).layers) == 2


class TestNonFiniteNumbers:
    def test_filter_stats_answer_null(self):
        stats = filter_stats(classes=1, filters=(2,))
        stats.layers[0].class_means[:] = [NAN, 1.0]
        stats.layers[0].apoz[:] = [INF, -INF]
        stats.cost_terms.add(module="layer0", params_per_pair=NAN)
        as_json = overlay_wire.filter_stats_to_json(stats)
        json.dumps(as_json, allow_nan=False)
        assert as_json["layers"][0]["class_means"] == [[None, 1.0]]
        assert as_json["layers"][0]["metrics"]["apoz"] == [None, None]
        assert as_json["cost_terms"][0]["params_per_pair"] is None

    def test_weight_graph_answers_null(self):
        stats = weight_graph(channels=(2,))
        p = stats.layers[0].properties[0]
        p.mean, p.std, p.quantiles[0], p.top_values[0], p.values[1] = NAN, INF, -INF, NAN, INF
        stats.seconds = NAN
        as_json = overlay_wire.weight_graph_to_json(stats)
        json.dumps(as_json, allow_nan=False)
        degree = as_json["layers"][0]["properties"]["weighted_degree"]
        assert (degree["mean"], degree["std"], degree["quantiles"][0], degree["top"], degree["values"]) == (
            None, None, None, [[0, None]], [0.0, None],
        )
        assert as_json["seconds"] is None

    def test_finite_overflowing_sum_is_kept(self):
        stats = weight_graph(channels=(2,))
        stats.layers[0].properties[0].quantiles[:] = [1e308, 1e308]
        assert overlay_wire.weight_graph_to_json(stats)["layers"][0]["properties"]["weighted_degree"]["quantiles"] == [1e308, 1e308]


def _refused(kind: int, blob: bytes, match: str, header=None) -> None:
    start = time.perf_counter()
    with pytest.raises(BlobError, match=match):
        overlay_wire.decode_overlay(kind, blob, header)
    assert time.perf_counter() - start < 5  # generous: refusals are meant to be cheap, not merely to finish


class TestHostileBlobs:
    def test_not_zlib(self):
        _refused(metadata.FILTER_STATS, b"\x00\xffnot zlib", "not valid zlib")

    def test_not_a_message(self):
        _refused(metadata.WEIGHT_GRAPH, raw_blob(b"\xff\xff\xff"), "truncated|corrupt")

    def test_newer_schema(self):
        stats = weight_graph()
        stats.schema_version = metadata.SCHEMA_VERSION + 1
        _refused(metadata.WEIGHT_GRAPH, zlib.compress(stats.SerializeToString()), "upgrade tensorboard-plugin-graphfold")

    def test_zlib_bomb_is_not_inflated(self):
        bomb = zlib.compress(b"\x00" * (limits.MAX_BLOB_BYTES + 1024), 9)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        _refused(metadata.FILTER_STATS, bomb, "inflates to more than")
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 2 * limits.MAX_BLOB_BYTES // 1024

    def test_header_states_a_smaller_size(self):
        blob, header = overlay_wire.encode_overlay(metadata.FILTER_STATS, filter_stats())
        header = overlay_wire.decode_overlay_header(header)
        header.blob_bytes_uncompressed -= 1
        _refused(metadata.FILTER_STATS, blob, "inflates to more than", header)
        header.blob_bytes += 1
        _refused(metadata.FILTER_STATS, blob, "header says", header)

    def test_millions_of_empty_layers_are_counted_not_parsed(self):
        empty_layers = b"\x42\x00" * (4 * limits.MAX_OVERLAY_FIELDS)  # field 8 (layers), length 0
        _refused(metadata.FILTER_STATS, raw_blob(empty_layers), "protobuf fields .* exceed the limit")

    def test_empty_properties_nested_in_one_layer(self):
        properties = b"\x22\x00" * (2 * limits.MAX_OVERLAY_FIELDS)  # LayerProperties.properties, length 0
        layer = b"\x2a" + _varint(len(properties)) + properties  # WeightGraphStats.layers
        _refused(metadata.WEIGHT_GRAPH, raw_blob(layer), "protobuf fields .* exceed the limit")

    def test_classes_times_layers_without_filters(self):
        # The 44-byte blob: 2,000 layers × 5,000 class names built 10^7 empty rows.
        stats = pb.FilterStats(class_names=[""] * 5000)
        stats.layers.extend([pb.LayerFilterStats()] * 2000)
        # The compact routes build nothing per class and serve it; the whole step as JSON is refused.
        decoded = decode_overlay(metadata.FILTER_STATS, zlib.compress(stats.SerializeToString(), 9))
        assert len(filter_summary.summary_json(decoded)["layers"]) == 2000
        with pytest.raises(BlobError, match="values in the JSON of filter stats .* exceed the limit"):
            filter_stats_to_json(decoded)

    def test_matrix_of_the_wrong_shape(self):
        stats = filter_stats()
        del stats.layers[1].class_means[-1]
        _refused(metadata.FILTER_STATS, zlib.compress(stats.SerializeToString()), r"layer 'layer1': class_means holds 11 values")

    def test_too_many_filters(self):
        stats = filter_stats(classes=0, filters=(limits.MAX_FILTERS + 1,))
        for layer in stats.layers:
            for key, _, _ in overlay_wire.METRICS:
                getattr(layer, key)[:] = []
        _refused(metadata.FILTER_STATS, zlib.compress(stats.SerializeToString()), "filters in layer 'layer0' exceed")

    def test_values_of_the_wrong_length(self):
        stats = weight_graph()
        stats.layers[1].properties[0].values.append(1.0)
        _refused(metadata.WEIGHT_GRAPH, zlib.compress(stats.SerializeToString()), "layer 'layer1', property 'weighted_degree': 3 values")

    def test_long_module_path(self):
        stats = weight_graph(channels=(1,))
        stats.layers[0].module = "a." * limits.MAX_NAME_LENGTH
        _refused(metadata.WEIGHT_GRAPH, zlib.compress(stats.SerializeToString()), "layer module path .* longer than")

    @pytest.mark.parametrize("blob, match", [
        (b"\x0a" * 100_000, "bytes of an overlay header blob exceed"),
        (b"\x08", "not an OverlayHeader"),
        (pb.OverlayHeader(schema_version=metadata.SCHEMA_VERSION + 1).SerializeToString(), "newer"),
    ])
    def test_bad_header(self, blob, match):
        with pytest.raises(BlobError, match=match):
            overlay_wire.decode_overlay_header(blob)

    def test_group_wire_type(self):
        _refused(metadata.FILTER_STATS, raw_blob(b"\x43\x44"), "wire type 3")

    def test_unknown_kind(self):
        with pytest.raises(BlobError, match="not an overlay"):
            overlay_wire.decode_overlay(metadata.MODEL_GRAPH, b"")


class TestCountFields:
    def test_nested_messages_count_their_fields(self):
        data = weight_graph(channels=(3,)).SerializeToString()
        # 5 top-level scalars and 1 layer; the layer: 3 scalars and 2 properties of 7 fields each.
        assert overlay_wire.count_fields(data, pb.WeightGraphStats.DESCRIPTOR, 1000) == 6 + 5 + 2 * 7

    def test_stops_past_the_budget(self):
        assert overlay_wire.count_fields(b"\x42\x00" * 100, pb.FilterStats.DESCRIPTOR, 10) == 11

    def test_truncated(self):
        with pytest.raises(BlobError, match="truncated"):
            overlay_wire.count_fields(b"\x42\x05\x00", pb.FilterStats.DESCRIPTOR, 10)


def test_server_imports_neither_torch_nor_scipy():
    code = "import sys, tb_plugin.plugin; print(sorted(m for m in ('torch', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)

