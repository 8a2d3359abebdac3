"""Benchmark of the pruning overlay at 10, 100 and 1,000 classes (issue 14's targets).

Usage::

    python bench/bench_overlay_scale.py [--images 32] [--classes 10 100 1000] [--json]
    python bench/bench_overlay_scale.py --read LOGDIR   # only the routes, over logs kept by bench_overlay_browser.py

For each class count, in a fresh process (so each peak memory is its own):

- ResNet-50 (``transformers`` ``ResNetConfig()``, random weights) over ``--images``
  random 224×224 images in batches of 8, labels ``i % classes``: the plain
  forward passes over the same batches, then ``tb_plugin.log_filter_stats``
  into a log directory: seconds of each, their ratio, the process's peak RSS
  after the forward passes and after logging;
- the logged step read through a TensorBoard app (werkzeug client, Python data
  provider): ``GET filter_summary`` (bytes, seconds; the first request decodes
  only blob 2 of the step), then ``GET filter_layer`` for a first layer
  (``decode_wait_s``: it waits for the whole step's decoding, which the summary
  started in the background) and for the widest layer (``layer_*``: the first
  open of a layer panel on a warm server, the rows of the classes of its best
  and worst pairs, the pairs ranked on this request), the same layer's row of
  one more class (``pick_*``: a class picked in the panel) and of every class
  (``all_classes_bytes``, what a first open carried before), and the bytes of
  ``GET filter_stats`` where it is still served;
- the same step with every class seen (``--images`` cannot cover 1,000
  classes on a CPU: the logged step's class means replaced by random values
  and every class counted once, written with the summary API), whose layer
  route ranks pairs among all the classes: the server's cost at ImageNet scale.

The browser half (colours on screen after choosing the mode, a layer panel's
first open) is ``--browser`` in ``bench/bench_overlay_browser.py``. Figures go
to the issue's closing note; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def _rss_mib() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def write_resnet_log(logdir: pathlib.Path, classes: int, images: int, run: str = "resnet") -> dict:
    """Log ResNet-50's filter statistics at ``classes`` classes; the timings and memory of doing so."""
    import torch
    from transformers import ResNetConfig, ResNetModel

    import tb_plugin

    torch.manual_seed(0)
    model = ResNetModel(ResNetConfig()).eval()
    labels = torch.arange(images) % classes
    loader = [(torch.randn(8, 3, 224, 224), labels[i:i + 8]) for i in range(0, images, 8)]
    start = time.perf_counter()
    with torch.no_grad():
        for x, _ in loader:
            model(x)
    forward = time.perf_counter() - start
    rss_forward = _rss_mib()
    names = [f"class {c:04d}" for c in range(classes)]
    start = time.perf_counter()
    tb_plugin.log_filter_stats(logdir / run, model, loader, step=0, class_names=names)
    seconds = time.perf_counter() - start
    return {
        "classes": classes, "images": images, "plain_forward_s": round(forward, 1), "log_filter_stats_s": round(seconds, 1),
        "ratio": round(seconds / forward, 2), "peak_rss_after_forward_mib": rss_forward, "peak_rss_mib": _rss_mib(),
    }


def all_classes_seen(logdir: pathlib.Path, run: str, into: str, seed: int = 0) -> None:
    """Write ``run``'s logged step again as run ``into``, random class means and every class seen once."""
    import numpy as np
    from tensorboard.backend.event_processing import event_accumulator

    from tb_plugin import metadata, overlay_wire, summary

    acc = event_accumulator.EventAccumulator(str(logdir / run), size_guidance={event_accumulator.TENSORS: 0})
    acc.Reload()
    (event,) = acc.Tensors("filter_stats")
    blobs = event.tensor_proto.string_val
    stats = overlay_wire.decode_overlay(metadata.FILTER_STATS, blobs[0], overlay_wire.decode_overlay_header(blobs[1]))
    rng = np.random.default_rng(seed)
    classes = len(stats.class_names)
    for layer in stats.layers:
        del layer.class_means[:]
        layer.class_means.extend(rng.random(classes * layer.filter_count, dtype=np.float32))
    del stats.class_counts[:]
    stats.class_counts.extend([1] * classes)
    summary.write_overlay(logdir / into, stats, kind=metadata.FILTER_STATS, step=0, tag="filter_stats")


def read_routes(logdir: pathlib.Path, run: str = "resnet") -> dict:
    """Sizes and times of the overlay routes over the logged step."""
    from tests.conftest import tensorboard_client

    client = tensorboard_client(logdir)
    prefix = "/data/plugin/graphfold"
    args = {"run": run, "tag": "filter_stats"}

    def timed(route, **extra):
        start = time.perf_counter()
        response = client.get(f"{prefix}/{route}", query_string={**args, **extra})
        body = response.get_data()
        return response.status_code, body, time.perf_counter() - start

    status, body, summary_s = timed("filter_summary")
    assert status == 200, body[:500]
    summary = json.loads(body)
    widest = max(summary["layers"], key=lambda layer: layer["filter_count"])["module"]
    # A warm server: another layer first, which waits for the decode the summary started.
    status, _, warm_s = timed("filter_layer", module=summary["layers"][0]["module"])
    assert status == 200
    status, layer_body, layer_s = timed("filter_layer", module=widest)
    assert status == 200, layer_body[:500]
    from tb_plugin.overlays.filter_summary import decode_layer_payload

    header, _ = decode_layer_payload(layer_body)
    other = next(c for c in range(header["class_count"]) if c not in header["classes"])
    status, pick_body, pick_s = timed("filter_layer", module=widest, classes=str(other))
    assert status == 200, pick_body[:500]
    status, all_body, _ = timed("filter_layer", module=widest, classes="all")
    assert status == 200, all_body[:500]
    status, full_body, full_s = timed("filter_stats")
    return {
        "summary_bytes": len(body), "summary_first_s": round(summary_s, 3),
        "decode_wait_s": round(warm_s, 3),
        "layer": widest, "layer_bytes": len(layer_body), "layer_classes": len(header["classes"]),
        "layer_first_open_s": round(layer_s, 3),
        "pick_bytes": len(pick_body), "pick_s": round(pick_s, 3), "all_classes_bytes": len(all_body),
        "filter_stats_bytes": len(full_body) if status == 200 else f"refused ({status})", "filter_stats_s": round(full_s, 2),
        "server_peak_rss_mib": _rss_mib(),
    }


def one(classes: int, images: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        logdir = pathlib.Path(tmp)
        row = write_resnet_log(logdir, classes, images)
        row.update(read_routes(logdir))
        all_classes_seen(logdir, "resnet", "seen")
        seen = read_routes(logdir, "seen")
        row.update({f"all_seen_{key}": seen[key] for key in ("summary_bytes", "layer_bytes", "layer_classes", "layer_first_open_s", "pick_s")})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=32)
    parser.add_argument("--classes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--read", type=pathlib.Path, help="only read the routes of the runs under this log directory")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.read:
        for run in sorted(p.name for p in args.read.iterdir() if p.is_dir()):
            print(json.dumps({"run": run, **read_routes(args.read, run)}), flush=True)
        return
    if args.one is not None:
        print(json.dumps(one(args.one, args.images)))
        return
    rows = []
    for classes in args.classes:
        done = subprocess.run([sys.executable, __file__, "--one", str(classes), "--images", str(args.images)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            rows.append({"classes": classes, "error": done.stderr[-2000:]})
        else:
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]) if args.json else " · ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)


if __name__ == "__main__":
    main()
