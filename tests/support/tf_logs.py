"""A log directory written by real TensorFlow and Keras, once per test session.

TensorFlow takes seconds to import and must not share a process with torch, so
the logs are written by ``tests/capture/tf_log_writer.py`` in a subprocess, the
first time a test asks for them, into a directory removed at exit.
"""

from __future__ import annotations

import atexit
import functools
import pathlib
import shutil
import subprocess
import sys
import tempfile

_ROOT = pathlib.Path(__file__).resolve().parents[2]


@functools.lru_cache(maxsize=1)
def tf_logdir() -> pathlib.Path:
    """The logs of :data:`tests.capture.tf_log_writer.SMALL_MODELS`, one run folder per model."""
    root = pathlib.Path(tempfile.mkdtemp(prefix="graphfold-tf-logs-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    logdir = root / "logs"
    result = subprocess.run(
        [sys.executable, "-m", "tests.capture.tf_log_writer", str(logdir)],
        cwd=_ROOT, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"writing the TensorFlow logs failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return logdir
