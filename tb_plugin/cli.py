"""The ``graphfold`` command line (also ``python -m tb_plugin``).

``simplify PATH [--json]`` folds one graph and prints its stats. ``PATH`` is an
ONNX file, a ``torch.export`` archive (``.pt2``, loaded with
``torch.export.load``), an event file, or a log directory; in the last two,
``--run``/``--tag``/``--step`` pick the graph when there is more than one.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import os
import pathlib
import re
import sys
import time

from tensorboard.backend.event_processing import event_file_loader

from tb_plugin import ir, metadata
from tb_plugin.capture import CaptureError
from tb_plugin.graph_store import SOURCE_GRAPHDEF, SOURCE_GRAPHFOLD, decode_graph_blobs
from tb_plugin.passes import PassError
from tb_plugin.serialize import BlobError

__all__ = ["main", "load_graph"]


class UsageError(Exception):
    """The command line cannot do what was asked; the message says why."""


def _event_files(path: pathlib.Path) -> list[pathlib.Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "tfevents" in p.name)


def _logged_graphs(path: pathlib.Path) -> dict[tuple[str, str, int], tuple[str, list[bytes]]]:
    """(run, tag, step) -> (source, blobs) for every graph in the event files under ``path``."""
    found = {}
    root = path if path.is_dir() else path.parent
    for file in _event_files(path):
        run = os.path.relpath(file.parent, root).replace(os.sep, "/")
        for event in event_file_loader.EventFileLoader(str(file)).Load():
            for value in event.summary.value:
                plugin = value.metadata.plugin_data.plugin_name
                if plugin == metadata.PLUGIN_NAME:
                    source = SOURCE_GRAPHFOLD
                elif plugin == metadata.GRAPHS_PLUGIN_NAME and value.tag == metadata.RUN_GRAPH_TAG:
                    source = SOURCE_GRAPHDEF
                else:
                    continue
                found[(run, value.tag, event.step)] = (source, list(value.tensor.string_val))
    return found


def _pick(found: dict, run: str | None, tag: str | None, step: int | None, path) -> tuple:
    keys = [k for k in found if (run is None or k[0] == run) and (tag is None or k[1] == tag) and (step is None or k[2] == step)]
    latest: dict[tuple[str, str], tuple] = {}
    for key in sorted(keys, key=lambda k: k[2]):
        latest[key[:2]] = key  # the newest step of each run/tag unless --step says otherwise
    if len(latest) == 1:
        return next(iter(latest.values()))
    listing = "\n".join(f"  --run {r!r} --tag {t!r}" for r, t, _ in sorted(found)) or "  (none)"
    if not latest:
        raise UsageError(f"no graph matches in {path}; graphs found:\n{listing}")
    raise UsageError(f"{path} holds {len(latest)} graphs; pick one with --run and --tag:\n{listing}")


def load_graph(path: str, *, run=None, tag=None, step=None) -> ir.Graph:
    """Load the graph that ``simplify`` works on; see the module docstring for ``path``."""
    p = pathlib.Path(path)
    if not p.exists():
        raise UsageError(f"{path} does not exist")
    if p.suffix == ".onnx":
        from tb_plugin.capture import onnx_model

        return onnx_model.capture_onnx(p)
    if p.suffix == ".pt2":
        from tb_plugin.capture import torch_export

        return torch_export.capture_exported_program(_load_exported_program(p), name=p.stem)
    found = _logged_graphs(p)
    source, blobs = found[_pick(found, run, tag, step, path)]
    return decode_graph_blobs(source, blobs)


_UNREGISTERED_PYTREE = re.compile(r"Deserializing ([\w.]+) in pytree is not registered")


def _load_exported_program(path: pathlib.Path):
    """``torch.export.load``, importing the module of an unregistered pytree output type once.

    Archives of e.g. transformers models name output classes (``ModelOutput``
    subclasses) that are registered with pytree only when their package is
    imported. torch logs the real deserialization error instead of raising it,
    so the log records are captured and put into the message.
    """
    import torch

    imported: set[str] = set()
    while True:
        with _captured_log("torch.export") as records:
            try:
                return torch.export.load(str(path))
            except Exception as e:  # torch raises many types for a bad archive
                error = e
        details = "\n".join(records)
        missing = _UNREGISTERED_PYTREE.search(details)
        module = missing.group(1).rpartition(".")[0] if missing else None
        if module and module not in imported:
            imported.add(module)
            try:
                importlib.import_module(module)
                continue
            except ImportError:
                pass
        cause = missing.group(0) if missing else (details.strip().splitlines() or [str(error)])[-1]
        raise UsageError(
            f"{path} is not a torch.export archive that torch {torch.__version__} can load: {cause}"
            + (f"; install the package that defines {missing.group(1)}" if missing else "")
        ) from error


@contextlib.contextmanager
def _captured_log(name: str):
    """Collect what logger ``name`` says (tracebacks included) instead of printing it."""
    records: list[str] = []
    logger = logging.getLogger(name)

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = _Collect()
    handler.setFormatter(logging.Formatter("%(message)s"))
    saved = logger.handlers, logger.propagate
    logger.handlers, logger.propagate = [handler], False  # torch installs handlers of its own here
    try:
        yield records
    finally:
        logger.handlers, logger.propagate = saved


def _table(stats: dict) -> str:
    g = stats["graph"]
    lines = [f"{g['name']} ({g['source_format']}): {g['modules']} modules, {g['parameters']:,} parameters", ""]
    lines.append(f"{'':16}{'original':>10}{'simplified':>12}{'reduction':>11}")
    for label, key in (("default view", "default_view"), ("expanded view", "expanded_view")):
        v = stats[key]
        lines.append(f"{label:16}{v['original_elements']:>10}{v['simplified_elements']:>12}{v['reduction']:>10.1%}")
        lines.append(f"{'  nodes':16}{v['original_nodes']:>10}{v['simplified_nodes']:>12}")
        lines.append(f"{'  edges':16}{v['original_edges']:>10}{v['simplified_edges']:>12}")
        lines.append(f"{'  port stubs':16}{'':>10}{v['ports']:>12}")
    e = stats["edges"]
    kinds = ("original", "drawn", "pruned", "embedded", "contracted", "dead", "check", "through", "reversed")
    lines += ["", "edges: " + ", ".join(f"{k} {e[k]}" for k in kinds)]
    hidden = stats["hidden_nodes"]
    lines.append(f"hidden: {hidden['dead']} unused operators, {hidden['check']} checks, {hidden['plumbing']} plumbing")
    stacks = ", ".join(f"{s['module_class'].rpartition('.')[2]} ×{s['count']}" for s in stats["stacks"]) or "none"
    lines += [f"stacks: {stacks}", f"time: {stats['seconds']:.3f} s"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="graphfold", description="GraphFold command line")
    commands = parser.add_subparsers(dest="command", required=True)
    simplify_cmd = commands.add_parser("simplify", help="fold one graph and print its stats")
    simplify_cmd.add_argument("path", help="model.onnx, model.pt2, an event file or a log directory")
    simplify_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    simplify_cmd.add_argument("--run")
    simplify_cmd.add_argument("--tag")
    simplify_cmd.add_argument("--step", type=int)
    simplify_cmd.add_argument("--check", action="store_true", help="check every pass's postconditions")
    args = parser.parse_args(argv)
    from tb_plugin import simplify

    try:
        graph = load_graph(args.path, run=args.run, tag=args.tag, step=args.step)
        start = time.perf_counter()
        folded = simplify.simplify(graph, check=args.check)
        stats = simplify.simplify_stats(folded)
        stats["seconds"] = round(time.perf_counter() - start, 4)
    except (UsageError, CaptureError, BlobError) as e:
        print(f"graphfold simplify: {e}", file=sys.stderr)
        return 2
    except ir.GraphLintError as e:
        print(f"graphfold simplify: the graph is malformed: {e}", file=sys.stderr)
        return 1
    except PassError as e:
        # a failed invariant is a finding about this graph (or a GraphFold bug), not a crash
        print(f"graphfold simplify: check failed: {e}", file=sys.stderr)
        return 1
    print(json.dumps(stats) if args.json else _table(stats))
    return 0
