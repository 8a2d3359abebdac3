"""The pruning overlay in Chromium, inside a real ``tensorboard``, driven only through ``docs/ui_contract.md``.

A tiny residual CNN is logged with ``tb_plugin.log_graph`` and its filter
statistics with ``tb_plugin.log_filter_stats`` (3 classes, the first named
after markup; and, as run "wide", 100 classes). The tab reads ``GET
filter_summary`` and ``GET filter_layer``; what it should show is computed
here from the full step (``GET filter_stats``) and the layer's own payload,
and the plan's preview is checked against ``tb_plugin.pruning.preview_plan``.
"""

from __future__ import annotations

import io
import json
import pathlib
import statistics
import urllib.parse

import pytest

from tests.support.graphfold_tab import CHROMIUM
from tests.support.tensorboard_process import running_tensorboard
from tests.ui.graphs import PAYLOAD

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

CNN = {"run": "cnn", "tag": "model", "source": "graphfold", "step": 0}
PLAIN = {"run": "plain", "tag": "model", "source": "graphfold", "step": 0}
WIDE = {"run": "wide", "tag": "model", "source": "graphfold", "step": 0}
CLASS_NAMES = [PAYLOAD, "b", "c"]
WIDE_CLASSES = 100
MATRIX_LIMIT = 32
"""sparkline_matrix.ts MAX_MATRIX_CLASSES: above it, the matrix shows picked classes."""
NEUTRAL = (0xF1, 0xF3, 0xF4)
"""The light theme's fill of items without statistics (theme.ts: boundaryFill)."""


def tiny_cnn():
    """A stem conv, two residual blocks (coupled with the stem: one pruning group) and a conv + linear head."""
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self, channels: int) -> None:
            super().__init__()
            self.conv = nn.Conv2d(channels, channels, 3, padding=1)
            self.act = nn.ReLU()

        def forward(self, x):
            return x + self.act(self.conv(x))

    class TinyCNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(1, 6, 3, padding=1), nn.ReLU())
            self.blocks = nn.Sequential(Block(6), Block(6))
            self.head = nn.Sequential(nn.Conv2d(6, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                                      nn.Flatten(), nn.Linear(8, 3))

        def forward(self, x):
            return self.head(self.blocks(self.stem(x)))

    torch.manual_seed(0)
    return TinyCNN().eval()


@pytest.fixture(scope="module")
def ui_logdir(tmp_path_factory):
    import torch

    import tb_plugin

    root = tmp_path_factory.mktemp("overlay_logs")
    model = tiny_cnn()
    example = torch.randn(2, 1, 8, 8)
    tb_plugin.log_graph(root / CNN["run"], model, example)
    generator = torch.Generator().manual_seed(1)
    loader = [(torch.randn(12, 1, 8, 8, generator=generator), torch.arange(12) % 3) for _ in range(3)]
    tb_plugin.log_filter_stats(root / CNN["run"], model, loader, step=0, num_classes=3, class_names=CLASS_NAMES)
    tb_plugin.log_graph(root / PLAIN["run"], model, example)
    tb_plugin.log_graph(root / WIDE["run"], model, example)
    wide = [(torch.randn(50, 1, 8, 8, generator=generator), torch.arange(50) + 50 * (i % 2)) for i in range(4)]
    tb_plugin.log_filter_stats(root / WIDE["run"], model, wide, step=0, class_names=[f"class {c:03d}" for c in range(WIDE_CLASSES)])
    return root


def _ready(tb) -> bool:
    status, graphs = tb.get_json("/data/plugin/graphfold/graphs")
    runs = {g["run"] for g in graphs.get("graphs", [])} if status == 200 else set()
    status, overlays = tb.get_json("/data/plugin/graphfold/overlays")
    return {"cnn", "plain", "wide"} <= runs and status == 200 and {"cnn", "wide"} <= {o["run"] for o in overlays["overlays"]}


@pytest.fixture(scope="module")
def tensorboard(ui_logdir):
    with running_tensorboard(ui_logdir, ready_when=_ready) as tb:
        yield tb


@pytest.fixture(scope="module")
def stats(tensorboard) -> dict:
    """The whole step (``GET filter_stats``): what the tab's summary and layer routes must agree with."""
    return _full_step(tensorboard, "cnn")


def _full_step(tensorboard, run: str) -> dict:
    query = urllib.parse.urlencode({"run": run, "tag": "filter_stats", "step": 0})
    status, body = tensorboard.get(f"/data/plugin/graphfold/filter_stats?{query}")
    assert status == 200, body
    return json.loads(body)


def _class_means(tensorboard, run: str, module: str):
    """``GET filter_layer`` of every class, decoded: (header, C × F normalised class means)."""
    from tb_plugin.overlays.filter_summary import decode_layer_payload

    query = urllib.parse.urlencode({"run": run, "tag": "filter_stats", "step": 0, "module": module, "classes": "all"})
    status, body = tensorboard.get(f"/data/plugin/graphfold/filter_layer?{query}")
    assert status == 200, body[:300]
    header, arrays = decode_layer_payload(body)
    return header, arrays["class_means_normalized"]


def _default_classes(pairs: dict) -> list[int]:
    """class_pairs.ts defaultClasses: the classes of the best pairs, then the worst, once each, at most 32."""
    out: list[int] = []
    for r, c, _ in pairs["best"] + pairs["worst"]:
        for cls in (r, c):
            if cls not in out and len(out) < MATRIX_LIMIT:
                out.append(cls)
    return out


def _layer(stats: dict, module: str) -> dict:
    return next(layer for layer in stats["layers"] if layer["module"] == module)


def _mean(stats: dict, metric: str, modules: list[str]) -> float:
    """The overlay's value: the mean of ``metric`` over every filter of ``modules`` (layers weighted by filter count)."""
    layers = [_layer(stats, m) for m in modules]
    return sum(statistics.fmean(l["metrics"][metric]) * l["filter_count"] for l in layers) / sum(
        l["filter_count"] for l in layers)


def _weakest_first(values: list[float], weak: str) -> list[int]:
    sign = 1 if weak == "low" else -1
    return sorted(range(len(values)), key=lambda f: (sign * values[f], f))


def _fill(tab, item_id: str) -> tuple[int, int, int]:
    """The colour of a closed item's body: a few pixels just inside its left border, at mid-height."""
    import numpy as np
    from PIL import Image

    item = tab.item(item_id)
    png = tab.canvas_png({"x": item["x"] + 3, "y": item["y"] + item["height"] / 2 - 2, "width": 3, "height": 4})
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


def _pruning_overlay(tab) -> None:
    tab.testid("overlay-mode").select_option("pruning")
    tab.idle()


def _show_layer(tab, parent: str, item_id: str) -> None:
    tab.ensure_open(parent)
    tab.click_item(item_id)
    tab.idle()


class TestOverlay:
    def test_no_control_without_statistics(self, tab):
        tab.open(**PLAIN)
        assert tab.testid("overlay-bar").is_hidden()
        assert tab.overlay()["colored"] == []

    def test_colours_layers_modules_and_stacks(self, tab, stats):
        tab.open(**CNN)
        plain = _fill(tab, "m:head")
        _pruning_overlay(tab)
        assert tab.testid("overlay-legend").is_visible()
        assert "Share of weak filters" in tab.testid("overlay-legend").inner_text()

        tab.testid("overlay-metric").select_option("apoz")
        tab.idle()
        overlay = tab.overlay()
        assert overlay["mode"] == "pruning" and overlay["metric"] == "apoz"
        layer_means = [_mean(stats, "apoz", [layer["module"]]) for layer in stats["layers"]]
        assert overlay["range"] == pytest.approx([min(layer_means), max(layer_means)], rel=1e-9)
        legend = tab.testid("overlay-legend").inner_text()
        assert "APoZ (%)" in legend and "weighted by filter count" in legend
        colored = {c["id"]: c["value"] for c in overlay["colored"]}
        assert colored == pytest.approx({
            "m:stem": _mean(stats, "apoz", ["stem.0"]),
            # "blocks" only wraps its stack: the root draws the stack in its place
            "s:blocks.0": _mean(stats, "apoz", ["blocks.0.conv", "blocks.1.conv"]),
            "m:head": _mean(stats, "apoz", ["head.0", "head.4"]),
        }, rel=1e-9)
        coloured = _fill(tab, "m:head")
        assert coloured != plain and coloured[0] > coloured[2], f"m:head is drawn {coloured}, not in the orange scale"

        tab.ensure_open("m:stem")
        colored = {c["id"]: c["value"] for c in tab.overlay()["colored"]}
        assert colored["m:stem.0"] == pytest.approx(_mean(stats, "apoz", ["stem.0"]), rel=1e-9)
        assert "m:stem.1" not in colored
        assert max(abs(c - n) for c, n in zip(_fill(tab, "m:stem.1"), NEUTRAL)) <= 3, "an item without statistics is not neutral"
        assert colored["s:blocks.0"] == pytest.approx(_mean(stats, "apoz", ["blocks.0.conv", "blocks.1.conv"]), rel=1e-9)

        # An opened stack drawn unstacked shows each member in its own colour.
        tab.toggle("s:blocks.0")
        tab.unstack("s:blocks.0", True)
        colored = {c["id"]: c["value"] for c in tab.overlay()["colored"]}
        assert colored["m:blocks.0"] == pytest.approx(_mean(stats, "apoz", ["blocks.0.conv"]), rel=1e-9)
        assert colored["m:blocks.1"] == pytest.approx(_mean(stats, "apoz", ["blocks.1.conv"]), rel=1e-9)

        tab.testid("overlay-mode").select_option("none")
        tab.idle()
        assert tab.overlay()["colored"] == [] and tab.testid("overlay-legend").is_hidden()

    def test_layer_panel_matrix_cpd_and_brush(self, tab, stats):
        tab.open(**CNN)
        _pruning_overlay(tab)
        _show_layer(tab, "m:stem", "m:stem.0")
        panel = tab.testid("layer-panel")
        assert panel.is_visible()
        text = panel.inner_text()
        assert "stem.0" in text and "blocks.0.conv" in text and _layer(stats, "stem.0")["hooked"] in text

        classes = len(stats["class_names"])
        cells = tab.testid("sparkline-matrix").get_by_test_id("matrix-cell")
        assert cells.count() == classes * classes
        tab.frame.locator('[data-testid="matrix-cell"][data-row="0"][data-col="2"]').click()
        tab.idle()
        layer = tab.layer()
        a = _layer(stats, "stem.0")["class_means_normalized"]
        assert layer["pair"] == [0, 2]
        assert layer["cpd"] == pytest.approx([x - y for x, y in zip(a[0], a[2])], abs=1e-12)
        assert f"A = {PAYLOAD} (baseline), B = c" in tab.testid("cpd-pair").inner_text()
        assert tab.testid("cpd-chart").is_visible()

        # Brushing the left half of the bars selects the weakest half by discriminability.
        metric = next(m for m in stats["metrics"] if m["key"] == "discriminability")
        order = _weakest_first(_layer(stats, "stem.0")["metrics"]["discriminability"], metric["weak"])
        assert layer["order"] == "discriminability" and layer["filterOrder"] == order
        tab.drag_across("filter-brush", 0.02, 0.48)
        tab.idle()
        assert tab.layer()["selections"] == {"discriminability": sorted(order[:3])}
        assert tab.testid("filter-selection-count").inner_text() == "3 of 6 filters selected"

    def test_plan_download_matches_python_preview(self, tab, stats):
        from tb_plugin.pruning import preview_plan

        tab.open(**CNN)
        _pruning_overlay(tab)
        _show_layer(tab, "m:stem", "m:stem.0")
        tab.drag_across("filter-brush", 0.02, 0.3)
        tab.testid("plan-add").click()
        tab.select_filters("head.0", [1, 4, 6])
        tab.testid("plan-add").click()
        tab.idle()
        assert tab.testid("pruning-plan").get_by_test_id("plan-layer").count() == 2

        # head.4's channels reach the output; emptying the stem's group is refused.
        tab.select_filters("head.4", [0])
        assert tab.testid("plan-add").is_disabled()
        assert "reach the model output" in tab.testid("plan-add").get_attribute("title")
        tab.select_filters("blocks.1.conv", list(range(6)))
        tab.testid("plan-add").click()
        assert "removes all 6 channels" in tab.testid("plan-message").inner_text()

        with tab.page.expect_download() as info:
            tab.testid("plan-download").click()
        download = info.value
        assert download.suggested_filename == "pruning_plan_cnn_0.json"
        plan = json.loads(pathlib.Path(download.path()).read_text(encoding="utf-8"))
        assert plan == tab.plan()
        assert plan["format"] == "graphfold.pruning_plan" and plan["version"] == 1
        assert plan["source"] == {"run": "cnn", "tag": "filter_stats", "step": 0, "graph_tag": "model"}
        assert list(plan["layers"]) == ["stem.0", "head.0"]
        assert plan["layers"]["head.0"] == {"filter_count": 8, "remove": [1, 4, 6]}
        assert len(plan["layers"]["stem.0"]["remove"]) == 2
        assert plan["preview"] == preview_plan(stats, plan)
        assert plan["preview"]["parameters_after"] < plan["preview"]["parameters_before"] == stats["parameter_count"]
        after = tab.testid("plan-parameters").locator("td").nth(1).get_attribute("title")
        assert after == f"{plan['preview']['parameters_after']:,}"

        tab.testid("plan-remove").first.click()
        assert list(tab.plan()["layers"]) == ["head.0"]

    def test_names_from_the_log_are_text(self, tab):
        tab.open(**CNN)
        _pruning_overlay(tab)
        tab.select_filters("stem.0", [0])
        tab.idle()
        options = tab.testid("activation-class").locator("option").all_text_contents()
        assert PAYLOAD in options
        assert PAYLOAD in tab.testid("sparkline-matrix").locator("title").all_text_contents()[0]
        assert tab.frame.locator("img").count() == 0


class TestManyClasses:
    def test_matrix_of_picked_classes_cpd_and_brush_with_100_classes(self, tab, tensorboard):
        full = _full_step(tensorboard, "wide")
        header, a = _class_means(tensorboard, "wide", "stem.0")
        assert a.shape == (WIDE_CLASSES, 6)
        import numpy as np

        np.testing.assert_allclose(a, np.asarray(_layer(full, "stem.0")["class_means_normalized"]), rtol=1e-6, atol=1e-7)
        tab.open(**WIDE)
        _pruning_overlay(tab)
        _show_layer(tab, "m:stem", "m:stem.0")
        layer = tab.layer()
        assert layer["classMeansLoaded"] and layer["pairs"] == header["pairs"]
        default = _default_classes(header["pairs"])
        assert layer["matrixClasses"] == default and len(default) > 2
        # The first answer holds the rows of the pairs' classes only; the others come when picked.
        assert layer["loadedClasses"] == sorted(default) and layer["activeClass"] == default[0]
        assert tab.testid("sparkline-matrix").get_by_test_id("matrix-cell").count() == len(default) ** 2
        assert tab.testid("class-picker").get_by_test_id("class-picked").count() == len(default)

        # Search for a class outside the default and add it to the matrix.
        extra = next(c for c in range(WIDE_CLASSES) if c not in default)
        tab.testid("class-search").fill(f"class {extra:03d}")
        tab.frame.locator(f'[data-testid="class-match"][data-class="{extra}"]').click()
        tab.idle()
        assert tab.layer()["matrixClasses"] == default + [extra]
        assert tab.testid("sparkline-matrix").get_by_test_id("matrix-cell").count() == (len(default) + 1) ** 2

        # Its CPD against the first default class, from the matrix.
        tab.frame.locator(f'[data-testid="matrix-cell"][data-row="{extra}"][data-col="{default[0]}"]').click()
        tab.idle()
        layer = tab.layer()
        assert layer["pair"] == [extra, default[0]]
        assert layer["cpd"] == pytest.approx((a[extra].astype(float) - a[default[0]]).tolist(), abs=1e-6)
        assert f"A = class {extra:03d} (baseline), B = class {default[0]:03d}" in tab.testid("cpd-pair").inner_text()

        # Any pair of the 100 classes, by name from the A / B choosers; and any class in the activation view.
        far = [c for c in (7, 99) if c not in default]
        tab.testid("cpd-class-a").fill("class 007")
        tab.testid("cpd-class-a").press("Enter")
        tab.testid("cpd-class-b").fill("Class 099 ")
        tab.testid("cpd-class-b").press("Enter")
        tab.idle()
        assert tab.layer()["pair"] == [7, 99]
        assert tab.layer()["cpd"] == pytest.approx((a[7].astype(float) - a[99]).tolist(), abs=1e-6)
        assert set(far) <= set(tab.layer()["loadedClasses"])
        tab.testid("activation-class").fill("class 098")
        tab.testid("activation-class").press("Enter")
        tab.idle()
        assert tab.layer()["activeClass"] == 98 and 98 in tab.layer()["loadedClasses"]
        assert tab.testid("filter-activation").is_visible()

        # Brushing the left half selects the weakest half by discriminability.
        order = _weakest_first(_layer(full, "stem.0")["metrics"]["discriminability"], "low")
        tab.drag_across("filter-brush", 0.02, 0.48)
        tab.idle()
        assert tab.layer()["selections"] == {"discriminability": sorted(order[:3])}

        # The layer's class means were fetched once: reopening it asks nothing.
        requests = tab.frame.evaluate("() => window.__graphfold.layerRequests()")
        tab.click_item("m:stem")
        tab.idle()
        _show_layer(tab, "m:stem", "m:stem.0")
        assert tab.frame.evaluate("() => window.__graphfold.layerRequests()") == requests
        assert tab.layer()["pair"] == [7, 99]


class TestCarriedThrough:
    def test_deep_link_restores_the_overlay(self, tab, stats):
        tab.open(**CNN)
        _pruning_overlay(tab)
        tab.testid("overlay-metric").select_option("apoz")
        _show_layer(tab, "m:stem", "m:stem.0")
        fragment = urllib.parse.parse_qs(tab.frame.url.split("#", 1)[1])
        assert fragment["overlay"] == ["pruning"] and fragment["metric"] == ["apoz"]
        assert fragment["ostep"] == ["0"] and fragment["layer"] == ["stem.0"]

        tab.reload_frame()
        tab.idle()
        overlay = tab.overlay()
        assert overlay["mode"] == "pruning" and overlay["metric"] == "apoz"
        assert overlay["series"] == {"run": "cnn", "tag": "filter_stats", "step": 0}
        assert tab.testid("overlay-mode").input_value() == "pruning"
        assert tab.testid("overlay-metric").input_value() == "apoz"
        assert tab.layer()["module"] == "stem.0" and tab.testid("layer-panel").is_visible()

        tab.testid("overlay-mode").select_option("none")
        tab.idle()
        assert "overlay=" not in tab.frame.url

    def test_svg_and_png_exports_carry_the_colours_and_the_legend(self, tab):
        tab.open(**CNN)
        _pruning_overlay(tab)
        fills = {c["id"] for c in tab.overlay()["colored"]}
        assert "m:head" in fills
        with tab.page.expect_download() as info:
            tab.testid("export-svg").click()
        markup = pathlib.Path(info.value.path()).read_text(encoding="utf-8")
        from xml.etree import ElementTree

        root = ElementTree.fromstring(markup)
        ns = {"s": "http://www.w3.org/2000/svg"}
        legend = root.find(".//s:g[@data-export='overlay-legend']", ns)
        assert legend is not None, "the SVG export has no overlay legend"
        texts = [t.text for t in legend.iter("{http://www.w3.org/2000/svg}text")]
        assert texts[0] == "Share of weak filters" and texts[1] == "0%" and texts[2] == "100% (weak)"
        assert "no statistics" in texts
        assert len(list(legend.iter("{http://www.w3.org/2000/svg}stop"))) > 1

        with tab.page.expect_download() as info:
            tab.testid("export-png").click()
        import numpy as np
        from PIL import Image

        with_overlay = np.asarray(Image.open(info.value.path()).convert("RGB"))
        tab.testid("overlay-mode").select_option("none")
        tab.idle()
        with tab.page.expect_download() as info:
            tab.testid("export-png").click()
        plain = np.asarray(Image.open(info.value.path()).convert("RGB"))
        # The legend adds rows under the drawing, and the coloured items change pixels above it.
        assert with_overlay.shape[0] > plain.shape[0]
        assert (with_overlay[: plain.shape[0], : plain.shape[1]] != plain[:, : with_overlay.shape[1]]).any()
