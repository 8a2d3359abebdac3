"""Case study: do the weight graph's early dynamics predict how well a training run ends?

Trains the digits CNN (scikit-learn's ``digits``, no download) in several runs
that differ in learning rate and dropout, logging ``tb_plugin.log_weight_graph``
before training and after every epoch, and the held-out accuracy as a scalar.
Then it summarises each run's first ``--summary-epochs`` epochs (per layer and
property, the mean and standard deviation over the layer's channels at each
of those epochs, standardised), fits a ridge regression from summaries to the
final accuracy, and measures with leave-one-out how well the held-out
predictions rank the runs (Spearman correlation). For comparison it prints the
Spearman correlation of the plain accuracy after the same epochs.

The last line printed is one JSON object: ``{"runs", "epochs", "summary_epochs",
"spearman"}``. Run::

    python examples/dynamics_digits.py --logdir runs/dynamics_digits
    tensorboard --logdir runs/dynamics_digits --samples_per_plugin=graphfold=1000
"""

from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import sys

import numpy as np
import torch
from torch.utils.tensorboard import SummaryWriter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import digits  # noqa: E402

import tb_plugin  # noqa: E402

LEARNING_RATES = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2)
DROPOUTS = (0.0, 0.5)
STATISTICS = ("mean", "std")


def train_run(logdir: pathlib.Path, name: str, lr: float, dropout: float, data, *, epochs: int, width: int, seed: int):
    """Train one run; return (weight-graph steps as logged, accuracy after each epoch)."""
    x_train, y_train, x_test, y_test = data
    torch.manual_seed(seed)
    model = digits.DigitsCNN(width=width, dropout=dropout)
    steps, accuracies = [], []
    with SummaryWriter(logdir / name) as writer:
        tb_plugin.log_graph(writer, model.eval(), (x_test[:1],), tag="model")
        steps.append(tb_plugin.log_weight_graph(writer, model, step=0))

        def on_epoch(epoch: int, trained) -> None:
            steps.append(tb_plugin.log_weight_graph(writer, trained, step=epoch + 1))
            accuracies.append(digits.accuracy(trained, x_test, y_test))
            writer.add_scalar("accuracy", accuracies[-1], epoch + 1)

        digits.train(model, x_train, y_train, epochs=epochs, lr=lr, seed=seed, on_epoch=on_epoch)
    return steps, accuracies


def summary_features(steps: list[dict], summary_epochs: int) -> np.ndarray:
    """Per layer, property and statistic, the value after each of the first epochs (step 0 is the init)."""
    features = []
    for step in steps[1:summary_epochs + 1]:
        for layer in step["layers"]:
            for prop, stat in itertools.product(sorted(layer["properties"]), STATISTICS):
                features.append(layer["properties"][prop][stat])
    return np.asarray(features)


def loo_spearman(features: np.ndarray, target: np.ndarray, alpha: float = 1.0) -> float:
    """Spearman correlation of leave-one-out ridge predictions with the target."""
    from scipy.stats import spearmanr
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import LeaveOneOut, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), Ridge(alpha=alpha))
    predicted = cross_val_predict(model, features, target, cv=LeaveOneOut())
    return float(spearmanr(predicted, target).statistic)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logdir", type=pathlib.Path, default=pathlib.Path("runs/dynamics_digits"))
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--summary-epochs", type=int, default=5)
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--runs", type=int, default=len(LEARNING_RATES) * len(DROPOUTS), help="at most 12")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not 1 <= args.summary_epochs <= min(5, args.epochs):
        parser.error("--summary-epochs must be between 1 and min(5, --epochs)")

    data = digits.load_split(args.seed)
    configs = list(itertools.product(LEARNING_RATES, DROPOUTS))[: args.runs]
    features, final, early = [], [], []
    for index, (lr, dropout) in enumerate(configs):
        name = f"lr{lr:g}_dropout{dropout:g}"
        steps, accuracies = train_run(args.logdir, name, lr, dropout, data, epochs=args.epochs, width=args.width, seed=args.seed + index)
        features.append(summary_features(steps, args.summary_epochs))
        final.append(accuracies[-1])
        early.append(accuracies[args.summary_epochs - 1])
        print(f"{name}: accuracy after {args.summary_epochs} epochs {early[-1]:.4f}, final {final[-1]:.4f}")

    from scipy.stats import spearmanr

    spearman = loo_spearman(np.stack(features), np.asarray(final))
    baseline = float(spearmanr(early, final).statistic)
    print(f"Spearman, leave-one-out ridge on weight-graph summaries: {spearman:.3f}; "
          f"accuracy after {args.summary_epochs} epochs alone: {baseline:.3f}")
    result = {"runs": len(configs), "epochs": args.epochs, "summary_epochs": args.summary_epochs,
              "spearman": round(spearman, 4)}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
