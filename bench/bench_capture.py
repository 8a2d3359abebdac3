"""Benchmark: capture time and logged blob size, and graph fetch latency through a real server.

Usage: ``python bench/bench_capture.py [--models bert-base,gpt2-96] [--repeat 5]``

For each model: time of ``capture_module`` (torch.export + conversion to the
IR), size of the logged blobs, then the latency of ``GET graphs`` and
``GET graph`` against a real ``tensorboard`` process (first request, which
decodes, and the median of repeated ones, served from the plugin's cache), with
both data loaders. Prints a table and, with ``--json``, one JSON object.
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
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

import demo_models  # noqa: E402

from tb_plugin import serialize, summary  # noqa: E402
from tb_plugin.capture import torch_export  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

BUILDERS = {"bert-base": demo_models.bert_base, "gpt2-96": demo_models.gpt2_deep}


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def bench_capture(name: str, logdir: pathlib.Path) -> dict:
    model, inputs = BUILDERS[name]()
    graph, seconds = _timed(lambda: torch_export.capture_module(model, inputs))
    header, body = serialize.encode_graph(graph)
    summary.write_graph(logdir / "bench", graph, tag=name)
    return {
        "model": name, "nodes": len(graph.nodes), "edges": graph.edge_count, "modules": len(graph.modules),
        "capture_s": round(seconds, 3), "blob_bytes": len(body), "blob_bytes_uncompressed":
        serialize.decode_header(header).graph_bytes_uncompressed,
    }


def bench_fetch(logdir: pathlib.Path, names: list[str], repeat: int, load_fast: bool) -> list[dict]:
    def listed(tb):
        status, body = tb.get_json("/data/plugin/graphfold/graphs")
        return status == 200 and {g["tag"] for g in body["graphs"]} >= set(names)

    rows = []
    with running_tensorboard(logdir, load_fast=load_fast, ready_when=listed) as tb:
        for name in names:
            url = "/data/plugin/graphfold/graph?" + urllib.parse.urlencode({"run": "bench", "tag": name})
            (status, body), first = _timed(lambda: tb.get(url))
            assert status == 200, body[:300]
            times = [_timed(lambda: tb.get(url))[1] for _ in range(repeat)]
            (_, _), listing = _timed(lambda: tb.get("/data/plugin/graphfold/graphs"))
            rows.append({
                "model": name, "load_fast": load_fast, "first_fetch_ms": round(first * 1000, 1),
                "cached_fetch_ms_median": round(statistics.median(times) * 1000, 1),
                "listing_ms": round(listing * 1000, 1), "json_bytes": len(body),
            })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(BUILDERS))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = args.models.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        logdir = pathlib.Path(tmp) / "logs"
        capture = [bench_capture(name, logdir) for name in names]
        fetch = [row for fast in (False, True) for row in bench_fetch(logdir, names, args.repeat, fast)]
    if args.json:
        print(json.dumps({"capture": capture, "fetch": fetch}))
        return
    for rows in (capture, fetch):
        keys = list(rows[0])
        print(" | ".join(keys))
        for row in rows:
            print(" | ".join(str(row[k]) for k in keys))
        print()


if __name__ == "__main__":
    main()
