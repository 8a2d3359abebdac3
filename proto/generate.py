"""Generate the Python bindings of ``proto/graphfold.proto``.

Usage: ``python proto/generate.py [OUT_DIR]`` (default: ``tb_plugin/proto``).
The committed bindings must equal what this writes; ``tests/test_proto.py``
regenerates them into a temporary folder and compares.
"""

import pathlib
import sys

from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO = ROOT / "proto" / "graphfold.proto"


def generate(out_dir: pathlib.Path) -> pathlib.Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    code = protoc.main(
        ["protoc", f"-I{PROTO.parent}", f"--python_out={out_dir}", f"--pyi_out={out_dir}", str(PROTO)]
    )
    if code != 0:
        raise SystemExit(f"protoc failed with exit code {code} on {PROTO}")
    return out_dir / "graphfold_pb2.py"


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tb_plugin" / "proto"
    print(generate(target))
