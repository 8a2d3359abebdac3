"""Run one fuzz case and say how it ended, how long it took and how much memory it took at its peak.

Peak memory is the process's resident-set high-water mark (``VmHWM``), reset
before each case through ``/proc/self/clear_refs``, minus the resident size
before it: unlike ``tracemalloc`` it also sees what protobuf's C parser and
zlib allocate. Where ``/proc`` cannot be written (not Linux), the peak is
reported as 0 rather than guessed.
"""

from __future__ import annotations

import dataclasses
import time
import warnings
from collections.abc import Callable

__all__ = ["Outcome", "run_case"]


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one case ended: ``"ok"`` (a valid result), ``"typed"`` (an expected error) or ``"untyped"``."""

    kind: str
    seconds: float
    peak_bytes: int
    error: BaseException | None = None

    def describe(self) -> str:
        what = f"{type(self.error).__name__}: {self.error}"[:300] if self.error else "ok"
        return f"{self.kind} in {self.seconds:.2f} s, peak +{self.peak_bytes / 2**20:.0f} MiB ({what})"


def run_case(read: Callable[[], object], typed: tuple[type[BaseException], ...]) -> Outcome:
    """Call ``read()``; an exception of a ``typed`` class is expected, any other is not (MemoryError included)."""
    can_reset = _reset_peak()
    before = _status_kib("VmRSS")
    start = time.perf_counter()
    error: BaseException | None = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a reader may warn (ONNX shape inference); only errors count here
        try:
            read()
        except typed as e:
            error, kind = e, "typed"
        except Exception as e:  # noqa: BLE001 - the point: anything else is a finding
            error, kind = e, "untyped"
        else:
            kind = "ok"
    seconds = time.perf_counter() - start
    peak = (_status_kib("VmHWM") - before) * 1024 if can_reset else 0
    return Outcome(kind, seconds, max(peak, 0), error)


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # 5: reset the peak resident set size to the current one
        return True
    except OSError:
        return False


def _status_kib(key: str) -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
