#!/usr/bin/env bash
# Install everything, log the demo graphs into runs/demo, and serve TensorBoard
# with GraphFold on http://127.0.0.1:6006 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python examples/log_demo_graphs.py runs/demo
exec .venv/bin/tensorboard --logdir runs --host 127.0.0.1 --port "${PORT:-6006}"
