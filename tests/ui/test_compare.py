"""The pruning overlay's run comparison in Chromium, inside a real ``tensorboard``, driven only through ``docs/ui_contract.md``.

``examples/prune_digits.py`` runs at a tiny size into the log directory: run
``original`` (graph, filter statistics and accuracy at step 3) and run
``pruned`` (the same after pruning half the filters and a fine-tuning epoch, at
step 4). A copy of ``pruned`` under a name made of markup checks that run
names go in as text. What the table should show is read from the server's own
``GET overlays`` and ``GET scalars`` answers.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import urllib.parse

import pytest

from tests.support.graphfold_tab import CHROMIUM
from tests.support.tensorboard_process import running_tensorboard
from tests.ui.graphs import PAYLOAD

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "prune_digits.py"
RUNS = ("original", "pruned", PAYLOAD)
ORIGINAL = {"run": "original", "tag": "model", "source": "graphfold", "step": 3}


@pytest.fixture(scope="module")
def ui_logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare_logs")
    done = subprocess.run([sys.executable, str(EXAMPLE), "--logdir", str(root), "--epochs", "3", "--finetune-epochs", "1"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    shutil.copytree(root / "pruned", root / PAYLOAD)
    return root


def _ready(tb) -> bool:
    status, body = tb.get_json("/data/plugin/graphfold/overlays")
    runs = {o["run"] for o in body.get("overlays", [])} if status == 200 else set()
    return set(RUNS) <= runs and all(
        "accuracy" in tb.get_json(f"/data/plugin/graphfold/scalars?{urllib.parse.urlencode({'run': run})}")[1].get("scalars", {})
        for run in RUNS)


@pytest.fixture(scope="module")
def tensorboard(ui_logdir):
    with running_tensorboard(ui_logdir, ready_when=_ready) as tb:
        yield tb


@pytest.fixture(scope="module")
def server_rows(tensorboard) -> list[dict]:
    """Every readable filter_stats step of ``GET overlays``, in its order, with the run's ``GET scalars``."""
    status, body = tensorboard.get_json("/data/plugin/graphfold/overlays")
    assert status == 200, body
    rows = []
    for series in body["overlays"]:
        if series["kind"] != "filter_stats":
            continue
        _, scalars = tensorboard.get_json(f"/data/plugin/graphfold/scalars?{urllib.parse.urlencode({'run': series['run']})}")
        for step in sorted((s for s in series["steps"] if s["error"] is None), key=lambda s: s["step"]):
            rows.append({"run": series["run"], "step": step["step"], "parameters": step["parameter_count"],
                         "macs": step["macs"], "scalars": scalars["scalars"]})
    return rows


def _scalar_at(points: list, step: int) -> dict | None:
    exact = [value for s, value in points if s == step]
    if exact:
        return {"value": exact[-1], "step": step, "exact": True}
    return {"value": points[-1][1], "step": points[-1][0], "exact": False} if points else None


def _expected(rows: list[dict], baseline: int, tag: str) -> list[dict]:
    base = rows[baseline]
    out = []
    for i, row in enumerate(rows):
        pick = _scalar_at(row["scalars"].get(tag, []), row["step"])
        out.append({
            "run": row["run"], "tag": "filter_stats", "step": row["step"], "parameters": row["parameters"], "macs": row["macs"],
            "parametersChange": (row["parameters"] - base["parameters"]) / base["parameters"],
            "macsChange": (row["macs"] - base["macs"]) / base["macs"],
            "scalar": {"tag": tag, **pick} if pick else None,
            "baseline": i == baseline,
        })
    return out


def _compare_panel(tab) -> None:
    tab.open(**ORIGINAL)
    tab.testid("overlay-mode").select_option("pruning")
    tab.idle()


class TestCompare:
    def test_rows_match_the_server(self, tab, server_rows):
        _compare_panel(tab)
        assert tab.testid("compare-runs").is_visible()
        assert [(r["run"], r["step"]) for r in server_rows] == [(PAYLOAD, 4), ("original", 3), ("pruned", 4)]
        baseline = next(i for i, r in enumerate(server_rows) if r["run"] == "original")
        assert tab.compare() == _expected(server_rows, baseline, "accuracy")
        assert tab.testid("compare-scalar").input_value() == "accuracy"

        pruned = tab.testid("compare-table").locator('[data-testid="compare-row"][data-run="pruned"]')
        row = next(r for r in server_rows if r["run"] == "pruned")
        assert pruned.get_by_test_id("compare-parameters").get_attribute("title") == f"{row['parameters']:,}"
        assert pruned.get_by_test_id("compare-macs").get_attribute("title") == f"{row['macs']:,}"
        accuracy = pruned.get_by_test_id("compare-scalar-value")
        assert accuracy.get_attribute("title") == f"accuracy at step 4: {json.dumps(row['scalars']['accuracy'][-1][1])}"
        assert float(accuracy.inner_text()) == pytest.approx(row["scalars"]["accuracy"][-1][1], abs=5e-5)
        before = next(r for r in server_rows if r["run"] == "original")
        saved = 100 * (before["parameters"] - row["parameters"]) / before["parameters"]
        assert f"−{saved:.1f}%" in pruned.inner_text()

    def test_baseline_and_scalar_pickers(self, tab, server_rows):
        _compare_panel(tab)
        pruned = next(i for i, r in enumerate(server_rows) if r["run"] == "pruned")
        tab.testid("compare-baseline").select_option(str(pruned))
        tab.idle()
        assert tab.compare() == _expected(server_rows, pruned, "accuracy")
        assert tab.testid("compare-scalar").locator("option").all_text_contents() == ["accuracy", "parameters"]
        tab.testid("compare-scalar").select_option("parameters")
        tab.idle()
        rows = tab.compare()
        assert rows == _expected(server_rows, pruned, "parameters")
        # The example logs the model's parameter count as a scalar: it agrees with the filter statistics'.
        assert [r["scalar"]["value"] for r in rows] == [r["parameters"] for r in rows]

    def test_hidden_outside_pruning_and_names_are_text(self, tab):
        _compare_panel(tab)
        table = tab.testid("compare-table")
        assert PAYLOAD in table.inner_text()
        assert tab.frame.locator("img").count() == 0
        tab.testid("overlay-mode").select_option("none")
        tab.idle()
        assert tab.testid("compare-runs").is_hidden()
        assert tab.compare() == []
