"""Searching a graph's nodes with a user's pattern, so that no pattern can stall the server.

GraphFold runs inside a TensorBoard that a team may share, and the search
pattern comes straight from a URL. Python's ``re`` backtracks: a pattern such
as ``^([\\w.]|[\\w.])*!$`` takes exponential time, holding the interpreter lock
all along. RE2 (the ``google-re2`` package) matches in time linear in the text
and bounds its own memory, so patterns are compiled with it, after checks of
their length and repetition counts. Everything it refuses is an
``InvalidArgumentError`` (400) naming the problem.

RE2's syntax is Python's without backreferences and look-around; ``\\Z`` is
spelt ``\\z``. See https://github.com/google/re2/wiki/Syntax.

:class:`SearchIndex` holds the strings a search looks at (node names, ops,
module paths, module classes), each distinct string once and already encoded
as RE2 reads it, so that one search of a 5,000-node graph matches about 7,000
strings instead of 20,000 and spends no time re-encoding them.
"""

from __future__ import annotations

import re

import re2
from tensorboard import errors

__all__ = ["MAX_PATTERN_CHARS", "MAX_REPEAT", "MAX_PROGRAM_BYTES", "SearchIndex", "compile_pattern", "repeat_counts"]

MAX_PATTERN_CHARS = 500
# RE2's own bound on one counted repetition ``{n,m}``.
MAX_REPEAT = 1000
# Memory RE2 may spend on one compiled pattern (its program and DFA cache); past it
# the pattern is refused, so a request cannot make the server allocate more.
MAX_PROGRAM_BYTES = 8 << 20

_COUNTED_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")


def compile_pattern(pattern: str):
    """``pattern`` compiled by RE2, or ``InvalidArgumentError`` saying why it cannot be used.

    >>> compile_pattern("linear|conv").search("aten.linear.default") is not None
    True
    >>> compile_pattern("a{4294967295}")
    Traceback (most recent call last):
    ...
    tensorboard.errors.InvalidArgumentError: Invalid argument: invalid regular expression 'a{4294967295}': repetition count 4294967295 is over 1000
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        raise errors.InvalidArgumentError(
            f"search pattern is longer than {MAX_PATTERN_CHARS} characters ({len(pattern)}); shorten it"
        )
    shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
    for count in repeat_counts(pattern):
        # RE2 reads a count too large for an int as literal text; refuse it instead.
        if count > MAX_REPEAT:
            raise errors.InvalidArgumentError(
                f"invalid regular expression {shown!r}: repetition count {count} is over {MAX_REPEAT}"
            )
    try:
        return re2.compile(pattern, _options())
    except re2.error as e:
        reason = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        reason = reason if len(reason) <= 80 else reason[:77] + "..."  # RE2 quotes the offending part
        raise errors.InvalidArgumentError(
            f"invalid regular expression {shown!r}: {reason} (search uses RE2 syntax: no backreferences or look-around)"
        ) from None


def repeat_counts(pattern: str) -> list[int]:
    """The numbers of every counted repetition ``{m}``, ``{m,}``, ``{m,n}`` in ``pattern``.

    Escaped braces and braces inside a character class are text, not repetitions.

    >>> repeat_counts(r"a{2,5}b{3}\\{7}[{9}]c{4,}")
    [2, 5, 3, 4]
    """
    counts: list[int] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A "]" first in the class (after an optional "^") is a literal.
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            if pattern[i : i + 1] == "]":
                i += 1
            continue
        elif char == "{":
            match = _COUNTED_REPEAT.match(pattern, i)
            if match:
                counts.extend(int(n) for n in match.groups() if n)
                i = match.end()
                continue
        i += 1
    return counts


class SearchIndex:
    """The fields a search matches, per node of a folded graph, as indices into distinct encoded strings."""

    def __init__(self, folded) -> None:
        h = folded.h
        ids: dict[str, int] = {}
        self._texts: list[bytes] = []

        def intern(text: str) -> int:
            found = ids.get(text)
            if found is None:
                found = ids[text] = len(self._texts)
                self._texts.append(text.encode("utf-8", "replace"))
            return found

        self._fields = [
            (intern(n.name), intern(n.op), intern(n.module), intern(h.module_class[h.module_id[n.module]]))
            for n in h.nodes
        ]

    def search(self, folded, pattern, *, limit: int) -> dict:
        """Nodes whose name, op, module path or module class matches ``pattern``, the first ``limit``
        with their reveal paths (see ``FoldedGraph.reveal``); ``total`` counts them all."""
        h = folded.h
        matched = [pattern.search(text) is not None for text in self._texts]
        hits, total = [], 0
        for node, fields in zip(h.nodes, self._fields):
            if not any(matched[i] for i in fields):
                continue
            total += 1
            if len(hits) < limit:
                hit = {"name": node.name, "op": node.op, "kind": node.kind.value, "module": node.module,
                       "class_name": h.module_class[h.module_id[node.module]]}
                hits.append(dict(hit, **folded.reveal(node.name)))
        return {"pattern": pattern.pattern, "total": total, "hits": hits, "truncated": total > len(hits)}


def _options():
    options = re2.Options()
    options.max_mem = MAX_PROGRAM_BYTES
    # Refused patterns are answered to the client; RE2 need not also print them to stderr.
    options.log_errors = False
    return options
