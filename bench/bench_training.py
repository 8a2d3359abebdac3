"""Benchmark of training-step graphs (``tb_plugin.log_training_graph``) on BERT-base.

Usage::

    python bench/bench_training.py                      # BERT-base, without and with AdamW
    python bench/bench_training.py --optimizers none    # forward, loss and backward only
    python bench/bench_training.py --seq 128 --json rows.json

For each optimizer setting, one row: ``capture s``, the time of
:func:`tb_plugin.capture.training.capture_training_step` (torch.export, then
AOTAutograd's joint graph, then the optimizer's update; the target is under
20 s on 2 cores; its CPU time too, which other work on a shared machine
inflates less); the graph's ``nodes+edges``; ``fold s``, one ``simplify``;
``root``, the elements of the root module's default view (target at most 25);
and the main stack (``BertLayer ×12``), whether each member holds its backward
group (``∇ in member``) and how many clicks draw it, counted from what the tab
first draws as ``bench_views.py`` counts them (target: one). The model is
built from ``BertConfig()`` (BERT-base, 110M parameters) with random weights,
in train mode, classification loss on random labels. Nothing here is asserted
in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_views import _clicks_to  # noqa: E402  (the tab's click count, one definition)


def bert_base(seq: int):
    """BERT-base for sequence classification, its inputs and a loss on fixed labels."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    model = BertForSequenceClassification(BertConfig()).train()
    inputs = {"input_ids": torch.randint(0, 30000, (2, seq)), "attention_mask": torch.ones(2, seq, dtype=torch.long)}
    labels = torch.tensor([0, 1])
    return model, inputs, lambda out: torch.nn.functional.cross_entropy(out.logits, labels)


def measure(seq: int, optimizer_name: str) -> dict:
    import torch

    from tb_plugin.capture.training import capture_training_step
    from tb_plugin.capture.training_groups import BACKWARD_SEGMENT
    from tb_plugin.simplify import simplify, simplify_stats, view_elements

    model, inputs, loss_fn = bert_base(seq)
    optimizer = {"none": None, "adamw": lambda: torch.optim.AdamW(model.parameters(), lr=1e-4),
                 "sgd": lambda: torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)}[optimizer_name]
    optimizer = optimizer() if optimizer else None
    start, cpu = time.perf_counter(), time.process_time()
    graph = capture_training_step(model, inputs, loss_fn, optimizer=optimizer)
    capture_seconds, capture_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    folded = simplify(graph)
    fold_seconds = time.perf_counter() - start
    stats = simplify_stats(folded)
    row = {
        "optimizer": optimizer_name, "capture_seconds": round(capture_seconds, 2),
        "capture_cpu_seconds": round(capture_cpu, 2), "fold_seconds": round(fold_seconds, 2),
        "nodes": len(graph.nodes), "edges": graph.edge_count, "phases": stats["graph"]["phases"],
        "root_elements": view_elements(folded.view(""))["elements"], "open": folded.view("")["open"],
    }
    representative = folded.main_stack()
    if representative is not None:
        path = folded.h.module_paths[representative]
        stack = next(s for s in stats["stacks"] if s["members"][0] == path)
        row["main_stack"] = {
            "class": stack["module_class"].rpartition(".")[2], "count": stack["count"], "variants": stack["variants"],
            "parent": stack["parent"], "clicks": _clicks_to(folded, "s:" + path),
            "backward_in_member": f"{path}.{BACKWARD_SEGMENT}" in graph.modules,
        }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seq", type=int, default=128)
    parser.add_argument("--optimizers", default="none,adamw", help="comma-separated: none, adamw, sgd")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    import torch

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads", file=sys.stderr)
    rows = []
    for name in args.optimizers.split(","):
        row = measure(args.seq, name)
        rows.append(row)
        stack = row.get("main_stack") or {}
        print(f"BERT-base seq {args.seq} optimizer={name}: capture {row['capture_seconds']} s "
              f"({row['capture_cpu_seconds']} s CPU), "
              f"{row['nodes']}+{row['edges']} nodes+edges, fold {row['fold_seconds']} s, root {row['root_elements']} "
              f"elements, phases {row['phases']}, main stack {stack.get('class')} ×{stack.get('count')} "
              f"({stack.get('variants')} variants) in {stack.get('parent')!r}, ∇ in member "
              f"{stack.get('backward_in_member')}, {stack.get('clicks')} click(s), open {row['open']}", flush=True)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
