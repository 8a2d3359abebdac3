"""Log GraphFold's demo graphs into a log directory (default ``runs/demo``).

Runs written:
- ``torch_export``: BERT-base, GPT-2, ViT-base and ResNet-50 via ``tb_plugin.log_graph``;
- ``onnx``: ResNet-50 exported with ``torch.onnx.export`` and logged via ``tb_plugin.log_onnx``;
- ``add_graph``: BERT-base via ``torch.utils.tensorboard.SummaryWriter.add_graph``
  (a GraphDef, as users of TensorBoard's Graphs dashboard already have).

Every model is built from a ``transformers`` config with random weights.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

import torch
from torch.utils.tensorboard import SummaryWriter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import demo_models  # noqa: E402

import tb_plugin  # noqa: E402


def _step(label: str, fn):
    start = time.perf_counter()
    graph = fn()
    nodes = f"{len(graph.nodes)} nodes, {len(graph.modules)} modules" if graph is not None else "GraphDef"
    print(f"{label:<28} {nodes:<28} {time.perf_counter() - start:6.1f} s", flush=True)


def log_demo(logdir: pathlib.Path) -> None:
    with SummaryWriter(logdir / "torch_export") as writer:
        for tag, build in demo_models.MODELS.items():
            model, inputs = build()
            _step(f"log_graph {tag}", lambda: tb_plugin.log_graph(writer, model, inputs, tag=tag))

    model, inputs = demo_models.resnet50()
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "resnet-50.onnx"
        torch.onnx.export(model, inputs, str(path), dynamo=True, verbose=False)
        _step("log_onnx resnet-50", lambda: tb_plugin.log_onnx(logdir / "onnx", path, tag="resnet-50"))

    model, inputs = demo_models.bert_base()
    with SummaryWriter(logdir / "add_graph") as writer:
        _step("add_graph bert-base", lambda: writer.add_graph(model, inputs, use_strict_trace=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logdir", nargs="?", default="runs/demo", type=pathlib.Path)
    log_demo(parser.parse_args().logdir)


if __name__ == "__main__":
    main()
