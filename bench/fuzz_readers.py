"""The long fuzz run: 100,000+ hostile inputs across GraphFold's five readers.

Same mutators and checks as ``tests/fuzz`` (:mod:`tests.fuzz.cases`), many more
cases. Each case is numbered: case ``i`` of a reader is made from
``random.Random(i)``, so ``--replay READER I`` reads one case again and shows
its outcome. Cases run in worker processes of ``--chunk`` cases each, one after
another, so that a crash (a segfault in a C parser) is reported with its range
instead of ending the run, and each chunk starts with a fresh heap.

Reported per reader: cases, valid results, typed errors, untyped exceptions
(with the first few cases that raised them), cases over 2 s, cases whose peak
resident memory rose by more than 512 MiB, the slowest case and the largest
peak. Exit status 1 if any case is untyped, slow, too large or crashed.

    .venv/bin/python bench/fuzz_readers.py                   # 21,000 cases per reader, 105,000 in all
    .venv/bin/python bench/fuzz_readers.py --cases 2000 --readers onnx
    .venv/bin/python bench/fuzz_readers.py --replay onnx 1234
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzz.budget import run_case  # noqa: E402
from tests.fuzz.cases import READERS  # noqa: E402

SLOW_SECONDS = 2.0
LARGE_BYTES = 512 * 2**20
_EXAMPLES = 5


def run_chunk(reader_name: str, start: int, count: int) -> dict:
    """Read cases ``start .. start + count - 1`` of one reader; a summary of the outcomes."""
    reader = READERS[reader_name]
    kinds = collections.Counter()
    untyped: dict[str, list[int]] = {}
    slow, large = [], []
    slowest = (0.0, -1)
    largest = (0, -1)
    for i in range(start, start + count):
        case = reader.make_case(random.Random(i))
        outcome = run_case(lambda: reader.read(case), reader.typed)  # noqa: B023 - called at once
        kinds[outcome.kind] += 1
        if outcome.kind == "untyped":
            key = f"{type(outcome.error).__name__}: {str(outcome.error)[:120]}"
            untyped.setdefault(key, []).append(i)
        if outcome.seconds > SLOW_SECONDS:
            slow.append(i)
        if outcome.peak_bytes > LARGE_BYTES:
            large.append(i)
        slowest = max(slowest, (outcome.seconds, i))
        largest = max(largest, (outcome.peak_bytes, i))
    return {"kinds": dict(kinds), "untyped": {k: v[:_EXAMPLES] + [len(v)] for k, v in untyped.items()},
            "slow": slow, "large": large, "slowest": slowest, "largest": largest}


def merge(total: dict, chunk: dict) -> None:
    for kind, n in chunk["kinds"].items():
        total["kinds"][kind] = total["kinds"].get(kind, 0) + n
    for key, cases in chunk["untyped"].items():
        seen = total["untyped"].setdefault(key, [[], 0])
        seen[0] = (seen[0] + cases[:-1])[:_EXAMPLES]
        seen[1] += cases[-1]
    total["slow"] += chunk["slow"]
    total["large"] += chunk["large"]
    total["slowest"] = max(total["slowest"], tuple(chunk["slowest"]))
    total["largest"] = max(total["largest"], tuple(chunk["largest"]))


def run_reader(name: str, cases: int, chunk: int, log) -> dict:
    total = {"kinds": {}, "untyped": {}, "slow": [], "large": [], "slowest": (0.0, -1), "largest": (0, -1),
             "crashed": []}
    for start in range(0, cases, chunk):
        count = min(chunk, cases - start)
        began = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--worker", name, str(start), str(count)],
                              capture_output=True, text=True, cwd=REPO)
        if done.returncode != 0:
            total["crashed"].append((start, count, done.returncode, done.stderr[-400:]))
            print(f"  {name} {start}..{start + count - 1}: worker exited {done.returncode}", file=log, flush=True)
            continue
        merge(total, json.loads(done.stdout.splitlines()[-1]))
        print(f"  {name} {start}..{start + count - 1}: {time.perf_counter() - began:.0f} s", file=log, flush=True)
    return total


def report(results: dict[str, dict], seconds: float) -> bool:
    """Print the table; True if every case passed."""
    print(f"\n{'reader':14s} {'cases':>8s} {'valid':>8s} {'typed':>8s} {'untyped':>8s} {'>2 s':>6s} "
          f"{'>512MiB':>8s} {'crashed':>8s} {'slowest':>14s} {'largest peak':>16s}")
    ok = True
    sums = collections.Counter()
    for name, r in results.items():
        kinds = r["kinds"]
        cases = sum(kinds.values()) + sum(c for _, c, _, _ in r["crashed"])
        row = (cases, kinds.get("ok", 0), kinds.get("typed", 0), kinds.get("untyped", 0), len(r["slow"]),
               len(r["large"]), sum(c for _, c, _, _ in r["crashed"]))
        sums.update(dict(zip(("cases", "ok", "typed", "untyped", "slow", "large", "crashed"), row)))
        print(f"{name:14s} {row[0]:8d} {row[1]:8d} {row[2]:8d} {row[3]:8d} {row[4]:6d} {row[5]:8d} {row[6]:8d} "
              f"{r['slowest'][0]:7.2f} s #{r['slowest'][1]:<5d} {r['largest'][0] / 2**20:7.0f} MiB #{r['largest'][1]}")
        ok &= not any(row[3:])
    print(f"{'all':14s} {sums['cases']:8d} {sums['ok']:8d} {sums['typed']:8d} {sums['untyped']:8d} "
          f"{sums['slow']:6d} {sums['large']:8d} {sums['crashed']:8d}   in {seconds / 60:.1f} min")
    for name, r in results.items():
        for key, (examples, n) in r["untyped"].items():
            print(f"  {name}: {n} x {key} (cases {examples})")
        for start, count, rc, err in r["crashed"]:
            print(f"  {name}: cases {start}..{start + count - 1} crashed (exit {rc}): {err}")
        if r["slow"] or r["large"]:
            print(f"  {name}: slow cases {r['slow'][:_EXAMPLES]}, large cases {r['large'][:_EXAMPLES]}")
    return ok


def replay(name: str, index: int) -> None:
    reader = READERS[name]
    case = reader.make_case(random.Random(index))
    outcome = run_case(lambda: reader.read(case), reader.typed)
    print(f"{name} case {index}: {outcome.describe()}")
    if outcome.kind == "untyped":
        raise outcome.error


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _, _, name, start, count = sys.argv
        print(json.dumps(run_chunk(name, int(start), int(count))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=21_000, help="cases per reader (default 21,000)")
    parser.add_argument("--readers", nargs="*", default=list(READERS), choices=list(READERS))
    parser.add_argument("--chunk", type=int, default=3_000, help="cases per worker process")
    parser.add_argument("--replay", nargs=2, metavar=("READER", "CASE"))
    args = parser.parse_args(argv)
    if args.replay:
        replay(args.replay[0], int(args.replay[1]))
        return 0
    began = time.perf_counter()
    results = {name: run_reader(name, args.cases, args.chunk, sys.stderr) for name in args.readers}
    return 0 if report(results, time.perf_counter() - began) else 1


if __name__ == "__main__":
    sys.exit(main())
