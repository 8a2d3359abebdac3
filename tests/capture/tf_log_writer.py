"""Write the graphs TensorBoard's Graphs dashboard shows, with real TensorFlow and Keras.

Run as a script (``python -m tests.capture.tf_log_writer LOGDIR [MODEL...]``) so
that TensorFlow loads in a process of its own, never beside torch in the test
process. For each model it writes what a TF2 user logs:

- ``<model>/trace``: ``tf.summary.trace_on(graph=True)`` / ``trace_export`` of a
  ``tf.function`` calling the model (plugin ``graph_run_metadata_graph``);
- ``<model>/run_metadata``: a RunMetadata with the same function graph, written
  by ``summary_ops_v2.run_metadata`` (plugin ``graph_run_metadata``);
- ``<model>/fit/train``: ``keras.callbacks.TensorBoard(write_graph=True)`` over
  one training step: the Keras conceptual graph (``graph_keras_model``, tag
  ``keras``).

``functions`` is a ``tf.Module`` whose ``tf.function`` calls one per block, so
its trace holds real ``StatefulPartitionedCall`` s and a function library; it
is logged by ``trace_export`` only. ``broken`` writes, with the same APIs, the
bad input a logdir may hold beside good logs: a truncated RunMetadata, one whose
function graph calls a function its library lacks, and a Keras config that is
not JSON.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.core.protobuf import config_pb2  # noqa: E402
from tensorflow.python.eager import context  # noqa: E402
from tensorflow.python.ops import summary_ops_v2  # noqa: E402

SMALL_MODELS = ("nested", "numbered", "mobile", "functions", "broken")
BENCH_MODELS = ("resnet50", "mobilenetv2", "transformer")


@keras.saving.register_keras_serializable(package="graphfold_tests")
class Residual(keras.layers.Layer):
    """A custom layer holding layers of its own: a nested layer in the op graph's scopes."""

    def __init__(self, units: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.inner = keras.layers.Dense(units, activation="relu", name="inner")
        self.norm = keras.layers.LayerNormalization(name="norm")

    def call(self, x):
        return self.norm(x + self.inner(x))

    def get_config(self) -> dict:
        return {**super().get_config(), "units": self.units}


def nested_model() -> keras.Model:
    """A functional model holding a nested Sequential model, a custom layer and two branches."""
    inputs = keras.Input((8,), name="features")
    encoder = keras.Sequential(
        [keras.layers.Dense(16, activation="relu", name="enc_dense1"), keras.layers.Dense(16, name="enc_dense2")],
        name="encoder",
    )
    h = encoder(inputs)
    h = Residual(16, name="residual")(h)
    left = keras.layers.Dense(4, name="left")(h)
    right = keras.layers.Dense(4, name="right")(h)
    outputs = keras.layers.Add(name="merge")([left, right])
    return keras.Model(inputs, outputs, name="nested_model")


def numbered_blocks_model(stages: int = 2, blocks: int = 3, width: int = 8) -> keras.Model:
    """Residual blocks in a flat layer list named as Keras applications name them (``conv2_block1_1_dense``)."""
    inputs = keras.Input((width,), name="features")
    x = keras.layers.Dense(width, name="stem_dense")(inputs)
    for stage in range(2, 2 + stages):
        for block in range(1, blocks + 1):
            prefix = f"conv{stage}_block{block}"
            h = keras.layers.Dense(width, name=f"{prefix}_1_dense")(x)
            h = keras.layers.Activation("relu", name=f"{prefix}_1_relu")(h)
            h = keras.layers.Dense(width, name=f"{prefix}_2_dense")(h)
            x = keras.layers.Add(name=f"{prefix}_add")([x, h])
    outputs = keras.layers.Dense(2, name="head")(x)
    return keras.Model(inputs, outputs, name="numbered")


def mobile_model(blocks: int = 8, width: int = 8) -> keras.Model:
    """Named as Keras' MobileNetV2 names its layers: a stem of single layers, ``block_1`` … ``block_8``, a head."""
    inputs = keras.Input((width,), name="features")
    x = keras.layers.Dense(width, name="Conv1")(inputs)
    x = keras.layers.BatchNormalization(name="bn_Conv1")(x)
    x = keras.layers.ReLU(6.0, name="Conv1_relu")(x)
    x = keras.layers.Dense(width, name="expanded_conv_depthwise")(x)
    x = keras.layers.BatchNormalization(name="expanded_conv_depthwise_BN")(x)
    x = keras.layers.ReLU(6.0, name="expanded_conv_depthwise_relu")(x)
    x = keras.layers.Dense(width, name="expanded_conv_squeeze")(x)
    x = keras.layers.ReLU(name="expanded_conv_squeeze_relu")(x)
    x = keras.layers.Dense(width, name="expanded_conv_project")(x)
    x = keras.layers.BatchNormalization(name="expanded_conv_project_BN")(x)
    for block in range(1, blocks + 1):
        h = keras.layers.Dense(width * 2, name=f"block_{block}_expand")(x)
        h = keras.layers.ReLU(6.0, name=f"block_{block}_expand_relu")(h)
        h = keras.layers.Dense(width, name=f"block_{block}_project")(h)
        x = keras.layers.Add(name=f"block_{block}_add")([x, h])
    x = keras.layers.Dense(width, name="Conv_1")(x)
    x = keras.layers.BatchNormalization(name="Conv_1_bn")(x)
    x = keras.layers.ReLU(6.0, name="out_relu")(x)
    outputs = keras.layers.Dense(2, name="predictions")(x)
    return keras.Model(inputs, outputs, name="mobile")


def transformer_encoder(layers: int = 4, width: int = 64, heads: int = 4, length: int = 32) -> keras.Model:
    """A small Transformer encoder written the way Keras' own examples write one (functional, per-block names)."""
    inputs = keras.Input((length,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(1000, width, name="embedding")(inputs)
    for i in range(layers):
        attn = keras.layers.MultiHeadAttention(heads, width // heads, name=f"encoder{i}_attention")(x, x)
        x = keras.layers.LayerNormalization(name=f"encoder{i}_attention_norm")(keras.layers.Add(name=f"encoder{i}_attention_add")([x, attn]))
        ff = keras.layers.Dense(width * 4, activation="relu", name=f"encoder{i}_ffn_dense1")(x)
        ff = keras.layers.Dense(width, name=f"encoder{i}_ffn_dense2")(ff)
        x = keras.layers.LayerNormalization(name=f"encoder{i}_ffn_norm")(keras.layers.Add(name=f"encoder{i}_ffn_add")([x, ff]))
    x = keras.layers.GlobalAveragePooling1D(name="pool")(x)
    outputs = keras.layers.Dense(2, name="classifier")(x)
    return keras.Model(inputs, outputs, name="transformer_encoder")


def build(name: str) -> tuple[keras.Model, np.ndarray, np.ndarray]:
    """The model ``name`` with random weights, one input batch and its targets."""
    rng = np.random.default_rng(0)
    if name == "nested":
        return nested_model(), rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=(4, 4)).astype("float32")
    if name == "numbered":
        return numbered_blocks_model(), rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=(4, 2)).astype("float32")
    if name == "mobile":
        return mobile_model(), rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=(4, 2)).astype("float32")
    if name == "transformer":
        model = transformer_encoder()
        return model, rng.integers(0, 1000, size=(2, 32)).astype("int32"), rng.normal(size=(2, 2)).astype("float32")
    apps = {"resnet50": keras.applications.ResNet50, "mobilenetv2": keras.applications.MobileNetV2}
    model = apps[name](weights=None, input_shape=(96, 96, 3), classes=10)
    return model, rng.normal(size=(1, 96, 96, 3)).astype("float32"), np.eye(10, dtype="float32")[:1]


class Block(tf.Module):
    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.w = tf.Variable(tf.eye(4), name="w")

    @tf.function
    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w))


class Blocks(tf.Module):
    def __init__(self) -> None:
        super().__init__(name="blocks")
        self.blocks = [Block(f"block{i}") for i in range(3)]

    @tf.function
    def __call__(self, x):
        for block in self.blocks:
            with tf.name_scope(block.name):
                x = block(x)
        return x


def traced_run_metadata(function, *args) -> config_pb2.RunMetadata:
    """What ``trace_export`` logs for ``function(*args)``: its graph with the function library."""
    run_metadata = config_pb2.RunMetadata()
    graph = function.get_concrete_function(*args).graph.as_graph_def()
    run_metadata.function_graphs.add().pre_optimization_graph.CopyFrom(graph)
    return run_metadata


def write_function_logs(logdir: str) -> None:
    net, x = Blocks(), tf.ones((2, 4))
    writer = tf.summary.create_file_writer(os.path.join(logdir, "functions"))
    _start_trace()
    net(x)
    with writer.as_default():
        tf.summary.trace_export(name="functions", step=0)
    writer.close()


def write_broken_logs(logdir: str) -> None:
    net, x = Blocks(), tf.ones((2, 4))
    run_metadata = traced_run_metadata(net.__call__, x)
    good = run_metadata.SerializeToString()
    library = run_metadata.function_graphs[0].pre_optimization_graph.library
    missing = library.function[0].signature.name
    del library.function[0]
    writer = tf.summary.create_file_writer(os.path.join(logdir, "broken"))
    with writer.as_default():
        summary_ops_v2.run_metadata_graphs(name="missing_function", data=run_metadata, step=0)
        for tag, plugin, payload in [("truncated", "graph_run_metadata_graph", good[: len(good) // 2]),
                                     ("not_json", "graph_keras_model", b'{"class_name": "Functional", "con')]:
            metadata = tf.compat.v1.SummaryMetadata()
            metadata.plugin_data.plugin_name = plugin
            metadata.plugin_data.content = b"1"
            tf.summary.write(tag, tf.constant(payload), step=0, metadata=metadata)
    writer.close()
    with open(os.path.join(logdir, "broken", "missing_function.txt"), "w") as f:
        f.write(missing)


def _start_trace() -> None:
    """``trace_on``, without the function graphs an earlier model's ``fit()`` left in the eager context.

    The context hands out what it collected since the last export, so the
    trace of a second model in one process would hold the first one's train
    graphs too; this process logs several models, a training script one.
    """
    tf.summary.trace_on(graph=True, profiler=False)
    context.context().export_run_metadata()


def write_model_logs(logdir: str, name: str) -> None:
    if name in ("functions", "broken"):
        return (write_function_logs if name == "functions" else write_broken_logs)(logdir)
    model, x, y = build(name)
    forward = tf.function(lambda batch: model(batch, training=False))
    trace_writer = tf.summary.create_file_writer(os.path.join(logdir, name, "trace"))
    _start_trace()
    forward(x)
    with trace_writer.as_default():
        tf.summary.trace_export(name=name, step=0)
    trace_writer.close()

    run_metadata = config_pb2.RunMetadata()
    run_metadata.function_graphs.add().pre_optimization_graph.CopyFrom(
        forward.get_concrete_function(tf.TensorSpec(x.shape, x.dtype)).graph.as_graph_def()
    )
    metadata_writer = tf.summary.create_file_writer(os.path.join(logdir, name, "run_metadata"))
    with metadata_writer.as_default():
        summary_ops_v2.run_metadata(name=f"{name}_run", data=run_metadata, step=0)
    metadata_writer.close()

    model.compile(optimizer="sgd", loss="mse")
    callback = keras.callbacks.TensorBoard(os.path.join(logdir, name, "fit"), write_graph=True)
    model.fit(x, y, epochs=1, batch_size=len(x), verbose=0, callbacks=[callback])


def main(argv: list[str]) -> None:
    logdir, names = argv[0], argv[1:] or list(SMALL_MODELS)
    for name in names:
        write_model_logs(logdir, name)


if __name__ == "__main__":
    main(sys.argv[1:])
