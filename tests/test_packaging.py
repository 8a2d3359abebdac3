"""Packaging: the server side runs without torch or onnx, and the wheel carries the plugin."""

import pathlib
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

_WITHOUT_TORCH = """
import sys
sys.modules["torch"] = None  # any `import torch` now raises ImportError
sys.modules["onnx"] = None
import json, tempfile
from tb_plugin import ir, summary
from tests.conftest import make_tiny_graph, tensorboard_client
with tempfile.TemporaryDirectory() as logdir:
    summary.write_graph(logdir + "/run", make_tiny_graph(), tag="t")
    response = tensorboard_client(logdir).get("/data/plugin/graphfold/graph?run=run&tag=t")
    assert response.status_code == 200, response.get_data()
    print(len(json.loads(response.get_data())["nodes"]))
"""


def test_server_side_works_without_torch_and_onnx():
    out = subprocess.run(
        [sys.executable, "-c", _WITHOUT_TORCH], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "5"


def test_wheel_contains_frontend_bindings_and_entry_point(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("tensorboard_plugin_graphfold-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "tb_plugin/static/index.js" in names
        assert "tb_plugin/proto/graphfold_pb2.py" in names
        assert {"tb_plugin/capture/torch_export.py", "tb_plugin/capture/onnx_model.py"} <= names
        (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
        text = zf.read(entry_points).decode()
    assert "[tensorboard_plugins]" in text
    assert "graphfold = tb_plugin.plugin:GraphFoldPlugin" in text
