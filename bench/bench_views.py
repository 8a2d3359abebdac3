"""Benchmark of default views on a held-out set of real models (``held_out_models.py``).

Usage::

    python bench/bench_views.py                          # every model, every path
    python bench/bench_views.py --models bert,gpt2 --paths log_graph,onnx
    python bench/bench_views.py --recapture              # capture again instead of reading the cache
    python bench/bench_views.py --retry-failed           # capture again only what failed last time
    python bench/bench_views.py --json rows.json
    python bench/bench_views.py --set fresh              # the second held-out set (held_out_fresh.py)

Each model is captured through three paths: ``log_graph`` (``capture_module``,
torch.export), ``onnx`` (``torch.onnx.export(dynamo=True)`` then the ONNX
capture of ``log_onnx``) and ``add_graph`` (``SummaryWriter.add_graph``, read
back from the event file by the CLI's reader). A path that fails is a row
``fail: <cause>``. Captured graphs are cached as
``.benchmarks/held_out/<model>__<path>.pb`` (the proto a logged graph is stored
as, so the fold sees what the tab sees) with a ``.json`` beside each saying how
the capture went, so a rerun after changing the passes only folds (seconds).
Each model is captured in a process of its own (memory stays bounded; a crash
loses one model) and each graph folded in one, with a time limit on the check.

Columns: the captured graph's ``nodes+edges``; ``root``, the elements of the
root module's view; ``main stack``, the representative stack that hides the
most nodes (members × nodes in one member) and the clicks that draw it, counted
from what the tab first draws: the root view with the items its ``open``
suggests opened (said in brackets); ``expanded``,
the expanded view's reduction; ``fold s``, the best of 5 to 20
``simplify`` runs without checks (as many as fit in a second), in CPU time of
the process (which leaves out time the machine gave to other processes), and
``µs/elt`` per node+edge; the wall clock's best is in the JSON rows as
``fold_wall_seconds``. On a shared machine both still swing by up to 2× between
runs of the same small fold: compare revisions with ``compare_fold.py``, which
alternates them in one run. ``check s`` and
``check``, one ``simplify(check=True)`` under ``--check-timeout``; ``accounting``, ``exact`` when every
module's view counts each original edge touching it exactly once (``check_view``, from scratch). Progress
goes to stderr, child output to ``.benchmarks/held_out/logs/``. Nothing here
is asserted in tests.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

# Held-out sets: the module that builds the models, and the cache folder. The first is the one the issues'
# targets were set on; "fresh" (held_out_fresh.py) was chosen later and never tuned for. Child processes
# learn the set from the environment.
SETS = {"first": ("held_out_models", "held_out"), "fresh": ("held_out_fresh", "held_out_fresh")}
SET_VARIABLE = "GRAPHFOLD_HELD_OUT_SET"
HELD_OUT_SET = os.environ.get(SET_VARIABLE, "first")
CACHE = ROOT / ".benchmarks" / SETS[HELD_OUT_SET][1]
PATHS = ("log_graph", "onnx", "add_graph")
REASON_CHARS = 110


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CLASS = re.compile(r"<class '(?:[\w.]+\.)?(\w+)'>")
_TRACED_TYPE = re.compile(r"got value of type (\w+)")


def _error_info(error: BaseException) -> dict:
    """What a failed capture records: the innermost cause, which says more than the wrappers around it."""
    root = error
    while root.__cause__ is not None:
        root = root.__cause__
    text = _ANSI.sub("", str(root))
    if len(text) > 4000:  # the head says what, the tail often why (torch.jit.trace)
        text = text[:2000] + "\n…\n" + text[-2000:]
    return {"ok": False, "error_type": type(root).__name__, "error": text, "raised": type(error).__name__}


def _short_reason(info: dict) -> str:
    """One line for a table cell: the cause's first line, a cut-off repr folded to ``Name(…)``."""
    lines = [line.strip() for line in info["error"].splitlines() if line.strip()]
    text = _CLASS.sub(r"\1", lines[0]) if lines else ""
    text = text.split(". ")[0]  # the first sentence; the rest is advice
    opened = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            opened.pop()
    if opened:  # a repr that runs on past its first line (torch.jit.trace prints the whole output)
        text = text[: opened[0]]
    if len(lines) > 1 and lines[-1].startswith(":"):  # torch.jit.trace puts the cause after the repr
        traced = _TRACED_TYPE.search(lines[-1])
        text += f": output holds {traced.group(1)}" if traced else ": " + lines[-1][1:]
    if info.get("error_type"):
        text = f"{info['error_type']}: {text}"
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def _cached(model: str, path: str, suffix: str) -> pathlib.Path:
    return CACHE / f"{model}__{path}.{suffix}"


# -- capture (child process, one per model) ----------------------------------------
def _capture_log_graph(model, inputs, tmp: pathlib.Path):
    from tb_plugin.capture import torch_export

    return torch_export.capture_module(model, inputs)


def _capture_onnx(model, inputs, tmp: pathlib.Path):
    import torch

    from tb_plugin.capture import onnx_model

    file = tmp / "model.onnx"
    torch.onnx.export(model, inputs, str(file), dynamo=True, external_data=False)
    return onnx_model.capture_onnx(file)


def _capture_add_graph(model, inputs, tmp: pathlib.Path):
    from torch.utils.tensorboard import SummaryWriter

    from tb_plugin import cli

    logdir = tmp / "add_graph"
    # Non-strict trace: transformers models return dicts, which a strict trace refuses.
    with SummaryWriter(str(logdir)) as writer:
        writer.add_graph(model, inputs, use_strict_trace=False)
    return cli.load_graph(str(logdir))


_CAPTURES = {"log_graph": _capture_log_graph, "onnx": _capture_onnx, "add_graph": _capture_add_graph}
_OUTPUT_FLAGS = ("use_cache", "return_dict")


def _plain_outputs(model, flags=_OUTPUT_FLAGS, undo: dict | None = None) -> dict | None:
    """Turn off ``flags`` on every config in the model (T5's stacks keep their own copies).

    Returns the old values, keyed by flag, as ``{flag: [(config, value)...]}``; ``None`` when no
    config had any of them on. ``undo`` restores them.
    """
    if undo is not None:
        for flag, changed in undo.items():
            for config, value in changed:
                setattr(config, flag, value)
        return None
    configs = {id(m.config): m.config for m in model.modules() if getattr(m, "config", None) is not None}
    old: dict[str, list] = {}
    for config in configs.values():
        for flag in flags:
            if getattr(config, flag, False):
                old.setdefault(flag, []).append((config, getattr(config, flag)))
                setattr(config, flag, False)
    return old or None


def capture_child(model_name: str, paths: list[str]) -> None:
    """Capture one model through ``paths``, writing each result to the cache as soon as it exists."""
    from tb_plugin import serialize

    model, inputs = _models()[model_name]()
    for path in paths:
        print(f"== {model_name} {path}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            try:
                fallback = None
                try:
                    graph = _CAPTURES[path](model, inputs, pathlib.Path(tmp))
                except Exception:
                    # The exporter and the tracer cannot return caches or ModelOutputs; their users turn
                    # them off (use_cache first, then return_dict too), so the path is measured as they
                    # would use it, and the row says so.
                    if path == "log_graph":
                        raise
                    traceback.print_exc()
                    graph = None
                    for flags in (("use_cache",), _OUTPUT_FLAGS):
                        fallback = _plain_outputs(model, flags)
                        if fallback is None:
                            continue
                        try:
                            graph = _CAPTURES[path](model, inputs, pathlib.Path(tmp))
                            break
                        except Exception:
                            traceback.print_exc()
                        finally:
                            _plain_outputs(model, undo=fallback)
                    if graph is None:
                        raise
                _cached(model_name, path, "pb").write_bytes(serialize.graph_to_proto(graph).SerializeToString())
                info = {"ok": True, "capture_seconds": round(time.perf_counter() - start, 2)}
                if fallback:
                    info["fallback"] = ", ".join(f"{flag}=False" for flag in fallback)
            except Exception as e:  # every capture path raises its own types; the row reports it
                traceback.print_exc()
                _cached(model_name, path, "pb").unlink(missing_ok=True)
                info = {**_error_info(e), "capture_seconds": round(time.perf_counter() - start, 2)}
        _cached(model_name, path, "json").write_text(json.dumps(info))
        graph = None
        gc.collect()


# -- fold (child process, one per graph) ---------------------------------------------
class _CheckTimeout(Exception):
    pass


def _main_stack(folded, stats: dict) -> dict | None:
    """The representative stack that hides the most nodes (``FoldedGraph.main_stack``), as the table shows it."""
    representative = folded.main_stack()
    if representative is None:
        return None
    path = folded.h.module_paths[representative]
    best = next(s for s in stats["stacks"] if s["members"][0] == path)
    nodes = folded.h.subtree_start[folded.h.subtree_end[representative]] - folded.h.subtree_start[representative]
    # A module without a class (an ONNX function's scope, a name scope) is named by its representative.
    label = best["module_class"].rpartition(".")[2] or path
    return {"class": label, "count": best["count"], "parent": best["parent"],
            "variants": best.get("variants", 0), "member_nodes": nodes, "representative": path}


def _clicks_to(folded, stack_id: str) -> int | None:
    """How many modules a user opens before stack ``stack_id`` is drawn (0: drawn when the tab opens).

    The tab first draws the root view with the items its ``open`` suggests opened.
    """
    frontier = ["", *(item[2:] for item in folded.view("")["open"])]
    clicks, seen = 0, set()
    while frontier and clicks <= 4:
        children = [c for path in frontier for c in folded.view(path)["children"]]
        if any(c["id"] == stack_id for c in children):
            return clicks
        frontier = [c["id"][2:] for c in children if c["type"] in ("module", "stack") and c["id"] not in seen]
        seen.update("m:" + p for p in frontier)
        clicks += 1
    return None


def _accounting(folded) -> str:
    """``exact`` when every module's view counts each original edge touching it exactly once
    (:func:`tb_plugin.views.check_view`, from scratch), else the first view that does not."""
    from tb_plugin.views import check_view

    for path in folded.h.module_paths:
        try:
            check_view(folded, path)
        except AssertionError as e:
            return str(e)
    return "exact"


def fold_child(file: str, check_timeout: float, repeat_seconds: float = 1.0) -> None:
    """Print one JSON line with the fold's numbers, then one with ``--check``'s outcome."""
    from tb_plugin import serialize
    from tb_plugin.proto import graphfold_pb2
    from tb_plugin.simplify import simplify, simplify_stats, view_elements

    blob = pathlib.Path(file).read_bytes()

    def load():
        return serialize.graph_from_proto(graphfold_pb2.ModelGraph.FromString(blob))

    graph = load()
    row = {"nodes": len(graph.nodes), "edges": graph.edge_count, "modules": len(graph.modules)}
    times, walls, total = [], [], 0.0
    folded = None
    try:
        # Best of several runs, as timeit does: at least 5, and for a small graph up to 20 within
        # repeat_seconds, since a 10 ms fold on this shared machine swings by ±50% from run to run.
        while len(times) < 5 or (len(times) < 20 and total < repeat_seconds):
            folded = None  # the last run's result is not kept alive while the next one runs
            fresh = load()
            start, start_cpu = time.perf_counter(), time.process_time()
            folded = simplify(fresh)
            times.append(time.process_time() - start_cpu)
            walls.append(time.perf_counter() - start)
            total += walls[-1]
        stats = simplify_stats(folded)
    except Exception as e:  # a pass that breaks on this graph; the row reports it
        traceback.print_exc()
        print(json.dumps({"fold_error": _short_reason(_error_info(e))}), flush=True)
        return
    main_stack = _main_stack(folded, stats)
    if main_stack is not None:
        main_stack["clicks"] = _clicks_to(folded, "s:" + main_stack["representative"])
        main_stack["opened"] = len(folded.view("")["open"])
    row.update({
        "root_elements": view_elements(folded.view(""))["elements"],
        "main_stack": main_stack,
        "default_reduction": stats["default_view"]["reduction"],
        "expanded_reduction": stats["expanded_view"]["reduction"],
        "fold_seconds": round(min(times), 4),
        "fold_wall_seconds": round(min(walls), 4),
        "us_per_element": round(min(times) * 1e6 / max(1, row["nodes"] + row["edges"]), 2),
    })
    print(json.dumps(row), flush=True)
    print(json.dumps({"accounting": _accounting(folded)}), flush=True)
    del folded

    def on_alarm(signum, frame):
        raise _CheckTimeout

    fresh = load()
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, check_timeout)
    start = time.perf_counter()
    try:
        simplify(fresh, check=True)
        check = "ok"
    except _CheckTimeout:
        check = f">{check_timeout:g}s timeout"
    except Exception as e:  # a failed ensures check raises its own type; the row reports it
        check = _short_reason(_error_info(e))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps({"check_seconds": round(time.perf_counter() - start, 3), "check": check}), flush=True)


# -- the parent ------------------------------------------------------------------
def _child(args: list[str], log: pathlib.Path, timeout: float) -> tuple[list[str], str | None]:
    """Run this file as a child; return its stdout lines and, if it did not finish cleanly, why."""
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=err, text=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
            problem = None if proc.returncode == 0 else f"child exited {proc.returncode}, see {log.relative_to(ROOT)}"
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            problem = f">{timeout:g}s timeout"
    return out.splitlines(), problem


def capture(models: list[str], paths: list[str], *, recapture: bool, retry_failed: bool, timeout: float) -> None:
    for model in models:
        todo = []
        for path in paths:
            info_file = _cached(model, path, "json")
            info = json.loads(info_file.read_text()) if info_file.exists() else None
            if recapture or info is None or (retry_failed and not info["ok"]):
                info_file.unlink(missing_ok=True)
                todo.append(path)
        if not todo:
            continue
        print(f"capturing {model}: {', '.join(todo)}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        log = CACHE / "logs" / f"{model}.capture.log"
        _, problem = _child(["--capture-child", model, ",".join(todo)], log, timeout)
        for path in todo:  # paths the child never finished fail with the child's reason
            if not _cached(model, path, "json").exists():
                _cached(model, path, "json").write_text(json.dumps({"ok": False, "error": problem or "no result"}))
        print(f"  {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def fold(model: str, path: str, check_timeout: float, fold_timeout: float) -> dict:
    row = {"model": model, "path": path, **json.loads(_cached(model, path, "json").read_text())}
    if not row["ok"]:
        return row
    log = CACHE / "logs" / f"{model}__{path}.fold.log"
    lines, problem = _child(["--fold-child", str(_cached(model, path, "pb")), str(check_timeout)], log,
                            fold_timeout + check_timeout + 30)
    for line in lines:
        if line.startswith("{"):
            row.update(json.loads(line))
    if "nodes" not in row or "fold_error" in row:
        row.setdefault("fold_error", problem or "no result")
        return row
    if "check" not in row:
        row["check"] = f">{check_timeout:g}s timeout" if problem and "timeout" in problem else problem
    return row


COLUMNS = ("model", "path", "nodes+edges", "root", "main stack", "expanded", "fold s (CPU)", "µs/elt", "check s", "check",
           "accounting")


def _cells(row: dict) -> list[str]:
    head = [row["model"], row["path"] + ("*" if row.get("fallback") else "")]
    if not row["ok"]:
        return head + [f"fail: {_short_reason(row)}"]
    if "fold_error" in row:
        return head + [f"fold fail: {row['fold_error']}"]
    stack = row["main_stack"]
    stack_text = "-"
    if stack:
        variants = f" ({stack['variants']} variant{'s' if stack['variants'] > 1 else ''})" if stack.get("variants") else ""
        where = {0: "at root", 1: "1 click"}.get(stack.get("clicks"), f"{stack.get('clicks')} clicks")
        if stack.get("opened"):
            where = f"{where} ({stack['opened']} opened by default)"
        stack_text = f"{stack['class']} ×{stack['count']}{variants}, {where}"
    check_s = row.get("check_seconds")
    return head + [
        str(row["nodes"] + row["edges"]), str(row["root_elements"]), stack_text,
        f"{row['expanded_reduction']:.1%}", f"{row['fold_seconds']:.3f}", f"{row['us_per_element']:.1f}",
        "-" if check_s is None else f"{check_s:.2f}", str(row.get("check")), str(row.get("accounting", "-")),
    ]


def print_table(rows: list[dict]) -> None:
    """Aligned columns; a failed row's reason runs on from its path across the rest."""
    table = [list(COLUMNS)] + [_cells(row) for row in rows]
    widths = [max(len(c[i]) for c in table if i < len(c) - 1 or len(c) == len(COLUMNS)) for i in range(len(COLUMNS))]
    for cells in table:
        print("  ".join(text if i == len(cells) - 1 else text.ljust(widths[i]) for i, text in enumerate(cells)))
    fallbacks = sorted({row["fallback"] for row in rows if row.get("fallback")})
    if fallbacks:
        print("* captured with " + "; ".join(fallbacks) + ": the exporter or tracer refuses the default outputs")
    fit = linear_fit(rows)
    if fit:
        print(f"fold seconds ≈ {fit['fixed_ms']:.1f} ms + {fit['us_per_element']:.2f} µs × (nodes+edges) "
              f"(least squares over {fit['rows']} rows, R² {fit['r2']:.3f}); rows above 10 µs/elt: {fit['above_10']}")
    fit = linear_fit(rows, modules=True)
    if fit:
        print(f"with modules: ≈ {fit['fixed_ms']:.1f} ms + {fit['us_per_element']:.2f} µs × (nodes+edges) "
              f"+ {fit['us_per_module']:.2f} µs × modules (R² {fit['r2']:.3f})")


def linear_fit(rows: list[dict], *, modules: bool = False) -> dict | None:
    """Least-squares line of fold time against nodes+edges over the folded rows: is the fold linear, at what slope?

    ``modules``: fit the module count as a second term (stacking's work is per module as well as per
    node and edge; module-dense graphs, one op per Conv2d and BatchNorm2d, read high per node+edge).

    >>> linear_fit([{"nodes": n, "edges": n, "fold_seconds": 0.002 + 8e-6 * 2 * n, "us_per_element": 1.0}
    ...             for n in (100, 1000, 5000)])["us_per_element"]
    8.0
    >>> fit = linear_fit([{"nodes": n, "edges": n, "modules": m, "us_per_element": 1.0,
    ...                    "fold_seconds": 0.002 + 8e-6 * 2 * n + 20e-6 * m}
    ...                   for n, m in ((100, 10), (1000, 700), (5000, 900), (3000, 3000))], modules=True)
    >>> fit["us_per_element"], fit["us_per_module"]
    (8.0, 20.0)
    """
    import numpy as np

    folded = [row for row in rows if "fold_seconds" in row and (not modules or "modules" in row)]
    if len(folded) < 3 + modules:
        return None
    columns = [[row["nodes"] + row["edges"] for row in folded]] + ([[row["modules"] for row in folded]] if modules else [])
    x = np.array([*columns, [1.0] * len(folded)], dtype=float).T
    y = np.array([row["fold_seconds"] for row in folded])
    coefficients = np.linalg.lstsq(x, y, rcond=None)[0]
    r2 = 1 - ((y - x @ coefficients) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    out = {"rows": len(folded), "fixed_ms": round(float(coefficients[-1]) * 1e3, 3),
           "us_per_element": round(float(coefficients[0]) * 1e6, 2), "r2": round(float(r2), 4),
           "above_10": sum(row["us_per_element"] > 10 for row in folded)}
    if modules:
        out["us_per_module"] = round(float(coefficients[1]) * 1e6, 2)
    return out


def _models() -> dict:
    """The model builders of the held-out set this process works on."""
    return importlib.import_module(SETS[HELD_OUT_SET][0]).MODELS


def main() -> None:
    global CACHE, HELD_OUT_SET

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default=HELD_OUT_SET,
                        help="held-out set: first (held_out_models.py) or fresh (held_out_fresh.py)")
    parser.add_argument("--models", help="comma-separated (default: every model of the set)")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated, of " + ", ".join(PATHS))
    parser.add_argument("--recapture", action="store_true", help="capture again instead of reading the cache")
    parser.add_argument("--retry-failed", action="store_true", help="capture again what failed last time")
    parser.add_argument("--check-timeout", type=float, default=60.0, help="seconds for simplify(check=True)")
    parser.add_argument("--fold-timeout", type=float, default=600.0, help="seconds for the plain folds")
    parser.add_argument("--capture-timeout", type=float, default=1800.0, help="seconds to capture one model")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    HELD_OUT_SET = os.environ[SET_VARIABLE] = args.set  # children read it
    CACHE = ROOT / ".benchmarks" / SETS[args.set][1]
    known = _models()
    models, paths = (args.models.split(",") if args.models else list(known)), args.paths.split(",")
    unknown = sorted(set(models) - set(known)) + sorted(set(paths) - set(PATHS))
    if unknown:
        parser.error(f"unknown {', '.join(unknown)}; models are {', '.join(known)}, paths {', '.join(PATHS)}")
    (CACHE / "logs").mkdir(parents=True, exist_ok=True)
    capture(models, paths, recapture=args.recapture, retry_failed=args.retry_failed, timeout=args.capture_timeout)
    rows = []
    for model in models:
        for path in paths:
            print(f"folding {model} {path}", file=sys.stderr, flush=True)
            rows.append(fold(model, path, args.check_timeout, args.fold_timeout))
    print_table(rows)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--capture-child"]:
        capture_child(sys.argv[2], sys.argv[3].split(","))
    elif sys.argv[1:2] == ["--fold-child"]:
        fold_child(sys.argv[2], float(sys.argv[3]))
    else:
        main()
