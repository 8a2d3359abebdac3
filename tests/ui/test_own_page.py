"""GraphFold's own page (``/data/plugin/graphfold/index.html``): the same tab without TensorBoard around it.

The page and TensorBoard's tab link to each other with the deep link of what
is shown, so a drawing opened in one opens the same in the other.
"""

from __future__ import annotations

import urllib.parse

import pytest

from tests.support.graphfold_tab import CHROMIUM, PAGE_PATH, PLUGIN_FRAME, ink_fraction, plugin_json
from tests.ui.graphs import BERT

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)


def _fragment(url: str) -> dict[str, str]:
    """The GraphFold deep link in ``url``: our own fragment, or TensorBoard's ``p.graphfold.*`` parameters."""
    parts = urllib.parse.urlsplit(url).fragment.split("&")
    pairs = [p.split("=", 1) for p in parts if "=" in p]
    return {k.removeprefix("p.graphfold."): urllib.parse.unquote(v) for k, v in pairs}


class TestOwnPage:
    def test_draws_the_linked_graph_with_no_tensorboard_frame(self, tab):
        tab.open_page(**BERT)
        assert tab.page.url.split("#")[0].endswith(PAGE_PATH)
        assert not [f for f in tab.page.frames if PLUGIN_FRAME in f.url], "the page is not TensorBoard's"
        assert tab.items() and ink_fraction(tab.canvas_png()) > 0.005
        assert tab.page.title() == f"{BERT['tag']} ({BERT['run']}) · GraphFold"

    def test_an_expand_all_link_draws_the_expansion(self, tab, tensorboard):
        expanded = plugin_json(tensorboard, "expand", BERT)
        tab.open_page(**BERT, expand="all")
        tab.idle()
        assert set(expanded["open"]) <= tab.open_ids()

    def test_the_tab_links_to_the_page_with_what_it_shows(self, tab, new_tab, tensorboard):
        tab.open(**BERT)
        closed_module = next(i["id"] for i in tab.items() if i["type"] in ("module", "stack") and not i["open"])
        tab.toggle(closed_module)
        link = tab.frame.get_by_role("link", name="Open in new tab")
        link.hover()
        href = link.get_attribute("href")
        assert link.get_attribute("target") == "_blank"
        assert href.startswith(f"{tensorboard.url.rstrip('/')}{PAGE_PATH}#")
        wanted = _fragment(href)
        assert {wanted["run"], wanted["tag"]} == {BERT["run"], BERT["tag"]} and closed_module.split(":", 1)[1] in wanted["open"].split(",")
        other = new_tab()
        other.follow(href)
        assert other.is_open(closed_module)

    def test_the_page_links_back_to_tensorboards_tab(self, tab, new_tab):
        tab.open_page(**BERT)
        link = tab.page.get_by_role("link", name="Open in TensorBoard")
        link.hover()
        href = link.get_attribute("href")
        assert urllib.parse.urlsplit(href).fragment.startswith("graphfold&")
        assert {k: v for k, v in _fragment(href).items() if k in ("run", "tag")} == {"run": BERT["run"], "tag": BERT["tag"]}
        other = new_tab()
        other.follow(href)
        assert PLUGIN_FRAME in other.frame.url and other.items()
        assert _fragment(other.page.url)["run"] == BERT["run"]
