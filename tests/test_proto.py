"""The committed Python bindings must be what proto/graphfold.proto generates."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_bindings_are_fresh(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "proto" / "generate.py"), str(tmp_path)], check=True)
    for name in ("graphfold_pb2.py", "graphfold_pb2.pyi"):
        committed = (ROOT / "tb_plugin" / "proto" / name).read_text()
        assert (tmp_path / name).read_text() == committed, (
            f"tb_plugin/proto/{name} is stale: run `python proto/generate.py` and commit the result"
        )
