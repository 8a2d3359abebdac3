"""The training-dynamics overlay in Chromium, inside a real ``tensorboard``, driven only through ``docs/ui_contract.md``.

Three runs of the pruning tests' tiny residual CNN, from one initialisation
with three learning rates (one run named after markup), each log their graph
with ``tb_plugin.log_graph``, then at steps 0–3 their weight graph with
``tb_plugin.log_weight_graph`` and their accuracy with
``SummaryWriter.add_scalar``, with a few SGD steps between logs so the
properties change. What the tab should show is computed here from the
server's own ``GET weight_graph`` and ``GET scalars`` answers.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pytest

from tests.support.graphfold_tab import CHROMIUM
from tests.support.tensorboard_process import running_tensorboard
from tests.ui.graphs import PAYLOAD
from tests.ui.test_overlay import NEUTRAL, tiny_cnn

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

RUNS = {"lr0.03": 0.03, "lr0.3": 0.3, PAYLOAD: 0.1}
STEPS = 4
GRAPH = {"run": "lr0.03", "tag": "model", "source": "graphfold", "step": 0}
STATISTICS = ("mean", "std", "median", "max")


@pytest.fixture(scope="module")
def ui_logdir(tmp_path_factory):
    import torch
    from torch.nn import functional
    from torch.utils.tensorboard import SummaryWriter

    import tb_plugin

    root = tmp_path_factory.mktemp("dynamics_logs")
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(48, 1, 8, 8, generator=generator)
    y = torch.bucketize(x[:, 0, :4].mean(dim=(1, 2)), torch.tensor([-0.2, 0.2]))  # 3 classes the CNN can learn
    for run, lr in RUNS.items():
        model = tiny_cnn()  # one initialisation, three learning rates
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        with SummaryWriter(root / run) as writer:
            tb_plugin.log_graph(writer, model, (x[:2],), tag="model")
            for step in range(STEPS):
                tb_plugin.log_weight_graph(writer, model, step=step, example_inputs=(x[:2],))
                with torch.no_grad():
                    writer.add_scalar("accuracy", float((model(x).argmax(1) == y).float().mean()), step)
                model.train()
                for _ in range(3):
                    optimizer.zero_grad()
                    functional.cross_entropy(model(x), y).backward()
                    optimizer.step()
                model.eval()
    return root


def _get(tb, route: str, **query):
    status, body = tb.get_json(f"/data/plugin/graphfold/{route}?{urllib.parse.urlencode(query)}")
    return body if status == 200 else None


def _ready(tb) -> bool:
    overlays = _get(tb, "overlays") or {"overlays": []}
    steps = {o["run"]: sum(s["error"] is None for s in o["steps"]) for o in overlays["overlays"] if o["kind"] == "weight_graph"}
    return all(steps.get(run) == STEPS and len((_get(tb, "scalars", run=run) or {}).get("scalars", {}).get("accuracy", [])) == STEPS
               for run in RUNS)


@pytest.fixture(scope="module")
def tensorboard(ui_logdir):
    with running_tensorboard(ui_logdir, ready_when=_ready) as tb:
        yield tb


@pytest.fixture(scope="module")
def series(tensorboard) -> dict[str, dict]:
    """Each run's ``GET weight_graph`` answer, in the order ``GET overlays`` lists the runs."""
    overlays = _get(tensorboard, "overlays")["overlays"]
    return {o["run"]: _get(tensorboard, "weight_graph", run=o["run"], tag=o["tag"]) for o in overlays if o["kind"] == "weight_graph"}


@pytest.fixture(scope="module")
def scalars(tensorboard) -> dict[str, dict]:
    return {run: _get(tensorboard, "scalars", run=run)["scalars"] for run in RUNS}


def _stat(summary: dict, stat: str) -> float:
    return {"mean": summary["mean"], "std": summary["std"], "median": summary["quantiles"][2], "max": summary["quantiles"][4]}[stat]


def _value(step: dict, prefix: str, prop: str = "weighted_degree", stat: str = "mean") -> float:
    """The overlay's value of module ``prefix``: its layers' statistic weighted by node count."""
    layers = [l for l in step["layers"] if l["module"] == prefix or l["module"].startswith(prefix + ".")]
    return sum(_stat(l["properties"][prop], stat) * l["node_count"] for l in layers) / sum(l["node_count"] for l in layers)


def _expected_summary(series: dict, scalars: dict, k: int, tag: str = "accuracy") -> dict:
    """The summary as the contract defines its JSON export, from the server's answers."""
    runs, steps = {}, {}
    for run, wg in series.items():
        readable = sorted((s for s in wg["steps"] if s["error"] is None), key=lambda s: s["step"])[:k]
        steps[run] = [s["step"] for s in readable]
        modules: dict = {}
        for i, step in enumerate(readable):
            for layer in step["layers"]:
                for prop, summary in layer["properties"].items():
                    stats = modules.setdefault(layer["module"], {}).setdefault(prop, {s: [None] * len(readable) for s in STATISTICS})
                    for stat in STATISTICS:
                        stats[stat][i] = _stat(summary, stat)
        runs[run] = modules
    final = {run: scalars[run][tag][-1][1] if scalars[run].get(tag) else None for run in series}
    return {"k": k, "steps": steps, "runs": runs, "scalar": tag, "final": final}


def _dynamics_overlay(tab) -> None:
    tab.open(**GRAPH)
    tab.testid("overlay-mode").select_option("dynamics")
    tab.idle()


class TestDynamics:
    def test_slider_colours_layers_by_the_step(self, tab, series):
        own = series[GRAPH["run"]]["steps"]
        tab.open(**GRAPH)
        assert tab.testid("overlay-mode").locator("option").all_text_contents() == ["None", "Training dynamics"]
        _dynamics_overlay(tab)
        # Sparklines depend on the zoom: fit the drawing to the canvas it has now, as a user would
        # (the first fit can run before the frame has its final size).
        tab.testid("fit-button").click()
        tab.idle()
        dynamics = tab.dynamics()
        assert dynamics["series"] == {"run": GRAPH["run"], "tag": "weight_graph"}
        assert (dynamics["property"], dynamics["stat"], dynamics["step"]) == ("weighted_degree", "mean", STEPS - 1)
        # "blocks" only wraps its stack of two blocks: the root draws the stack, which stands for all of "blocks"
        roots = {"m:stem": "stem", "s:blocks.0": "blocks", "m:head": "head"}
        assert {c["id"]: c["value"] for c in dynamics["colored"]} == pytest.approx(
            {i: _value(own[-1], path) for i, path in roots.items()}, rel=1e-12)
        assert dynamics["sparklines"] == len(roots), "every module at the root is large enough for its sparkline"
        every = [_stat(l["properties"]["weighted_degree"], "mean") for s in own for l in s["layers"]]
        assert dynamics["range"] == pytest.approx([min(every), max(every)], rel=1e-12)
        fill = tab.item_fill("m:head")
        assert fill != NEUTRAL and fill[0] > fill[2], f"m:head is drawn {fill}, not in the orange scale"

        tab.set_range("dynamics-step", 0)
        first = {c["id"]: c["value"] for c in tab.dynamics()["colored"]}
        assert tab.dynamics()["step"] == 0
        assert first == pytest.approx({i: _value(own[0], path) for i, path in roots.items()}, rel=1e-12)
        assert first["m:stem"] != pytest.approx(_value(own[-1], "stem"), rel=1e-9), "training did not change the stem"
        assert tab.testid("dynamics-step-label").inner_text() == f"step 0 (1 of {STEPS})"

        tab.testid("dynamics-stat").select_option("max")
        tab.testid("dynamics-property").select_option("eigenvector_centrality")
        tab.idle()
        tab.ensure_open("m:head")
        colored = {c["id"]: c["value"] for c in tab.dynamics()["colored"]}
        assert colored["m:head.0"] == pytest.approx(_value(own[0], "head.0", "eigenvector_centrality", "max"), rel=1e-12)
        assert colored["m:head"] == pytest.approx(_value(own[0], "head", "eigenvector_centrality", "max"), rel=1e-12)
        assert tab.overlay()["colored"] == tab.dynamics()["colored"]

    def test_layer_panel_history_and_top_channels(self, tab, series):
        own = series[GRAPH["run"]]["steps"]
        _dynamics_overlay(tab)
        tab.ensure_open("m:stem")
        tab.click_item("m:stem.0")
        tab.idle()
        assert tab.testid("dynamics-layer").is_visible()
        layer = tab.dynamics()["layer"]
        summaries = [next(l for l in s["layers"] if l["module"] == "stem.0")["properties"]["weighted_degree"] for s in own]
        assert layer["module"] == "stem.0"
        assert [(h["step"], h["mean"], h["std"], h["quantiles"]) for h in layer["history"]] == [
            (s["step"], p["mean"], p["std"], p["quantiles"]) for s, p in zip(own, summaries)]
        assert layer["top"] == summaries[-1]["top"]
        assert tab.testid("dynamics-top").get_by_test_id("dynamics-top-channel").count() == len(summaries[-1]["top"])
        assert tab.testid("dynamics-layer-chart").is_visible()

    def test_summary_compares_runs_and_exports(self, tab, series, scalars):
        _dynamics_overlay(tab)
        panel = tab.testid("dynamics-summary")
        assert panel.is_visible()
        assert panel.get_by_test_id("summary-run").all_text_contents() == list(series)
        assert tab.summary() == _expected_summary(series, scalars, k=min(5, STEPS))
        tab.testid("summary-k").fill("3")
        tab.testid("summary-k").dispatch_event("change")
        tab.idle()
        summary = tab.summary()
        assert summary == _expected_summary(series, scalars, k=3)

        name, text = tab.download_text("summary-export-json")
        assert name == "training_summary_k3.json" and json.loads(text) == summary
        name, text = tab.download_text("summary-export-csv")
        assert name == "training_summary_k3.csv"
        rows = list(csv.DictReader(io.StringIO(text)))
        assert text.splitlines()[0] == "run,module,property,statistic,step,value"
        expected = [(run, module, prop, stat, str(summary["steps"][run][i]), value)
                    for run, modules in summary["runs"].items() for module, props in modules.items()
                    for prop, stats in props.items() for stat in STATISTICS for i, value in enumerate(stats[stat])]
        assert [(r["run"], r["module"], r["property"], r["statistic"], r["step"], float(r["value"])) for r in rows] == expected

    def test_selected_layer_is_highlighted_and_names_are_text(self, tab):
        _dynamics_overlay(tab)
        tab.ensure_open("m:head")
        tab.click_item("m:head.0")
        tab.idle()
        selected = tab.testid("summary-table").locator('[data-testid="summary-layer"][data-module="head.0"]')
        assert "gf-row-selected" in selected.get_attribute("class")
        features = tab.testid("summary-table").get_by_test_id("summary-feature")
        assert features.count() == 2 * len(STATISTICS)
        assert PAYLOAD in tab.testid("dynamics-summary").inner_text()
        assert tab.frame.locator("img").count() == 0
