"""Compiling a user's search pattern so that no pattern can stall the server.

GraphFold runs inside a TensorBoard that a team may share, and the search
pattern comes straight from a URL. Python's ``re`` backtracks: a pattern such
as ``^([\\w.]|[\\w.])*!$`` takes exponential time, holding the interpreter lock
all along. RE2 (the ``google-re2`` package) matches in time linear in the text
and bounds its own memory, so patterns are compiled with it, after checks of
their length and repetition counts. Everything it refuses is an
``InvalidArgumentError`` (400) naming the problem.

RE2's syntax is Python's without backreferences and look-around; ``\\Z`` is
spelt ``\\z``. See https://github.com/google/re2/wiki/Syntax.
"""

from __future__ import annotations

import re

import re2
from tensorboard import errors

__all__ = ["MAX_PATTERN_CHARS", "MAX_REPEAT", "MAX_PROGRAM_BYTES", "compile_pattern", "repeat_counts"]

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


def _options():
    options = re2.Options()
    options.max_mem = MAX_PROGRAM_BYTES
    # Refused patterns are answered to the client; RE2 need not also print them to stderr.
    options.log_errors = False
    return options
