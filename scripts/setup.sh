#!/usr/bin/env bash
# Install GraphFold and everything its demo, tests and benchmarks need into .venv.
# Idempotent; torch is pinned to the CPU build (requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements-dev.txt
