"""The one JSON encoder of every GraphFold response: strict JSON, and kept text for answers served often.

Python's ``json`` writes NaN and infinities as bare ``NaN``/``Infinity``
tokens, which no browser's ``JSON.parse`` reads; here they become ``null``,
which the frontend reads as a missing number (``frontend/src/api.ts:
parseJson``). A decoded graph, a view or a search answer is served again and
again unchanged, and encoding a 5,000-node graph costs 30 ms of the
interpreter lock each time, so such answers are :class:`KeptJson` and are
encoded once.
"""

from __future__ import annotations

import json
import math

__all__ = ["KeptJson", "dumps"]


class KeptJson(dict):
    """A JSON object served many times unchanged: :func:`dumps` keeps its text after the first call.

    It must not be changed once it has been encoded; build a new one instead.
    """

    __slots__ = ("text",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.text: str | None = None


def dumps(payload) -> str:
    """``payload`` as strict, compact JSON: NaN and infinities become ``null``.

    Payloads are checked first as they are, so that the usual all-finite
    answer is not copied.

    >>> dumps({"mean": float("nan"), "values": [1.5, float("inf")], "name": "a"})
    '{"mean":null,"values":[1.5,null],"name":"a"}'
    >>> kept = KeptJson(nodes=[1, 2])
    >>> dumps(kept) is dumps(kept)
    True
    """
    if isinstance(payload, KeptJson):
        if payload.text is None:
            payload.text = _dumps(payload)  # two threads may both encode it once; either text is the same
        return payload.text
    return _dumps(payload)


def _dumps(payload) -> str:
    try:
        return json.dumps(payload, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(_finite_or_none(payload), separators=(",", ":"), allow_nan=False)


def _finite_or_none(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite_or_none(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_none(item) for item in value]
    return value
