"""Benchmark of the pruning overlay in Chromium at 10, 100 and 1,000 classes (issue 14's browser targets).

Usage::

    python bench/bench_overlay_browser.py [--logs DIR] [--classes 10 100 1000] [--images 8] [--runs 3]

Logs ResNet-50 (``transformers`` ``ResNetConfig()``, random weights; its graph
with ``tb_plugin.log_graph`` and its filter statistics over ``--images``
random images, labels ``i % classes``) once per class count into ``--logs``
(kept for reruns), serves them with a real ``tensorboard``, and in Chromium,
for each class count, ``--runs`` times in a fresh page:

- ``colours_ms``: from choosing "Pruning metrics" in the overlay menu to the
  frame after the overlay's colours are set (measured in the page, so it holds
  ``GET filter_summary``, its decoding and the repaint);
- ``layer_open_ms``: from asking for the widest layer's panel (2,048 filters)
  to the frame after its sparkline matrix is drawn, the first open of that
  layer in the page, on a warm server (another layer's route is fetched first:
  it waits for the step's decoding that the summary began);
- ``pick_ms``: then, from naming a class whose row is not loaded in the
  activation view's chooser to the frame after its bars are drawn (one more
  ``GET filter_layer``, of that class's row).

The largest class count is also measured as run ``c<N>seen``: its step with
every class seen (random class means, ``bench_overlay_scale.all_classes_seen``),
so the matrix's default pairs are ranked among all the classes, as with a
real dataset that a CPU bench cannot push through ResNet-50.

Figures go to the issue's closing note; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from tests.support.graphfold_tab import GraphFoldTab, launch_chromium, new_context  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

WIDEST = "encoder.stages.3.layers.0.shortcut.convolution"

_CHOOSE_PRUNING = """async () => {
  const select = document.querySelector('[data-testid="overlay-mode"]');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const start = performance.now();
  select.value = "pruning";
  select.dispatchEvent(new Event("change", { bubbles: true }));
  while (!window.__graphfold.overlay().colored.length) await frame();
  await frame();
  return performance.now() - start;
}"""

_OPEN_LAYER = """async ([module, other, query]) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // A warm server: another layer's route first waits for the step's decoding (begun by the summary).
  await (await fetch(`filter_layer?${query}&module=${encodeURIComponent(other)}`)).arrayBuffer();
  const start = performance.now();
  window.__graphfold.selectFilters(module, []);
  while (!document.querySelector('[data-testid="sparkline-matrix"]')) await frame();
  await frame();
  const layer = window.__graphfold.layer();
  const ms = performance.now() - start;
  // A class whose row is not loaded, named in the activation view's chooser (a text box above 32 classes).
  const names = [...document.querySelectorAll("#gf-class-names option")].map((o) => o.value);
  const unloaded = names.findIndex((_, c) => !layer.loadedClasses.includes(c));
  let pick = null;
  if (unloaded >= 0) {
    const box = document.querySelector('[data-testid="activation-class"]');
    const before = document.querySelector('[data-testid="filter-activation"]');
    const started = performance.now();
    box.value = names[unloaded];
    box.dispatchEvent(new Event("change"));
    while (!window.__graphfold.layer().loadedClasses.includes(unloaded) || document.querySelector('[data-testid="filter-activation"]') === before) await frame();
    await frame();
    pick = performance.now() - started;
  }
  return { ms, pick, classes: layer.matrixClasses.length };
}"""


def write_logs(root: pathlib.Path, classes: list[int], images: int) -> list[str]:
    """Log each class count as run ``c<N>`` (and the largest as ``c<N>seen``); the run names."""
    import torch
    from bench_overlay_scale import all_classes_seen, write_resnet_log
    from transformers import ResNetConfig, ResNetModel

    import tb_plugin

    def graph(run: pathlib.Path) -> None:
        torch.manual_seed(0)
        tb_plugin.log_graph(run, ResNetModel(ResNetConfig()).eval(), torch.randn(1, 3, 224, 224))

    for count in classes:
        if not (root / f"c{count}").is_dir():
            graph(root / f"c{count}")
            print(json.dumps(write_resnet_log(root, count, images, run=f"c{count}")), flush=True)
    largest = max(classes)
    if not (root / f"c{largest}seen").is_dir():
        graph(root / f"c{largest}seen")
        all_classes_seen(root, f"c{largest}", f"c{largest}seen")
    return [f"c{count}" for count in classes] + [f"c{largest}seen"]


def _ready(runs: list[str]):
    def ready(tb) -> bool:
        status, body = tb.get_json("/data/plugin/graphfold/overlays")
        return status == 200 and set(runs) <= {o["run"] for o in body["overlays"]}

    return ready


def measure(browser, url: str, run: str, runs: int) -> dict:
    colours, opens, picks = [], [], []
    for _ in range(runs):
        context = new_context(browser)
        try:
            tab = GraphFoldTab(context.new_page(), url)
            tab.open(run=run, tag="model", source="graphfold", step=0, timeout=180)
            tab.idle(180)
            colours.append(tab.frame.evaluate(_CHOOSE_PRUNING))
            tab.idle(180)
            query = f"run={run}&tag=filter_stats&step=0"
            opened = tab.frame.evaluate(_OPEN_LAYER, [WIDEST, "embedder.embedder.convolution", query])
            opens.append(opened["ms"])
            if opened["pick"] is not None:
                picks.append(opened["pick"])
        finally:
            context.close()
    return {
        "run": run, "colours_ms": [round(v) for v in colours], "colours_median_ms": round(statistics.median(colours)),
        "layer_open_ms": [round(v) for v in opens], "layer_open_median_ms": round(statistics.median(opens)),
        "pick_ms": [round(v) for v in picks], "pick_median_ms": round(statistics.median(picks)) if picks else None,
        "matrix_classes": opened["classes"],
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=pathlib.Path)
    parser.add_argument("--classes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--images", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", help="measure only these runs (of c<N>, c<N>seen)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_overlay_") as tmp, sync_playwright() as playwright:
        root = args.logs or pathlib.Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        names = write_logs(root, args.classes, args.images)
        browser = launch_chromium(playwright)
        try:
            with running_tensorboard(root, ready_when=_ready(names), timeout=600) as tb:
                for run in args.only or names:
                    print(json.dumps(measure(browser, tb.url, run, args.runs)), flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
