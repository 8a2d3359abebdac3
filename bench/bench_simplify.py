"""Benchmark of the simplification engine.

Usage::

    python bench/bench_simplify.py reduction   # per-model element reduction, every capture path
    python bench/bench_simplify.py scaling     # synthetic deep models, 1K to 200K nodes: time and memory
    python bench/bench_simplify.py cache       # first vs repeated /stats and /view through a real server
    python bench/bench_simplify.py all [--json]

Figures go to the closing notes of the issues; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "examples")]

MODELS = ("bert-base", "gpt2", "vit-base", "resnet-50")
PATHS = ("torch_export", "onnx", "add_graph")


def _capture(model_name: str, path: str, tmp: pathlib.Path):
    import demo_models
    import torch
    from tensorboard.backend.event_processing.event_file_loader import LegacyEventFileLoader
    from torch.utils.tensorboard import SummaryWriter

    from tb_plugin.capture import graphdef, onnx_model, torch_export

    model, inputs = demo_models.MODELS[model_name]()
    if path == "torch_export":
        return torch_export.capture_module(model, inputs)
    if path == "onnx":
        file = tmp / f"{model_name}.onnx"
        torch.onnx.export(model, inputs, str(file), dynamo=True, external_data=False)
        return onnx_model.capture_onnx(file)
    logdir = tmp / f"add_graph-{model_name}"
    with SummaryWriter(logdir) as writer:
        writer.add_graph(model, inputs, use_strict_trace=False)
    (event_file,) = logdir.glob("events*")
    (graph_def,) = [e.graph_def for e in LegacyEventFileLoader(str(event_file)).Load() if e.graph_def]
    return graphdef.capture_graphdef(graph_def, name=model_name)


def reduction() -> list[dict]:
    from tb_plugin.simplify import simplify, simplify_stats

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for model_name in MODELS:
            for path in PATHS:
                graph = _capture(model_name, path, pathlib.Path(tmp))
                start = time.perf_counter()
                stats = simplify_stats(simplify(graph))
                seconds = time.perf_counter() - start
                d, x = stats["default_view"], stats["expanded_view"]
                rows.append({
                    "model": model_name, "path": path, "original": d["original_elements"],
                    "default": d["simplified_elements"], "default_reduction": d["reduction"],
                    "expanded": x["simplified_elements"], "expanded_reduction": x["reduction"],
                    "stacks": " ".join(f"{s['module_class'].rpartition('.')[2]}×{s['count']}"
                                       for s in stats["stacks"] if s["count"] >= 3)[:60],
                    "seconds": round(seconds, 3),
                })
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


_SCALE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from tests.passes.synthetic import deep_model
from tb_plugin.simplify import simplify, simplify_stats
graph = deep_model({blocks}, {ops})
start = time.perf_counter()
stats = simplify_stats(simplify(graph))
seconds = time.perf_counter() - start
print(json.dumps({{"nodes": len(graph.nodes), "edges": graph.edge_count, "seconds": seconds,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "default_reduction": stats["default_view"]["reduction"]}}))
"""


def scaling(ops_per_block: int = 50) -> list[dict]:
    """Each size in a fresh process, so peak memory is that size's own."""
    rows = []
    for blocks in (20, 40, 80, 160, 320, 640, 1280, 2560, 4000):
        code = _SCALE_CHILD.format(root=str(ROOT), blocks=blocks, ops=ops_per_block)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["us_per_element"] = round(row["seconds"] * 1e6 / (row["nodes"] + row["edges"]), 2)
        if rows:
            row["ratio_to_previous"] = round(row["seconds"] / rows[-1]["seconds"], 2)
        row["seconds"] = round(row["seconds"], 3)
        row["peak_rss_mb"] = round(row["peak_rss_mb"])
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def cache(repeat: int = 7) -> list[dict]:
    import demo_models

    from tb_plugin import log_graph
    from tests.support.tensorboard_process import running_tensorboard

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        logdir = pathlib.Path(tmp) / "logs"
        for name, build in (("bert-base", demo_models.bert_base), ("gpt2-96", demo_models.gpt2_deep)):
            model, inputs = build()
            log_graph(logdir / "bench", model, inputs, tag=name)
        with running_tensorboard(logdir) as tb:
            for name in ("bert-base", "gpt2-96"):
                for route in ("stats", "view"):
                    url = f"/data/plugin/graphfold/{route}?" + urllib.parse.urlencode({"run": "bench", "tag": name})
                    start = time.perf_counter()
                    status, _ = tb.get(url)
                    first = time.perf_counter() - start
                    assert status == 200
                    times = []
                    for _ in range(repeat):
                        start = time.perf_counter()
                        tb.get(url)
                        times.append(time.perf_counter() - start)
                    rows.append({"model": name, "route": route, "first_ms": round(first * 1000, 1),
                                 "repeated_ms_median": round(statistics.median(times) * 1000, 1)})
    return rows


def _print_table(rows: list[dict]) -> None:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row.get(k, "")) for k in keys))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("reduction", "scaling", "cache", "all"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    for what in ("reduction", "scaling", "cache"):
        if args.what in (what, "all"):
            results[what] = globals()[what]()
    if "reduction" in results:
        rows = results["reduction"]
        results["reduction_mean"] = {
            "default": round(statistics.mean(r["default_reduction"] for r in rows), 4),
            "expanded": round(statistics.mean(r["expanded_reduction"] for r in rows), 4),
        }
    if args.json:
        print(json.dumps(results))
        return
    for key, rows in results.items():
        print(f"== {key}")
        _print_table(rows if isinstance(rows, list) else [rows])


if __name__ == "__main__":
    main()
