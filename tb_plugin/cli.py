"""The ``graphfold`` command line (also ``python -m tb_plugin``).

``simplify PATH [--json]`` folds one graph and prints its stats. ``PATH`` is an
ONNX file, a ``torch.export`` archive (``.pt2``, loaded with
``torch.export.load``), an event file, or a log directory; in the last two,
``--run``/``--tag``/``--step`` pick the graph when there is more than one.
Logged graphs are read as the plugin's routes read them: through TensorBoard's
data provider and :class:`tb_plugin.graph_store.GraphStore`, so the command line
and the server never disagree about what a log directory holds.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import pathlib
import re
import sys
import time

from tensorboard import context, errors
from tensorboard.backend.event_processing import data_provider, plugin_event_multiplexer
from tensorboard.data import provider

from tb_plugin import graph_store, ir, metadata
from tb_plugin.capture import CaptureError
from tb_plugin.passes import PassError
from tb_plugin.serialize import BlobError

__all__ = ["load_graph", "logdir_data_provider", "main"]

# The experiment of a local log directory: TensorBoard's data provider ignores the id.
_EXPERIMENT = ""


class UsageError(Exception):
    """The command line cannot do what was asked; the message says why."""


def logdir_data_provider(path: pathlib.Path) -> provider.DataProvider:
    """A data provider over a log directory or one event file, as ``tensorboard --load_fast=false`` builds it.

    Every step of GraphFold's series and of ``add_graph``'s is kept (TensorBoard
    keeps 10 per series unless told); a single event file is run ``"."``.
    """
    multiplexer = plugin_event_multiplexer.EventMultiplexer(
        tensor_size_guidance={metadata.PLUGIN_NAME: 0, metadata.GRAPHS_PLUGIN_NAME: 0}
    )
    if path.is_dir():
        multiplexer.AddRunsFromDirectory(str(path))
    else:
        multiplexer.AddRun(str(path), name=".")
    multiplexer.Reload()
    return data_provider.MultiplexerDataProvider(multiplexer, str(path))


def _logged_graph(path: pathlib.Path, run: str | None, tag: str | None, step: int | None) -> ir.Graph:
    """The one graph under ``path`` that ``run``/``tag``/``step`` pick, read as the plugin's routes read it."""
    store = graph_store.GraphStore(logdir_data_provider(path), samples=metadata.ALL_SAMPLES)
    ctx = context.RequestContext()
    listing = store.list_graphs(ctx, _EXPERIMENT)
    matches = [
        series for series in listing
        if (run is None or series["run"] == run) and (tag is None or series["tag"] == tag)
        and (step is None or any(s["step"] == step for s in series["steps"]))
    ]
    if len(matches) != 1:
        choices = "\n".join(
            f"  --run {s['run']!r} --tag {s['tag']!r}  (steps {', '.join(str(x['step']) for x in s['steps'])})"
            for s in listing
        ) or "  (none)"
        if not matches:
            raise UsageError(f"no graph matches in {path}; graphs found:\n{choices}")
        raise UsageError(f"{path} holds {len(matches)} graphs; pick one with --run and --tag:\n{choices}")
    (series,) = matches
    try:
        logged = store.logged_graph(ctx, _EXPERIMENT, run=series["run"], tag=series["tag"], step=step, source=series["source"])
    except errors.PublicError as e:
        raise UsageError(f"{path}, run {series['run']!r}, tag {series['tag']!r}: {e}") from None
    return logged.graph


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
    return _logged_graph(p, run, tag, step)


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
    how = f"{g['source_format']}, captured with {g['capture']}" if g.get("capture") else g["source_format"]
    lines = [f"{g['name']} ({how}): {g['modules']} modules, {g['parameters']:,} parameters", ""]
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
