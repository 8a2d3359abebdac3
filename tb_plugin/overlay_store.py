"""Reading the overlay series (filter statistics, weight-graph properties) through the data provider.

An overlay step holds the compressed ``FilterStats`` or ``WeightGraphStats``
and a small ``OverlayHeader`` (:mod:`tb_plugin.overlay_wire`). A listing reads
headers only, so it stays cheap however large the steps are; a step logged
before headers existed is decoded in full once, and its listing fields are
kept. As with graphs, anything wrong with one step (any exception, any limit
exceeded) is that step's error and the rest of the log directory stays
readable. At most ``samples`` steps of a series are read (TensorBoard's
``--samples_per_plugin graphfold=N``).
"""

from __future__ import annotations

import threading

from tensorboard import errors
from tensorboard.data import provider

from tb_plugin import limits, metadata, overlay_wire
from tb_plugin.graph_store import OnceCache, UnreadableGraphError, contained_step_errors, pick_step, series_kinds
from tb_plugin.overlays import filter_summary

__all__ = ["OverlayStore"]

# Listing fields of this many steps are kept, so that polling a listing reads each header once.
_LISTED_STEPS = 4096
# Decoded filter-statistics steps kept, so that opening layer panels after the summary decodes nothing
# (each holds classes x filters class means: 110 MB for ResNet-50 at 1,000 classes).
_DECODED_STEPS = 2
# Layers whose best and worst class pairs are kept (a few hundred bytes each; ranking one costs a
# classes x classes Gram matrix, 40 ms for 1,000 classes of 2,048 filters, on the layer's first request).
_RANKED_LAYERS = 4096


class OverlayStore:
    """Lists overlay steps from their headers and decodes whole steps per request."""

    def __init__(self, data_provider: provider.DataProvider, *, samples: int = metadata.DEFAULT_SAMPLES) -> None:
        self._provider = data_provider
        self._samples = samples
        self._headers = OnceCache(_LISTED_STEPS)
        self._decoded = OnceCache(_DECODED_STEPS)
        self._summaries = OnceCache(_LISTED_STEPS // 64)
        self._pairs = OnceCache(_RANKED_LAYERS)

    def list_overlays(self, ctx, experiment: str) -> list[dict]:
        kinds = series_kinds(self._provider, ctx, experiment)
        wanted = {
            (run, tag): kind for run, tags in kinds.items() for tag, kind in tags.items() if kind in overlay_wire.KIND_NAMES
        }
        if not wanted:
            return []
        data = self._read_sequences(
            ctx, experiment, provider.RunTagFilter(runs=sorted({r for r, _ in wanted}), tags=sorted({t for _, t in wanted}))
        )
        listing = []
        for (run, tag), kind in sorted(wanted.items()):
            steps, graph_tag = [], ""
            for datum in data.get(run, {}).get(tag, []):
                info = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
                try:
                    header = self._headers.get(_step_key(datum), lambda datum=datum: self._header(ctx, kind, datum))
                except errors.PublicError as e:
                    info["error"] = str(e)
                else:
                    graph_tag = header.graph_tag or graph_tag
                    info.update(overlay_wire.overlay_summary_json(kind, header))
                steps.append(info)
            listing.append({"run": run, "tag": tag, "kind": overlay_wire.KIND_NAMES[kind], "graph_tag": graph_tag, "steps": steps})
        return listing

    def filter_stats(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        """``GET filter_stats``: the whole step as JSON, for scripts (the tab reads the two routes below)."""
        datum, stats = self._filter_step(ctx, experiment, run, tag, step)
        with contained_step_errors(datum.step, "encoding the filter stats"):
            as_json = overlay_wire.filter_stats_to_json(stats)
        return {"run": run, "tag": tag, "step": datum.step, "wall_time": datum.wall_time, **as_json}

    def filter_summary(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        """``GET filter_summary``: the step without class means (:func:`filter_summary.summary_json`).

        From blob 2 when the step has one (a megabyte, whatever the class
        count), and then the whole step is decoded in the background, so that
        the layer panels opened next find it decoded; else from the whole step.
        """
        data = self._series(ctx, experiment, metadata.FILTER_STATS, run, tag)
        datum = pick_step(data, step, what=f"filter stats for run {run!r}, tag {tag!r}")
        if len(datum.values) > overlay_wire.FILTER_SUMMARY_BLOB_INDEX:
            stats = self._summaries.get(_step_key(datum), lambda: self._decode_summary(ctx, datum))
            threading.Thread(target=self._prefetch, args=(ctx, datum), daemon=True, name="graphfold-decode").start()
        else:
            stats = self._decoded_step(ctx, datum)
        with contained_step_errors(datum.step, "summarising the filter stats"):
            as_json = filter_summary.summary_json(stats)
        return {"run": run, "tag": tag, "step": datum.step, "wall_time": datum.wall_time, **as_json}

    def filter_layer(
        self, ctx, experiment: str, *, run: str, tag: str, step: int | None, module: str, classes: str | None = None,
    ) -> bytes:
        """``GET filter_layer``: rows of one layer's class means and its ranked pairs (:func:`filter_summary.layer_payload`).

        ``classes`` is the request's argument (``all``, or indices separated by
        commas); without it, the rows of the classes of the layer's best and
        worst pairs. The pairs are ranked once per layer and kept.
        """
        datum, stats = self._filter_step(ctx, experiment, run, tag, step)
        try:
            layer = filter_summary.find_layer(stats, module)
        except KeyError as e:
            raise errors.NotFoundError(f"step {datum.step} of run {run!r}, tag {tag!r}: {e.args[0]}") from None
        try:
            rows = None if classes is None else filter_summary.parse_classes(classes, len(stats.class_names))
        except ValueError as e:
            raise errors.InvalidArgumentError(f"step {datum.step} of run {run!r}, tag {tag!r}: {e}") from None
        with contained_step_errors(datum.step, f"serving layer {module!r}"):
            pairs = self._layer_pairs(datum, stats, layer)
            return filter_summary.layer_payload(stats, module, rows, pairs=pairs)

    def _layer_pairs(self, datum: provider.BlobSequenceDatum, stats, layer) -> dict:
        return self._pairs.get((_step_key(datum), layer.module), lambda: filter_summary.layer_pairs(stats, layer))

    def _filter_step(self, ctx, experiment: str, run: str, tag: str, step: int | None):
        """The datum and decoded ``FilterStats`` of one step; decoded once while it stays in the cache."""
        data = self._series(ctx, experiment, metadata.FILTER_STATS, run, tag)
        datum = pick_step(data, step, what=f"filter stats for run {run!r}, tag {tag!r}")
        return datum, self._decoded_step(ctx, datum)

    def _decoded_step(self, ctx, datum: provider.BlobSequenceDatum):
        def decode():
            with contained_step_errors(datum.step, "decoding the filter stats"):
                return self._decode(ctx, metadata.FILTER_STATS, datum)

        return self._decoded.get(_step_key(datum), decode)

    def _decode_summary(self, ctx, datum: provider.BlobSequenceDatum):
        with contained_step_errors(datum.step, "decoding the filter stats summary"):
            blob = self._read_blob(ctx, datum, overlay_wire.FILTER_SUMMARY_BLOB_INDEX)
            return overlay_wire.decode_overlay(metadata.FILTER_STATS, blob, class_means=False)

    def _prefetch(self, ctx, datum: provider.BlobSequenceDatum) -> None:
        """Decode the whole step ahead of its layer requests; their own request reports any failure.

        Class pairs are not ranked here for every layer: that is seconds of
        both cores at 1,000 classes, taken from the browser drawing the
        colours and from the first layer the user opens.
        """
        try:
            self._decoded_step(ctx, datum)
        except errors.PublicError:
            pass

    def weight_graph(self, ctx, experiment: str, *, run: str, tag: str) -> dict:
        """Every step of one series, oldest first, until the steps served hold ``MAX_OVERLAY_VALUES`` values."""
        data = sorted(self._series(ctx, experiment, metadata.WEIGHT_GRAPH, run, tag), key=lambda d: d.step)
        steps, graph_tag, budget = [], "", limits.MAX_OVERLAY_VALUES
        for datum in data:
            entry = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
            try:
                with contained_step_errors(datum.step, "decoding the weight graph"):
                    stats = self._decode(ctx, metadata.WEIGHT_GRAPH, datum)
                    budget -= overlay_wire.weight_graph_value_count(stats)
                    if budget < 0:
                        raise UnreadableGraphError(
                            f"step {datum.step} is not served: the steps before it hold the {limits.MAX_OVERLAY_VALUES} "
                            "values one response may hold (tb_plugin.limits); log fewer steps, or read fewer with "
                            "TensorBoard's --samples_per_plugin graphfold=N"
                        )
                    entry.update(overlay_wire.weight_graph_to_json(stats))
            except errors.PublicError as e:
                entry["error"] = str(e)
            else:
                graph_tag = stats.graph_tag or graph_tag
            steps.append(entry)
        properties = sorted({p for s in steps for layer in s.get("layers", []) for p in layer["properties"]})
        return {"run": run, "tag": tag, "graph_tag": graph_tag, "properties": properties, "steps": steps}

    # -- helpers -------------------------------------------------------------
    def _read_sequences(self, ctx, experiment: str, run_tag_filter: provider.RunTagFilter) -> dict:
        return self._provider.read_blob_sequences(
            ctx, experiment_id=experiment, plugin_name=metadata.PLUGIN_NAME, downsample=self._samples,
            run_tag_filter=run_tag_filter,
        )

    def _series(self, ctx, experiment: str, kind: int, run: str, tag: str):
        run_tag_filter = provider.RunTagFilter(runs=[run], tags=[tag])
        found = series_kinds(self._provider, ctx, experiment, run_tag_filter, strict=True).get(run, {}).get(tag)
        if found != kind:
            what = "no series" if found is None else f"a {overlay_wire.KIND_NAMES.get(found, 'model graph')} series"
            raise errors.NotFoundError(f"run {run!r}, tag {tag!r} holds {what}, not {overlay_wire.KIND_NAMES[kind]}")
        data = self._read_sequences(ctx, experiment, run_tag_filter).get(run, {}).get(tag)
        if not data:
            raise errors.NotFoundError(f"run {run!r}, tag {tag!r} has no steps")
        return data

    def _header(self, ctx, kind: int, datum: provider.BlobSequenceDatum):
        """The step's header; for a step logged before headers existed, built from the decoded step."""
        with contained_step_errors(datum.step, "reading the overlay header"):
            if len(datum.values) > metadata.OVERLAY_HEADER_BLOB_INDEX:
                return overlay_wire.decode_overlay_header(self._read_blob(ctx, datum, metadata.OVERLAY_HEADER_BLOB_INDEX))
            return overlay_wire.overlay_header_for(kind, self._decode(ctx, kind, datum))

    def _decode(self, ctx, kind: int, datum: provider.BlobSequenceDatum):
        header = None
        if len(datum.values) > metadata.OVERLAY_HEADER_BLOB_INDEX:
            header = overlay_wire.decode_overlay_header(self._read_blob(ctx, datum, metadata.OVERLAY_HEADER_BLOB_INDEX))
        return overlay_wire.decode_overlay(kind, self._read_blob(ctx, datum, metadata.OVERLAY_BLOB_INDEX), header)

    def _read_blob(self, ctx, datum: provider.BlobSequenceDatum, index: int) -> bytes:
        if len(datum.values) <= index:
            raise UnreadableGraphError(f"step {datum.step} holds no blob; it was not written by GraphFold's summary API")
        return self._provider.read_blob(ctx, blob_key=datum.values[index].blob_key)


def _step_key(datum: provider.BlobSequenceDatum) -> str:
    return f"overlay:{datum.values[0].blob_key if datum.values else datum.step}:{datum.wall_time}"
