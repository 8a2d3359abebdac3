"""Case study: prune half of a digits CNN's convolution filters, guided by GraphFold's filter statistics.

1. Train a small CNN on scikit-learn's ``digits`` (no download).
2. Log its graph, its per-filter statistics on the training split, and its
   held-out accuracy into run ``original``.
3. Pick filters from the metrics: in every convolution, the ``--fraction``
   (default half) with the lowest discriminability, i.e. the filters whose
   class-averaged activation maps differ least between classes.
4. Make a pruning plan and apply it structurally (``tb_plugin.pruning.apply_plan``,
   Torch-Pruning's DepGraph keeps BatchNorm and the next layers consistent).
5. Fine-tune, and log the pruned model's graph, statistics and accuracy into run
   ``pruned``: the GraphFold tab compares the two runs.

The last line printed is one JSON object with the figures. Run::

    python examples/prune_digits.py --logdir runs/prune_digits
    tensorboard --logdir runs/prune_digits
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys

import torch
from torch.utils.tensorboard import SummaryWriter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import digits  # noqa: E402

import tb_plugin  # noqa: E402
from tb_plugin import pruning  # noqa: E402


def weakest_filters(stats: dict, fraction: float, metric: str = "discriminability") -> dict[str, list[int]]:
    """Per prunable conv layer, the ``fraction`` of filters with the lowest ``metric``."""
    prunable = {i for i, g in enumerate(stats["groups"]) if g["prunable"]}
    removals = {}
    for layer in stats["layers"]:
        if layer["layer_type"] != "Conv2d" or layer["group"] not in prunable:
            continue
        values = layer["metrics"][metric]
        order = sorted(range(len(values)), key=values.__getitem__)
        removals[layer["module"]] = sorted(order[: math.ceil(fraction * len(values))])
    return removals


def log_model(logdir: pathlib.Path, run: str, model, x_train, y_train, x_test, y_test, step: int) -> tuple[dict, float]:
    acc = digits.accuracy(model, x_test, y_test)
    with SummaryWriter(logdir / run) as writer:
        tb_plugin.log_graph(writer, model.eval(), (x_test[:1],), step=step, tag="model")
        stats = tb_plugin.log_filter_stats(
            writer, model, digits.batches(x_train, y_train, 256), step=step, class_names=digits.CLASS_NAMES, graph_tag="model"
        )
        writer.add_scalar("accuracy", acc, step)
        writer.add_scalar("parameters", digits.parameter_count(model), step)
    return stats, acc


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logdir", type=pathlib.Path, default=pathlib.Path("runs/prune_digits"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--finetune-epochs", type=int, default=20)
    parser.add_argument("--fraction", type=float, default=0.5, help="share of each conv layer's filters to remove")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = digits.load_split(args.seed)
    model = digits.train(digits.DigitsCNN(), x_train, y_train, epochs=args.epochs, lr=args.lr, seed=args.seed)
    stats, accuracy_before = log_model(args.logdir, "original", model, x_train, y_train, x_test, y_test, args.epochs)
    print(f"original: {digits.parameter_count(model)} parameters, accuracy {accuracy_before:.4f}")

    plan = pruning.make_plan(
        model, weakest_filters(stats, args.fraction),
        source={"run": "original", "tag": "filter_stats", "step": args.epochs, "graph_tag": "model"},
    )
    plan["preview"] = pruning.preview_plan(stats, plan)
    args.logdir.mkdir(parents=True, exist_ok=True)
    (args.logdir / "pruning_plan.json").write_text(json.dumps(plan, indent=1))
    print(f"plan: {sum(len(e['remove']) for e in plan['layers'].values())} filters; preview {plan['preview']}")

    pruned = pruning.apply_plan(model, plan, x_test[:1])
    print(f"pruned, before fine-tuning: accuracy {digits.accuracy(pruned, x_test, y_test):.4f}")
    pruned = digits.train(pruned, x_train, y_train, epochs=args.finetune_epochs, lr=args.lr, seed=args.seed + 1)
    final_step = args.epochs + args.finetune_epochs
    _, accuracy_after = log_model(args.logdir, "pruned", pruned, x_train, y_train, x_test, y_test, final_step)

    result = {
        "params_before": digits.parameter_count(model),
        "params_after": digits.parameter_count(pruned),
        "conv_filters_before": digits.conv_filter_count(model),
        "conv_filters_after": digits.conv_filter_count(pruned),
        "accuracy_before": round(accuracy_before, 4),
        "accuracy_after": round(accuracy_after, 4),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
