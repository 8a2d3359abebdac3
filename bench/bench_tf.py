"""Benchmark of GraphFold on TensorFlow 2 / Keras 3 logs, against TensorBoard's Graphs dashboard in the same run.

Usage::

    .venv/bin/python bench/bench_tf.py                 # table
    .venv/bin/python bench/bench_tf.py --json          # the same figures as JSON
    .venv/bin/python bench/bench_tf.py --logs /tmp/tf_logs --runs 5 --screenshots test-output/bench_tf

Keras ``ResNet50`` and ``MobileNetV2`` (``keras.applications``, ``weights=None``,
96×96 inputs, 10 classes) and a small Keras Transformer encoder (4 blocks,
width 64, functional, random weights) are each logged both ways by real
TensorFlow in a subprocess (``tests/capture/tf_log_writer.py``):
``tf.summary.trace_export`` of a ``tf.function`` calling the model (the op
graph), a ``run_metadata`` summary of the same graph, and
``keras.callbacks.TensorBoard(write_graph=True)`` over one training step (the
Keras conceptual graph).

Reported per model and graph, from GraphFold's own routes in a real
tensorboard process: listed (and its error, if any), nodes, modules, the
root view's drawn nodes and elements (nodes + edges + ports; target ≤ 20),
the same one click below for an op graph (whose root holds the input, the
model's module and the output), and the stacks found (``conv2/block ×3``). Then, in Debian's Chromium, with a
tensorboard per model holding only its op graph (so that both dashboards
open it by default): seconds from navigating to ``/#graphfold`` to the graph
drawn and idle (the first visit cold, then the median of ``--runs`` warm
visits) and to its first picture (the frame's first scene: a draft while ELK
starts, as TensorBoard's first node is its first picture), and from navigating to ``/#graphs&run=trace`` to TensorBoard's first
node and settled scene (``bench_tab.graphs_dashboard``), plus GraphFold's
time to draw the Keras conceptual graph. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_tab import _FIRST_SCENE_JS, LOAD_TIMEOUT, first_draw, graphs_dashboard  # noqa: E402
from tests.support.graphfold_tab import GraphFoldTab, launch_chromium, new_context  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

from tb_plugin.simplify import view_elements  # noqa: E402

MODELS = ("resnet50", "mobilenetv2", "transformer")
PREFIX = "/data/plugin/graphfold"
ROOT_VIEW_TARGET = 20


def write_logs(logdir: pathlib.Path, models) -> None:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tests.capture.tf_log_writer", str(logdir), *models], cwd=ROOT, check=True)
    print(f"TF logs of {', '.join(models)} written in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def _listed(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/graphs")
    return status == 200 and len(body["graphs"]) >= 3


def graph_figures(tb) -> list[dict]:
    """Per listed graph: its source, counts, root view and stacks, from GraphFold's routes."""
    _, body = tb.get_json(f"{PREFIX}/graphs")
    rows = []
    for entry in body["graphs"]:
        query = urllib.parse.urlencode({"run": entry["run"], "tag": entry["tag"], "source": entry["source"]})
        row = {"run": entry["run"], "tag": entry["tag"], "label": entry["label"], "error": entry["steps"][-1]["error"]}
        start = time.perf_counter()
        status, stats = tb.get_json(f"{PREFIX}/stats?{query}")
        row["stats_s"] = round(time.perf_counter() - start, 2)
        if status != 200:
            row["error"] = stats.get("error", {}).get("message", status)
            rows.append(row)
            continue
        view = stats["default_view"]
        row.update(nodes=view["original_nodes"], modules=stats["graph"]["modules"],
                   root_nodes=view["simplified_nodes"], root_elements=view["simplified_elements"],
                   **_model_level(tb, query),
                   stacks=[f"{s['parent'] or '(root)'}: {_last(s['members'][0])}…{_last(s['members'][-1])} ×{s['count']}"
                           for s in stats["stacks"]])
        rows.append(row)
    return rows


def _last(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _model_level(tb, query: str) -> dict:
    """The view one click below the root when the root holds one module (an op graph's model): its counts."""
    _, root = tb.get_json(f"{PREFIX}/view?{query}&module=")
    modules = [c for c in root["children"] if c["type"] == "module"]
    if len(modules) != 1:
        return {}
    _, inner = tb.get_json(f"{PREFIX}/view?{query}&" + urllib.parse.urlencode({"module": modules[0]["path"]}))
    counts = view_elements(inner)
    return {"model_module": modules[0]["path"], "model_nodes": counts["nodes"], "model_elements": counts["elements"]}


def first_picture(browser, url: str, runs: int) -> dict:
    """Seconds from navigating to ``/#graphfold`` to the frame's first scene (a draft while ELK starts), warm visits."""
    seconds = []
    for _ in range(runs):
        context = new_context(browser)
        try:
            tab = GraphFoldTab(context.new_page(), url)
            tab.open(timeout=LOAD_TIMEOUT)
            first_at = tab.frame.evaluate(f"performance.timeOrigin + ({_FIRST_SCENE_JS})()")
            seconds.append((first_at - tab.page.evaluate("performance.timeOrigin")) / 1000)
        finally:
            context.close()
    return {"first_picture_s": seconds, "first_picture_median_s": statistics.median(seconds)}


def _only_run(logdir: pathlib.Path, run: str, into: pathlib.Path) -> pathlib.Path:
    """A logdir holding a copy of ``run`` alone."""
    shutil.copytree(logdir / run, into / run)
    return into


def measure_model(browser, logs: pathlib.Path, model: str, runs: int, screenshots: pathlib.Path | None, tmp) -> dict:
    shot = (lambda name: screenshots / f"{model}_{name}.png") if screenshots else (lambda name: None)
    result = {}
    with running_tensorboard(logs / model, ready_when=_listed, tensorflow=True) as tb:
        result["graphs"] = graph_figures(tb)
    op_graph_dir = _only_run(logs / model, "trace", pathlib.Path(tmp) / f"{model}_op")
    with running_tensorboard(op_graph_dir, ready_when=_listed_one, tensorflow=True) as tb:
        result["graphfold_op_graph"] = first_draw(browser, tb.url, runs, shot("graphfold_op"))
        result["graphfold_op_graph"].update(first_picture(browser, tb.url, runs))
        result["tensorboard_op_graph"] = graphs_dashboard(browser, tb.url, "trace", runs, shot("tensorboard_op"))
    keras_dir = _only_run(logs / model, "fit", pathlib.Path(tmp) / f"{model}_keras")
    with running_tensorboard(keras_dir, ready_when=_listed_one, tensorflow=True) as tb:
        result["graphfold_keras_graph"] = first_draw(browser, tb.url, runs, shot("graphfold_keras"))
    gf, tbd = result["graphfold_op_graph"], result["tensorboard_op_graph"]
    result["tensorboard_settled_over_graphfold_warm"] = tbd["settled_median_s"] / gf["warm_median_s"]
    result["tensorboard_first_node_over_graphfold_warm"] = tbd["first_node_median_s"] / gf["warm_median_s"]
    result["tensorboard_first_node_over_graphfold_cold"] = tbd["first_node_median_s"] / gf["cold_s"]
    result["tensorboard_first_node_over_graphfold_first_picture"] = tbd["first_node_median_s"] / gf["first_picture_median_s"]
    return result


def _listed_one(tb) -> bool:
    status, body = tb.get_json(f"{PREFIX}/graphs")
    return status == 200 and len(body["graphs"]) >= 1


def run_all(args) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_tf_") as tmp, sync_playwright() as playwright:
        logs = args.logs or pathlib.Path(tmp) / "logs"
        missing = [m for m in args.models if not (logs / m / "trace").is_dir()]
        if missing:
            write_logs(logs, missing)
        browser = launch_chromium(playwright)
        try:
            for model in args.models:
                results[model] = measure_model(browser, logs, model, args.runs, args.screenshots, tmp)
                print(f"{model} measured", file=sys.stderr, flush=True)
        finally:
            browser.close()
    return results


def print_table(results: dict) -> None:
    print(f"{'model':<12} {'graph':<28} {'nodes':>6} {'modules':>7} {'root nodes/elems':>16} "
          f"{'model nodes/elems':>17}  stacks / error")
    for model, r in results.items():
        for g in r["graphs"]:
            detail = g["error"] or "; ".join(g.get("stacks", [])[:6]) or "-"
            print(f"{model:<12} {g['label']:<28} {g.get('nodes', '-'):>6} {g.get('modules', '-'):>7} "
                  f"{g.get('root_nodes', '-'):>7}/{g.get('root_elements', '-'):<8} "
                  f"{g.get('model_nodes', '-'):>8}/{g.get('model_elements', '-'):<8}  {detail}")
    print()
    print(f"{'model':<12} {'GraphFold op cold':>17} {'GF first picture':>16} {'GF op warm':>10} {'TB first node':>13} "
          f"{'TB settled':>10} {'TB first/GF first':>17} {'TB settled/GF':>13} {'GF keras warm':>13}")
    for model, r in results.items():
        gf, tb, keras = r["graphfold_op_graph"], r["tensorboard_op_graph"], r["graphfold_keras_graph"]
        print(f"{model:<12} {gf['cold_s']:>16.2f}s {gf['first_picture_median_s']:>15.2f}s {gf['warm_median_s']:>9.2f}s "
              f"{tb['first_node_median_s']:>12.2f}s {tb['settled_median_s']:>9.2f}s "
              f"{r['tensorboard_first_node_over_graphfold_first_picture']:>16.2f}x "
              f"{r['tensorboard_settled_over_graphfold_warm']:>12.2f}x {keras['warm_median_s']:>12.2f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm visits per graph and dashboard (default 3)")
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=MODELS)
    parser.add_argument("--logs", type=pathlib.Path, metavar="DIR",
                        help="write the TF logs into DIR and keep them; models already there are reused")
    parser.add_argument("--screenshots", type=pathlib.Path, metavar="DIR", help="save a screenshot of each measured page")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args()
    results = run_all(args)
    print(json.dumps(results, indent=2) if args.json else "", end="")
    if not args.json:
        print_table(results)


if __name__ == "__main__":
    main()
