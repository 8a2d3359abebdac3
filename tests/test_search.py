"""Search patterns: compiled by RE2 within limits, every refusal a 400 that names the problem."""

from __future__ import annotations

import time

import pytest
from tensorboard import errors

from tb_plugin.search import MAX_PATTERN_CHARS, compile_pattern, repeat_counts

# Exponential for a backtracking engine: Python's re takes minutes on 30 characters.
CATASTROPHIC = r"^([\w.]|[\w.])*!$"


class TestCompilePattern:
    def test_plain_pattern(self):
        compiled = compile_pattern("linear|conv")
        assert compiled.search("aten.linear.default") and not compiled.search("aten.relu.default")
        assert compiled.pattern == "linear|conv"

    def test_python_syntax_that_re2_shares(self):
        assert compile_pattern(r"(?i)^H\.\d+\.ATTN$").search("h.11.attn")
        assert compile_pattern(r"(?P<layer>\d+)").search("layer.3")

    @pytest.mark.timeout(30)
    def test_catastrophic_pattern_is_linear(self):
        compiled = compile_pattern(CATASTROPHIC)
        text = "transformer.h.0.attn." * 5000  # 105,000 characters, no "!"
        start = time.perf_counter()
        assert compiled.search(text) is None
        assert time.perf_counter() - start < 5  # backtracking would not finish in a lifetime

    @pytest.mark.parametrize(
        "pattern, message",
        [
            ("(", "missing )"),
            ("(?=x)", "invalid perl operator"),
            (r"(a)\1", "invalid escape sequence"),
            ("a{4294967295}", "repetition count 4294967295 is over 1000"),
            ("a{2,99999999999999999999}", "is over 1000"),
            ("a{1001}", "repetition count 1001 is over 1000"),
            ("((a{100}){100}){100}", "invalid repetition size"),
            ("x" * (MAX_PATTERN_CHARS + 1), "longer than 500 characters"),
        ],
    )
    def test_refused_with_a_reason(self, pattern, message):
        with pytest.raises(errors.InvalidArgumentError, match="invalid regular expression|longer than") as caught:
            compile_pattern(pattern)
        assert message in str(caught.value)

    def test_program_too_large(self):
        pattern = r"[\p{L}\p{N}]{1000}" * 20
        assert len(pattern) <= MAX_PATTERN_CHARS
        with pytest.raises(errors.InvalidArgumentError, match="pattern too large"):
            compile_pattern(pattern)

    def test_long_pattern_is_shortened_in_the_message(self):
        with pytest.raises(errors.InvalidArgumentError) as caught:
            compile_pattern("(" * 400)
        assert len(str(caught.value)) < 300  # bounded, however long the pattern


class TestRepeatCounts:
    def test_empty(self):
        assert repeat_counts("") == []

    def test_forms(self):
        assert repeat_counts("a{3}b{2,}c{4,7}") == [3, 2, 4, 7]

    def test_escaped_brace_is_text(self):
        assert repeat_counts(r"\{99999}") == []

    def test_brace_in_class_is_text(self):
        assert repeat_counts("[{99999}]x{2}") == [2]

    def test_bracket_first_in_class(self):
        assert repeat_counts("[]{99999}]") == [] and repeat_counts("[^]{99999}]") == []

    def test_not_a_repetition(self):
        assert repeat_counts("a{b}c{,5}") == []

    def test_trailing_backslash(self):
        assert repeat_counts("a\\") == []
