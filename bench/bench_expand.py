"""Benchmark of "expand all" from navigation, against TensorBoard's Graphs dashboard with every group expanded.

Usage::

    .venv/bin/python bench/bench_expand.py                       # table
    .venv/bin/python bench/bench_expand.py --json --runs 3 --logs /tmp/expand_logs --screenshots test-output/bench

Issue 13's targets: expand all from navigation, stacks open on their
representative, under 2 s for ResNet-50 and under 3 s for the 96-layer GPT-2
``add_graph`` log, with TensorBoard's Graphs dashboard in the same run; and
pan/zoom at 30 fps or more over 10,000 or more visible elements.

Logs are written by the real APIs: ResNet-50 (transformers ``ResNetConfig``,
random weights) with ``tb_plugin.log_graph`` and, into the same run, with
``SummaryWriter.add_graph`` (TensorBoard's dashboard reads only GraphDefs);
the 96-layer GPT-2 with ``SummaryWriter.add_graph``; ``bench_tab.py``'s flat
random DAG, 64 layers of 105 ops (~6,700 ops in one view), for pan/zoom. Each
logdir gets its own tensorboard. Measured in Debian's Chromium, through the
hooks of ``docs/ui_contract.md``:

- GraphFold (``graphfold``): a fresh browser context navigates to
  TensorBoard's address with the graph as deep link
  (``/#graphfold&p.graphfold.run=…``); a script in the plugin frame calls
  ``window.__graphfold.expand()`` as soon as the first items are drawn, and
  the time is from navigation to ``expand()`` resolved (drawn). Also the
  part before TensorBoard's page opens the plugin frame (``frame_s``; on a
  loaded machine most of the total) and the rest (``in_frame_s``), the
  part after the first drawing (``expand_s``), the layouts it ran and the
  elements drawn, and the expansion's first picture (a draft while its ELK
  layouts run, ``graphfold:scene`` marks). The first visit after the server starts is cold (the server
  decodes and folds the graph); the median is over ``--runs`` warm visits.
- GraphFold from an expanded link (``graphfold_link``): the same, but the link itself asks for the
  expansion (``p.graphfold.expand=all``, docs/ui_contract.md), as a shared link to the whole model
  does: ``GET start`` brings the expansion and the first drawing is it; the time is from navigation
  to the first real (not draft) scene with items open, drawn.
- GraphFold's own page (``graphfold_page``, ``graphfold_page_link``): the same two, on the page the
  plugin serves without TensorBoard around it (``/data/plugin/graphfold/index.html#run=…``), which
  does not wait for TensorBoard's own start-up.
- TensorBoard (``tensorboard``): navigation to ``/#graphs&run=…``; once its
  scene shows nodes, every collapsed group node drawn is expanded, one level
  at a time (TensorBoard has no "expand all"; each group is marked expanded
  as a double-click does, then the scene is rebuilt once per level, which is
  kinder to TensorBoard than one rebuild per double-click); the time is from
  navigation to the last change of the scene's node count, after which
  nothing changed for 500 ms.
- pan/zoom (``pan_zoom``): ``bench_tab``'s ``requestAnimationFrame`` loop
  calling ``panZoom`` every frame, on the flat DAG expanded (its loose
  operators are one dashed group at the root) and fitted, over 10,000
  elements, and on ResNet-50 expanded and fitted; frame rate and how many
  elements each frame drew.

Figures go to the issue's closing note; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "examples"), str(ROOT / "bench")]

from bench_tab import LOAD_TIMEOUT, TB_SCENE_READY_JS, _PAN_ZOOM_LOOP_JS, _graphfold_enabled, wide_random_dag  # noqa: E402
from tests.support.graphfold_tab import IN_GRAPHFOLD_JS, VIEWPORT, GraphFoldTab, launch_chromium, new_context  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

RESNET = {"run": "resnet-50", "tag": "resnet-50", "source": "graphfold"}
GPT2_GRAPHDEF = {"run": "gpt2-96", "tag": "__run_graph__", "source": "graphdef"}
FLAT = {"run": "flat", "tag": "flat", "source": "graphfold"}
# Layers of 105 ops in the flat DAG: 64 make ~6,700 ops and over 10,000 drawn elements.
FLAT_LAYERS = 64

# In the plugin frame: as soon as items are drawn, expand everything; epoch ms of both moments.
_EXPAND_ON_FIRST_DRAW_JS = """
if (""" + IN_GRAPHFOLD_JS + """) {
  window.__graphfoldExpanded = (async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    while (!(window.__graphfold && window.__graphfold.items().length > 0)) await frame();
    const drawn = performance.timeOrigin + performance.now();
    const runs = performance.getEntriesByName("graphfold:layout-run").length;
    const asked = performance.now();
    await window.__graphfold.expand();
    const expanded = performance.timeOrigin + performance.now();
    const api = window.__graphfold;
    // The expansion's first scene: a draft when its layouts were not ready within 120 ms.
    const scene = performance.getEntriesByName("graphfold:scene").find((e) => e.startTime >= asked);
    return { drawn, expanded, firstPicture: performance.timeOrigin + scene.startTime, draft: scene.detail.draft,
             layoutRuns: performance.getEntriesByName("graphfold:layout-run").length - runs,
             open: api.items().filter((i) => i.open).length, stats: api.stats() };
  })();
}
"""

# In the plugin frame, for a link that asks for the expansion: epoch ms of the first animation frame
# after the first real (not draft) scene with open items, and of the first scene (draft or not).
_EXPANDED_LINK_DRAWN_JS = """
if (""" + IN_GRAPHFOLD_JS + """) {
  window.__graphfoldExpanded = (async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const real = () => performance.getEntriesByName("graphfold:scene").find((e) => !e.detail.draft);
    while (!(window.__graphfold && real() && window.__graphfold.items().some((i) => i.open))) await frame();
    await frame();
    const expanded = performance.timeOrigin + performance.now();
    const api = window.__graphfold;
    const first = performance.getEntriesByName("graphfold:scene")[0];
    return { expanded, firstPicture: performance.timeOrigin + first.startTime, draft: first.detail.draft,
             layoutRuns: performance.getEntriesByName("graphfold:layout-run").length,
             open: api.items().filter((i) => i.open).length, stats: api.stats() };
  })();
}
"""

# In TensorBoard's page: once its scene shows nodes, expand every collapsed group drawn, level after
# level, until none is left and the node count has held still for QUIET_MS; epoch ms of the first node
# and of the last change. Each level is one rebuild of the scene: every collapsed group is marked
# expanded as a double-click would (`node-toggle-expand` does buildSubhierarchy, then expanded = true),
# then the scene is rebuilt once (setNodeExpanded rebuilds the whole scene), not once per group.
_TENSORBOARD_EXPAND_ALL_JS = """
window.__tbExpandedAll = (async () => {""" + TB_SCENE_READY_JS + """
  const first = now();
  let changed = first, count = -1, expanded = 0, rounds = 0;
  for (;;) {
    const nodes = scene.shadowRoot.querySelectorAll("g.node");
    if (nodes.length !== count) [count, changed] = [nodes.length, now()];
    const collapsed = [...nodes].map((g) => g.__data__).filter((d) => d && d.node && d.node.isGroupNode && !d.expanded);
    if (collapsed.length) {
      for (const d of collapsed) {
        scene.renderHierarchy.buildSubhierarchy(d.node.name);
        d.expanded = true;
      }
      scene.setNodeExpanded(collapsed[0]);
      expanded += collapsed.length;
      rounds += 1;
      changed = now();
    } else if (now() - changed >= QUIET_MS) {
      break;
    }
    await frame();
  }
  return { first, done: changed, fired: expanded, rounds, nodes: count };
})();
"""


# -- logs -----------------------------------------------------------------------------
def write_logs(root: pathlib.Path) -> dict[str, pathlib.Path]:
    """ResNet-50 (log_graph and add_graph, one run), the 96-layer GPT-2 (add_graph), the flat DAG; by name.

    A logdir already under ``root`` (``--logs``) is kept as it is.
    """
    import demo_models
    from torch.utils.tensorboard import SummaryWriter

    import tb_plugin
    from tb_plugin.summary import write_graph

    logdirs = {name: root / name for name in ("resnet", "gpt2_graphdef", "flat")}
    logdirs["flat"] = root / f"flat{FLAT_LAYERS}"

    def resnet() -> None:
        model, inputs = demo_models.resnet50()
        with SummaryWriter(logdirs["resnet"] / RESNET["run"]) as writer:
            tb_plugin.log_graph(writer, model, inputs, tag=RESNET["tag"])
            writer.add_graph(model, inputs, use_strict_trace=False)

    def gpt2() -> None:
        model, inputs = demo_models.gpt2_deep()
        with SummaryWriter(logdirs["gpt2_graphdef"] / GPT2_GRAPHDEF["run"]) as writer:
            writer.add_graph(model, inputs, use_strict_trace=False)

    def flat() -> None:
        write_graph(logdirs["flat"] / FLAT["run"], wide_random_dag(layers=FLAT_LAYERS), tag=FLAT["tag"])

    for label, name, step in (("ResNet-50 log_graph + add_graph", "resnet", resnet),
                              ("GPT-2 96 layers add_graph", "gpt2_graphdef", gpt2), ("flat DAG write_graph", "flat", flat)):
        if logdirs[name].is_dir():
            continue  # kept from an earlier run (--logs)
        start = time.perf_counter()
        step()
        print(f"{label:<34} {time.perf_counter() - start:6.1f} s", file=sys.stderr, flush=True)
    return logdirs


# -- measurements -------------------------------------------------------------------------
def deep_link(url: str, graph: dict) -> str:
    """TensorBoard's address showing GraphFold on ``graph`` (run, tag, source)."""
    return f"{url.rstrip('/')}/#graphfold&" + "&".join(
        f"p.graphfold.{k}={urllib.parse.quote(v, safe='')}" for k, v in graph.items())


def _graphfold_visits(browser, url: str, graph: dict, runs: int, screenshot: pathlib.Path | None, *,
                      init_script: str, then_expand: bool, own_page: bool = False) -> dict:
    """A cold visit to ``graph``'s deep link, then ``runs`` warm ones, each in a fresh context; timings per visit.

    ``init_script`` sets ``window.__graphfoldExpanded`` in the plugin frame once
    the expansion is drawn; ``then_expand``: it expanded after a first drawing
    (whose time and the expansion's own are reported too). ``own_page``: the
    link is to GraphFold's own page (``index.html``), not TensorBoard's tab;
    there is no frame, so ``frame_s`` is 0.
    """
    visits = []
    for _ in range(1 + runs):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(init_script)
            page = context.new_page()
            tab = GraphFoldTab(page, url)
            tab.goto(tab.page_url(**graph) if own_page else deep_link(url, graph))
            tab.wait_for_api(LOAD_TIMEOUT)
            done = tab.frame.evaluate("() => window.__graphfoldExpanded")
            start = page.evaluate("performance.timeOrigin")
            frame = tab.frame.evaluate("performance.timeOrigin")  # when TensorBoard's page opened the plugin frame
            visit = {"total_s": (done["expanded"] - start) / 1000, "frame_s": (frame - start) / 1000,
                     "in_frame_s": (done["expanded"] - frame) / 1000,
                     "first_picture_s": (done["firstPicture"] - start) / 1000, "first_picture_draft": done["draft"],
                     "layout_runs": done["layoutRuns"], "open_items": done["open"],
                     "elements": done["stats"]["totalElements"], "layout_ms": done["stats"]["layoutMs"]}
            if then_expand:
                visit.update(first_drawn_s=(done["drawn"] - start) / 1000, expand_s=(done["expanded"] - done["drawn"]) / 1000)
            visits.append(visit)
            _report_events(tab, screenshot)
        finally:
            context.close()
    warm = visits[1:]
    medians = {f"warm_{key}median_s": statistics.median(v[field] for v in warm)
               for key, field in (("", "total_s"), ("frame_", "frame_s"), ("in_frame_", "in_frame_s"),
                                  ("first_picture_", "first_picture_s"))}
    if then_expand:
        medians["warm_expand_median_s"] = statistics.median(v["expand_s"] for v in warm)
    return {"cold": visits[0], "warm": warm, **medians}


def graphfold_expand_all(browser, url: str, graph: dict, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from navigation to everything expanded and drawn: a cold visit, then ``runs`` warm ones."""
    return _graphfold_visits(browser, url, graph, runs, screenshot, init_script=_EXPAND_ON_FIRST_DRAW_JS, then_expand=True)


def graphfold_expand_link(browser, url: str, graph: dict, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from navigating to a link that asks for the expansion (``expand=all``) to it drawn; cold, then warm."""
    return _graphfold_visits(browser, url, {**graph, "expand": "all"}, runs, screenshot,
                             init_script=_EXPANDED_LINK_DRAWN_JS, then_expand=False)


def graphfold_page_expand_all(browser, url: str, graph: dict, runs: int, screenshot: pathlib.Path | None) -> dict:
    """As :func:`graphfold_expand_all`, on GraphFold's own page: no TensorBoard page starts first."""
    return _graphfold_visits(browser, url, graph, runs, screenshot, init_script=_EXPAND_ON_FIRST_DRAW_JS,
                             then_expand=True, own_page=True)


def graphfold_page_expand_link(browser, url: str, graph: dict, runs: int, screenshot: pathlib.Path | None) -> dict:
    """As :func:`graphfold_expand_link`, on GraphFold's own page (``index.html#…&expand=all``)."""
    return _graphfold_visits(browser, url, {**graph, "expand": "all"}, runs, screenshot,
                             init_script=_EXPANDED_LINK_DRAWN_JS, then_expand=False, own_page=True)


def tensorboard_expand_all(browser, url: str, run: str, runs: int, screenshot: pathlib.Path | None) -> dict:
    """Seconds from navigating to TensorBoard's Graphs dashboard to every group expanded and the scene still."""
    visits = []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(_TENSORBOARD_EXPAND_ALL_JS)
            page = context.new_page()
            page.goto(f"{url.rstrip('/')}/#graphs&run={urllib.parse.quote(run, safe='')}", wait_until="commit")
            page.set_default_timeout(LOAD_TIMEOUT * 1000)
            done = page.evaluate("() => window.__tbExpandedAll")
            start = page.evaluate("performance.timeOrigin")
            visits.append({"total_s": (done["done"] - start) / 1000, "first_node_s": (done["first"] - start) / 1000,
                           "groups_expanded": done["fired"], "rounds": done["rounds"], "nodes_drawn": done["nodes"]})
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
    return {"visits": visits, "median_s": statistics.median(v["total_s"] for v in visits)}


def pan_zoom_expanded(browser, url: str, graph: dict, seconds: float, screenshot: pathlib.Path | None) -> dict:
    """``bench_tab.pan_zoom``'s loop on ``graph`` expanded and fitted."""
    context = new_context(browser)
    try:
        tab = GraphFoldTab(context.new_page(), url)
        tab.page.goto(deep_link(url, graph), wait_until="commit")
        tab.wait_drawn(LOAD_TIMEOUT)
        tab.expand(None, timeout=LOAD_TIMEOUT)
        tab.testid("fit-button").click()
        tab.idle(timeout=LOAD_TIMEOUT)
        fitted = tab.stats()
        result = tab.frame.evaluate(_PAN_ZOOM_LOOP_JS, [seconds, 40, 0.1])
        _report_events(tab, screenshot)
    finally:
        context.close()
    return fps_summary(fitted, result)


def fps_summary(fitted: dict, result: dict) -> dict:
    frames = result["frames"]
    intervals = sorted(b - a for a, b in zip(frames, frames[1:]))
    return {
        "fitted": {k: fitted[k] for k in ("drawnNodes", "drawnEdges", "drawnPorts", "totalElements")},
        "frames": len(intervals),
        "mean_fps": 1000 * len(intervals) / (frames[-1] - frames[0]),
        "p95_frame_ms": intervals[min(len(intervals) - 1, int(0.95 * len(intervals)))],
        "mean_draw_ms": statistics.fmean(result["drawMs"]),
        "min_visible": min(result["visible"]),
    }


def _report_events(tab, screenshot: pathlib.Path | None) -> None:
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(screenshot))
    for problem in tab.events.errors + tab.events.dialogs:
        print(f"warning: the page reported {problem}", file=sys.stderr)


# -- report ---------------------------------------------------------------------------------
def run_all(args) -> dict:
    from playwright.sync_api import sync_playwright

    def shot(name: str) -> pathlib.Path | None:
        return args.screenshots / f"{name}.png" if args.screenshots else None

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench_expand_") as tmp, sync_playwright() as playwright:
        logdirs = write_logs(args.logs or pathlib.Path(tmp))
        browser = launch_chromium(playwright)
        try:
            graphs = (("resnet50", RESNET, RESNET["run"]), ("gpt2_96", GPT2_GRAPHDEF, GPT2_GRAPHDEF["run"]))
            for name, graph, tb_run in () if args.pan_zoom_only else [g for g in graphs if g[0] in args.graphs]:
                logdir = logdirs["resnet" if name == "resnet50" else "gpt2_graphdef"]
                with running_tensorboard(logdir, ready_when=_graphfold_enabled) as tb:
                    results[f"{name}_graphfold"] = graphfold_expand_all(browser, tb.url, graph, args.runs, shot(f"{name}_graphfold"))
                    results[f"{name}_graphfold_link"] = graphfold_expand_link(browser, tb.url, graph, args.runs,
                                                                              shot(f"{name}_graphfold_link"))
                    results[f"{name}_graphfold_page"] = graphfold_page_expand_all(browser, tb.url, graph, args.runs,
                                                                                  shot(f"{name}_graphfold_page"))
                    results[f"{name}_graphfold_page_link"] = graphfold_page_expand_link(browser, tb.url, graph, args.runs,
                                                                                        shot(f"{name}_graphfold_page_link"))
                    if not args.skip_tensorboard:
                        results[f"{name}_tensorboard"] = tensorboard_expand_all(browser, tb.url, tb_run, args.tb_runs,
                                                                                shot(f"{name}_tensorboard"))
                    if name == "resnet50" and not args.skip_pan_zoom:
                        results["resnet50_pan_zoom"] = pan_zoom_expanded(browser, tb.url, graph, args.pan_seconds,
                                                                         shot("resnet50_pan_zoom"))
            if not args.skip_pan_zoom:
                with running_tensorboard(logdirs["flat"], ready_when=_graphfold_enabled) as tb:
                    results["flat_pan_zoom"] = pan_zoom_expanded(browser, tb.url, FLAT, args.pan_seconds, shot("flat_pan_zoom"))
        finally:
            browser.close()
    for name in ("resnet50", "gpt2_96"):
        if f"{name}_tensorboard" in results:
            results[f"{name}_ratio"] = results[f"{name}_tensorboard"]["median_s"] / results[f"{name}_graphfold"]["warm_median_s"]
    return results


def print_table(r: dict) -> None:
    rows = [("measure", "value", "notes")]
    for name, label, target in (("resnet50", "ResNet-50 (log_graph)", 2.0), ("gpt2_96", "GPT-2 96 layers (add_graph)", 3.0)):
        if f"{name}_graphfold" not in r:
            continue
        gf = r[f"{name}_graphfold"]
        warm = gf["warm"][-1]
        rows.append((f"{label}: GraphFold, navigation to expand all drawn (warm median)", f"{gf['warm_median_s']:.2f} s",
                     "runs " + ", ".join(f"{v['total_s']:.2f}" for v in gf["warm"]) + f"; target < {target:.0f} s; "
                     f"cold {gf['cold']['total_s']:.2f} s; TensorBoard's page before the plugin frame {gf['warm_frame_median_s']:.2f} s, "
                     f"the frame's navigation to drawn {gf['warm_in_frame_median_s']:.2f} s; "
                     f"after the first drawing {gf['warm_expand_median_s']:.2f} s; "
                     f"{warm['open_items']} items open, {warm['elements']} elements, {warm['layout_runs']} layouts"))
        rows.append((f"{label}: GraphFold, navigation to the expansion's first picture (warm median)",
                     f"{gf['warm_first_picture_median_s']:.2f} s",
                     "runs " + ", ".join(f"{v['first_picture_s']:.2f}" + (" (draft)" if v["first_picture_draft"] else "")
                                         for v in gf["warm"]) + "; the ELK layout replaces a draft when it is done"))
        link = r[f"{name}_graphfold_link"]
        rows.append((f"{label}: GraphFold, navigation to a link with expand=all drawn (warm median)", f"{link['warm_median_s']:.2f} s",
                     "runs " + ", ".join(f"{v['total_s']:.2f}" for v in link["warm"]) + f"; cold {link['cold']['total_s']:.2f} s; "
                     f"TensorBoard's page before the plugin frame {link['warm_frame_median_s']:.2f} s, the frame's navigation to "
                     f"drawn {link['warm_in_frame_median_s']:.2f} s; {link['warm'][-1]['open_items']} items open, "
                     f"{link['warm'][-1]['layout_runs']} layouts"))
        page, page_link = r[f"{name}_graphfold_page"], r[f"{name}_graphfold_page_link"]
        rows.append((f"{label}: GraphFold's own page, navigation to expand all drawn (warm median)", f"{page['warm_median_s']:.2f} s",
                     "runs " + ", ".join(f"{v['total_s']:.2f}" for v in page["warm"]) + f"; target < {target:.0f} s; "
                     f"cold {page['cold']['total_s']:.2f} s; after the first drawing {page['warm_expand_median_s']:.2f} s"))
        rows.append((f"{label}: GraphFold's own page, navigation to a link with expand=all drawn (warm median)",
                     f"{page_link['warm_median_s']:.2f} s",
                     "runs " + ", ".join(f"{v['total_s']:.2f}" for v in page_link["warm"]) +
                     f"; cold {page_link['cold']['total_s']:.2f} s; {page_link['warm'][-1]['layout_runs']} layouts"))
        if f"{name}_tensorboard" in r:
            tb = r[f"{name}_tensorboard"]
            v = tb["visits"][-1]
            rows.append((f"{label}: TensorBoard Graphs, navigation to every group expanded (median)", f"{tb['median_s']:.2f} s",
                         "runs " + ", ".join(f"{x['total_s']:.2f}" for x in tb["visits"]) +
                         f"; {v['groups_expanded']} groups in {v['rounds']} rounds, {v['nodes_drawn']} g.node; "
                         f"TensorBoard ÷ GraphFold {r[f'{name}_ratio']:.1f}"))
    for key, label in (("flat_pan_zoom", "pan/zoom, flat DAG expanded, fitted"), ("resnet50_pan_zoom", "pan/zoom, ResNet-50 expanded, fitted")):
        if key not in r:
            continue
        p = r[key]
        f = p["fitted"]
        rows.append((f"{label}: mean fps", f"{p['mean_fps']:.1f}",
                     f"target ≥ 30 over ≥ 10,000 visible; p95 frame {p['p95_frame_ms']:.1f} ms; mean draw {p['mean_draw_ms']:.1f} ms; "
                     f"drawn when fitted {f['drawnNodes'] + f['drawnEdges'] + f['drawnPorts']} of {f['totalElements']}; "
                     f"fewest while moving {p['min_visible']}"))
    name_width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{name_width}}  {value:>{value_width}}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm GraphFold visits per graph (default 3)")
    parser.add_argument("--tb-runs", type=int, default=2, help="TensorBoard visits per graph (default 2)")
    parser.add_argument("--pan-seconds", type=float, default=3.0, help="length of each pan/zoom loop (default 3)")
    parser.add_argument("--skip-tensorboard", action="store_true", help="measure GraphFold only")
    parser.add_argument("--pan-zoom-only", action="store_true", help="only the pan/zoom loop on the flat DAG")
    parser.add_argument("--skip-pan-zoom", action="store_true", help="no pan/zoom loops")
    parser.add_argument("--graphs", nargs="+", choices=("resnet50", "gpt2_96"), default=["resnet50", "gpt2_96"],
                        help="which graphs' expand all to measure (default both)")
    parser.add_argument("--screenshots", type=pathlib.Path, metavar="DIR", help="save a screenshot of each measured page")
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
