"""Start a real ``tensorboard`` process on a free loopback port, and always stop it."""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

_TENSORBOARD = pathlib.Path(sys.executable).with_name("tensorboard")
# TensorBoard reads files through TensorFlow when it is installed (it is, for the TF/Keras tests),
# which adds some 5 s to every start; this runs it on its own TF stub instead, as its
# `no_tensorflow` build does and as a user without TensorFlow gets.
_TENSORBOARD_WITHOUT_TF = [
    sys.executable, "-c",
    "import sys, types; sys.modules['tensorboard.compat.notf'] = types.ModuleType('tensorboard.compat.notf'); "
    "sys.argv[0] = 'tensorboard'; from tensorboard.main import run_main; run_main()",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TensorBoard:
    def __init__(self, url: str, process: subprocess.Popen, log_path: pathlib.Path) -> None:
        self.url = url
        self.process = process
        self.log_path = log_path

    def get(self, path: str, timeout: float = 60) -> tuple[int, bytes]:
        """GET ``path`` (relative to the server root); return status and body, 4xx/5xx included."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def get_json(self, path: str):
        status, body = self.get(path)
        return status, json.loads(body)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def running_tensorboard(logdir, *, load_fast: bool = False, ready_when=None, timeout: float = 120,
                        tensorflow: bool = False):
    """Yield a :class:`TensorBoard` serving ``logdir``; ``ready_when(tb)`` says when its data is loaded.

    With ``tensorflow``, TensorBoard loads TensorFlow, as it does for a user who has it installed.
    """
    port = free_port()
    log_path = pathlib.Path(logdir).parent / f"tensorboard-{port}.log"
    launcher = [str(_TENSORBOARD)] if tensorflow else _TENSORBOARD_WITHOUT_TF
    args = [
        *launcher, "--logdir", str(logdir), "--host", "127.0.0.1", "--port", str(port),
        f"--load_fast={'true' if load_fast else 'false'}", "--reload_interval", "1",
    ]
    with open(log_path, "wb") as log:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
    tb = TensorBoard(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"tensorboard exited with {process.returncode}:\n{tb.log()}")
            try:
                if tb.get("/data/plugins_listing", timeout=5)[0] == 200 and (ready_when is None or ready_when(tb)):
                    break
            except (ConnectionError, urllib.error.URLError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"tensorboard not ready after {timeout} s:\n{tb.log()}")
            time.sleep(0.5)
        yield tb
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
