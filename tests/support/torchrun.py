"""Run a module under ``torch.distributed.run`` on this machine: N processes, gloo on the loopback interface."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def torchrun(module: str, *args: str, processes: int = 2, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m torch.distributed.run --nproc_per_node=processes -m module args...`` from the repository root.

    Rendezvous on 127.0.0.1 (a free port) and gloo on ``lo`` only, so nothing
    leaves the machine. Returns the finished process; its output is captured.
    """
    command = [sys.executable, "-m", "torch.distributed.run", "--nnodes=1", f"--nproc_per_node={processes}",
               "--rdzv-backend=c10d", "--rdzv-endpoint=127.0.0.1:0", "-m", module, *args]
    env = {**os.environ, "GLOO_SOCKET_IFNAME": "lo"}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
