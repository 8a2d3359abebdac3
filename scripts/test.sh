#!/usr/bin/env bash
# Install the test dependencies and run the whole test suite: frontend type
# check, unit tests and build, a check that the committed build is fresh, then
# every Python test (unit, property, integration against real tensorboard
# processes, browser tests in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Browser tests drive Debian's Chromium through Playwright (never `playwright install`).
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
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
