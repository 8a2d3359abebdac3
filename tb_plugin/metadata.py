"""The names that link what GraphFold logs to what its plugin reads.

Writer, plugin and tests all import these, so each exists once.
"""

from tensorboard.compat.proto import summary_pb2

from tb_plugin.proto import graphfold_pb2

PLUGIN_NAME = "graphfold"

# The version of the logged data this build writes, and the newest it reads.
SCHEMA_VERSION = graphfold_pb2.SCHEMA_VERSION_CURRENT

# What a graphfold time series holds (PluginData.kind).
MODEL_GRAPH = graphfold_pb2.PluginData.MODEL_GRAPH
FILTER_STATS = graphfold_pb2.PluginData.FILTER_STATS
WEIGHT_GRAPH = graphfold_pb2.PluginData.WEIGHT_GRAPH

# Blob positions inside one step of a graph time series (see proto/graphfold.proto).
HEADER_BLOB_INDEX = 0
GRAPH_BLOB_INDEX = 1
# Blob positions inside one FILTER_STATS or WEIGHT_GRAPH step: the compressed
# message, then its OverlayHeader (absent in steps logged before headers existed).
OVERLAY_BLOB_INDEX = 0
OVERLAY_HEADER_BLOB_INDEX = 1

# Steps of one graphfold series read per request when TensorBoard's
# `--samples_per_plugin graphfold=N` does not say (TensorBoard itself keeps 10
# steps per series unless that flag says more).
DEFAULT_SAMPLES = 1000
# What `graphfold=0` (TensorBoard: keep every step) reads: every step a provider can count.
ALL_SAMPLES = 2**31 - 1

# Default tags of the overlay summaries.
FILTER_STATS_TAG = "filter_stats"
WEIGHT_GRAPH_TAG = "weight_graph"

# Quantile levels of PropertySummary.quantiles.
QUANTILE_LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)

# TensorBoard's graphs plugin: where `SummaryWriter.add_graph` / TF GraphDefs land.
GRAPHS_PLUGIN_NAME = "graphs"
RUN_GRAPH_TAG = "__run_graph__"
# The other graphs TensorBoard's Graphs dashboard draws (tensorboard/plugins/graph/metadata.py):
# a RunMetadata of `tf.summary.trace_export`, one of a `run_metadata` summary, and a
# Keras model's JSON config (`keras.callbacks.TensorBoard(write_graph=True)`).
RUN_METADATA_GRAPH_PLUGIN_NAME = "graph_run_metadata_graph"
RUN_METADATA_PLUGIN_NAME = "graph_run_metadata"
KERAS_MODEL_PLUGIN_NAME = "graph_keras_model"
# Their `plugin_data.content`: the one payload version TensorFlow and Keras write (TensorBoard skips others).
TF_GRAPH_CONTENT_VERSION = b"1"


class SchemaVersionError(ValueError):
    """Logged data was written by a newer GraphFold than this one."""


def samples_per_series(sampling_hints) -> int:
    """Steps to read of one graphfold series, from ``TBContext.sampling_hints`` (``--samples_per_plugin``).

    >>> samples_per_series(None), samples_per_series({"graphfold": 50}), samples_per_series({"graphfold": 0}) == ALL_SAMPLES
    (1000, 50, True)
    """
    hint = (sampling_hints or {}).get(PLUGIN_NAME)
    if hint is None:
        return DEFAULT_SAMPLES
    return hint if hint > 0 else ALL_SAMPLES


def create_summary_metadata(description: str = "", kind: int = MODEL_GRAPH) -> summary_pb2.SummaryMetadata:
    """Summary metadata that marks a value as GraphFold data of ``kind`` (default: a model graph)."""
    content = graphfold_pb2.PluginData(version=SCHEMA_VERSION, kind=kind)
    return summary_pb2.SummaryMetadata(
        summary_description=description,
        plugin_data=summary_pb2.SummaryMetadata.PluginData(
            plugin_name=PLUGIN_NAME, content=content.SerializeToString()
        ),
        data_class=summary_pb2.DATA_CLASS_BLOB_SEQUENCE,
    )


def parse_plugin_metadata(content: bytes) -> graphfold_pb2.PluginData:
    """Parse ``plugin_data.content``; raise if it is newer than this reader."""
    data = graphfold_pb2.PluginData.FromString(content)
    check_schema_version(data.version, what="plugin metadata")
    return data


def check_schema_version(version: int, *, what: str) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{what} has schema version {version}, newer than the {SCHEMA_VERSION} "
            f"this GraphFold reads; upgrade tensorboard-plugin-graphfold"
        )
