"""Finding, decoding and caching logged graphs through TensorBoard's data provider.

Sources served: GraphFold's own summaries (``graphfold`` plugin, see
``proto/graphfold.proto``) and every graph TensorBoard's Graphs dashboard draws:
GraphDefs (``graphs`` plugin, tag ``__run_graph__``: ``SummaryWriter.add_graph``,
TF and Keras), TF2 op graphs (RunMetadata of ``trace_export`` or a
``run_metadata`` summary) and Keras conceptual graphs (the model's JSON).
Each listing entry names its source and a label saying what it is. Anything wrong with one step of one time series is reported for that
step only; the rest of the log directory stays readable.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import functools
import hashlib
import logging
import pathlib
import threading
import time

from google.protobuf import message as pb_message
from tensorboard import errors
from tensorboard.data import provider

from tb_plugin import ir, metadata, serialize, strict_json
from tb_plugin.capture import CaptureError

__all__ = [
    "GraphStore", "LoggedGraph", "OnceCache", "contained_step_errors", "decode_graph_blobs", "pick_step",
    "series_kinds", "step_digest",
    "SOURCE_GRAPHDEF", "SOURCE_GRAPHFOLD", "SOURCE_KERAS_MODEL", "SOURCE_LABELS", "SOURCE_RUN_METADATA", "SOURCE_TF_TRACE",
    "UnreadableGraphError",
]

logger = logging.getLogger(__name__)

SOURCE_GRAPHFOLD = "graphfold"
SOURCE_GRAPHDEF = "graphdef"
SOURCE_TF_TRACE = "tf_trace"
SOURCE_RUN_METADATA = "run_metadata"
SOURCE_KERAS_MODEL = "keras_model"
_PLUGIN_OF_SOURCE = {
    SOURCE_GRAPHFOLD: metadata.PLUGIN_NAME,
    SOURCE_GRAPHDEF: metadata.GRAPHS_PLUGIN_NAME,
    SOURCE_TF_TRACE: metadata.RUN_METADATA_GRAPH_PLUGIN_NAME,
    SOURCE_RUN_METADATA: metadata.RUN_METADATA_PLUGIN_NAME,
    SOURCE_KERAS_MODEL: metadata.KERAS_MODEL_PLUGIN_NAME,
}
# What a listing says each source is.
SOURCE_LABELS = {
    SOURCE_GRAPHFOLD: "GraphFold",
    SOURCE_GRAPHDEF: "GraphDef",
    SOURCE_TF_TRACE: "TF op graph, trace_export",
    SOURCE_RUN_METADATA: "TF op graph, run metadata",
    SOURCE_KERAS_MODEL: "Keras conceptual graph",
}
_TF_SOURCES = (SOURCE_TF_TRACE, SOURCE_RUN_METADATA, SOURCE_KERAS_MODEL)  # one blob, plugin content b"1"
_BLOBS_OF_SOURCE = {SOURCE_GRAPHFOLD: metadata.GRAPH_BLOB_INDEX + 1, SOURCE_GRAPHDEF: 1, **dict.fromkeys(_TF_SOURCES, 1)}
# Series kinds served as graphs; None marks metadata a listing reports per step.
_GRAPH_KINDS = {metadata.MODEL_GRAPH, 0, None}
# Listing fields of this many steps are kept, so that polling a listing decodes nothing twice.
_LISTED_STEPS = 4096
# Decoding failures kept, so that a hostile step is not decoded again on every request.
_FAILED_STEPS = 1024
# Simplified views kept per graph (a view is small; a graph may have 10^5 modules).
_VIEWS_PER_GRAPH = 256
# Search answers kept per graph, for limits up to the tab's 200 hits: at most some 10 MB per graph.
_SEARCHES_PER_GRAPH = 16
_KEPT_SEARCH_LIMIT = 200


class UnreadableGraphError(errors.PublicError):
    """A logged graph exists but cannot be decoded (corrupt, truncated, too new)."""

    http_code = 422

    def __init__(self, details: str) -> None:
        super().__init__(details)


class GraphStore:
    """Reads graphs through a ``DataProvider`` and keeps the last few decoded ones."""

    def __init__(
        self, data_provider: provider.DataProvider, cache_size: int = 6, *, samples: int = metadata.DEFAULT_SAMPLES
    ) -> None:
        self._provider = data_provider
        self._samples = samples  # steps read per series: TensorBoard's --samples_per_plugin graphfold=N
        self._graphs = OnceCache(cache_size)
        self._step_infos = OnceCache(_LISTED_STEPS)

    # -- listing -------------------------------------------------------------
    def list_graphs(self, ctx, experiment: str) -> list[dict]:
        listing = []
        for source in _PLUGIN_OF_SOURCE:
            for run, tags in sorted(self._read_sequences(ctx, experiment, source).items()):
                for tag, data in sorted(tags.items()):
                    steps = [self._step_info(ctx, source, datum) for datum in data]
                    listing.append({"run": run, "tag": tag, "source": source, "label": SOURCE_LABELS[source], "steps": steps})
        return listing

    def _step_info(self, ctx, source: str, datum: provider.BlobSequenceDatum) -> dict:
        info = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
        try:
            info.update(self._step_infos.get(_step_key(source, datum), lambda: self._header_json(ctx, source, datum)))
        except errors.PublicError as e:
            info["error"] = str(e)
        return info

    def _header_json(self, ctx, source: str, datum: provider.BlobSequenceDatum) -> dict:
        """The listing fields of one step: from its small header blob, or for a GraphDef from the decoded graph."""
        if source == SOURCE_GRAPHFOLD:
            with contained_step_errors(datum.step, "reading the header"):
                _check_blob_count(datum, metadata.GRAPH_BLOB_INDEX + 1)
                header = serialize.decode_header(self._read_blob(ctx, datum, metadata.HEADER_BLOB_INDEX))
                return serialize.header_to_json(header)
        logged = self._decode(ctx, source, datum)
        size = logged.stored_bytes
        with contained_step_errors(datum.step, "counting the graph"):
            return serialize.header_to_json(serialize.header_for(logged.graph, size, size, compressed=False))

    # -- one graph -----------------------------------------------------------
    def logged_graph(self, ctx, experiment: str, *, run: str, tag: str, step: int | None, source: str) -> LoggedGraph:
        """The graph logged at ``step`` (default: the latest) of ``run``/``tag``, decoded once and cached."""
        data = self._read_sequences(ctx, experiment, source, run=run, tag=tag).get(run, {}).get(tag)
        if not data:
            raise errors.NotFoundError(f"no {source} graph with run {run!r} and tag {tag!r}")
        datum = pick_step(data, step, what=f"graph for run {run!r}, tag {tag!r}")
        return self._decode(ctx, source, datum)

    def digest(self, ctx, experiment: str, *, run: str, tag: str, step: int | None, source: str) -> str:
        """The digest of the step ``logged_graph`` would decode, found without decoding it (an ETag, see :func:`step_digest`)."""
        data = self._read_sequences(ctx, experiment, source, run=run, tag=tag).get(run, {}).get(tag)
        if not data:
            raise errors.NotFoundError(f"no {source} graph with run {run!r} and tag {tag!r}")
        return step_digest(source, pick_step(data, step, what=f"graph for run {run!r}, tag {tag!r}"))

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
            ctx, experiment_id=experiment, plugin_name=plugin, downsample=self._samples, run_tag_filter=run_tag_filter
        )
        if source == SOURCE_GRAPHFOLD:
            kinds = series_kinds(self._provider, ctx, experiment, run_tag_filter, strict=run_tag_filter.runs is not None)
            data = {
                run: {tag: d for tag, d in tags.items() if kinds.get(run, {}).get(tag, metadata.MODEL_GRAPH) in _GRAPH_KINDS}
                for run, tags in data.items()
            }
        elif source in _TF_SOURCES:
            data = _known_tf_versions(self._provider, ctx, experiment, plugin, run_tag_filter, data)
        return data


    def _read_blob(self, ctx, datum: provider.BlobSequenceDatum, index: int) -> bytes:
        _check_blob_count(datum, index + 1)
        return self._provider.read_blob(ctx, blob_key=datum.values[index].blob_key)

    def _decode(self, ctx, source: str, datum: provider.BlobSequenceDatum) -> LoggedGraph:
        """The step's graph, decoded once: requests for the same step wait for it, all others go on."""

        def decode() -> LoggedGraph:
            with contained_step_errors(datum.step, "decoding"):
                blobs = [self._read_blob(ctx, datum, i) for i in range(_BLOBS_OF_SOURCE[source])]
                graph = decode_graph_blobs(source, blobs)
            return LoggedGraph(graph, stored_bytes=len(blobs[-1]), step=datum.step)

        return self._graphs.get(_step_key(source, datum), decode)


def step_digest(source: str, datum: provider.BlobSequenceDatum) -> str:
    """A short digest naming one logged step's content, as served by this version of GraphFold.

    TensorBoard's blob keys name where a blob lies, and the wall time tells a
    rewritten step from the old one; the digest of GraphFold's own code makes
    an upgraded server answer anew rather than 304 with what an older one drew.
    """
    text = f"{_code_digest()}:{_step_key(source, datum)}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256(metadata.SCHEMA_VERSION.to_bytes(4, "big"))
    for path in sorted(pathlib.Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def decode_graph_blobs(source: str, blobs: list[bytes]) -> ir.Graph:
    """Decode the blobs of one logged step; raise ``BlobError`` or ``CaptureError`` if they are bad."""
    if source == SOURCE_GRAPHFOLD:
        header = serialize.decode_header(blobs[metadata.HEADER_BLOB_INDEX])
        return serialize.decode_graph(header, blobs[metadata.GRAPH_BLOB_INDEX])
    if source == SOURCE_KERAS_MODEL:
        from tb_plugin.capture import keras_model

        return keras_model.capture_keras_model(blobs[0], name=SOURCE_LABELS[source])
    if source in (SOURCE_TF_TRACE, SOURCE_RUN_METADATA):
        from tb_plugin.capture import run_metadata

        return run_metadata.capture_run_metadata(blobs[0], name=SOURCE_LABELS[source])
    from tb_plugin.capture import graphdef

    return graphdef.capture_graphdef(blobs[0], name=metadata.RUN_GRAPH_TAG)


class LoggedGraph:
    """One decoded graph and what is derived from it, each computed once on first use.

    Folding and the graph's JSON are computed under this graph's own locks, so
    that concurrent requests for one graph do the work once; everything a
    request chooses (the view's module, the search pattern, the node to
    locate) runs outside any lock, so no request waits for another's.
    Whatever fails while deriving is this step's 422, never a 500.
    """

    def __init__(self, graph: ir.Graph, *, stored_bytes: int = 0, step: int = 0) -> None:
        self.graph = graph
        self.stored_bytes = stored_bytes  # size of the blob the graph was decoded from
        self.step = step
        self._json = OnceCache(1)
        self._folded = OnceCache(1)
        self._stats = OnceCache(1)
        self._search_index = OnceCache(1)
        self._searches = OnceCache(_SEARCHES_PER_GRAPH)
        self._views = OnceCache(_VIEWS_PER_GRAPH)

    @property
    def json(self) -> dict:
        def to_json() -> dict:
            with contained_step_errors(self.step, "serialising the graph"):
                return strict_json.KeptJson(serialize.graph_to_json(self.graph))

        return self._json.get("", to_json)

    def _fold(self):
        def fold():
            from tb_plugin import simplify

            with contained_step_errors(self.step, "simplifying the graph"):
                start = time.perf_counter()
                folded = simplify.simplify(self.graph)
                return folded, time.perf_counter() - start

        return self._folded.get("", fold)

    @property
    def stats(self) -> dict:
        def stats() -> dict:
            from tb_plugin import simplify

            folded, seconds = self._fold()
            from tb_plugin.graph_summary import graph_summary

            with contained_step_errors(self.step, "measuring the simplified graph"):
                # The summary box's counts ride along, so that the tab never downloads the whole graph for them.
                return strict_json.KeptJson(simplify.simplify_stats(folded, seconds=seconds), summary=graph_summary(self.graph))

        return self._stats.get("", stats)

    def search(self, pattern, limit: int) -> dict:
        """Nodes matching ``pattern`` (compiled by :func:`tb_plugin.search.compile_pattern`, so linear-time)."""
        from tb_plugin import search

        folded, _ = self._fold()

        def index() -> search.SearchIndex:
            with contained_step_errors(self.step, "indexing the graph for search"):
                return search.SearchIndex(folded)

        def find() -> dict:
            found = self._search_index.get("", index)
            with contained_step_errors(self.step, "searching the graph"):
                return strict_json.KeptJson(found.search(folded, pattern, limit=limit))

        # The tab asks again for what a user typed before; any other pattern costs one linear pass.
        return self._searches.get((pattern.pattern, limit), find) if limit <= _KEPT_SEARCH_LIMIT else find()

    def locate(self, node: str) -> dict:
        from tb_plugin import views

        folded, _ = self._fold()
        with contained_step_errors(self.step, f"locating node {node[:200]!r}"):
            try:
                return folded.reveal(node)
            except views.UnknownNodeError as e:
                raise errors.NotFoundError(str(e.args[0])) from None

    def node(self, name: str) -> dict:
        """:func:`node_details` of node ``name``; 404 for a name the graph lacks."""
        from tb_plugin.node_details import node_details

        with contained_step_errors(self.step, f"describing node {name[:200]!r}"):
            return node_details(self.graph, name)

    def view(self, module: str) -> dict:
        from tb_plugin import views

        folded, _ = self._fold()

        def draw() -> dict:
            with contained_step_errors(self.step, f"drawing module {module[:200]!r}"):
                try:
                    return strict_json.KeptJson(folded.view(module))
                except views.UnknownModuleError as e:
                    raise errors.NotFoundError(str(e.args[0])) from None

        return self._views.get(module, draw)


class OnceCache:
    """A small LRU cache whose entries are each computed at most once at a time, outside its lock.

    A decode or fold may take seconds on a large or hostile log. Holding one
    lock across it made every request wait for it, whatever it asked for;
    here a caller waits only for a computation of the same key, and the lock
    guards nothing but the dictionaries. ``UnreadableGraphError``s are kept
    too (up to ``failures`` of them), so that a hostile step is not decoded
    again on every poll of a listing; other ``PublicError``s (a 404 for an
    unknown module) are not kept, and anything else is the caller's bug and
    propagates.
    """

    def __init__(self, size: int, failures: int = _FAILED_STEPS) -> None:
        self._size, self._failures_size = size, failures
        self._lock = threading.Lock()
        self._values: collections.OrderedDict = collections.OrderedDict()
        self._failures: collections.OrderedDict = collections.OrderedDict()
        self._pending: dict[object, concurrent.futures.Future] = {}

    def get(self, key, compute):
        """The value of ``key``, computed by ``compute()`` unless it is kept or being computed."""
        with self._lock:
            for kept in (self._values, self._failures):
                if key in kept:
                    kept.move_to_end(key)
                    return _outcome(kept[key])
            future = self._pending.get(key)
            owner = future is None
            if owner:
                future = self._pending[key] = concurrent.futures.Future()
        if not owner:
            return _outcome(future.result())
        try:
            outcome = ("value", compute())
        except UnreadableGraphError as e:
            outcome = ("failure", str(e))
        except errors.PublicError as e:
            outcome = ("public", e)
        except BaseException as e:
            with self._lock:
                del self._pending[key]
            future.set_exception(e)
            raise
        with self._lock:
            del self._pending[key]
            kept, size = (self._values, self._size) if outcome[0] == "value" else (self._failures, self._failures_size)
            if outcome[0] != "public":
                kept[key] = outcome
                while len(kept) > size:
                    kept.popitem(last=False)
        future.set_result(outcome)
        return _outcome(outcome)


def _outcome(outcome: tuple):
    kind, value = outcome
    if kind == "value":
        return value
    if kind == "failure":
        raise UnreadableGraphError(value)  # a fresh exception per caller: tracebacks are not shared across threads
    raise value


def _step_key(source: str, datum: provider.BlobSequenceDatum) -> str:
    return f"{source}:{datum.values[-1].blob_key if datum.values else datum.step}:{datum.wall_time}"


def _check_blob_count(datum: provider.BlobSequenceDatum, expected: int) -> None:
    if len(datum.values) < expected:
        raise UnreadableGraphError(
            f"step {datum.step} holds {len(datum.values)} blobs, expected at least {expected}: "
            "it was not written by GraphFold's summary API"
        )


@contextlib.contextmanager
def contained_step_errors(step: int, doing: str):
    """Report any failure while handling one logged step as that step's 422 (:class:`UnreadableGraphError`).

    A log directory may hold anything, and one step must not take down a
    listing or the server: typed reader errors keep their message; any other
    exception (a bug, ``MemoryError``, ``RecursionError``) is logged with its
    traceback and named by type. TensorBoard's public errors (a 404 for an
    unknown module) pass through unchanged.

    >>> with contained_step_errors(3, "decoding"):
    ...     raise RecursionError("maximum recursion depth exceeded")
    Traceback (most recent call last):
    ...
    tb_plugin.graph_store.UnreadableGraphError: step 3: decoding failed: RecursionError: maximum recursion depth exceeded
    """
    try:
        yield
    except errors.PublicError:
        raise
    except (serialize.BlobError, CaptureError) as e:
        raise UnreadableGraphError(f"step {step}: {e}") from None
    except Exception as e:  # noqa: BLE001 - anything a hostile step raises is that step's error
        logger.warning("GraphFold: step %d: %s failed", step, doing, exc_info=True)
        detail = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        raise UnreadableGraphError(f"step {step}: {doing} failed: {detail}") from None


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


def _known_tf_versions(data_provider, ctx, experiment: str, plugin: str, run_tag_filter, data: dict) -> dict:
    """``data`` without the series whose payload version TensorBoard's Graphs dashboard does not read either."""
    series = data_provider.list_blob_sequences(ctx, experiment_id=experiment, plugin_name=plugin,
                                               run_tag_filter=run_tag_filter)
    kept: dict = {}
    for run, tags in data.items():
        for tag, datum in tags.items():
            content = series.get(run, {}).get(tag)
            if content is not None and content.plugin_content != metadata.TF_GRAPH_CONTENT_VERSION:
                logger.warning("GraphFold: skipping %s series %r/%r of unknown payload version %r (as TensorBoard does)",
                               plugin, run, tag, content.plugin_content[:20])
                continue
            kept.setdefault(run, {})[tag] = datum
    return kept


def pick_step(data: list, step: int | None, *, what: str):
    """The datum logged at ``step`` (default: the latest step); 404 naming the steps that exist."""
    if step is None:
        return max(data, key=lambda d: d.step)
    matches = [d for d in data if d.step == step]
    if not matches:
        logged = ", ".join(str(d.step) for d in data)
        raise errors.NotFoundError(f"no {what}, step {step}; steps logged: {logged}")
    return matches[0]  # TensorBoard's own readers serve the first event of a step
