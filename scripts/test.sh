#!/usr/bin/env bash
# Install the test dependencies and run the whole test suite: frontend type
# check, unit tests and build, a check that the committed build is fresh, then
# every Python test (unit, property, integration against real tensorboard processes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(
    cd frontend
    npm ci --no-audit --no-fund
    npm run typecheck
    npm test
    npm run build
)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    stale=$(git status --porcelain -- tb_plugin/static)
    if [ -n "$stale" ]; then
        echo "$stale" >&2
        echo "tb_plugin/static differs from a fresh build: run 'npm run build' in frontend/ and commit it" >&2
        exit 1
    fi
fi
.venv/bin/python -m pytest "$@"
