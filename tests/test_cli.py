"""``python -m tb_plugin simplify`` on every input it accepts, through a real subprocess."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
import torch
from torch.utils.tensorboard import SummaryWriter

import tb_plugin

from tests.models import tiny_bert, tiny_resnet

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _simplify(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tb_plugin", "simplify", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def _assert_contract(stats: dict) -> None:
    for view in ("default_view", "expanded_view"):
        assert {"original_elements", "simplified_elements", "reduction"} <= set(stats[view])
        assert 0 <= stats[view]["reduction"] <= 1
    assert {"original", "drawn", "pruned", "embedded", "reversed"} <= set(stats["edges"])
    assert all({"module_class", "count"} <= set(s) for s in stats["stacks"])
    assert stats["seconds"] >= 0


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    model, inputs = tiny_bert()
    with SummaryWriter(root / "run") as writer:
        tb_plugin.log_graph(writer, model, inputs, tag="bert")
        writer.add_graph(model, inputs, use_strict_trace=False)
    return root


def test_onnx_file(tmp_path):
    model, inputs = tiny_resnet()
    path = tmp_path / "resnet.onnx"
    torch.onnx.export(model, inputs, str(path), dynamo=True)
    out = _simplify(path, "--json")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    _assert_contract(stats)
    assert stats["graph"]["source_format"] == "onnx" and stats["graph"]["capture"] == "onnx"


def test_pt2_archive(tmp_path):
    model, inputs = tiny_bert()
    path = tmp_path / "bert.pt2"
    torch.export.save(torch.export.export(model, inputs, strict=False), str(path))
    out = _simplify(path, "--json", "--check")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    _assert_contract(stats)
    assert [s["count"] for s in stats["stacks"] if s["module_class"].endswith("BertLayer")] == [3]


def test_logdir_needs_a_choice_between_graphs(logdir):
    out = _simplify(logdir)
    assert out.returncode == 2
    assert "holds 2 graphs" in out.stderr and "--tag 'bert'" in out.stderr and "__run_graph__" in out.stderr


@pytest.mark.parametrize("tag, fmt, capture", [("bert", "torch_export", "torch.export"),
                                               ("__run_graph__", "graphdef", "graphdef")])
def test_logdir_with_tag(logdir, tag, fmt, capture):
    out = _simplify(logdir, "--tag", tag, "--json")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    _assert_contract(stats)
    assert stats["graph"]["source_format"] == fmt and stats["graph"]["capture"] == capture


def test_event_file_and_table(logdir):
    (event_file,) = (logdir / "run").glob("events*")
    out = _simplify(event_file, "--tag", "bert")
    assert out.returncode == 0, out.stderr
    assert "default view" in out.stdout and "BertLayer ×3" in out.stdout
    assert "(torch_export, captured with torch.export)" in out.stdout


@pytest.mark.parametrize("name, content, message", [
    ("missing.onnx", None, "does not exist"),
    ("garbage.onnx", b"\x00\xffnot onnx", "cannot be read as an ONNX model"),
    ("garbage.pt2", b"not a zip", "is not a torch.export archive"),
])
def test_bad_input(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = _simplify(path)
    assert out.returncode == 2 and message in out.stderr
    assert "Traceback" not in out.stderr



@pytest.fixture(scope="module")
def logdir_with_overlays(tmp_path_factory):
    """One graph beside a weight-graph and a filter-stats series: only the graph is a graph."""
    from tb_plugin import metadata, summary
    from tests.conftest import make_tiny_graph
    from tests.overlays.test_overlay_wire import filter_stats, weight_graph

    root = tmp_path_factory.mktemp("cli_overlays")
    for step in (0, 1):
        summary.write_graph(root / "run", make_tiny_graph(f"tiny{step}"), step=step, tag="model")
        summary.write_overlay(root / "run", weight_graph(), kind=metadata.WEIGHT_GRAPH, step=step, tag="weight_graph")
    summary.write_overlay(root / "run", filter_stats(), kind=metadata.FILTER_STATS, step=0, tag="filter_stats")
    return root


def test_logdir_overlays_are_not_graphs(logdir_with_overlays):
    out = _simplify(logdir_with_overlays, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["graph"]["name"] == "tiny1"  # the latest step


def test_logdir_step(logdir_with_overlays):
    out = _simplify(logdir_with_overlays, "--step", "0", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["graph"]["name"] == "tiny0"


def test_logdir_without_a_matching_graph(logdir_with_overlays):
    out = _simplify(logdir_with_overlays, "--tag", "weight_graph")
    assert out.returncode == 2
    assert "no graph matches" in out.stderr and "--run 'run' --tag 'model'  (steps 0, 1)" in out.stderr


def test_corrupt_graph_step_is_reported(tmp_path):
    from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    from tb_plugin import metadata

    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=[b"\xff not a header", b"x"])
    tensor.tensor_shape.dim.add(size=2)
    value = summary_pb2.Summary.Value(tag="bad", metadata=metadata.create_summary_metadata(), tensor=tensor)
    writer = EventFileWriter(str(tmp_path / "run"))
    writer.add_event(event_pb2.Event(step=7, wall_time=1.0, summary=summary_pb2.Summary(value=[value])))
    writer.close()
    out = _simplify(tmp_path)
    assert out.returncode == 2
    assert "run 'run', tag 'bad': step 7:" in out.stderr and "Traceback" not in out.stderr
