"""Benchmark: capture time and logged blob size, graph fetch latency, and which capture method succeeds.

Usage: ``python bench/bench_capture.py [--models bert-base,gpt2-96] [--repeat 5] [--json]``
       ``python bench/bench_capture.py --success [--models detection,llama70b-meta,ddp,...] [--json]``

Default: for each model, time of ``capture_module`` (torch.export + conversion
to the IR), size of the logged blobs, then the latency of ``GET graphs`` and
``GET graph`` against a real ``tensorboard`` process (first request, which
decodes, and the median of repeated ones, served from the plugin's cache), with
both data loaders.

``--success``: the capture-success table. Every held-out model of
``held_out_models.py``, plus a detector whose forward branches on tensor
values (``tests.models.TinyDetector``, widened), a ``torch.compile``d BERT, a
DDP-wrapped BERT logged from a 2-process gloo run (``torchrun``) and a 70B
Llama config built on ``meta``, each logged with ``tb_plugin.log_graph`` in a
process of its own: the method that captured it, why earlier methods failed,
the time of ``log_graph`` and the process's peak resident memory.

Prints a table and, with ``--json``, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))
sys.path.insert(0, str(ROOT / "bench"))

import demo_models  # noqa: E402
import held_out_models  # noqa: E402

from tb_plugin import serialize, summary  # noqa: E402
from tb_plugin.capture.chain import CaptureFallbackWarning  # noqa: E402
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


# -- capture success ----------------------------------------------------------------------
def detection():
    """The test detector, widened: proposals are kept by value (torch.nonzero, a Python if and loop)."""
    import torch

    from tests.models import TinyDetector

    torch.manual_seed(0)
    model = TinyDetector(channels=64, classes=91, max_proposals=16).eval()
    return model, (torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(1)),)


def compiled_bert():
    import torch

    model, inputs = held_out_models.bert()
    return torch.compile(model), inputs


def llama70b_meta():
    """Llama-2/3-70B's shape (80 layers, hidden 8192, GQA 64/8, vocab 128256) on ``meta``: 69.5B parameters, no data."""
    import torch
    from transformers import LlamaConfig, LlamaModel

    config = LlamaConfig(hidden_size=8192, intermediate_size=28672, num_hidden_layers=80, num_attention_heads=64,
                         num_key_value_heads=8, vocab_size=128256, max_position_embeddings=4096,
                         attn_implementation="eager")
    with torch.device("meta"):
        model = LlamaModel(config).eval()
    return model, (torch.randint(0, 128256, (1, 16)),)


SUCCESS_MODELS = {**held_out_models.MODELS, "detection": detection, "compiled-bert": compiled_bert,
                  "llama70b-meta": llama70b_meta}
DDP = "ddp-bert"


def log_one(name: str, logdir: pathlib.Path) -> dict:
    """Log one model with ``log_graph``; the row of the success table (run in a process of its own)."""
    model, inputs = SUCCESS_MODELS[name]()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CaptureFallbackWarning)
        try:
            graph = summary.log_graph(logdir / "success", model, inputs, tag=name)
        except Exception as e:  # the table reports any failure, CaptureError or not
            return {"model": name, "method": None, "error": str(e)[:2000], "seconds": round(time.perf_counter() - start, 2)}
    seconds = time.perf_counter() - start
    fallbacks = [str(w.message) for w in caught if issubclass(w.category, CaptureFallbackWarning)]
    return {
        "model": name, "method": graph.capture, "seconds": round(seconds, 2), "nodes": len(graph.nodes),
        "parameters": graph.parameter_count, "peak_rss_mb": round(_peak_rss_mb()),
        "why": [line.strip() for message in fallbacks for line in message.splitlines()[1:] if "failed:" in line],
    }


def ddp_worker(logdir: str) -> None:
    """Run under ``torchrun --nproc_per_node=2``: every rank logs its DDP-wrapped BERT; rank 0 saves its row."""
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel

    dist.init_process_group("gloo")
    model, inputs = held_out_models.bert()
    start = time.perf_counter()
    graph = summary.log_graph(logdir, DistributedDataParallel(model), inputs, tag=DDP)
    if dist.get_rank() == 0:
        row = {"model": DDP, "method": graph.capture, "seconds": round(time.perf_counter() - start, 2),
               "nodes": len(graph.nodes), "parameters": graph.parameter_count, "peak_rss_mb": round(_peak_rss_mb()),
               "why": [], "modules_without_wrapper_prefix": not any(p.startswith("module") for p in graph.modules)}
        pathlib.Path(logdir, "row.json").write_text(json.dumps(row))
    dist.barrier()
    dist.destroy_process_group()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_success(names: list[str]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            if name == DDP:
                rows.append(_ddp_row(pathlib.Path(tmp) / "ddp"))
                continue
            done = subprocess.run([sys.executable, __file__, "--log-one", name, tmp], capture_output=True, text=True,
                                  timeout=1800)
            if done.returncode != 0:
                rows.append({"model": name, "method": None, "error": done.stderr[-2000:]})
            else:
                rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def _ddp_row(logdir: pathlib.Path) -> dict:
    command = [sys.executable, "-m", "torch.distributed.run", "--nnodes=1", "--nproc_per_node=2",
               "--rdzv-backend=c10d", "--rdzv-endpoint=127.0.0.1:0", __file__, "--ddp-worker", str(logdir)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=ROOT,
                          env={**os.environ, "GLOO_SOCKET_IFNAME": "lo"})
    if done.returncode != 0:
        return {"model": DDP, "method": None, "error": done.stderr[-2000:]}
    row = json.loads((logdir / "row.json").read_text())
    row["event_files"] = len(list(logdir.glob("events.out.tfevents.*")))  # only rank 0 writes: 1
    return row


def _print_success(rows: list[dict]) -> None:
    print("model | method | log_graph s | nodes | parameters | peak RSS MB | why earlier methods failed")
    for r in rows:
        if r.get("method") is None:
            print(f"{r['model']} | FAILED | | | | | {r.get('error', '')[:300]}")
            continue
        why = "; ".join(r["why"]) or "-"
        print(f"{r['model']} | {r['method']} | {r['seconds']} | {r['nodes']} | {r['parameters']:,} | "
              f"{r['peak_rss_mb']} | {why[:300]}")
    print(f"\ncaptured: {sum(r.get('method') is not None for r in rows)} of {len(rows)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--success", action="store_true", help="the capture-success table instead")
    parser.add_argument("--log-one", nargs=2, metavar=("MODEL", "LOGDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--ddp-worker", metavar="LOGDIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.log_one:
        print(json.dumps(log_one(args.log_one[0], pathlib.Path(args.log_one[1]))))
        return
    if args.ddp_worker:
        ddp_worker(args.ddp_worker)
        return
    if args.success:
        names = args.models.split(",") if args.models else [*SUCCESS_MODELS, DDP]
        rows = bench_success(names)
        if args.json:
            print(json.dumps({"success": rows}))
        else:
            _print_success(rows)
        return
    names = (args.models or ",".join(BUILDERS)).split(",")
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
