#!/usr/bin/env bash
# Install everything, log the demo graphs into runs/demo and the two digits case
# studies (pruning, training dynamics) into runs/prune_digits and
# runs/dynamics_digits, and serve TensorBoard with GraphFold on
# http://127.0.0.1:6006 (Ctrl-C stops it). Takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python examples/log_demo_graphs.py runs/demo
[ -d runs/prune_digits ] || .venv/bin/python examples/prune_digits.py --logdir runs/prune_digits
[ -d runs/dynamics_digits ] || .venv/bin/python examples/dynamics_digits.py --logdir runs/dynamics_digits --epochs 10
# Weight graphs are logged every epoch: keep every step, not TensorBoard's default 10.
exec .venv/bin/tensorboard --logdir runs --host 127.0.0.1 --port "${PORT:-6006}" --samples_per_plugin=graphfold=1000
