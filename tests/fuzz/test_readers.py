"""Fuzz GraphFold's five readers: every input gives a valid result or the reader's typed error, in bounded time and memory.

The readers: GraphFold's graph blobs, GraphDefs, ONNX models, and the two
overlay blobs (filter statistics, weight graph); see :mod:`tests.fuzz.cases`.

Hypothesis draws with a fixed seed (``derandomize=True``), so CI runs the same
few thousand cases every time; ``bench/fuzz_readers.py`` runs the same
mutators over 100,000+ cases. A mutated case is drawn as the seed of its
``random.Random`` (drawing each random choice through hypothesis costs ten
times more), so a failure names the seed: ``bench/fuzz_readers.py --replay READER SEED``
reads that one case again. Time is bounded per test by pytest-timeout
(generous: the suite shares a 2-core machine), memory per case by the peak
resident set (:mod:`tests.fuzz.budget`).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tb_plugin import metadata
from tests.fuzz.budget import run_case
from tests.fuzz.cases import READERS, Reader

MAX_CASE_BYTES = 512 * 2**20
_SETTINGS = dict(derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(reader: Reader, case) -> None:
    """Read ``case``; fail on an untyped exception or a peak over :data:`MAX_CASE_BYTES`."""
    outcome = run_case(lambda: reader.read(case), reader.typed)
    assert outcome.kind != "untyped", f"{reader.name}: {outcome.describe()}"
    assert outcome.peak_bytes <= MAX_CASE_BYTES, f"{reader.name}: {outcome.describe()}"


def mutated(name: str, seed: int) -> None:
    reader = READERS[name]
    check(reader, reader.make_case(random.Random(seed)))


seeds = st.integers(min_value=0, max_value=2**32 - 1)


class TestGraphBlob:
    @pytest.mark.timeout(300)
    @settings(max_examples=1_000, **_SETTINGS)
    @given(seed=seeds)
    def test_mutated(self, seed):
        mutated("graph_blob", seed)

    @pytest.mark.timeout(120)
    @settings(max_examples=200, **_SETTINGS)
    @given(header=st.binary(max_size=64), body=st.binary(max_size=256))
    def test_arbitrary_bytes(self, header, body):
        check(READERS["graph_blob"], (header, body))


class TestGraphDef:
    @pytest.mark.timeout(300)
    @settings(max_examples=1_200, **_SETTINGS)
    @given(seed=seeds)
    def test_mutated(self, seed):
        mutated("graphdef", seed)

    @pytest.mark.timeout(120)
    @settings(max_examples=200, **_SETTINGS)
    @given(data=st.binary(max_size=512))
    def test_arbitrary_bytes(self, data):
        check(READERS["graphdef"], data)


class TestOnnx:
    @pytest.mark.timeout(300)
    @settings(max_examples=1_000, **_SETTINGS)
    @given(seed=seeds)
    def test_mutated(self, seed):
        mutated("onnx", seed)

    @pytest.mark.timeout(120)
    @settings(max_examples=200, **_SETTINGS)
    @given(data=st.binary(max_size=512))
    def test_arbitrary_bytes(self, data):
        check(READERS["onnx"], data)


class TestOverlays:
    @pytest.mark.timeout(300)
    @settings(max_examples=400, **_SETTINGS)
    @given(seed=seeds)
    def test_filter_stats(self, seed):
        mutated("filter_stats", seed)

    @pytest.mark.timeout(300)
    @settings(max_examples=400, **_SETTINGS)
    @given(seed=seeds)
    def test_weight_graph(self, seed):
        mutated("weight_graph", seed)

    @pytest.mark.timeout(120)
    @settings(max_examples=200, **_SETTINGS)
    @given(kind=st.sampled_from([metadata.FILTER_STATS, metadata.WEIGHT_GRAPH]), blob=st.binary(max_size=256),
           header=st.none() | st.binary(max_size=64))
    def test_arbitrary_bytes(self, kind, blob, header):
        check(READERS["filter_stats"], (kind, blob, header))
