"""Fold time of this tree against another revision, on the cached held-out graphs, in one run.

Usage::

    python bench/compare_fold.py --base 86aa6be bert__log_graph llama80__log_graph ...

Checks ``--base`` out into a temporary git worktree, then folds each cached
graph (``.benchmarks/held_out/<name>.pb``, written by ``bench_views.py``) with
both trees in alternating child processes (base, this, base, this), best of 5
per process, so both see the same machine load. Prints µs per node+edge for
each and their ratio. ``--clock cpu`` times the process's CPU time instead of
the wall clock: on a shared machine under load the wall clock swings by ±50%
between runs, CPU time far less. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".benchmarks" / "held_out"

_FOLD = r"""
import json, pathlib, sys, time
sys.path.insert(0, sys.argv[1])
clock = time.process_time if sys.argv[2] == "cpu" else time.perf_counter
from tb_plugin import serialize
from tb_plugin.proto import graphfold_pb2
from tb_plugin.simplify import simplify
out = {}
for file in sys.argv[3:]:
    blob = pathlib.Path(file).read_bytes()
    best = float("inf")
    for _ in range(5):
        graph = serialize.graph_from_proto(graphfold_pb2.ModelGraph.FromString(blob))
        start = clock()
        simplify(graph)
        best = min(best, clock() - start)
    out[pathlib.Path(file).stem] = [len(graph.nodes) + graph.edge_count, best]
print(json.dumps(out))
"""


def _fold_times(tree: pathlib.Path, clock: str, files: list[pathlib.Path]) -> dict:
    done = subprocess.run([sys.executable, "-c", _FOLD, str(tree), clock, *map(str, files)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time the fold by the wall clock or by the process's CPU time")
    parser.add_argument("graphs", nargs="+", help="cached graph names, e.g. bert__log_graph")
    args = parser.parse_args()
    files = [CACHE / f"{name}.pb" for name in args.graphs]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        sys.exit(f"no cached graph {', '.join(missing)}: run bench/bench_views.py first")
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base), args.base], check=True)
        try:
            best: dict[str, dict] = {}
            for label, tree in (("base", base), ("this", ROOT), ("base", base), ("this", ROOT)):
                for name, (elements, seconds) in _fold_times(tree, args.clock, files).items():
                    row = best.setdefault(name, {"elements": elements})
                    row[label] = min(row.get(label, float("inf")), seconds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=True)
    print(f"{'graph':24} {'nodes+edges':>11} {'base µs/elt':>11} {'this µs/elt':>11} {'this/base':>9}")
    for name, row in best.items():
        old, new = (row[k] * 1e6 / row["elements"] for k in ("base", "this"))
        print(f"{name:24} {row['elements']:>11} {old:>11.1f} {new:>11.1f} {new / old:>9.2f}")


if __name__ == "__main__":
    main()
