"""Search patterns: compiled by RE2 within limits, every refusal a 400 that names the problem."""

from __future__ import annotations

import time

import pytest
from tensorboard import errors

from tb_plugin.search import MAX_PATTERN_CHARS, SearchIndex, compile_pattern, repeat_counts

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


class TestSearchIndex:
    @pytest.fixture
    def folded(self):
        from tb_plugin import simplify

        from tests.conftest import make_tiny_graph

        return simplify.simplify(make_tiny_graph())

    def test_fields_and_reveal(self, folded):
        found = SearchIndex(folded).search(folded, compile_pattern("Linear$"), limit=10)
        # fc's class matches: its parameter and its op, each with the path that shows it.
        assert [h["name"] for h in found["hits"]] == ["fc.weight", "linear"] and found["total"] == 2
        assert found["hits"][1]["reveal"] == [{"view": "", "item": "m:fc"}, {"view": "fc", "item": "n:linear"}]
        assert found["pattern"] == "Linear$" and not found["truncated"]

    def test_limit(self, folded):
        found = SearchIndex(folded).search(folded, compile_pattern("."), limit=2)
        assert len(found["hits"]) == 2 and found["total"] == 5 and found["truncated"]

    def test_no_match(self, folded):
        assert SearchIndex(folded).search(folded, compile_pattern(CATASTROPHIC), limit=5)["total"] == 0

    def test_unicode_names(self):
        from tb_plugin import ir, simplify

        g = ir.Graph(name="u")
        g.add_module("schicht.ü", "Schicht")
        g.add_node(ir.Node("größe", "op", module="schicht.ü"))
        folded = simplify.simplify(g)
        found = SearchIndex(folded).search(folded, compile_pattern(r"^gr\wße$|\x{fc}$"), limit=5)
        assert [h["name"] for h in found["hits"]] == ["größe"]
