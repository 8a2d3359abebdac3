"""Reading the overlay series (filter statistics, weight-graph properties) through the data provider.

An overlay step is one blob: a zlib-compressed ``FilterStats`` or
``WeightGraphStats`` (``proto/graphfold.proto``). As with graphs, a step that
cannot be read is reported for that step only.
"""

from __future__ import annotations

import zlib

from google.protobuf import message as pb_message
from tensorboard import errors
from tensorboard.data import provider

from tb_plugin import metadata
from tb_plugin.graph_store import UnreadableGraphError, pick_step, series_kinds
from tb_plugin.overlays.filter_stats import filter_stats_to_json
from tb_plugin.overlays.weight_graph import weight_graph_to_json
from tb_plugin.proto import graphfold_pb2

__all__ = ["KIND_NAMES", "OverlayStore", "decode_overlay"]

KIND_NAMES = {metadata.FILTER_STATS: "filter_stats", metadata.WEIGHT_GRAPH: "weight_graph"}
_MESSAGES = {metadata.FILTER_STATS: graphfold_pb2.FilterStats, metadata.WEIGHT_GRAPH: graphfold_pb2.WeightGraphStats}
_ALL_STEPS = 10**6


class OverlayStore:
    """Lists and decodes overlay steps; decoded steps are small and read per request."""

    def __init__(self, data_provider: provider.DataProvider) -> None:
        self._provider = data_provider

    def list_overlays(self, ctx, experiment: str) -> list[dict]:
        kinds = series_kinds(self._provider, ctx, experiment)
        wanted = {(run, tag): kind for run, tags in kinds.items() for tag, kind in tags.items() if kind in KIND_NAMES}
        if not wanted:
            return []
        data = self._provider.read_blob_sequences(
            ctx, experiment_id=experiment, plugin_name=metadata.PLUGIN_NAME, downsample=_ALL_STEPS,
            run_tag_filter=provider.RunTagFilter(runs=sorted({r for r, _ in wanted}), tags=sorted({t for _, t in wanted})),
        )
        listing = []
        for (run, tag), kind in sorted(wanted.items()):
            steps, graph_tag = [], ""
            for datum in data.get(run, {}).get(tag, []):
                info = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
                try:
                    message = self._decode(ctx, kind, datum)
                except UnreadableGraphError as e:
                    info["error"] = str(e)
                else:
                    graph_tag = message.graph_tag or graph_tag
                    info.update(_step_summary(kind, message))
                steps.append(info)
            listing.append({"run": run, "tag": tag, "kind": KIND_NAMES[kind], "graph_tag": graph_tag, "steps": steps})
        return listing

    def filter_stats(self, ctx, experiment: str, *, run: str, tag: str, step: int | None) -> dict:
        data = self._series(ctx, experiment, metadata.FILTER_STATS, run, tag)
        datum = pick_step(data, step, what=f"filter stats for run {run!r}, tag {tag!r}")
        stats = self._decode(ctx, metadata.FILTER_STATS, datum)
        return {"run": run, "tag": tag, "step": datum.step, "wall_time": datum.wall_time, **filter_stats_to_json(stats)}

    def weight_graph(self, ctx, experiment: str, *, run: str, tag: str) -> dict:
        data = sorted(self._series(ctx, experiment, metadata.WEIGHT_GRAPH, run, tag), key=lambda d: d.step)
        steps, graph_tag = [], ""
        for datum in data:
            entry = {"step": datum.step, "wall_time": datum.wall_time, "error": None}
            try:
                stats = self._decode(ctx, metadata.WEIGHT_GRAPH, datum)
            except UnreadableGraphError as e:
                entry["error"] = str(e)
            else:
                graph_tag = stats.graph_tag or graph_tag
                entry.update(weight_graph_to_json(stats))
            steps.append(entry)
        properties = sorted({p for s in steps for layer in s.get("layers", []) for p in layer["properties"]})
        return {"run": run, "tag": tag, "graph_tag": graph_tag, "properties": properties, "steps": steps}

    # -- helpers -------------------------------------------------------------
    def _series(self, ctx, experiment: str, kind: int, run: str, tag: str):
        run_tag_filter = provider.RunTagFilter(runs=[run], tags=[tag])
        found = series_kinds(self._provider, ctx, experiment, run_tag_filter, strict=True).get(run, {}).get(tag)
        if found != kind:
            what = "no series" if found is None else f"a {KIND_NAMES.get(found, 'model graph')} series"
            raise errors.NotFoundError(f"run {run!r}, tag {tag!r} holds {what}, not {KIND_NAMES[kind]}")
        data = self._provider.read_blob_sequences(
            ctx, experiment_id=experiment, plugin_name=metadata.PLUGIN_NAME, downsample=_ALL_STEPS,
            run_tag_filter=run_tag_filter,
        ).get(run, {}).get(tag)
        if not data:
            raise errors.NotFoundError(f"run {run!r}, tag {tag!r} has no steps")
        return data

    def _decode(self, ctx, kind: int, datum: provider.BlobSequenceDatum):
        if len(datum.values) <= metadata.OVERLAY_BLOB_INDEX:
            raise UnreadableGraphError(f"step {datum.step} holds no blob; it was not written by GraphFold's summary API")
        blob = self._provider.read_blob(ctx, blob_key=datum.values[metadata.OVERLAY_BLOB_INDEX].blob_key)
        return decode_overlay(kind, blob, step=datum.step)


def decode_overlay(kind: int, blob: bytes, *, step: int = 0):
    """The message of one overlay blob; :class:`UnreadableGraphError` names what is wrong."""
    try:
        message = _MESSAGES[kind].FromString(zlib.decompress(blob))
    except zlib.error as e:
        raise UnreadableGraphError(f"step {step}: the {KIND_NAMES[kind]} blob is not zlib data ({e})") from None
    except pb_message.DecodeError as e:
        raise UnreadableGraphError(f"step {step}: the {KIND_NAMES[kind]} blob is corrupt ({e})") from None
    try:
        metadata.check_schema_version(message.schema_version, what=f"{KIND_NAMES[kind]} at step {step}")
    except metadata.SchemaVersionError as e:
        raise UnreadableGraphError(str(e)) from None
    return message


def _step_summary(kind: int, message) -> dict:
    if kind == metadata.FILTER_STATS:
        return {
            "layers": len(message.layers),
            "classes": len(message.class_names),
            "parameter_count": message.parameter_count,
            "macs": message.macs,
        }
    return {"layers": len(message.layers), "nodes": message.node_count}
