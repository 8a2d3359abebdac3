"""GPT-2 in the tab: the stack a wrapper holds drawn at the root, capture noise hidden but found, the helper region.

The hidden nodes are picked by folding the logged graph here, with the same
``tb_plugin.simplify`` the server runs; everything else the tab should show
is asked from the server's routes.
"""

from __future__ import annotations

import re

import pytest

from tb_plugin.cli import load_graph
from tb_plugin.simplify import simplify, simplify_stats
from tests.support.graphfold_tab import CHROMIUM, plugin_json
from tests.ui.graphs import GPT2

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

HELPER_CLASS = "graphfold.Helper"


@pytest.fixture(scope="module")
def folded(ui_logdir):
    return simplify(load_graph(str(ui_logdir), run=GPT2["run"], tag=GPT2["tag"]))


def _hidden(folded, reason: str) -> list[str]:
    h = folded.h
    return [h.nodes[nid].name for nid, why in enumerate(h.hidden_reason) if why == reason]


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class TestWrappedStack:
    def test_root_draws_the_blocks_stack_with_its_wrapper(self, tab, tensorboard):
        tab.open(**GPT2)
        root = plugin_json(tensorboard, "view", GPT2, module="")
        (blocks,) = [c for c in root["children"] if c["type"] == "stack" and c["class_name"].endswith(".GPT2Block")]
        assert blocks["wrappers"] == ["h"], "the server no longer draws GPT-2's blocks in place of h"
        item = tab.item(blocks["id"])
        assert item["type"] == "stack" and item["label"].startswith("GPT2Block ×12"), item

        tab.click_item(blocks["id"])
        tab.idle()
        crumbs = tab.testid("breadcrumbs").locator("button").all_text_contents()
        assert any(c.startswith("h › GPT2Block ×12") for c in crumbs), crumbs
        assert re.search(r"Wrapped by\s*h\b", tab.testid("details-panel").inner_text())

        tab.toggle(blocks["id"])
        assert blocks["id"] in tab.open_ids()
        inside = {c["id"] for c in plugin_json(tensorboard, "view", GPT2, module=blocks["representative"])["children"]}
        assert inside <= tab.item_ids()


class TestHiddenNodes:
    def test_counts_of_hidden_nodes_are_shown(self, tab, folded):
        counts = simplify_stats(folded)["hidden_nodes"]
        assert counts["dead"] > 0 and counts["check"] > 0, counts
        tab.open(**GPT2)
        line = tab.testid("hidden-summary")
        assert line.is_visible()
        text = line.inner_text()
        nouns = {"dead": "unused operator", "check": "export check", "plumbing": "plumbing operator"}
        for reason, noun in nouns.items():
            if counts[reason]:
                assert _counted(counts[reason], noun) + " hidden" in text, text
            else:
                assert noun not in text, f"a count of zero is shown: {text}"

        line.click()
        hint = tab.testid("search-hint")
        assert hint.is_visible() and "search" in hint.inner_text()

    def test_search_finds_an_unused_operator_and_shows_its_details(self, tab, folded):
        name = _hidden(folded, "dead")[0]
        node = folded.h.nodes[folded.h.node_id[name]]
        tab.open(**GPT2)
        hits = tab.search(f"^{re.escape(name)}$")
        assert hits.count() == 1
        assert "hidden: unused" in hits.first.text_content()
        hits.first.click()
        tab.idle()
        assert tab.selection() is None, "a node drawn nowhere was selected"
        text = tab.testid("details-panel").inner_text()
        assert name in text and node.op in text, text
        assert "Hidden: unused operator" in text, text
        shape = "×".join(str(d) for d in node.outputs[0].dims)
        assert f"{shape} {node.outputs[0].dtype}" in text, "the output's shape from the whole graph is missing"

        # Selecting a drawn item replaces the hidden node's details.
        drawn = next(i["id"] for i in tab.items() if i["type"] == "op")
        tab.click_item(drawn)
        tab.idle()
        assert tab.selection() == drawn
        assert "Hidden:" not in tab.testid("details-panel").inner_text()

    def test_an_export_check_is_in_the_details_of_the_node_it_checks(self, tab, tensorboard, folded):
        name = _hidden(folded, "check")[0]
        located = plugin_json(tensorboard, "locate", GPT2, node=name)
        assert located["hidden"] == "check" and located["embedded_in"], located
        tab.open(**GPT2)
        hits = tab.search(f"^{re.escape(name)}$")
        assert "hidden: check" in hits.first.text_content()
        hits.first.click()
        tab.idle()
        assert tab.selection() == f"n:{located['embedded_in']}"
        text = tab.testid("details-panel").inner_text()
        assert "export checks" in text.lower() and name in text, text


class TestHelperRegion:
    def test_helper_module_is_drawn_and_opens(self, tab, tensorboard):
        tab.open(**GPT2)
        root = plugin_json(tensorboard, "view", GPT2, module="")
        helpers = [c for c in root["children"] if c["type"] == "module" and c["class_name"] == HELPER_CLASS]
        assert helpers, f"no helper region at GPT-2's root: {[c['id'] for c in root['children']]}"
        helper = helpers[0]
        assert "attention mask" in helper["path"]
        item = tab.item(helper["id"])
        assert item["type"] == "module" and item["label"] == f"{helper['name']} · {helper['node_count']} ops", item

        tab.toggle(helper["id"])
        assert helper["id"] in tab.open_ids()
        inside = {c["id"] for c in plugin_json(tensorboard, "view", GPT2, module=helper["path"])["children"]}
        assert inside and inside <= tab.item_ids()
        assert tab.selection() == helper["id"]
        assert "Helper region" in tab.testid("details-panel").inner_text()
