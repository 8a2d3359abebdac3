"""Benchmark of the training-dynamics overlay: the channel-level weight graph, every epoch.

Usage::

    python bench/bench_weight_graph.py                         # ResNet-50, 5 calls
    python bench/bench_weight_graph.py --models resnet-18,resnet-50,resnet-101 --repeat 7 [--json]

For each model (transformers ``ResNetModel``, random weights, nothing
downloaded): the one-off trace (``connectivity_of``: torch.export plus the
channel trace), then per call the build from the current weights, the
properties (weighted degree, eigenvector centrality) and the whole
``weight_graph_stats``; medians over ``--repeat`` calls, with the weights nudged
between calls as training would. The issue's budget: under 10 s per call for a
ResNet-50-sized model on a 2-core machine. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (hidden sizes, depths, block type) of ResNetConfig; its defaults are ResNet-50.
MODELS = {
    "resnet-18": ([64, 128, 256, 512], [2, 2, 2, 2], "basic"),
    "resnet-50": ([256, 512, 1024, 2048], [3, 4, 6, 3], "bottleneck"),
    "resnet-101": ([256, 512, 1024, 2048], [3, 4, 23, 3], "bottleneck"),
}
BUDGET_SECONDS = 10.0


def _model(name: str):
    import torch
    from transformers import ResNetConfig, ResNetModel

    hidden_sizes, depths, layer_type = MODELS[name]
    torch.manual_seed(0)
    config = ResNetConfig(hidden_sizes=hidden_sizes, depths=depths, layer_type=layer_type)
    return ResNetModel(config).eval(), torch.randn(1, 3, 224, 224)


def bench(name: str, repeat: int) -> dict:
    import torch

    from tb_plugin.overlays import weight_graph as wg

    model, inputs = _model(name)
    start = time.perf_counter()
    connectivity = wg.connectivity_of(model, inputs)
    trace = time.perf_counter() - start
    builds, properties, stats_calls = [], [], []
    for _ in range(repeat):
        with torch.no_grad():  # an "epoch": every weight moves a little
            for p in model.parameters():
                p.add_(torch.randn_like(p), alpha=1e-3)
        start = time.perf_counter()
        graph = wg.build_weight_graph(model, connectivity)
        built = time.perf_counter()
        wg.weight_graph_properties(graph)
        builds.append(built - start)
        properties.append(time.perf_counter() - built)
        start = time.perf_counter()
        stats = wg.weight_graph_stats(model, connectivity)
        stats_calls.append(time.perf_counter() - start)
    per_call = statistics.median(stats_calls)
    return {
        "model": name,
        "parameters": sum(p.numel() for p in model.parameters()),
        "layers": len(connectivity.layers),
        "nodes": stats.node_count,
        "edges": stats.edge_count,
        "breaks": len(connectivity.warnings),
        "trace_s": round(trace, 2),
        "build_s": round(statistics.median(builds), 3),
        "properties_s": round(statistics.median(properties), 3),
        "stats_call_s": round(per_call, 3),
        "stats_call_max_s": round(max(stats_calls), 3),
        "within_budget": per_call < BUDGET_SECONDS,
        "blob_bytes": stats.ByteSize(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="resnet-50", help=f"comma-separated, of {', '.join(MODELS)}")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import torch

    rows = []
    for name in args.models.split(","):
        rows.append(bench(name.strip(), args.repeat))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    machine = {
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if args.json:
        print(json.dumps({"machine": machine, "rows": rows}))
        return
    print(" ".join(f"{k}={v}" for k, v in machine.items()))
    keys = list(rows[0])
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))


if __name__ == "__main__":
    main()
