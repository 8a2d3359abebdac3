"""Benchmark of the pruning overlay: filter statistics, plan preview and apply_plan.

Usage::

    python bench/bench_filter_stats.py [--json]
    python bench/bench_filter_stats.py --logging-cost [--classes 1000] [--images 32 256] [--json]

Measures, on this machine:
- the digits CNN (examples/digits.py) over the 1,437 training images: seconds, images/s;
- ResNet-50 (transformers ``ResNetModel`` default config, random weights) over
  ``--resnet-images`` 224×224 images in batches of 8, 10 classes: seconds, images/s,
  the plain forward passes' time for comparison, and the peak memory;
- the size of the logged blob, and ``apply_plan`` removing half of every prunable
  group of ResNet-50.

With ``--logging-cost`` (issue 14's "within 2× a plain forward pass" at 1,000
classes), per image count, in a fresh process: ResNet-50 over the images
(labels ``i % classes``), the plain forward passes (timed before the first call
and after each call; the ratios are to their mean),
then ``tb_plugin.log_filter_stats`` into a ``SummaryWriter`` made before (as
a training script has one; making it imports TensorFlow where that is
installed) three times (steps 0, 1, 2, as a script logs each epoch): the first
call, which also pays one-time imports (Torch-Pruning) and the export of the
model, and the later ones, which reuse the exported program. Wall-clock and process CPU
seconds of each, and their ratios to the forward passes; peak RSS; how many layers'
discriminability was estimated from a sample of class pairs, and the worst relative
standard error their ``hooked`` states.

Figures go to the closing notes of the issues; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
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


def _clocked(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def logging_cost(classes: int, images: int) -> dict:
    """log_filter_stats against plain forward passes over the same images, first call and later calls."""
    import tempfile

    import torch
    from transformers import ResNetConfig, ResNetModel

    import tb_plugin

    torch.manual_seed(0)
    model = ResNetModel(ResNetConfig()).eval()
    labels = torch.arange(images) % classes
    loader = [(torch.randn(8, 3, 224, 224), labels[i:i + 8]) for i in range(0, images, 8)]

    def forward():
        with torch.no_grad():
            for x, _ in loader:
                model(x)

    from torch.utils.tensorboard import SummaryWriter

    _clocked(forward)
    forwards = [_clocked(forward)]
    names = [f"class {c:04d}" for c in range(classes)]
    calls, logged = [], []
    with tempfile.TemporaryDirectory() as logdir, SummaryWriter(logdir) as writer:  # as a training script has it
        for step in range(3):
            log = lambda: logged.append(tb_plugin.log_filter_stats(writer, model, loader, step=step, class_names=names))  # noqa: E731
            calls.append(_clocked(log))
            forwards.append(_clocked(forward))  # the forward passes' time swings on a shared machine: one per call
    forward_wall = sum(w for w, _ in forwards) / len(forwards)
    forward_cpu = sum(c for _, c in forwards) / len(forwards)
    row = {"classes": classes, "images": len(loader) * 8, "forward_s": [round(w, 2) for w, _ in forwards],
           "forward_cpu_s": round(forward_cpu, 2)}
    for step, (wall, cpu) in enumerate(calls):
        label = "first" if step == 0 else f"call{step + 1}"
        row.update({f"{label}_s": round(wall, 2), f"{label}_ratio": round(wall / forward_wall, 2),
                    f"{label}_cpu_ratio": round(cpu / forward_cpu, 2)})
    row["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    # Layers whose discriminability was estimated from a sample of class pairs, and the worst stated error.
    errors = [float(m.group(1)) for layer in logged[-1]["layers"]
              if (m := re.search(r"relative standard error ([0-9.]+)%", layer["hooked"]))]
    row["sampled_layers"] = len(errors)
    row["worst_relative_se_pct"] = max(errors, default=0.0)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resnet-images", type=int, default=32)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--logging-cost", action="store_true", help="log_filter_stats against the forward passes")
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--images", type=int, nargs="+", default=[32, 256])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(logging_cost(args.classes, args.one)))
        return
    if args.logging_cost:
        import subprocess

        for images in args.images:  # a process each: the first call's one-time costs are its own
            done = subprocess.run([sys.executable, __file__, "--one", str(images), "--classes", str(args.classes)],
                                  capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps(row) if args.json else " · ".join(f"{k}={v}" for k, v in row.items()), flush=True)
        return
    rows = [bench_digits(), bench_resnet50(args.resnet_images)]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    for row in rows:
        print(" · ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
