"""Discriminability: exact for few classes, a seeded sample of class pairs for many, with its stated error."""

from __future__ import annotations

import itertools

import numpy as np
import torch

from tb_plugin.overlay_wire import filter_stats_to_json
from tb_plugin.overlays import discriminability
from tb_plugin.overlays.discriminability import class_pair_sample, exact_discriminability, layer_discriminability
from tb_plugin.overlays.filter_stats import collect_filter_stats


def _brute_force(maps: np.ndarray, pairs) -> np.ndarray:
    """Mean over ``pairs`` of the per-filter L2 distances, one pair at a time."""
    return np.mean([np.linalg.norm(maps[a] - maps[b], axis=1) for a, b in pairs], axis=0)


def _random_maps(classes: int, filters: int = 24, positions: int = 9, seed: int = 0) -> np.ndarray:
    """Class-averaged post-ReLU-like maps: filters of different scales, classes spread around them."""
    rng = np.random.default_rng(seed)
    scale = rng.uniform(0.1, 3.0, size=(1, filters, 1))
    return np.maximum(rng.normal(0.5, 1.0, size=(classes, filters, positions)), 0.0) * scale


class TestClassPairSample:
    def test_distinct_ordered_pairs_in_range(self):
        first, second = class_pair_sample(50, 300)
        assert ((0 <= first) & (first < second) & (second < 50)).all()
        assert len(set(zip(first.tolist(), second.tolist()))) == 300

    def test_every_pair_when_count_is_all(self):
        first, second = class_pair_sample(7, 21)
        assert list(zip(first.tolist(), second.tolist())) == list(itertools.combinations(range(7), 2))

    def test_deterministic(self):
        a, b = class_pair_sample(1000, 4950), class_pair_sample(1000, 4950)
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all()

    def test_uniform_over_pairs(self):
        # Every class is in about 2 × count / C sampled pairs.
        first, second = class_pair_sample(200, 4950)
        per_class = np.bincount(np.concatenate([first, second]), minlength=200)
        assert abs(per_class.mean() - 2 * 4950 / 200) < 1e-9 and per_class.min() > 20 and per_class.max() < 80


class TestLayerDiscriminability:
    def test_exact_up_to_the_bound(self):
        maps = _random_maps(100)  # 4,950 pairs: the bound itself
        values, note = layer_discriminability(maps)
        assert note == ""
        np.testing.assert_allclose(values, _brute_force(maps, itertools.combinations(range(100), 2)), rtol=1e-9)

    def test_exact_path_unchanged_for_few_classes(self):
        maps = _random_maps(12)
        values, note = layer_discriminability(maps)
        assert note == "" and (values == exact_discriminability(maps)).all()

    def test_maps_of_one_position_stay_exact_at_any_class_count(self):
        maps = _random_maps(300, positions=1)
        values, note = layer_discriminability(maps)
        assert note == ""
        np.testing.assert_allclose(values, _brute_force(maps, itertools.combinations(range(300), 2)), rtol=1e-9)

    def test_sampled_estimate_within_its_standard_error(self):
        classes = 300
        maps = _random_maps(classes, filters=32)
        exact = exact_discriminability(maps)
        first, second = class_pair_sample(classes, discriminability.MAX_EXACT_PAIRS)
        total = classes * (classes - 1) // 2
        estimate, error = discriminability._sampled_discriminability(maps, first, second, total)
        # The estimate is the mean over exactly the sampled pairs, the same pairs for every filter.
        np.testing.assert_allclose(estimate, _brute_force(maps, zip(first, second)), rtol=1e-9)
        # 32 filters: a normal estimate strays past 4.5 standard errors with probability ~2e-4 overall.
        assert (np.abs(estimate - exact) <= 4.5 * error).all()
        assert (error > 0).all() and (error / exact < 0.05).all()

    def test_note_states_pairs_and_worst_error(self):
        maps = _random_maps(300, filters=8)
        values, note = layer_discriminability(maps)
        first, second = class_pair_sample(300, 4950)
        _, error = discriminability._sampled_discriminability(maps, first, second, 44850)
        worst = (error / values).max()
        assert note == (f"; discriminability estimated from 4,950 of 44,850 class pairs "
                        f"(a seeded uniform sample; worst relative standard error {worst:.1%})")

    def test_deterministic(self):
        maps = _random_maps(200)
        a, b = layer_discriminability(maps), layer_discriminability(maps.copy())
        assert (a[0] == b[0]).all() and a[1] == b[1]

    def test_a_dead_filter_has_no_error(self):
        maps = _random_maps(150, filters=3)
        maps[:, 1] = 0.0
        values, note = layer_discriminability(maps)
        assert values[1] == 0.0 and "estimated from 4,950 of 11,175" in note


class TestCollectFilterStatsSampled:
    def test_hooked_says_the_discriminability_was_estimated(self, monkeypatch):
        monkeypatch.setattr(discriminability, "MAX_EXACT_PAIRS", 3)  # 6 classes: 15 pairs
        torch.manual_seed(0)
        conv = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.ReLU())
        loader = [(torch.randn(12, 1, 5, 5), torch.arange(12) % 6)]
        (layer,) = filter_stats_to_json(collect_filter_stats(conv, loader))["layers"]
        assert "discriminability estimated from 3 of 15 class pairs" in layer["hooked"]
        assert "worst relative standard error" in layer["hooked"]
