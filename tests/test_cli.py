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
    assert stats["graph"]["source_format"] == "onnx"


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


@pytest.mark.parametrize("tag, fmt", [("bert", "torch_export"), ("__run_graph__", "graphdef")])
def test_logdir_with_tag(logdir, tag, fmt):
    out = _simplify(logdir, "--tag", tag, "--json")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    _assert_contract(stats)
    assert stats["graph"]["source_format"] == fmt


def test_event_file_and_table(logdir):
    (event_file,) = (logdir / "run").glob("events*")
    out = _simplify(event_file, "--tag", "bert")
    assert out.returncode == 0, out.stderr
    assert "default view" in out.stdout and "BertLayer ×3" in out.stdout


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

