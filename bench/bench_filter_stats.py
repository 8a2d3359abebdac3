"""Benchmark of the pruning overlay: filter statistics, plan preview and apply_plan.

Usage::

    python bench/bench_filter_stats.py [--json]

Measures, on this machine:
- the digits CNN (examples/digits.py) over the 1,437 training images: seconds, images/s;
- ResNet-50 (transformers ``ResNetModel`` default config, random weights) over
  ``--resnet-images`` 224×224 images in batches of 8, 10 classes: seconds, images/s,
  the plain forward passes' time for comparison, and the peak memory;
- the size of the logged blob, and ``apply_plan`` removing half of every prunable
  group of ResNet-50.

Figures go to the closing notes of the issues; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import resource
import sys
import time
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "examples")]


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def bench_digits() -> dict:
    import digits

    from tb_plugin.overlays.filter_stats import collect_filter_stats

    x, y, _, _ = digits.load_split()
    model = digits.DigitsCNN().eval()
    stats, seconds = _timed(lambda: collect_filter_stats(model, digits.batches(x, y, 256), class_names=digits.CLASS_NAMES))
    return {"model": "digits CNN", "images": len(x), "seconds": round(seconds, 2), "images_per_s": round(len(x) / seconds),
            "blob_bytes": len(zlib.compress(stats.SerializeToString()))}


def bench_resnet50(images: int) -> dict:
    import torch
    from transformers import ResNetConfig, ResNetModel

    from tb_plugin import pruning
    from tb_plugin.overlay_wire import filter_stats_to_json
    from tb_plugin.overlays.filter_stats import collect_filter_stats

    torch.manual_seed(0)
    model = ResNetModel(ResNetConfig()).eval()
    loader = [(torch.randn(8, 3, 224, 224), torch.randint(0, 10, (8,))) for _ in range(images // 8)]
    with torch.no_grad():
        _, forward = _timed(lambda: [model(x) for x, _ in loader])
    stats, seconds = _timed(lambda: collect_filter_stats(model, loader, num_classes=10))
    as_json = filter_stats_to_json(stats)
    prunable = [g for g in as_json["groups"] if g["prunable"]]
    plan = pruning.make_plan(model, {g["modules"][0]: range(0, g["channel_count"], 2) for g in prunable})
    preview = pruning.preview_plan(as_json, plan)
    pruned, apply_seconds = _timed(lambda: pruning.apply_plan(model, plan, loader[0][0][:1]))
    return {
        "model": "ResNet-50", "images": len(loader) * 8, "layers": len(stats.layers), "groups": len(stats.groups),
        "seconds": round(seconds, 1), "plain_forward_seconds": round(forward, 1),
        "images_per_s": round(len(loader) * 8 / seconds, 1),
        "blob_bytes": len(zlib.compress(stats.SerializeToString())),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "apply_plan_seconds": round(apply_seconds, 1),
        "preview_parameters_after": preview["parameters_after"],
        "actual_parameters_after": sum(p.numel() for p in pruned.parameters()),
        "parameters_before": preview["parameters_before"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resnet-images", type=int, default=32)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [bench_digits(), bench_resnet50(args.resnet_images)]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    for row in rows:
        print(" · ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
