"""GraphStore's building blocks: single-flight caching without a lock across work, and per-step containment."""

from __future__ import annotations

import threading

import pytest
from tensorboard import errors

from tb_plugin import serialize
from tb_plugin.capture import CaptureError
from tb_plugin.graph_store import LoggedGraph, OnceCache, UnreadableGraphError, contained_step_errors
from tb_plugin.search import compile_pattern

from tests.conftest import make_tiny_graph


def _in_thread(function) -> tuple[threading.Thread, list]:
    results: list = []
    thread = threading.Thread(target=lambda: results.append(function()), daemon=True)
    thread.start()
    return thread, results


@pytest.mark.timeout(60)
class TestOnceCache:
    def test_computed_once(self):
        cache, calls = OnceCache(2), []
        assert cache.get("a", lambda: calls.append(1) or "A") == "A"
        assert cache.get("a", lambda: calls.append(1) or "B") == "A"
        assert calls == [1]

    def test_least_recently_used_is_dropped(self):
        cache = OnceCache(2)
        for key in "abc":
            cache.get(key, lambda key=key: key)
        assert cache.get("a", lambda: "again") == "again"
        assert cache.get("c", lambda: "again") == "c"

    def test_concurrent_callers_of_one_key_share_one_computation(self):
        cache, started, release, calls = OnceCache(2), threading.Event(), threading.Event(), []

        def slow():
            calls.append(1)
            started.set()
            release.wait(30)
            return "slow"

        first, first_result = _in_thread(lambda: cache.get("k", slow))
        started.wait(30)
        second, second_result = _in_thread(lambda: cache.get("k", slow))
        release.set()
        first.join(30), second.join(30)
        assert first_result == second_result == ["slow"] and calls == [1]

    def test_other_keys_do_not_wait(self):
        cache, started, release = OnceCache(2), threading.Event(), threading.Event()

        def slow():
            started.set()
            release.wait(30)
            return "slow"

        thread, _ = _in_thread(lambda: cache.get("slow", slow))
        started.wait(30)
        try:
            assert cache.get("fast", lambda: "fast") == "fast"  # answered while "slow" is still computing
        finally:
            release.set()
            thread.join(30)

    def test_failure_is_kept_and_raised_afresh(self):
        cache, calls = OnceCache(2), []

        def failing():
            calls.append(1)
            raise UnreadableGraphError("step 0: bad")

        for _ in range(3):
            with pytest.raises(UnreadableGraphError, match="step 0: bad") as caught:
                cache.get("k", failing)
            assert caught.value.__traceback__ is not None
        assert calls == [1]

    def test_failures_do_not_evict_values(self):
        cache = OnceCache(1, failures=4)
        cache.get("good", lambda: "value")
        for key in "abc":
            with pytest.raises(UnreadableGraphError):
                cache.get(key, lambda: (_ for _ in ()).throw(UnreadableGraphError("bad")))
        assert cache.get("good", lambda: "recomputed") == "value"

    def test_other_public_errors_are_not_kept(self):
        cache, calls = OnceCache(2), []

        def missing():
            calls.append(1)
            raise errors.NotFoundError("no module 'x'")

        for _ in range(2):
            with pytest.raises(errors.NotFoundError):
                cache.get("k", missing)
        assert calls == [1, 1]

    def test_unexpected_error_reaches_every_waiter_and_is_not_kept(self):
        cache, started, release = OnceCache(2), threading.Event(), threading.Event()

        def broken():
            started.set()
            release.wait(30)
            raise KeyError("bug")

        def call():
            try:
                return cache.get("k", broken)
            except KeyError as e:
                return e

        first, first_result = _in_thread(call)
        started.wait(30)
        second, second_result = _in_thread(call)
        release.set()
        first.join(30), second.join(30)
        assert isinstance(first_result[0], KeyError) and isinstance(second_result[0], KeyError)
        assert cache.get("k", lambda: "fixed") == "fixed"


class TestContainedStepErrors:
    @pytest.mark.parametrize(
        "raised, message",
        [
            (MemoryError(), "step 4: decoding failed: MemoryError"),
            (RecursionError("maximum recursion depth exceeded"), "step 4: decoding failed: RecursionError: maximum"),
            (OverflowError("too big"), "step 4: decoding failed: OverflowError: too big"),
            (serialize.BlobError("not a GraphHeader"), "step 4: not a GraphHeader"),
            (CaptureError("node 'x' has an unknown dtype"), "step 4: node 'x' has an unknown dtype"),
        ],
    )
    def test_anything_becomes_the_steps_422(self, raised, message):
        with pytest.raises(UnreadableGraphError) as caught:
            with contained_step_errors(4, "decoding"):
                raise raised
        assert str(caught.value).startswith(message) and caught.value.http_code == 422

    def test_public_errors_pass_through(self):
        with pytest.raises(errors.NotFoundError, match="no module"):
            with contained_step_errors(4, "drawing"):
                raise errors.NotFoundError("no module 'x'")

    def test_nothing_raised(self):
        with contained_step_errors(4, "decoding"):
            pass


class TestLoggedGraph:
    def test_search_view_locate(self):
        logged = LoggedGraph(make_tiny_graph(), step=2)
        assert [h["name"] for h in logged.search(compile_pattern("linear"), 10)["hits"]] == ["fc.weight", "linear"]
        assert logged.view("fc") is logged.view("fc")  # kept
        assert logged.locate("relu")["reveal"] == [{"view": "", "item": "n:relu"}]

    def test_unknown_names_are_404(self):
        logged = LoggedGraph(make_tiny_graph(), step=2)
        with pytest.raises(errors.NotFoundError, match="no module 'nope'"):
            logged.view("nope")
        with pytest.raises(errors.NotFoundError, match="no node 'ghost'"):
            logged.locate("ghost")

    def test_a_graph_that_cannot_be_folded_is_its_steps_422(self):
        from tb_plugin import ir

        graph = ir.Graph(name="dangling")
        graph.add_node(ir.Node("b", "Neg", inputs=(ir.InputRef("missing"),)))
        logged = LoggedGraph(graph, step=7)
        for request in (lambda: logged.stats, lambda: logged.view(""), lambda: logged.search(compile_pattern("b"), 5)):
            with pytest.raises(UnreadableGraphError, match="step 7"):
                request()
