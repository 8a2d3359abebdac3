"""Benchmark of the GraphFold tab in Chromium, against real tensorboard processes.

Usage::

    .venv/bin/python bench/bench_tab.py            # table
    .venv/bin/python bench/bench_tab.py --json     # the same figures as JSON
    .venv/bin/python bench/bench_tab.py --runs 5 --pan-seconds 5 --screenshots test-output/bench
    .venv/bin/python bench/bench_tab.py --first-paint   # only issue 13's targets (BERT-base, GPT-2 add_graph, flat)

Logs are written by the real APIs into a temporary directory: BERT-base with
``SummaryWriter.add_graph`` (a GraphDef), a 96-layer GPT-2 with
``tb_plugin.log_graph`` and with ``SummaryWriter.add_graph`` (≈10,700
GraphDef nodes), and a synthetic flat graph of ~4,200 ops and ~6,350 edges
written with ``tb_plugin.summary.write_graph``. Each gets its own
tensorboard, so the tab's default graph is the one measured. Everything is
measured in Debian's Chromium (``/usr/bin/chromium``) through the hooks of
``docs/ui_contract.md`` only:

- opening the tab: TensorBoard already open on another dashboard, from the
  click on the GraphFold tab to the graph drawn (``tab_click``); this is what
  a user waits for.
- first draw: from navigating to ``/#graphfold`` to the first non-empty
  ``items()`` followed by ``idle()``, timed inside the page from its
  navigation start (``performance.timeOrigin``). The first visit after the
  server starts is *cold* (the server decodes and folds the graph); the
  median is over ``--runs`` later visits with the server's cache *warm*. Every
  visit is a fresh browser context (empty HTTP cache) and lays the view out
  again in the tab's worker. Also reported: when TensorBoard's shell created
  the plugin frame, the part of the time that is not GraphFold's.
- TensorBoard's Graphs dashboard opened the same way, in the same run, on
  the same ``add_graph`` log (``graphs_click``): from the click on its tab to
  its first ``g.node`` and to its scene settled (see below). Issue 13's
  targets: GraphFold's click at most half of TensorBoard's for BERT-base, a
  third for the 96-layer GPT-2.
- inside the frame (``in_frame``): from the plugin frame's navigation
  (its ``performance.timeOrigin``) to the first scene handed to the canvas
  (the ``graphfold:first-scene`` mark), with the server warm and a fresh
  browser profile; then a *revisit*: the frame reloaded in the same profile
  (HTTP cache and the IndexedDB layout cache kept), with the number of layouts
  its worker ran (``graphfold:layout-run`` marks; 0 when the cache served).
- a large flat view (the synthetic one): in-frame time to its first scene
  (a draft when ELK is slow, ``frontend/src/draft_layout.ts``) and to the
  final layout (``idle()``).
- open module / stack (BERT-base): from calling ``toggle(id)`` to its promise
  (drawn) and ``idle()``; opened and closed repeatedly, the first open is cold.
- pan/zoom: the synthetic view fitted to the screen, then a
  ``requestAnimationFrame`` loop calling ``panZoom`` every frame; frame times
  are the intervals between animation frames.
- TensorBoard's Graphs dashboard on the same BERT-base GraphDef, timed the
  same way from navigating to ``/#graphs&run=...``: to the first ``g.node``
  element inside the shadow root of ``tf-graph-scene`` (its SVG scene;
  ``g.node`` groups appear once its layout and scene building finish), and to
  the scene *settled*: the nodes grow in and a 500 ms fit-to-screen zoom
  follows, so the settled time is the last change of the ``#root`` zoom
  transform or of the first node's box, after 500 ms without one. GraphFold
  does not animate: ``idle()`` resolves on its final frame. Ratios are
  TensorBoard's median over GraphFold's.

Figures go to the closing notes of the issues; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import re
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "examples")]

from tests.support.graphfold_tab import VIEWPORT, GraphFoldTab, launch_chromium, new_context  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

LOAD_TIMEOUT = 600.0
BERT_MODULE = "m:embeddings"
BERT_STACK_PATH = ("m:encoder", "m:encoder.layer")  # the tab opens encoder.layer along with encoder
BERT_STACK = "s:encoder.layer.0"

# The start of an async script in TensorBoard's page: waits for the Graphs dashboard's scene
# (``tf-graph-scene``, in shadow roots) to show its first node; then `scene`, `frame()` (the next
# animation frame) and `now()` (epoch ms) are defined. bench_expand.py starts its script the same way.
TB_SCENE_READY_JS = """
  const QUIET_MS = 500;
  const findScene = (root) => {
    for (const element of root.querySelectorAll("*")) {
      if (element.localName === "tf-graph-scene") return element;
      if (element.shadowRoot) {
        const found = findScene(element.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const now = () => performance.timeOrigin + performance.now();
  let scene = null;
  while (!(scene && scene.shadowRoot && scene.shadowRoot.querySelector("g.node"))) {
    scene = scene || findScene(document);
    await frame();
  }
"""

# Records in the top page when TensorBoard's Graphs dashboard first shows a node, and when
# its scene settles: nodes grow in and a 500 ms fit-to-screen zoom follows, so the scene is
# settled at the last change of the zoom transform or of a node's size, once they have held
# still for QUIET_MS. Both are epoch times in ms.
_GRAPHS_DASHBOARD_TIMER_JS = """
window.__tbGraphDrawn = (async () => {""" + TB_SCENE_READY_JS + """  const first = now();
  let settled = first, last = null;
  while (now() - settled < QUIET_MS) {
    const root = scene.shadowRoot.querySelector("#root");
    const box = scene.shadowRoot.querySelector("g.node").getBoundingClientRect();
    const state = `${root && root.getAttribute("transform")} ${box.x} ${box.y} ${box.width} ${box.height}`;
    if (state !== last) [last, settled] = [state, now()];
    await frame();
  }
  return { first, settled };
})();
"""

_TIMED_TOGGLE_JS = """async (id) => {
  const start = performance.now();
  await window.__graphfold.toggle(id);
  await window.__graphfold.idle();
  return performance.now() - start;
}"""

# Pans along a circle of `radius` px and zooms within ±`zoom` around the fitted view,
# one panZoom call per animation frame, for `seconds`.
_PAN_ZOOM_LOOP_JS = """async ([seconds, radius, zoom]) => {
  const api = window.__graphfold;
  const frames = [], drawMs = [], visible = [];
  const position = (i) => [radius * Math.sin(i / 25), radius * Math.cos(i / 25) - radius, 1 + zoom * Math.sin(i / 40)];
  let i = 0;
  await new Promise((resolve) => {
    const start = performance.now();
    const step = (now) => {
      frames.push(now);
      const s = api.stats();
      drawMs.push(s.lastFrameMs);
      visible.push(s.drawnNodes + s.drawnEdges + s.drawnPorts);
      if (now - start >= seconds * 1000) return resolve();
      const [x0, y0, z0] = position(i), [x1, y1, z1] = position(++i);
      api.panZoom(x1 - x0, y1 - y0, z1 / z0);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await api.idle();
  return { frames, drawMs, visible, stats: api.stats() };
}"""


# -- logs -----------------------------------------------------------------------------
def wide_random_dag(layers: int = 40, width: int = 105, seed: int = 0):
    """A flat graph (every op in the root module) of ``layers × width`` ops, each reading 1–2 ops of the layer above.

    Every edge spans one layer and no tensor has an outlying fan-out, so the
    passes prune nothing; random op types leave almost nothing to group.
    """
    from tb_plugin import ir

    ops = ["aten.add.Tensor", "aten.mul.Tensor", "aten.relu.default", "aten.tanh.default", "aten.sigmoid.default",
           "aten.sub.Tensor", "aten.div.Tensor", "aten.gelu.default", "aten.exp.default", "aten.neg.default",
           "aten.abs.default", "aten.sqrt.default"]
    rng = random.Random(seed)
    tensor = (ir.TensorType((1, 64), "float32"),)
    g = ir.Graph(name="wide_random_dag", source_format=ir.SourceFormat.TORCH_EXPORT, producer="bench_tab")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=tensor))
    above = ["x"]
    for layer in range(layers):
        current = []
        for j in range(width):
            inputs = rng.sample(above, min(rng.choice((1, 2)), len(above)))
            name = f"op_{layer}_{j}"
            g.add_node(ir.Node(name, rng.choice(ops), inputs=tuple(ir.InputRef(i) for i in inputs), outputs=tensor))
            current.append(name)
        above = current
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=tuple(ir.InputRef(i) for i in above)))
    return g


def write_logs(tmp: pathlib.Path, first_paint_only: bool = False) -> dict[str, pathlib.Path]:
    """One logdir per measured graph; returns them by name."""
    import demo_models
    from torch.utils.tensorboard import SummaryWriter

    import tb_plugin
    from tb_plugin.summary import write_graph

    logdirs = {name: tmp / name for name in ("bert", "gpt2", "gpt2_graphdef", "flat")}
    steps = [
        ("add_graph BERT-base", lambda: _add_graph(SummaryWriter, logdirs["bert"] / "bert-base", demo_models.bert_base())),
        ("log_graph GPT-2 96 layers", lambda: tb_plugin.log_graph(logdirs["gpt2"] / "gpt2-96", *demo_models.gpt2_deep(),
                                                                   tag="gpt2-96")),
        ("add_graph GPT-2 96 layers", lambda: _add_graph(SummaryWriter, logdirs["gpt2_graphdef"] / "gpt2-96",
                                                          demo_models.gpt2_deep())),
        ("write_graph wide random DAG", lambda: write_graph(logdirs["flat"] / "flat", wide_random_dag(), tag="flat")),
    ]
    if first_paint_only:
        steps = [step for step in steps if not step[0].startswith("log_graph")]
    for label, step in steps:
        start = time.perf_counter()
        step()
        print(f"{label:<30} {time.perf_counter() - start:6.1f} s", file=sys.stderr, flush=True)
    return logdirs


def _add_graph(writer_class, logdir, model_and_inputs) -> None:
    model, inputs = model_and_inputs
    with writer_class(logdir) as writer:
        writer.add_graph(model, inputs, use_strict_trace=False)


def _graphfold_enabled(tb) -> bool:
    # Asks only TensorBoard itself, so that GraphFold's cache stays cold until the first visit.
    status, listing = tb.get_json("/data/plugins_listing")
    return status == 200 and listing.get("graphfold", {}).get("enabled", False)


# -- measurements -------------------------------------------------------------------------
def first_draw(browser, url: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from navigation to drawn: the cold first visit, then ``runs`` warm ones.

    ``frame_start_s`` is when TensorBoard's shell created the plugin frame: the
    part of the time that is TensorBoard's own, the same for every plugin.
    """
    visits = []
    for _ in range(1 + runs):
        context = new_context(browser)
        try:
            tab = GraphFoldTab(context.new_page(), url)
            drawn = tab.open(timeout=LOAD_TIMEOUT)
            frame_start = tab.frame.evaluate("performance.timeOrigin") - tab.page.evaluate("performance.timeOrigin")
            visits.append({"drawn_s": drawn, "frame_start_s": frame_start / 1000, **tab.stats()})
            _check_events(tab, screenshot)
        finally:
            context.close()
    warm = visits[1:]
    return {
        "cold_s": visits[0]["drawn_s"],
        "cold_layout_ms": visits[0]["layoutMs"],
        "warm_s": [v["drawn_s"] for v in warm],
        "warm_median_s": statistics.median(v["drawn_s"] for v in warm),
        "warm_frame_start_median_s": statistics.median(v["frame_start_s"] for v in warm),
        "warm_layout_median_ms": statistics.median(v["layoutMs"] for v in warm),
        "drawn_nodes": warm[-1]["drawnNodes"],
        "drawn_edges": warm[-1]["drawnEdges"],
    }


def tab_click(browser, url: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from clicking the GraphFold tab in an already loaded TensorBoard to the graph drawn.

    This is "opening the tab" as a user does it: TensorBoard is open on another
    dashboard (Time Series), so TensorBoard's own start-up is not counted; the
    plugin frame, its scripts, the layout worker, the server requests and the
    layout all are. Every visit is a fresh browser context; the server's cache is warm.
    Two moments: the first picture (the frame's first scene, a draft while ELK
    starts) and the graph drawn and idle (the real layout).
    """
    seconds, first_picture = [], []
    for _ in range(runs):
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(f"{url.rstrip('/')}/#timeseries", wait_until="networkidle")
            button = page.get_by_text("GraphFold", exact=False).first
            button.wait_for(timeout=LOAD_TIMEOUT * 1000)
            clicked_at = page.evaluate("performance.timeOrigin + performance.now()")
            button.click()
            tab = GraphFoldTab(page, url)
            drawn_s = tab.wait_drawn(LOAD_TIMEOUT)
            seconds.append(drawn_s - (clicked_at - page.evaluate("performance.timeOrigin")) / 1000)
            first_at = tab.frame.evaluate(f"performance.timeOrigin + ({_FIRST_SCENE_JS})()")
            first_picture.append((first_at - clicked_at) / 1000)
            _check_events(tab, screenshot)
        finally:
            context.close()
    return {"click_to_drawn_s": seconds, "median_s": statistics.median(seconds),
            "click_to_first_picture_s": first_picture, "first_picture_median_s": statistics.median(first_picture)}


def _check_events(tab, screenshot: pathlib.Path | None) -> None:
    """Save a screenshot when asked; complain on stderr about errors the page reported (figures may be off)."""
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(screenshot))
    for problem in tab.events.errors + tab.events.dialogs:
        print(f"warning: the page reported {problem}", file=sys.stderr)


def toggles(browser, url: str, repeats: int, screenshot: pathlib.Path | None) -> dict:
    """Milliseconds from ``toggle()`` to drawn, for a module and for a stack of BERT-base."""
    context = new_context(browser)
    try:
        tab = GraphFoldTab(context.new_page(), url)
        tab.open(timeout=LOAD_TIMEOUT)
        module = _open_close(tab, BERT_MODULE, repeats)
        for item in BERT_STACK_PATH:
            tab.ensure_open(item, timeout=LOAD_TIMEOUT)
        stack = _open_close(tab, BERT_STACK, repeats)
        tab.toggle(BERT_STACK, timeout=LOAD_TIMEOUT)
        _check_events(tab, screenshot)
    finally:
        context.close()
    return {"module": module, "stack": stack}


def _open_close(tab, item: str, repeats: int) -> dict:
    tab.item(item)
    opened = []
    for _ in range(repeats):
        opened.append(tab.frame.evaluate(_TIMED_TOGGLE_JS, item))
        tab.frame.evaluate(_TIMED_TOGGLE_JS, item)  # close again
    return {"id": item, "cold_ms": opened[0], "warm_ms": opened[1:], "warm_median_ms": statistics.median(opened[1:])}


def pan_zoom(browser, url: str, seconds: float, screenshot: pathlib.Path | None) -> dict:
    context = new_context(browser)
    try:
        tab = GraphFoldTab(context.new_page(), url)
        load_s = tab.open(timeout=LOAD_TIMEOUT)
        tab.testid("fit-button").click()
        tab.idle(timeout=LOAD_TIMEOUT)
        fitted = tab.stats()
        result = tab.frame.evaluate(_PAN_ZOOM_LOOP_JS, [seconds, 40, 0.1])
        _check_events(tab, screenshot)
    finally:
        context.close()
    frames = result["frames"]
    intervals = sorted(b - a for a, b in zip(frames, frames[1:]))
    return {
        "load_s": load_s,
        "fitted": {k: fitted[k] for k in ("drawnNodes", "drawnEdges", "drawnPorts", "totalElements")},
        "frames": len(intervals),
        "mean_fps": 1000 * len(intervals) / (frames[-1] - frames[0]),
        "p95_frame_ms": intervals[min(len(intervals) - 1, int(0.95 * len(intervals)))],
        "max_frame_ms": intervals[-1],
        "mean_draw_ms": statistics.fmean(result["drawMs"]),
        "min_visible": min(result["visible"]),
        "after": {k: result["stats"][k] for k in ("drawnNodes", "drawnEdges", "drawnPorts", "totalElements")},
    }


def graphs_dashboard(browser, url: str, run: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from navigating to TensorBoard's Graphs dashboard to its first node and to its settled scene."""
    first, settled = [], []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(_GRAPHS_DASHBOARD_TIMER_JS)
            page = context.new_page()
            page.goto(f"{url}/#graphs&run={run}", wait_until="commit")
            drawn = page.evaluate("() => window.__tbGraphDrawn")
            start = page.evaluate("performance.timeOrigin")
            first.append((drawn["first"] - start) / 1000)
            settled.append((drawn["settled"] - start) / 1000)
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
    return _first_and_settled(first, settled)


def _first_and_settled(first: list[float], settled: list[float]) -> dict:
    """TensorBoard's times to its first node and to its settled scene, each with its median."""
    return {"first_node_s": first, "first_node_median_s": statistics.median(first),
            "settled_s": settled, "settled_median_s": statistics.median(settled)}


_START_GRAPHS_TIMER_JS = "() => { " + _GRAPHS_DASHBOARD_TIMER_JS + "; return true; }"
_FIRST_SCENE_JS = "() => (performance.getEntriesByName('graphfold:first-scene')[0] || {startTime: null}).startTime"
_LAYOUT_RUNS_JS = "() => performance.getEntriesByName('graphfold:layout-run').length"


def graphs_click(browser, url: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from clicking the Graphs tab in an already loaded TensorBoard to its first node and its settled scene.

    The same as :func:`tab_click`, for TensorBoard's own Graphs dashboard; its
    timer starts at the click, so that nothing scans the page before.
    """
    first, settled = [], []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url.rstrip('/')}/#timeseries", wait_until="networkidle")
            # TensorBoard's tab shows the plugin's name, "graphs" (upper-cased by CSS).
            button = page.get_by_role("tab", name=re.compile(r"^\s*graphs\s*$", re.IGNORECASE)).first
            button.wait_for(timeout=LOAD_TIMEOUT * 1000)
            page.evaluate(_START_GRAPHS_TIMER_JS)
            clicked_at = page.evaluate("performance.timeOrigin + performance.now()")
            button.click()
            drawn = page.evaluate("() => window.__tbGraphDrawn")
            first.append((drawn["first"] - clicked_at) / 1000)
            settled.append((drawn["settled"] - clicked_at) / 1000)
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
    return _first_and_settled(first, settled)


def in_frame(browser, url: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Milliseconds inside the plugin frame from its navigation to the first scene, then on a revisit.

    Each run is a fresh browser profile on a warm server: the frame's first
    load, then the frame reloaded in the same profile (HTTP cache and
    IndexedDB layout cache kept). Also the time to drawn-and-idle, and the
    layouts the revisit ran.
    """
    first, idle, revisit, revisit_runs, first_runs = [], [], [], [], []
    for _ in range(runs):
        context = new_context(browser)
        try:
            tab = GraphFoldTab(context.new_page(), url)
            tab.open(timeout=LOAD_TIMEOUT)
            first.append(tab.frame.evaluate(_FIRST_SCENE_JS))
            first_runs.append(tab.frame.evaluate(_LAYOUT_RUNS_JS))
            idle.append(tab.frame.evaluate("window.__graphfoldFirstDrawn") - tab.frame.evaluate("performance.timeOrigin"))
            tab.reload_frame(timeout=LOAD_TIMEOUT)
            revisit.append(tab.frame.evaluate(_FIRST_SCENE_JS))
            revisit_runs.append(tab.frame.evaluate(_LAYOUT_RUNS_JS))
            _check_events(tab, screenshot)
        finally:
            context.close()
    return {
        "first_scene_ms": first, "first_scene_median_ms": statistics.median(first),
        "idle_ms": idle, "idle_median_ms": statistics.median(idle), "layout_runs": first_runs,
        "revisit_first_scene_ms": revisit, "revisit_median_ms": statistics.median(revisit),
        "revisit_layout_runs": revisit_runs,
    }


# -- report ---------------------------------------------------------------------------------
def run_all(args) -> dict:
    from playwright.sync_api import sync_playwright

    def shot(name: str) -> pathlib.Path | None:
        return args.screenshots / f"{name}.png" if args.screenshots else None

    results = {}
    only = args.first_paint
    with tempfile.TemporaryDirectory(prefix="bench_tab_") as tmp, sync_playwright() as playwright:
        logs = args.logs or pathlib.Path(tmp)
        kept = args.logs is not None and (logs / "bert").is_dir()
        logdirs = {name: logs / name for name in ("bert", "gpt2", "gpt2_graphdef", "flat")} if kept else write_logs(logs, only)
        browser = launch_chromium(playwright)
        try:
            with running_tensorboard(logdirs["bert"], ready_when=_graphfold_enabled) as tb:
                results["bert_add_graph"] = first_draw(browser, tb.url, args.runs, shot("bert_add_graph"))
                results["bert_tab_click"] = tab_click(browser, tb.url, args.runs, shot("bert_tab_click"))
                results["bert_graphs_click"] = graphs_click(browser, tb.url, args.runs, shot("bert_graphs_click"))
                results["bert_in_frame"] = in_frame(browser, tb.url, args.runs, shot("bert_in_frame"))
                if not only:
                    results["bert_toggles"] = toggles(browser, tb.url, args.toggles, shot("bert_toggles"))
                    results["tensorboard_graphs"] = graphs_dashboard(browser, tb.url, "bert-base", args.runs,
                                                                     shot("tensorboard_graphs"))
            with running_tensorboard(logdirs["gpt2_graphdef"], ready_when=_graphfold_enabled) as tb:
                results["gpt2_96_add_graph"] = first_draw(browser, tb.url, args.runs, shot("gpt2_96_add_graph"))
                results["gpt2_96_add_graph_tab_click"] = tab_click(browser, tb.url, args.runs, shot("gpt2_96_graphdef_click"))
                results["gpt2_96_graphs_click"] = graphs_click(browser, tb.url, args.runs, shot("gpt2_96_graphs_click"))
                results["gpt2_96_in_frame"] = in_frame(browser, tb.url, args.runs, shot("gpt2_96_in_frame"))
            if not only:
                with running_tensorboard(logdirs["gpt2"], ready_when=_graphfold_enabled) as tb:
                    results["gpt2_96_log_graph"] = first_draw(browser, tb.url, args.runs, shot("gpt2_96"))
                    results["gpt2_96_tab_click"] = tab_click(browser, tb.url, args.runs, shot("gpt2_96_tab_click"))
            with running_tensorboard(logdirs["flat"], ready_when=_graphfold_enabled) as tb:
                results["flat_in_frame"] = in_frame(browser, tb.url, args.runs, shot("flat_in_frame"))
                if not only:
                    results["pan_zoom"] = pan_zoom(browser, tb.url, args.pan_seconds, shot("pan_zoom"))
        finally:
            browser.close()
    if "tensorboard_graphs" in results:
        gf, tb = results["bert_add_graph"], results["tensorboard_graphs"]
        for when in ("first_node", "settled"):
            tb[f"{when}_ratio_to_graphfold_warm"] = tb[f"{when}_median_s"] / gf["warm_median_s"]
            tb[f"{when}_ratio_to_graphfold_cold"] = tb[f"{when}_median_s"] / gf["cold_s"]
    for model, click, graphs in (("bert", "bert_tab_click", "bert_graphs_click"),
                                 ("gpt2_96", "gpt2_96_add_graph_tab_click", "gpt2_96_graphs_click")):
        # First picture against TensorBoard's first node; drawn and idle against its settled scene.
        results[f"{model}_click_ratio"] = {
            "first_node": results[click]["first_picture_median_s"] / results[graphs]["first_node_median_s"],
            "settled": results[click]["median_s"] / results[graphs]["settled_median_s"],
        }
    return results


def print_table(r: dict) -> None:
    rows = [("measure", "value", "notes")]
    first_paint_rows(r, rows)
    for key, label in (("bert_add_graph", "BERT-base (add_graph)"), ("gpt2_96_add_graph", "GPT-2 96 layers (add_graph)"),
                       ("gpt2_96_log_graph", "GPT-2 96 layers (log_graph)")):
        if key not in r:
            continue
        d = r[key]
        warm = ", ".join(f"{t:.2f}" for t in d["warm_s"])
        rows.append((f"{label}: first draw, cold server", f"{d['cold_s']:.2f} s", f"layout {d['cold_layout_ms']:.0f} ms"))
        rows.append((f"{label}: first draw, warm (median)", f"{d['warm_median_s']:.2f} s",
                     f"runs {warm}; plugin frame created at {d['warm_frame_start_median_s']:.2f} s; "
                     f"layout {d['warm_layout_median_ms']:.0f} ms; drew {d['drawn_nodes']} nodes, {d['drawn_edges']} edges"))
    for key, label in (("bert_tab_click", "BERT-base (add_graph)"), ("gpt2_96_tab_click", "GPT-2 96 layers (log_graph)")):
        if key not in r:
            continue
        d = r[key]
        rows.append((f"{label}: click on the tab to drawn (median)", f"{d['median_s']:.2f} s",
                     "runs " + ", ".join(f"{t:.2f}" for t in d["click_to_drawn_s"]) + "; TensorBoard already open"))
    if "bert_toggles" not in r:
        return _print_rows(rows)
    for kind in ("module", "stack"):
        d = r["bert_toggles"][kind]
        rows.append((f"BERT-base: open {kind} {d['id']}", f"{d['warm_median_ms']:.0f} ms",
                     f"median of {len(d['warm_ms'])}; first (cold) {d['cold_ms']:.0f} ms"))
    p = r["pan_zoom"]
    f = p["fitted"]
    rows.append(("pan/zoom: drawn when fitted", f"{f['drawnNodes'] + f['drawnEdges'] + f['drawnPorts']}",
                 f"nodes {f['drawnNodes']}, edges {f['drawnEdges']}, ports {f['drawnPorts']} of "
                 f"{f['totalElements']}; fewest while moving {p['min_visible']}; first drawn after {p['load_s']:.1f} s"))
    rows.append(("pan/zoom: mean fps", f"{p['mean_fps']:.1f}", f"{p['frames']} frames"))
    rows.append(("pan/zoom: p95 frame time", f"{p['p95_frame_ms']:.1f} ms",
                 f"max {p['max_frame_ms']:.1f} ms; mean draw (lastFrameMs) {p['mean_draw_ms']:.1f} ms"))
    t = r["tensorboard_graphs"]
    for when, label in (("first_node", "first g.node"), ("settled", "scene settled")):
        rows.append((f"TensorBoard Graphs dashboard, BERT-base: {label}", f"{t[f'{when}_median_s']:.2f} s",
                     f"runs {', '.join(f'{x:.2f}' for x in t[f'{when}_s'])}; TensorBoard ÷ GraphFold: "
                     f"{t[f'{when}_ratio_to_graphfold_warm']:.2f} (warm), {t[f'{when}_ratio_to_graphfold_cold']:.2f} (cold)"))
    _print_rows(rows)


def first_paint_rows(r: dict, rows: list) -> None:
    """Issue 13's targets: click on the tab against TensorBoard's Graphs dashboard, in-frame times, the flat view."""
    for model, label, click, graphs, target in (
        ("bert", "BERT-base (add_graph)", "bert_tab_click", "bert_graphs_click", 0.5),
        ("gpt2_96", "GPT-2 96 layers (add_graph)", "gpt2_96_add_graph_tab_click", "gpt2_96_graphs_click", 1 / 3),
    ):
        gf, tb, ratio = r[click], r[graphs], r[f"{model}_click_ratio"]
        rows.append((f"{label}: click on GraphFold's tab to first picture (median)", f"{gf['first_picture_median_s']:.2f} s",
                     "runs " + ", ".join(f"{t:.2f}" for t in gf["click_to_first_picture_s"])))
        rows.append((f"{label}: click on GraphFold's tab to drawn and idle (median)", f"{gf['median_s']:.2f} s",
                     "runs " + ", ".join(f"{t:.2f}" for t in gf["click_to_drawn_s"]) + "; the real layout in place"))
        rows.append((f"{label}: click on TensorBoard's Graphs tab to first g.node (median)", f"{tb['first_node_median_s']:.2f} s",
                     "runs " + ", ".join(f"{t:.2f}" for t in tb["first_node_s"]) +
                     f"; settled {tb['settled_median_s']:.2f} s"))
        rows.append((f"{label}: GraphFold ÷ TensorBoard, click to first picture", f"{ratio['first_node']:.2f}",
                     f"target ≤ {target:.2f}; drawn and idle ÷ TensorBoard's settled scene {ratio['settled']:.2f}"))
    for key, label, target, revisit_target in (("bert_in_frame", "BERT-base (add_graph)", 300, 150),
                                               ("gpt2_96_in_frame", "GPT-2 96 layers (add_graph)", None, None),
                                               ("flat_in_frame", "flat DAG, 4,200 ops in one view", 1000, None)):
        d = r[key]
        rows.append((f"{label}: in frame, navigation to first scene (median)", f"{d['first_scene_median_ms']:.0f} ms",
                     "runs " + ", ".join(f"{t:.0f}" for t in d["first_scene_ms"]) +
                     (f"; target < {target} ms" if target else "") +
                     f"; drawn and idle {d['idle_median_ms']:.0f} ms; layouts run {d['layout_runs']}"))
        rows.append((f"{label}: in frame, revisit to first scene (median)", f"{d['revisit_median_ms']:.0f} ms",
                     "runs " + ", ".join(f"{t:.0f}" for t in d["revisit_first_scene_ms"]) +
                     (f"; target < {revisit_target} ms" if revisit_target else "") +
                     f"; layouts run {d['revisit_layout_runs']}"))


def _print_rows(rows: list) -> None:
    name_width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{name_width}}  {value:>{value_width}}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm first-draw visits per graph (default 3)")
    parser.add_argument("--toggles", type=int, default=6, help="opens per module/stack; the first is cold (default 6)")
    parser.add_argument("--pan-seconds", type=float, default=3.0, help="length of the pan/zoom loop (default 3)")
    parser.add_argument("--screenshots", type=pathlib.Path, metavar="DIR",
                        help="save a screenshot of each measured page into DIR")
    parser.add_argument("--first-paint", action="store_true",
                        help="only issue 13's targets: BERT-base and GPT-2 96 add_graph against the Graphs dashboard, in-frame times")
    parser.add_argument("--logs", type=pathlib.Path, metavar="DIR",
                        help="write the logs into DIR and keep them; if DIR already holds them, reuse them")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args()
    results = run_all(args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
