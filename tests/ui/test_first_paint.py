"""Opening the tab: no whole-graph download, details on demand, and a revisit drawn from the layout cache.

Requests are watched on the page (Playwright sees the plugin frame's); layout
runs are the ``graphfold:layout-run`` marks the frame's layout client leaves
in its performance timeline (``frontend/src/layout_client.ts``).
"""

from __future__ import annotations

import pytest

from tests.support.graphfold_tab import CHROMIUM, plugin_json
from tests.ui.graphs import BERT

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)

ROUTES = "/data/plugin/graphfold/"
LAYOUT_RUNS = "() => performance.getEntriesByName('graphfold:layout-run').length"


def _plugin_requests(page) -> list[str]:
    """The GraphFold routes the page asks for from now on, as ``route?query``."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url.split(ROUTES, 1)[1]) if ROUTES in r.url else None)
    return seen


class TestOpening:
    def test_no_whole_graph_download_and_details_on_demand(self, tab, tensorboard):
        requests = _plugin_requests(tab.page)
        tab.open(**BERT)
        routes = [r.split("?", 1)[0] for r in requests]
        assert "start" in routes and "graph" not in routes and "graphs" not in routes, requests

        # An operator's attributes and inputs come from GET node, never GET graph.
        located = plugin_json(tensorboard, "locate", BERT, node="linear_4")
        for step in located["reveal"][:-1]:
            tab.ensure_open(step["item"])
        tab.click_item("n:linear_4")
        tab.idle()
        assert "aten.linear.default" in tab.testid("details-panel").inner_text()
        routes = [r.split("?", 1)[0] for r in requests]
        assert "node" in routes and "graph" not in routes, requests

    def test_a_revisit_draws_without_a_layout_run(self, tab):
        tab.open(**BERT)
        tab.ensure_open("m:encoder")
        tab.idle()
        assert tab.frame.evaluate(LAYOUT_RUNS) > 0
        # The same browser profile (its IndexedDB) opens the same link again, as a fresh document.
        tab.reload_frame()
        tab.idle()
        assert tab.is_open("m:encoder")
        assert tab.frame.evaluate(LAYOUT_RUNS) == 0, "the revisit ran layouts instead of reading the layout cache"
