"""The one response encoder: strict JSON (no NaN tokens), and kept text for answers served often."""

from __future__ import annotations

import json

import pytest

from tb_plugin.strict_json import KeptJson, dumps


def _strict(text: str):
    def refuse(token):
        raise ValueError(token)

    return json.loads(text, parse_constant=refuse)


class TestDumps:
    def test_finite(self):
        assert dumps({"a": [1, 2.5, "x", None, True]}) == '{"a":[1,2.5,"x",null,true]}'

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
    def test_non_finite_become_null_at_any_depth(self, value):
        payload = {"layers": [{"metrics": {"apoz": [value, 1.0]}, "mean": value}], "pair": (value, 2)}
        assert _strict(dumps(payload)) == {"layers": [{"metrics": {"apoz": [None, 1.0]}, "mean": None}], "pair": [None, 2]}

    def test_numpy_floats(self):
        import numpy as np

        assert dumps([np.float64("nan"), np.float64(0.5)]) == "[null,0.5]"

    def test_input_is_not_changed(self):
        payload = {"v": [float("nan")]}
        dumps(payload)
        assert payload["v"][0] != payload["v"][0]  # still NaN

    def test_empty(self):
        assert dumps({}) == "{}" and dumps([]) == "[]"


class TestKeptJson:
    def test_encoded_once(self):
        kept = KeptJson(nodes=[1.0, float("nan")])
        first = dumps(kept)
        assert first == '{"nodes":[1.0,null]}' and dumps(kept) is first

    def test_is_a_dict(self):
        kept = KeptJson({"a": 1})
        assert kept["a"] == 1 and dict(kept) == {"a": 1} and isinstance(kept, dict)
