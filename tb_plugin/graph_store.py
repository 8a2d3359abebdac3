"""Finding, decoding and caching logged graphs through TensorBoard's data provider.

Two sources are served: GraphFold's own summaries (``graphfold`` plugin, see
``proto/graphfold.proto``) and the GraphDefs of TensorBoard's Graphs dashboard
(``graphs`` plugin, tag ``__run_graph__``: ``SummaryWriter.add_graph``, TF and
Keras). Anything wrong with one step of one time series is reported for that
step only; the rest of the log directory stays readable.
"""

from __future__ import annotations

import collections
import contextlib
import re
import threading
import time

from google.protobuf import message as pb_message
from tensorboard import errors
from tensorboard.data import provider

from tb_plugin import ir, metadata, serialize
from tb_plugin.capture import CaptureError

__all__ = [
    "GraphStore", "LoggedGraph", "decode_graph_blobs", "pick_step", "series_kinds", "SOURCE_GRAPHDEF", "SOURCE_GRAPHFOLD", "UnreadableGraphError"
]

SOURCE_GRAPHFOLD = "graphfold"
SOURCE_GRAPHDEF = "graphdef"
_PLUGIN_OF_SOURCE = {SOURCE_GRAPHFOLD: metadata.PLUGIN_NAME, SOURCE_GRAPHDEF: metadata.GRAPHS_PLUGIN_NAME}
_BLOBS_OF_SOURCE = {SOURCE_GRAPHFOLD: metadata.GRAPH_BLOB_INDEX + 1, SOURCE_GRAPHDEF: 1}
# Series kinds served as graphs; None marks metadata a listing reports per step.
_GRAPH_KINDS = {metadata.MODEL_GRAPH, 0, None}
# Read every logged step: graphs are few per run, and a listing must show them all.
_ALL_STEPS = 10**6


class UnreadableGraphError(errors.PublicError):
    """A logged graph exists but cannot be decoded (corrupt, truncated, too new)."""

    http_code = 422

    def __init__(self, details: str) -> None:
        super().__init__(details)


class GraphStore:
    """Reads graphs through a ``DataProvider`` and keeps the last few decoded ones."""

    def __init__(self, data_provider: provider.DataProvider, cache_size: int = 6) -> None:
        self._provider = data_provider
        self._cache: collections.OrderedDict[str, LoggedGraph] = collections.OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # -- listing -------------------------------------------------------------
    def list_graphs(self, ctx, experiment: str) -> list[dict]:
        listing = []
        for source in (SOURCE_GRAPHFOLD, SOURCE_GRAPHDEF):
            for run, tags in sorted(self._read_sequences(ctx, experiment, source).items()):
                for tag, data in sorted(tags.items()):
                    steps = [self._step_info(ctx, source, datum) for datum in data]
                    listing.append({"run": run, "tag": tag, "source": source, "steps": steps})
        return listing

    def _step_info(self, ctx, source: str, datum: provider.BlobSequenceDatum) -> dict:
        info = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
        try:
            if source == SOURCE_GRAPHFOLD:
                with _unreadable_on_error(datum):
                    _check_blob_count(datum, metadata.GRAPH_BLOB_INDEX + 1)
                    header = serialize.decode_header(self._read_blob(ctx, datum, metadata.HEADER_BLOB_INDEX))
                info.update(serialize.header_to_json(header))
            else:
                logged = self._decode(ctx, source, datum)
                size = logged.stored_bytes
                info.update(serialize.header_to_json(serialize.header_for(logged.graph, size, size, compressed=False)))
        except UnreadableGraphError as e:
            info["error"] = str(e)
        return info

    # -- one graph -----------------------------------------------------------
    def logged_graph(self, ctx, experiment: str, *, run: str, tag: str, step: int | None, source: str) -> LoggedGraph:
        """The graph logged at ``step`` (default: the latest) of ``run``/``tag``, decoded once and cached."""
        data = self._read_sequences(ctx, experiment, source, run=run, tag=tag).get(run, {}).get(tag)
        if not data:
            raise errors.NotFoundError(f"no {source} graph with run {run!r} and tag {tag!r}")
        datum = pick_step(data, step, what=f"graph for run {run!r}, tag {tag!r}")
        return self._decode(ctx, source, datum)

    # -- helpers -------------------------------------------------------------
    def _read_sequences(self, ctx, experiment: str, source: str, *, run=None, tag=None):
        plugin = _PLUGIN_OF_SOURCE.get(source)
        if plugin is None:
            raise errors.InvalidArgumentError(
                f"unknown graph source {source!r}; use one of {sorted(_PLUGIN_OF_SOURCE)}"
            )
        if source == SOURCE_GRAPHDEF:
            tag = metadata.RUN_GRAPH_TAG if tag is None else tag
        run_tag_filter = provider.RunTagFilter(
            runs=None if run is None else [run], tags=None if tag is None else [tag]
        )
        data = self._provider.read_blob_sequences(
            ctx, experiment_id=experiment, plugin_name=plugin, downsample=_ALL_STEPS, run_tag_filter=run_tag_filter
        )
        if source == SOURCE_GRAPHFOLD:
            kinds = series_kinds(self._provider, ctx, experiment, run_tag_filter, strict=run_tag_filter.runs is not None)
            data = {
                run: {tag: d for tag, d in tags.items() if kinds.get(run, {}).get(tag, metadata.MODEL_GRAPH) in _GRAPH_KINDS}
                for run, tags in data.items()
            }
        return data


    def _read_blob(self, ctx, datum: provider.BlobSequenceDatum, index: int) -> bytes:
        _check_blob_count(datum, index + 1)
        return self._provider.read_blob(ctx, blob_key=datum.values[index].blob_key)

    def _decode(self, ctx, source: str, datum: provider.BlobSequenceDatum) -> LoggedGraph:
        key = f"{source}:{datum.values[-1].blob_key if datum.values else datum.step}:{datum.wall_time}"
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        with _unreadable_on_error(datum):
            blobs = [self._read_blob(ctx, datum, i) for i in range(_BLOBS_OF_SOURCE[source])]
            entry = LoggedGraph(decode_graph_blobs(source, blobs), stored_bytes=len(blobs[-1]))
        with self._lock:
            self._cache[key] = entry
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return entry


def decode_graph_blobs(source: str, blobs: list[bytes]) -> ir.Graph:
    """Decode the blobs of one logged step; raise ``BlobError`` or ``CaptureError`` if they are bad."""
    if source == SOURCE_GRAPHFOLD:
        header = serialize.decode_header(blobs[metadata.HEADER_BLOB_INDEX])
        return serialize.decode_graph(header, blobs[metadata.GRAPH_BLOB_INDEX])
    from tb_plugin.capture import graphdef

    return graphdef.capture_graphdef(blobs[0], name=metadata.RUN_GRAPH_TAG)


class LoggedGraph:
    """One decoded graph and what is derived from it, each computed once on first use."""

    def __init__(self, graph: ir.Graph, *, stored_bytes: int = 0) -> None:
        self.graph = graph
        self.stored_bytes = stored_bytes  # size of the blob the graph was decoded from
        self._lock = threading.Lock()
        self._json: dict | None = None
        self._folded = None
        self._stats: dict | None = None
        self._views: dict[str, dict] = {}

    @property
    def json(self) -> dict:
        with self._lock:
            if self._json is None:
                self._json = serialize.graph_to_json(self.graph)
            return self._json

    def _fold(self):
        from tb_plugin import simplify

        if self._folded is None:
            start = time.perf_counter()
            self._folded = simplify.simplify(self.graph)
            self._fold_seconds = time.perf_counter() - start
        return self._folded

    @property
    def stats(self) -> dict:
        from tb_plugin import simplify

        with self._lock:
            if self._stats is None:
                self._stats = simplify.simplify_stats(self._fold(), seconds=self._fold_seconds)
            return self._stats

    def search(self, pattern: str, limit: int) -> dict:
        try:
            compiled = re.compile(pattern)
        except re.error as e:
            raise errors.InvalidArgumentError(f"invalid regular expression {pattern!r}: {e}") from None
        with self._lock:
            return self._fold().search(compiled, limit=limit)

    def locate(self, node: str) -> dict:
        from tb_plugin import views

        with self._lock:
            try:
                return self._fold().reveal(node)
            except views.UnknownNodeError as e:
                raise errors.NotFoundError(str(e.args[0])) from None

    def view(self, module: str) -> dict:
        from tb_plugin import views

        with self._lock:
            if module not in self._views:
                try:
                    self._views[module] = self._fold().view(module)
                except views.UnknownModuleError as e:
                    raise errors.NotFoundError(str(e.args[0])) from None
            return self._views[module]


def _check_blob_count(datum: provider.BlobSequenceDatum, expected: int) -> None:
    if len(datum.values) < expected:
        raise UnreadableGraphError(
            f"step {datum.step} holds {len(datum.values)} blobs, expected at least {expected}: "
            "it was not written by GraphFold's summary API"
        )


@contextlib.contextmanager
def _unreadable_on_error(datum: provider.BlobSequenceDatum):
    """Report a decoding failure as the 4xx error of this one step."""
    try:
        yield
    except (serialize.BlobError, CaptureError) as e:
        raise UnreadableGraphError(f"step {datum.step}: {e}") from None


def series_kinds(data_provider, ctx, experiment: str, run_tag_filter=None, *, strict: bool = False) -> dict:
    """``{run: {tag: PluginData.kind}}`` of the graphfold series; unreadable metadata maps to ``None``.

    With ``strict``, metadata that is corrupt or newer than this reader raises
    :class:`UnreadableGraphError` (a single requested series); listings report
    such series per step instead.
    """
    series = data_provider.list_blob_sequences(
        ctx, experiment_id=experiment, plugin_name=metadata.PLUGIN_NAME, run_tag_filter=run_tag_filter
    )
    kinds: dict = {}
    for run, tags in series.items():
        for tag, time_series in tags.items():
            try:
                kind = metadata.parse_plugin_metadata(time_series.plugin_content).kind
            except metadata.SchemaVersionError as e:
                if strict:
                    raise UnreadableGraphError(str(e)) from None
                kind = None
            except pb_message.DecodeError as e:
                if strict:
                    raise UnreadableGraphError(f"plugin metadata is corrupt: {e}") from None
                kind = None
            kinds.setdefault(run, {})[tag] = kind
    return kinds


def pick_step(data: list, step: int | None, *, what: str):
    """The datum logged at ``step`` (default: the latest step); 404 naming the steps that exist."""
    if step is None:
        return max(data, key=lambda d: d.step)
    matches = [d for d in data if d.step == step]
    if not matches:
        logged = ", ".join(str(d.step) for d in data)
        raise errors.NotFoundError(f"no {what}, step {step}; steps logged: {logged}")
    return matches[0]  # TensorBoard's own readers serve the first event of a step
