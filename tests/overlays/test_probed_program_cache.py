"""collect_filter_stats's cost per call: the exported program is kept per model and reused while its structure
is the same, and a ReLU's output is reduced in one pass."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import torch
from torch import nn

from tb_plugin.overlays import filter_stats, measure_points
from tests.overlays.shared_data import digits_like_data, small_cnn


def _loader():
    x, y = digits_like_data()
    return [(x[i:i + 10], y[i:i + 10]) for i in range(0, len(x), 10)]


def _exports(monkeypatch) -> list:
    made = []
    original = measure_points.ProbedProgram

    class Counting(original):
        def __init__(self, *args, **kwargs):
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(measure_points, "ProbedProgram", Counting)
    return made


def _means(stats, layer: str) -> np.ndarray:
    (entry,) = [s for s in stats.layers if s.module == layer]
    return np.asarray(entry.class_means, dtype=np.float32)


def test_next_call_reuses_the_program_and_reads_the_current_weights(monkeypatch):
    made = _exports(monkeypatch)
    model, loader = small_cnn(), _loader()
    first = filter_stats.collect_filter_stats(model, loader, num_classes=5)
    with torch.no_grad():
        model[3].weight.mul_(-2.0)  # as an optimizer step does: in place
    second = filter_stats.collect_filter_stats(model, loader, num_classes=5)
    assert len(made) == 1
    assert not np.allclose(_means(first, "3"), _means(second, "3"))
    fresh = small_cnn()
    fresh.load_state_dict(model.state_dict())
    assert np.allclose(_means(second, "3"), _means(filter_stats.collect_filter_stats(fresh, loader, num_classes=5), "3"))


def test_a_changed_structure_exports_again(monkeypatch):
    made = _exports(monkeypatch)
    model, loader = small_cnn(), _loader()
    filter_stats.collect_filter_stats(model, loader, num_classes=5)
    model[4] = nn.Tanh()  # no parameters change: the module does
    filter_stats.collect_filter_stats(model, loader, num_classes=5)
    model[3] = nn.Conv2d(6, 8, 3, padding=1).eval()  # same shapes, other tensors
    filter_stats.collect_filter_stats(model, loader, num_classes=5)
    filter_stats.collect_filter_stats(model, [(x[:, :, :6, :6], y) for x, y in _loader()], num_classes=5)
    assert len(made) == 4


def test_the_kept_program_does_not_keep_the_model_alive():
    model = small_cnn()
    filter_stats.collect_filter_stats(model, _loader(), num_classes=5)
    alive = weakref.ref(model)
    del model
    gc.collect()
    assert alive() is None


def test_relu_outputs_take_one_pass_and_agree_with_the_general_one(monkeypatch):
    # The L1 norm of a ReLU's output is its sum: the same statistics as the general path's.
    model, loader = small_cnn(), _loader()
    program = measure_points.probed_program(model, (loader[0][0],), {}, {"0", "3", "7"}, "key")
    assert {layer: p.nonnegative for layer, p in program.points.items()} == {"0": True, "3": True, "7": False}
    one_pass = filter_stats.collect_filter_stats(model, loader, num_classes=5)
    monkeypatch.setattr(filter_stats.LayerAccumulator, "nonnegative", property(lambda self: False, lambda self, v: None),
                        raising=False)
    general = filter_stats.collect_filter_stats(model, loader, num_classes=5)
    for a, b in zip(one_pass.layers, general.layers, strict=True):
        assert a.module == b.module
        for field in ("class_means", "apoz", "activation_l1", "discriminability"):
            assert np.allclose(getattr(a, field), getattr(b, field), rtol=1e-5, atol=1e-7), (a.module, field)


def test_blob_2_is_the_step_without_class_means_field_for_field():
    # without_class_means builds blob 2 field by field; it must equal a full copy with the means cleared.
    from tb_plugin.overlay_wire import without_class_means

    stats = filter_stats.collect_filter_stats(small_cnn(), _loader(), num_classes=5, class_names=list("abcde"))
    from tb_plugin import pruning

    pruning.add_pruning_groups(stats, small_cnn(), ((torch.randn(1, 1, 8, 8),), {}))
    assert stats.groups and stats.cost_terms and all(layer.class_means for layer in stats.layers)
    reference = type(stats)()
    reference.CopyFrom(stats)
    for layer in reference.layers:
        layer.ClearField("class_means")
        layer.ClearField("class_means_normalized")
    assert without_class_means(stats).SerializeToString() == reference.SerializeToString()
