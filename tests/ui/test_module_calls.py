"""In Chromium: a block run three times is a stack of its calls, and a search reaches an op of its third call."""

from __future__ import annotations

import pytest

from tests.support.graphfold_tab import CHROMIUM, plugin_json
from tests.ui.graphs import CALLS

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)


def test_calls_stack_and_a_hit_in_the_third_call_is_revealed(tab, tensorboard):
    tab.open(**CALLS)
    assert "s:block" in tab.item_ids(), tab.item_ids()
    server = plugin_json(tensorboard, "search", CALLS, q="relu")
    # The second relu of the third call: module instance block@2.relu@1.
    (hit,) = [h for h in server["hits"] if h["kind"] == "op" and h["module"] == "block@2.relu@1"]
    hits = tab.search("relu")
    (index,) = [i for i, text in enumerate(hits.all_text_contents()) if text.startswith(hit["name"])]
    hits.nth(index).click()
    tab.idle()
    target = hit["reveal"][-1]["item"]
    assert tab.selection() == target and target in tab.item_ids()
    assert "m:block@2.relu@1" in tab.item_ids() or target == "m:block@2.relu@1", sorted(tab.item_ids())
    assert not [e["id"] for e in tab.edges() if e["reversed"]], "a module call read its own output"
