"""Load benchmark of GraphFold's routes inside a real ``tensorboard --load_fast=false`` process.

Usage::

    .venv/bin/python bench/bench_load.py                   # 20 clients x 60 s, then the worst-case search phase
    .venv/bin/python bench/bench_load.py --seconds 15 --search-seconds 10 --json

The log directory holds one synthetic 5,019-node transformer graph
(``tests/support/synthetic_graphs.py``, 173 blocks) written with
``tb_plugin.summary.write_graph``. Two phases, each against the same server:

- load: ``--clients`` threads, each looping for ``--seconds`` over the
  requests the tab makes (TensorBoard's ``plugins_listing``, ``graphs``,
  root and block views, ``stats``, searches, ``locate``, and now and then the
  whole ``graph``), chosen at random with a fixed seed. Reported: requests
  per second, errors (a status other than 200, or no answer), latency
  percentiles, and the server's resident memory at the start, at the end and
  at its peak (``VmHWM`` of ``/proc/PID/status``).
- worst-case search: two clients loop over the searches that cost the most
  (``^([\\w.]|[\\w.])*!$``, which Python's ``re`` would never finish, and
  ``.`` with ``limit=5000``, which reveals 5,000 nodes), each made new with an
  alternative that matches nothing so that no kept answer serves it, while one other
  client polls ``plugins_listing`` and ``graphs``. Reported: how long the
  searches took and how long the other client waited.

The clients are threads of this process and share the machine's cores with
the server, so latencies include their own scheduling; compare figures only
between runs on the same machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tb_plugin import summary  # noqa: E402
from tests.support.synthetic_graphs import transformer_graph  # noqa: E402
from tests.support.tensorboard_process import running_tensorboard  # noqa: E402

PREFIX = "/data/plugin/graphfold"
CATASTROPHIC = r"^([\w.]|[\w.])*!$"
GRAPH = {"run": "big", "tag": "model"}
LAYERS = 173


def _url(route: str, **params) -> str:
    return f"{PREFIX}/{route}?" + urllib.parse.urlencode({**GRAPH, **params})


def tab_requests(rng: random.Random) -> str:
    """One request of the mix a tab makes, picked at random."""
    layer = rng.randrange(LAYERS)
    choices = [
        (3, lambda: "/data/plugins_listing"),
        (3, lambda: f"{PREFIX}/graphs"),
        (4, lambda: _url("view", module="")),
        (4, lambda: _url("view", module=f"h.{layer}")),
        (2, lambda: _url("view", module=f"h.{layer}.attn")),
        (2, lambda: _url("stats")),
        # Half the searches repeat what a user typed before (kept by the server), half are new to it.
        (3, lambda: _url("search", q=rng.choice(["linear", r"h\.1\d\.attn", "softmax", CATASTROPHIC,
                                                 rf"^h\.{layer}\.(attn|mlp)\.", rf"{layer}\.mlp|{CATASTROPHIC}"]))),
        (3, lambda: _url("locate", node=f"h.{layer}.attn.{rng.choice('qkvo')}.linear")),
        (1, lambda: _url("graph")),
    ]
    weights = [w for w, _ in choices]
    return rng.choices([make for _, make in choices], weights)[0]()


def timed_get(base: str, path: str) -> tuple[int | None, float]:
    """Status (None when no answer came) and seconds of one GET; the body is read in full."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except (urllib.error.URLError, OSError):
        status = None
    return status, time.perf_counter() - start


def rss_kib(pid: int) -> dict[str, int]:
    """Resident memory now and at its peak, in KiB, from /proc."""
    fields = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def percentiles(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {}
    ordered = sorted(seconds)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50_ms": at(0.5), "p90_ms": at(0.9), "p99_ms": at(0.99), "max_ms": round(ordered[-1] * 1000, 1),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1)}


def load_phase(tb, clients: int, seconds: float, seed: int) -> dict:
    results: list[tuple[str, int | None, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        mine = []
        while time.monotonic() < deadline:
            path = tab_requests(rng)
            status, took = timed_get(tb.url, path)
            mine.append((path.split("?")[0].rsplit("/", 1)[-1], status, took))
        with lock:
            results.extend(mine)

    before = rss_kib(tb.process.pid)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    after = rss_kib(tb.process.pid)
    errors = [(route, status) for route, status, _ in results if status != 200]
    by_route = {}
    for route in sorted({r for r, _, _ in results}):
        by_route[route] = {"requests": sum(1 for r, _, _ in results if r == route),
                           **percentiles([t for r, _, t in results if r == route])}
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(results),
        "requests_per_second": round(len(results) / elapsed, 1), "errors": len(errors), "error_samples": errors[:10],
        **percentiles([t for _, _, t in results]),
        "rss_mib_start": round(before["VmRSS"] / 1024, 1), "rss_mib_end": round(after["VmRSS"] / 1024, 1),
        "rss_mib_peak": round(after["VmHWM"] / 1024, 1), "by_route": by_route,
    }


def worst_case_search_phase(tb, seconds: float) -> dict:
    searches: dict[str, list[tuple[int | None, float]]] = {"catastrophic": [], "dot_limit_5000": []}
    polls: list[tuple[int | None, float]] = []
    stop = threading.Event()
    counter = itertools.count()

    def search_hard() -> None:
        # A new pattern every time (an alternative that matches nothing), so the server's kept answers never serve it.
        while not stop.is_set():
            nonce = f"|^{next(counter)}!$"
            searches["catastrophic"].append(timed_get(tb.url, _url("search", q=CATASTROPHIC + nonce)))
            searches["dot_limit_5000"].append(timed_get(tb.url, _url("search", q="." + nonce, limit="5000")))

    def poll() -> None:
        while not stop.is_set():
            for path in ("/data/plugins_listing", f"{PREFIX}/graphs"):
                polls.append(timed_get(tb.url, path))

    threads = [threading.Thread(target=search_hard) for _ in range(2)] + [threading.Thread(target=poll)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    report = {name: {"requests": len(r), "errors": sum(1 for s, _ in r if s != 200), **percentiles([t for _, t in r])}
              for name, r in searches.items()}
    report["other_client"] = {"requests": len(polls), "errors": sum(1 for s, _ in polls if s != 200),
                              **percentiles([t for _, t in polls])}
    return report


def run(args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        logdir = pathlib.Path(tmp) / "logs"
        graph = transformer_graph(LAYERS)
        summary.write_graph(logdir / "big", graph, tag="model")

        def ready(tb) -> bool:
            status, body = tb.get_json(f"{PREFIX}/graphs")
            return status == 200 and any(g["run"] == "big" for g in body["graphs"])

        with running_tensorboard(logdir, load_fast=False, ready_when=ready) as tb:
            for route in ("stats", "graph"):  # decode and fold before timing, as a tab's first visit does
                assert tb.get(_url(route))[0] == 200
            report = {"graph": {"nodes": len(graph.nodes), "edges": graph.edge_count, "modules": len(graph.modules)}}
            report["load"] = load_phase(tb, args.clients, args.seconds, args.seed)
            report["worst_case_search"] = worst_case_search_phase(tb, args.search_seconds)
    return report


def print_table(report: dict) -> None:
    g, load = report["graph"], report["load"]
    print(f"graph: {g['nodes']} nodes, {g['edges']} edges, {g['modules']} modules")
    print(f"load: {load['clients']} clients x {load['seconds']} s: {load['requests']} requests, "
          f"{load['requests_per_second']} req/s, {load['errors']} errors; latency p50 {load['p50_ms']} ms, "
          f"p90 {load['p90_ms']} ms, p99 {load['p99_ms']} ms, max {load['max_ms']} ms")
    print(f"      server RSS {load['rss_mib_start']} MiB at start, {load['rss_mib_end']} MiB at end, "
          f"peak {load['rss_mib_peak']} MiB")
    print(f"{'route':<18}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for route, r in load["by_route"].items():
        print(f"{route:<18}{r['requests']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}{r['max_ms']:>9}")
    print("worst-case search, two clients, while a third polls plugins_listing and graphs:")
    for name, r in report["worst_case_search"].items():
        print(f"  {name:<16}{r['requests']:>6} requests, {r['errors']} errors; p50 {r['p50_ms']} ms, "
              f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60, help="length of the load phase")
    parser.add_argument("--search-seconds", type=float, default=20, help="length of the worst-case search phase")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)


if __name__ == "__main__":
    main()
