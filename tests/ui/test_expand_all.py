"""Expand all, expand to depth N and queued toggles, in Chromium inside a real ``tensorboard``.

What should be opened is asked from the server (``GET expand``, ``GET view``),
so the tests check that the tab draws what the backend computed.
"""

from __future__ import annotations

import pytest

from tests.support.graphfold_tab import CHROMIUM, ink_fraction, plugin_json
from tests.ui.graphs import BERT, GPT2

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

ROUTES = "/data/plugin/graphfold/"
LAYOUT_RUNS = "() => performance.getEntriesByName('graphfold:layout-run').length"


def _plugin_routes(page) -> list[str]:
    """The GraphFold routes the page asks for from now on (without their queries)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url.split(ROUTES, 1)[1].split("?", 1)[0]) if ROUTES in r.url else None)
    return seen


def _drawn_views(expanded: dict) -> list[dict]:
    """The views the drawing lays out: not those a module opens through (a view whose only child is a module)."""
    return [v for v in expanded["views"].values()
            if not (len(v["children"]) == 1 and v["children"][0]["type"] == "module" and v["children"][0]["node_count"])]


class TestExpandAll:
    @pytest.mark.parametrize("graph", [BERT, GPT2], ids=["bert", "gpt2"])
    def test_opens_everything_in_one_request_and_one_layout_pass(self, tab, tensorboard, graph):
        tab.open(**graph)
        expanded = plugin_json(tensorboard, "expand", graph)
        assert expanded["open"], "the graph has modules to open"
        routes = _plugin_routes(tab.page)
        runs_before = tab.frame.evaluate(LAYOUT_RUNS)
        tab.expand()
        assert routes.count("expand") == 1 and "view" not in routes, routes
        drawn = {i["id"]: i for i in tab.items()}
        missing = [i for i in expanded["open"] if i not in drawn]
        assert not missing, f"opened items not drawn: {missing[:10]}"
        closed = [i for i in expanded["open"] if not drawn[i]["open"]]
        assert not closed, f"items drawn closed after expand all: {closed[:10]}"
        # Stacks open on their representative: its operators are drawn, no other member's.
        for stack in (c for v in expanded["views"].values() for c in v["children"] if c["type"] == "stack"):
            assert stack["representative"] in expanded["views"]
        # One layout per drawn view at most, all in this one pass.
        runs = tab.frame.evaluate(LAYOUT_RUNS) - runs_before
        assert 0 < runs <= len(_drawn_views(expanded)), f"{runs} layouts for {len(_drawn_views(expanded))} views"
        assert ink_fraction(tab.canvas_png()) > 0.005, "the canvas is blank"
        # The deep link holds the opened items.
        assert "open=" in tab.fragment()

    def test_a_link_with_expand_all_draws_the_expansion_from_start_alone(self, tab, tensorboard):
        expanded = plugin_json(tensorboard, "expand", BERT)
        tab.open()
        routes = _plugin_routes(tab.page)
        tab.navigate_frame(tab.frame_url(**BERT, expand="all"))
        tab.wait_drawn()
        assert routes.count("start") == 1 and "expand" not in routes and "view" not in routes, routes
        drawn = {i["id"]: i for i in tab.items()}
        closed = [i for i in expanded["open"] if i not in drawn or not drawn[i]["open"]]
        assert not closed, f"items not drawn open from an expand=all link: {closed[:10]}"
        # Once drawn, the fragment says what is open, not how it was asked for.
        assert "open=" in tab.fragment() and "expand=" not in tab.fragment()

    def test_depth_from_the_toolbar_then_collapse(self, tab, tensorboard):
        tab.open(**BERT)
        depth_one = plugin_json(tensorboard, "expand", BERT, depth=1)
        assert depth_one["closed"] > 0, "BERT has items below depth 1"
        tab.testid("expand-depth").fill("1")
        tab.testid("expand-depth-button").click()
        tab.idle()
        opened = tab.open_ids()
        assert set(depth_one["open"]) <= opened
        everything = plugin_json(tensorboard, "expand", BERT)
        deeper = set(everything["open"]) - set(depth_one["open"])
        assert deeper and not deeper & opened, f"items deeper than 1 are open: {sorted(deeper & opened)[:10]}"
        tab.testid("collapse-all").click()
        tab.idle()
        assert not tab.open_ids()

    def test_keys_on_the_canvas(self, tab, tensorboard):
        tab.open(**BERT)
        everything = plugin_json(tensorboard, "expand", BERT)
        canvas = tab.testid("graph-canvas")
        canvas.focus()
        canvas.press("e")
        tab.idle()
        assert set(everything["open"]) <= tab.open_ids()
        canvas.press("1")
        tab.idle()
        assert tab.open_ids() == set(plugin_json(tensorboard, "expand", BERT, depth=1)["open"]) & tab.item_ids()
        canvas.press("c")
        tab.idle()
        assert not tab.open_ids()


class TestQueuedToggles:
    def test_a_toggle_during_another_opens_its_item(self, tab, tensorboard):
        tab.open(**BERT)
        tab.expand(0)
        root = plugin_json(tensorboard, "view", BERT, module="")
        stack = next(c for c in root["children"] if c["type"] == "stack")
        inner = plugin_json(tensorboard, "view", BERT, module=stack["representative"])
        module = next(c for c in inner["children"] if c["type"] == "module")
        # The module is drawn only once the stack's open is: the second toggle must wait for the first.
        tab.frame.evaluate("""async ([a, b]) => {
          const api = window.__graphfold;
          await Promise.all([api.toggle(a), api.toggle(b)]);
        }""", [stack["id"], module["id"]])
        assert tab.item(stack["id"])["open"] and tab.item(module["id"])["open"]

    def test_open_and_close_in_a_row(self, tab):
        tab.open(**BERT)
        tab.expand(0)
        tab.frame.evaluate("""async () => {
          const api = window.__graphfold;
          await Promise.all([api.toggle("m:embeddings"), api.toggle("m:embeddings"), api.toggle("m:pooler")]);
        }""")
        assert not tab.item("m:embeddings")["open"] and tab.item("m:pooler")["open"]
