"""Held-out Keras applications, folded as GraphFold folds TF/Keras logs: how readable is the first view?

Usage::

    .venv/bin/python bench/bench_tf_held_out.py                  # the default set
    .venv/bin/python bench/bench_tf_held_out.py Xception NASNetMobile --json

``bench_tf.py`` measures the three models issue 15 names (ResNet50,
MobileNetV2, a Transformer encoder) through real logs and TensorBoard; this
script checks the rules on ``keras.applications`` models they were not written
for (``weights=None``, 96×96 inputs, 10 classes), without writing logs: the
Keras graph from ``model.to_json()`` (what ``keras.callbacks.TensorBoard``
logs) and the op graph of a ``tf.function`` calling the model (what
``trace_export`` logs), each read by GraphFold's capture and folded. Reported
per graph: the root view's elements (nodes + edges + ports), for an op graph
also the model's level one click below, the stacks found and the reversed
edges. Target: at most 20 elements. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

MODELS = ("VGG16", "ResNet50", "ResNet50V2", "Xception", "InceptionV3", "DenseNet121", "MobileNetV2",
          "MobileNetV3Small", "EfficientNetB0", "ConvNeXtTiny")


def fold_figures(graph) -> dict:
    from tb_plugin.simplify import simplify, simplify_stats, view_elements

    start = time.perf_counter()
    folded = simplify(graph)
    seconds = time.perf_counter() - start
    root = folded.view("")
    row = {"nodes": len(graph.nodes), "root_elements": view_elements(root)["elements"]}
    modules = [c for c in root["children"] if c["type"] == "module"]
    if len(modules) == 1 and len(root["children"]) <= 4:  # an op graph: input, the model, output
        row["model_elements"] = view_elements(folded.view(modules[0]["path"]))["elements"]
    stats = simplify_stats(folded)
    row["stacks"] = [f"{s['members'][0].rsplit('.', 1)[-1]} ×{s['count']}" for s in stats["stacks"]]
    row["reversed_edges"] = stats["edges"]["reversed"]
    row["fold_s"] = round(seconds, 3)
    return row


def measure(name: str) -> dict:
    import keras
    import tensorflow as tf

    from tb_plugin.capture.graphdef import capture_graphdef
    from tb_plugin.capture.keras_model import capture_keras_model

    model = getattr(keras.applications, name)(weights=None, input_shape=(96, 96, 3), classes=10)
    keras_graph = capture_keras_model(model.to_json())
    forward = tf.function(lambda x: model(x, training=False))
    graph_def = forward.get_concrete_function(tf.TensorSpec((1, 96, 96, 3), tf.float32)).graph.as_graph_def()
    op_graph = capture_graphdef(graph_def.SerializeToString(), name=name)
    return {"model": name, "keras": fold_figures(keras_graph), "op": fold_figures(op_graph)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", default=list(MODELS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for name in args.models:
        try:
            rows.append(measure(name))
        except Exception as e:  # noqa: BLE001 - one model that does not build must not end the table
            rows.append({"model": name, "error": f"{type(e).__name__}: {e}"[:300]})
        row = rows[-1]
        if args.json:
            continue
        if "error" in row:
            print(f"{name:<18} error: {row['error']}", flush=True)
            continue
        k, o = row["keras"], row["op"]
        print(f"{name:<18} keras root {k['root_elements']:>4}  op model level {o.get('model_elements', '-'):>4}  "
              f"reversed {k['reversed_edges']}/{o['reversed_edges']}  stacks (op) {', '.join(o['stacks'][:6]) or '-'}",
              flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
