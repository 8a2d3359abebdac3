"""GET filter_summary and GET filter_layer against the full computation, over real event files.

The statistics are logged with the real API (``tb_plugin.log_filter_stats``)
from a small CNN on random data, and read through a TensorBoard app: the
compact routes must answer exactly what ``GET filter_stats`` (the whole step)
and the definitions give. Also the accumulator's bounded maps and the Gram
discriminability against the pairwise loop it replaces.
"""

from __future__ import annotations

import base64
import itertools
import json

import numpy as np
import pytest
import torch

import tb_plugin
from tb_plugin import metadata, overlay_wire, summary
from tb_plugin.overlays import discriminability, filter_stats, filter_summary
from tb_plugin.overlays.filter_stats import collect_filter_stats
from tb_plugin.serialize import BlobError
from tests.conftest import tensorboard_client
from tests.overlays.shared_data import digits_like_data, small_cnn
from tests.overlays.test_overlay_wire import filter_stats as hand_made_stats

PREFIX = "/data/plugin/graphfold"


def _floats(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("logs")
    x, y = digits_like_data(90)
    names = [f"class <{i}>" for i in range(5)]
    tb_plugin.log_filter_stats(logdir / "run", small_cnn(), [(x[:50], y[:50]), (x[50:], y[50:])], step=4, class_names=names)
    return tensorboard_client(logdir)


def _get_json(client, route, **params):
    response = client.get(f"{PREFIX}/{route}", query_string=params)
    return response.status_code, json.loads(response.get_data(as_text=True))


@pytest.fixture(scope="module")
def full(client):
    status, body = _get_json(client, "filter_stats", run="run", tag="filter_stats")
    assert status == 200, body
    return body


@pytest.fixture(scope="module")
def compact(client):
    status, body = _get_json(client, "filter_summary", run="run", tag="filter_stats")
    assert status == 200, body
    return body


class TestFilterSummary:
    def test_schema_and_encoding(self, compact):
        assert compact["schema_version"] == metadata.SCHEMA_VERSION and compact["encoding"] == "float32-le"
        assert compact["step"] == 4 and compact["class_names"][0] == "class <0>"

    def test_everything_but_class_means_equals_the_full_step(self, compact, full):
        for key in ("class_names", "class_counts", "example_count", "parameter_count", "macs", "world_size", "metrics",
                    "groups", "fixed_parameters", "cost_terms", "graph_tag"):
            assert compact[key] == full[key], key
        for small, whole in zip(compact["layers"], full["layers"], strict=True):
            for key in ("module", "layer_type", "filter_count", "hooked", "weight_shape", "group"):
                assert small[key] == whole[key]
            assert "class_means" not in small
            for key, values in whole["metrics"].items():
                np.testing.assert_array_equal(_floats(small["metrics"][key]), np.asarray(values, dtype=np.float32))

    def test_layer_means_quantiles_and_weak_counts(self, compact, full):
        every = {m["key"]: np.concatenate([np.asarray(l["metrics"][m["key"]], np.float32) for l in full["layers"]]) for m in full["metrics"]}
        for metric in full["metrics"]:
            key, values = metric["key"], np.sort(every[metric["key"]])
            expected = [float(values[max(1, int(np.ceil(q * values.size))) - 1]) for q in compact["quantile_levels"]]
            np.testing.assert_allclose(compact["quantiles"][key], expected, rtol=1e-6)
            threshold = 90.0 if key == "apoz" else expected[1] if metric["weak"] == "low" else expected[5]
            assert compact["weak_thresholds"][key] == pytest.approx(threshold)
            for small, whole in zip(compact["layers"], full["layers"], strict=True):
                mine = np.asarray(whole["metrics"][key], np.float32)
                assert small["means"][key] == pytest.approx(float(mine.astype(np.float64).mean()), rel=1e-6)
                weak = mine <= threshold if metric["weak"] == "low" else mine >= threshold
                assert small["weak_counts"][key] == int(weak.sum())

    def test_size_does_not_grow_with_classes(self):
        few, many = hand_made_stats(classes=10, filters=(64, 256)), hand_made_stats(classes=1000, filters=(64, 256))
        for stats in (few, many):
            for layer in stats.layers:
                del layer.class_means_normalized[:]
        per_class = ("class_names", "class_counts", "example_count")
        sizes = [len(json.dumps({k: v for k, v in filter_summary.summary_json(s).items() if k not in per_class})) for s in (few, many)]
        assert sizes[0] == sizes[1] and sizes[0] < 10_000


class TestSummaryBlob:
    def test_steps_carry_the_step_without_class_means_as_blob_2(self):
        stats = hand_made_stats(classes=4)
        blobs = overlay_wire.overlay_blobs(metadata.FILTER_STATS, stats)
        assert len(blobs) == 3 and len(blobs[2]) < len(blobs[0])
        small = overlay_wire.decode_overlay(metadata.FILTER_STATS, blobs[2], class_means=False)
        assert all(len(layer.class_means) == 0 for layer in small.layers)
        assert filter_summary.summary_json(small) == filter_summary.summary_json(stats)
        with pytest.raises(BlobError, match="the summary blob holds class_means"):
            overlay_wire.decode_overlay(metadata.FILTER_STATS, blobs[0], class_means=False)

    def test_a_step_without_blob_2_is_summarised_from_the_whole_step(self, tmp_path):
        from tests.overlays.test_overlay_store import _write_blobs

        stats = hand_made_stats(classes=4)
        _write_blobs(tmp_path / "old", "fs", metadata.FILTER_STATS, list(overlay_wire.encode_overlay(metadata.FILTER_STATS, stats)), step=0)
        summary.write_overlay(tmp_path / "new", stats, kind=metadata.FILTER_STATS, step=0, tag="fs")
        client = tensorboard_client(tmp_path)
        answers = [_get_json(client, "filter_summary", run=run, tag="fs")[1] for run in ("old", "new")]
        for answer in answers:
            assert answer["layers"][1]["filter_count"] == 4, answer
        assert {k: v for k, v in answers[0].items() if k not in ("run", "wall_time")} == {
            k: v for k, v in answers[1].items() if k not in ("run", "wall_time")}


class TestFilterLayer:
    def _layer(self, client, module, step=None, **extra):
        params = {"run": "run", "tag": "filter_stats", "module": module, **({"step": step} if step is not None else {}), **extra}
        response = client.get(f"{PREFIX}/filter_layer", query_string=params)
        return response

    def test_class_means_equal_the_full_step(self, client, full):
        for whole in full["layers"]:
            response = self._layer(client, whole["module"], step=4, classes="all")
            assert response.status_code == 200 and response.mimetype == "application/octet-stream"
            header, arrays = filter_summary.decode_layer_payload(response.get_data())
            assert header["schema_version"] == metadata.SCHEMA_VERSION and header["encoding"] == "float32-le"
            assert header["payload_version"] == filter_summary.LAYER_PAYLOAD_VERSION == 2
            assert (header["class_count"], header["filter_count"], header["classes"]) == (5, whole["filter_count"], [0, 1, 2, 3, 4])
            np.testing.assert_allclose(arrays["class_means_normalized"], np.asarray(whole["class_means_normalized"]), rtol=1e-6, atol=1e-7)

    def test_rows_of_the_classes_asked_for(self, client, full):
        whole = full["layers"][1]
        header, arrays = filter_summary.decode_layer_payload(self._layer(client, whole["module"], classes="4, 1,4").get_data())
        assert header["classes"] == [1, 4] and arrays["class_means_normalized"].shape == (2, whole["filter_count"])
        np.testing.assert_allclose(arrays["class_means_normalized"], np.asarray(whole["class_means_normalized"])[[1, 4]], rtol=1e-6, atol=1e-7)

    def test_a_first_answer_holds_the_rows_of_the_pairs_classes(self):
        stats = hand_made_stats(classes=60, filters=(3, 5))
        for layer in stats.layers:
            del layer.class_means_normalized[:]
            layer.class_means[:] = np.random.default_rng(len(layer.class_means)).random(len(layer.class_means)).tolist()
        stats.class_counts[:] = [0 if c in (7, 11) else 1 for c in range(60)]
        layer = stats.layers[1]
        header, arrays = filter_summary.decode_layer_payload(filter_summary.layer_payload(stats, layer.module))
        pairs = header["pairs"]
        involved = {c for r, k, _ in pairs["best"] + pairs["worst"] for c in (r, k)}
        assert header["classes"] == sorted(involved) and 2 < len(involved) <= 32
        assert not involved & {7, 11}, "classes without examples take no part in the ranking"
        np.testing.assert_array_equal(
            arrays["class_means_normalized"], filter_summary.normalized_class_means(stats, layer)[header["classes"]])

    def test_pairs_are_the_best_and_worst_separated(self, client, full):
        whole = full["layers"][1]
        header, arrays = filter_summary.decode_layer_payload(self._layer(client, whole["module"]).get_data())
        a = np.asarray(whole["class_means_normalized"], dtype=np.float64)
        scores = {(r, c): float(np.sqrt(np.mean((a[r] - a[c]) ** 2))) for r, c in itertools.combinations(range(5), 2)}
        ranked = sorted(scores, key=lambda pair: -scores[pair])
        best = [tuple(p[:2]) for p in header["pairs"]["best"]]
        assert best == ranked[:len(best)] and len(best) == 8
        for r, c, score in header["pairs"]["best"] + header["pairs"]["worst"]:
            assert score == pytest.approx(scores[(r, c)], abs=1e-5)
        assert [tuple(p[:2]) for p in header["pairs"]["worst"]][0] == ranked[-1]

    def test_pairs_are_ranked_once_per_layer(self, tmp_path, monkeypatch):
        summary.write_overlay(tmp_path / "run", hand_made_stats(classes=6), kind=metadata.FILTER_STATS, step=0, tag="fs")
        client = tensorboard_client(tmp_path)
        ranked = []
        real = filter_summary.layer_pairs
        monkeypatch.setattr(filter_summary, "layer_pairs", lambda stats, layer: ranked.append(layer.module) or real(stats, layer))
        answers = [
            filter_summary.decode_layer_payload(
                client.get(f"{PREFIX}/filter_layer", query_string={"run": "run", "tag": "fs", "module": module, **extra}).get_data())[0]
            for module, extra in [("layer0", {}), ("layer0", {"classes": "5"}), ("layer1", {}), ("layer0", {})]
        ]
        assert ranked == ["layer0", "layer1"]
        assert answers[0]["pairs"] == answers[1]["pairs"] == answers[3]["pairs"] and answers[1]["classes"] == [5]

    @pytest.mark.parametrize("classes, message", [
        ("1,x", "class indices separated by commas, got 'x'"),
        ("5", "class 5 is out of range: the step has 5 classes (0 to 4)"),
        ("-1", "got '-1'"),
        ("", "got ''"),
    ])
    def test_bad_classes_are_a_400_saying_what_to_send(self, client, classes, message):
        response = self._layer(client, "0", classes=classes)
        body = json.loads(response.get_data(as_text=True))
        assert response.status_code == 400 and message in body["error"]["message"], body

    def test_unknown_layer_is_a_404_naming_the_layers(self, client):
        response = self._layer(client, "no.such")
        body = json.loads(response.get_data(as_text=True))
        assert response.status_code == 404 and "no layer 'no.such'" in body["error"]["message"] and "layers: 0" in body["error"]["message"]

    def test_module_is_required(self, client):
        status, body = _get_json(client, "filter_layer", run="run", tag="filter_stats")
        assert status == 400 and "module" in body["error"]["message"]


class TestRankedPairs:
    """The blocked, re-ranked Gram computation against the definition, pair by pair."""

    @staticmethod
    def _by_definition(a, rows, count=8):
        index = np.flatnonzero(rows)
        scores = {(r, c): float(np.sqrt(np.mean((a[r].astype(np.float64) - a[c]) ** 2))) for r, c in itertools.combinations(index, 2)}
        return ([p for p in sorted(scores, key=lambda p: (-scores[p], p))[:count]],
                [p for p in sorted(scores, key=lambda p: (scores[p], p))[:count]], scores)

    @pytest.mark.parametrize("block", [4096, 7])
    @pytest.mark.parametrize("classes, filters", [(2, 3), (5, 6), (40, 11), (300, 64)])
    def test_equal_the_definition(self, monkeypatch, block, classes, filters):
        monkeypatch.setattr(filter_summary, "_PAIR_BLOCK", block)
        rng = np.random.default_rng(classes)
        a = rng.random((classes, filters), dtype=np.float32)
        a[classes - 1] = a[0]  # a pair at distance 0, and ties among the pairs it forms
        rows = np.ones(classes, bool)
        rows[1 % classes] = classes <= 2
        best, worst, scores = self._by_definition(a, rows)
        got = filter_summary.ranked_pairs(a, rows=rows)
        assert [tuple(p[:2]) for p in got["best"]] == best
        assert [tuple(p[:2]) for p in got["worst"]] == worst
        for r, c, score in got["best"] + got["worst"]:
            assert score == pytest.approx(scores[(r, c)], abs=1e-6)

    @pytest.mark.parametrize("seed", range(6))
    def test_many_ties_give_the_definitions_scores(self, seed):
        """Values of a few levels tie many pairs: which tied pair is listed may differ, its score may not."""
        rng = np.random.default_rng(seed)
        a = (rng.integers(0, 4, size=(60, 1 + seed)) / 3).astype(np.float32)
        rows = rng.random(60) > 0.2
        best, worst, scores = self._by_definition(a, rows)
        got = filter_summary.ranked_pairs(a, rows=rows)
        for side, expected in (("best", best), ("worst", worst)):
            assert [round(s, 5) for _, _, s in got[side]] == [round(scores[p], 5) for p in expected]
            assert all(rows[r] and rows[c] and r < c for r, c, _ in got[side])

    def test_fewer_than_two_classes(self):
        assert filter_summary.ranked_pairs(np.ones((3, 2), np.float32), rows=np.array([False, True, False])) == {"best": [], "worst": []}


class TestDerivedNormalization:
    def test_logged_steps_leave_it_out_and_readers_derive_it(self):
        x, y = digits_like_data()
        stats = collect_filter_stats(small_cnn(), [(x, y)])
        assert all(len(layer.class_means_normalized) == 0 for layer in stats.layers)
        for layer in stats.layers:
            means = np.asarray(layer.class_means, np.float64).reshape(len(stats.class_names), -1)
            expected = (means - means.min()) / (means.max() - means.min())
            np.testing.assert_allclose(filter_summary.normalized_class_means(stats, layer), expected, rtol=1e-5, atol=1e-6)

    def test_a_logged_normalization_is_used_as_is(self):
        stats = hand_made_stats()
        assert filter_summary.normalized_class_means(stats, stats.layers[0]).tolist() == [[1.0, 1.0]] * 3


def _pairwise_loop(maps: np.ndarray) -> np.ndarray:
    """The discriminability as defined: the mean over class pairs of ‖maps[a, f] − maps[b, f]‖₂."""
    pairs = list(itertools.combinations(range(maps.shape[0]), 2))
    return np.mean([np.linalg.norm(maps[a] - maps[b], axis=1) for a, b in pairs], axis=0)


class TestDiscriminability:
    @pytest.mark.parametrize("positions", [1, 7])
    def test_equals_the_pairwise_loop(self, monkeypatch, positions):
        monkeypatch.setattr(discriminability, "_GRAM_CHUNK", 40 * 40 * 3)  # several chunks of filters
        maps = np.random.default_rng(0).normal(size=(40, 11, positions))
        np.testing.assert_allclose(discriminability.exact_discriminability(maps), _pairwise_loop(maps), rtol=1e-9, atol=1e-12)

    def test_one_class(self):
        assert discriminability.exact_discriminability(np.ones((1, 3, 4))).tolist() == [0.0, 0.0, 0.0]


class TestBoundedMaps:
    def test_maps_share_one_budget_and_one_position_maps_are_the_scalars(self, monkeypatch):
        # small_cnn: two 8×8 conv layers (6 and 8 filters) and a linear layer, 5 classes.
        monkeypatch.setattr(filter_stats, "MAX_MAP_ELEMENTS", 3 * 5 * 8 * 16)
        x, y = digits_like_data()
        stats = collect_filter_stats(small_cnn(), [(x, y)])
        hooked = {layer.module: layer.hooked for layer in stats.layers}
        assert "pooled to 4×4" in hooked["0"] and "pooled to 4×4" in hooked["3"] and "pooled" not in hooked["7"]
        accumulator = filter_stats.LayerAccumulator("fc", 5, map_budget=1)
        accumulator.add(torch.ones(4, 3, 2, 2), torch.tensor([0, 1, 2, 3]))
        assert accumulator.maps_are_scalars and accumulator.pooled_to == (1, 1) and accumulator.sums["map"].size == 0

    def test_discriminability_of_pooled_maps_is_the_definition_on_pooled_maps(self, monkeypatch):
        monkeypatch.setattr(filter_stats, "MAX_MAP_ELEMENTS", 1)
        x, y = digits_like_data()
        stats = collect_filter_stats(small_cnn(), [(x, y)], layers=["3"])
        (layer,) = stats.layers
        means = np.asarray(layer.class_means, np.float64).reshape(5, -1)
        np.testing.assert_allclose(layer.discriminability, _pairwise_loop(means[:, :, None]), rtol=1e-5)


def test_log_filter_stats_returns_the_summary_for_steps_too_large_for_json(tmp_path, monkeypatch):
    monkeypatch.setattr(summary.limits, "MAX_OVERLAY_VALUES", 10)
    x, y = digits_like_data()
    returned = tb_plugin.log_filter_stats(tmp_path, small_cnn(), [(x, y)], step=0)
    assert returned["encoding"] == "float32-le" and "class_means" not in returned["layers"][0]
