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
  ``keras``) and the train function's GraphDef (``__run_graph__``).
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
from tensorflow.python.ops import summary_ops_v2  # noqa: E402

SMALL_MODELS = ("nested",)
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
    if name == "transformer":
        model = transformer_encoder()
        return model, rng.integers(0, 1000, size=(2, 32)).astype("int32"), rng.normal(size=(2, 2)).astype("float32")
    apps = {"resnet50": keras.applications.ResNet50, "mobilenetv2": keras.applications.MobileNetV2}
    model = apps[name](weights=None, input_shape=(96, 96, 3), classes=10)
    return model, rng.normal(size=(1, 96, 96, 3)).astype("float32"), np.eye(10, dtype="float32")[:1]


def write_model_logs(logdir: str, name: str) -> None:
    model, x, y = build(name)
    forward = tf.function(lambda batch: model(batch, training=False))
    trace_writer = tf.summary.create_file_writer(os.path.join(logdir, name, "trace"))
    tf.summary.trace_on(graph=True, profiler=False)
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
