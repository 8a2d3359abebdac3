"""The GraphFold tab in Chromium, inside a real ``tensorboard``, driven only through ``docs/ui_contract.md``.

What the tab should show is asked from the server's own routes (``view``,
``search``, ``locate``), so the tests check that the tab draws what the
backend computed, not a copy of it written down here.
"""

from __future__ import annotations

import pathlib
import re
import urllib.parse

import pytest

from tests.support.graphfold_tab import CHROMIUM, ink_fraction, plugin_json
from tests.ui.graphs import BERT, BERT_GRAPHDEF, FAN_OUT, HOSTILE, LOOP, PAYLOAD, VARIANTS

# Only a missing browser skips; with Chromium installed every failure shows.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing; install Debian's chromium (scripts/test.sh does)"
)


def _word(text: str) -> re.Pattern:
    """``text`` as a whole word: ``linear_1`` must not match ``linear_10``."""
    return re.compile(rf"(?<![\w.]){re.escape(text)}(?![\w])")


def _member_options(tab) -> list[tuple[str, str]]:
    """(label, title) of each option of the member picker; the title holds the full path when the label is short."""
    return tab.testid("member-picker").locator("option").evaluate_all(
        "(options) => options.map((o) => [o.textContent, o.title || o.value])")


def _pick_member(tab, member: str) -> None:
    options = _member_options(tab)
    matches = [i for i, (label, title) in enumerate(options) if member in (label, title)]
    assert len(matches) == 1, f"member-picker has no single option for {member!r}: {options}"
    tab.testid("member-picker").select_option(index=matches[0])
    tab.idle()


def _reveal(tab, steps: list[dict]) -> None:
    """Open every item of a ``reveal`` path but the last, picking the members it names."""
    for step in steps[:-1]:
        tab.ensure_open(step["item"])
        if "member" in step:
            _pick_member(tab, step["member"])


class TestOpenTab:
    @pytest.mark.parametrize("graph", [BERT, BERT_GRAPHDEF], ids=["log_graph", "add_graph"])
    def test_graph_is_drawn(self, tab, tensorboard, graph):
        tab.open(**graph)
        root = plugin_json(tensorboard, "view", graph, module="")
        drawn = tab.items()
        assert {c["id"] for c in root["children"]} <= {i["id"] for i in drawn}
        # "encoder" and "encoder.layer" only wrap the stack of layers: the root draws the stack in their place
        assert {"s:encoder.layer.0", "m:embeddings", "m:pooler"} <= {i["id"] for i in drawn}
        layers = next(c for c in root["children"] if c["id"] == "s:encoder.layer.0")
        assert layers["wrappers"] == ["encoder", "encoder.layer"]
        stats = tab.stats()
        assert stats["drawnNodes"] > 0 and stats["drawnEdges"] > 0
        assert ink_fraction(tab.canvas_png()) > 0.005, "the canvas is blank"
        assert tab.testid("source-run").input_value() == graph["run"]

    def test_default_graph_without_fragment(self, tab):
        tab.open()
        assert tab.items(), "items() is empty after opening #graphfold"
        assert ink_fraction(tab.canvas_png()) > 0.005, "the canvas is blank"


class TestViewControls:
    def test_zoom_fit_minimap_breadcrumbs(self, tab):
        tab.open(**BERT)
        layers = "s:encoder.layer.0"
        fitted = tab.item(layers)["width"]
        tab.testid("zoom-in").click()
        tab.idle()
        assert tab.item(layers)["width"] > fitted * 1.05, "zoom-in did not enlarge the drawing"
        # Zoomed in until part of the graph is off screen: the minimap shows where the view is.
        for _ in range(8):
            if tab.testid("minimap").is_visible():
                break
            tab.testid("zoom-in").click()
            tab.idle()
        assert ink_fraction(tab.testid("minimap").screenshot()) > 0.002, "the minimap is blank"
        tab.testid("fit-button").click()
        tab.idle()
        assert tab.item(layers)["width"] == pytest.approx(fitted, rel=0.05)
        tab.testid("zoom-out").click()
        tab.idle()
        assert tab.item(layers)["width"] < fitted * 0.95, "zoom-out did not shrink the drawing"

        tab.click_item(layers)
        tab.idle()
        crumbs = tab.testid("breadcrumbs").locator("button").all_text_contents()
        # the stack's crumb names the modules that only wrap it
        assert any(c.startswith("encoder › layer › BertLayer ×3") for c in crumbs), crumbs
        assert "encoder › encoder.layer" in tab.testid("details-panel").inner_text()

    @pytest.mark.parametrize("kind", ["svg", "png"])
    def test_export_downloads_current_view(self, tab, kind):
        tab.open(**BERT)
        with tab.page.expect_download() as download:
            tab.testid(f"export-{kind}").click()
        body = pathlib.Path(download.value.path()).read_bytes()
        if kind == "svg":
            assert b"<svg" in body[:500] and b"embeddings" in body and b"BertLayer" in body, body[:300]
        else:
            assert body.startswith(b"\x89PNG") and ink_fraction(body) > 0.005


class TestStacks:
    def test_open_stack_and_pick_member(self, tab, tensorboard):
        tab.open(**BERT)
        tab.double_click_item("m:embeddings")
        tab.idle()
        assert "m:embeddings" in tab.open_ids(), "a double-click did not open the module"
        tab.double_click_item("s:encoder.layer.0")
        tab.idle()
        assert "s:encoder.layer.0" in tab.open_ids(), "a double-click did not open the stack"
        representative = plugin_json(tensorboard, "view", BERT, module="encoder.layer.0")
        assert representative["module"]["stack"] == "s:encoder.layer.0"
        children = {c["id"] for c in representative["children"]}
        before = tab.item_ids()
        assert children <= before, f"representative's children not drawn: {sorted(children - before)}"

        options = _member_options(tab)
        assert [title for _, title in options] == [f"encoder.layer.{i}" for i in range(3)], options
        _pick_member(tab, "encoder.layer.2")
        after = tab.item_ids()
        assert after != before, "picking member 2 changed nothing"
        member_children = {c["id"] for c in plugin_json(tensorboard, "view", BERT, module="encoder.layer.2")["children"]}
        assert member_children <= after, f"member 2's children not drawn: {sorted(member_children - after)}"

    def test_unstack_draws_members_side_by_side(self, tab):
        tab.open(**BERT)
        tab.ensure_open("s:encoder.layer.0")

        def members_drawn() -> set[int]:
            ids = tab.item_ids()
            return {k for k in range(3) if f"m:encoder.layer.{k}" in ids
                    or any(i.startswith(f"m:encoder.layer.{k}.") for i in ids)}

        assert members_drawn() == {0}
        tab.unstack("s:encoder.layer.0", True)
        assert members_drawn() == {0, 1, 2}, f"unstacking did not draw all three members: {sorted(tab.item_ids())}"
        # the layers' data flow, hidden inside the stack, is drawn between the members
        edge_ids = {e["id"] for e in tab.edges()}
        assert {"e:m:encoder.layer.0->m:encoder.layer.1", "e:m:encoder.layer.1->m:encoder.layer.2"} <= edge_ids
        tab.testid("unstack-button").click()  # stack again
        tab.idle()
        assert members_drawn() == {0}
        tab.testid("unstack-button").click()  # and apart again, for the screenshot
        tab.idle()
        assert members_drawn() == {0, 1, 2}


    def test_variant_member_is_marked_and_draws_its_own_structure(self, tab, tensorboard):
        tab.open(**VARIANTS)
        root = plugin_json(tensorboard, "view", VARIANTS, module="")
        (stack,) = [c for c in root["children"] if c["type"] == "stack"]
        (variant,) = stack["variants"]
        assert stack["count"] == 4 and variant["member"] in stack["members"], stack
        assert tab.item(stack["id"])["label"].startswith("Layer ×4 · 1 variant")

        tab.toggle(stack["id"])
        marked = [title for label, title in _member_options(tab) if "variant" in label]
        assert marked == [variant["member"]], _member_options(tab)
        listed = tab.testid("stack-variants").locator(f'li[data-member="{variant["member"]}"]').inner_text()
        assert all(name in listed for name in variant["adds"] + variant["lacks"]), listed

        representative = tab.item_ids()
        _pick_member(tab, variant["member"])
        own = {c["id"] for c in plugin_json(tensorboard, "view", VARIANTS, module=variant["member"])["children"]}
        drawn = tab.item_ids()
        assert own <= drawn, f"the variant's own nodes are not drawn: {sorted(own - drawn)}"
        assert {f"n:{name}" for name in variant["adds"]} <= drawn - representative


class TestSearch:
    def test_click_hit_reveals_and_selects_it(self, tab, tensorboard):
        tab.open(**BERT)
        hits = tab.search("intermediate")
        server = plugin_json(tensorboard, "search", BERT, q="intermediate")
        assert hits.count() == min(server["total"], len(server["hits"])) > 0
        # An op in the second layer: reaching it needs the stack's member picked.
        (index,) = [i for i, h in enumerate(server["hits"])
                    if h["kind"] == "op" and h["module"] == "encoder.layer.1.intermediate.dense"]
        hit = server["hits"][index]
        assert hits.nth(index).text_content().startswith(hit["name"]), hits.all_text_contents()
        hits.nth(index).click()
        tab.idle()
        target = hit["reveal"][-1]["item"]
        assert tab.selection() == target
        assert target in tab.item_ids()
        closed = [step["item"] for step in hit["reveal"][:-1] if not tab.is_open(step["item"])]
        assert not closed, f"not opened on the way: {closed}; open: {sorted(tab.open_ids())}"
        assert any(i.startswith("m:encoder.layer.1.") for i in tab.item_ids()), "member 1 is not the one shown"


class TestDetails:
    def test_selected_node_details_and_link(self, tab, tensorboard):
        tab.open(**BERT)
        located = plugin_json(tensorboard, "locate", BERT, node="linear_4")
        _reveal(tab, located["reveal"])
        tab.click_item("n:linear_4")
        tab.idle()
        assert tab.selection() == "n:linear_4"
        details = tab.testid("details-panel")
        text = details.inner_text()
        assert "aten.linear.default" in text and re.search(r"1\D{1,6}16\D{1,6}64", text), text

        # Its data input comes from another module: the link must reveal and select it.
        links = details.get_by_test_id("details-link").filter(has_text=_word("layer_norm_1"))
        assert links.count() >= 1, details.get_by_test_id("details-link").all_text_contents()
        links.first.click()
        tab.idle()
        assert tab.selection() == "n:layer_norm_1"
        assert "n:layer_norm_1" in tab.item_ids()
        assert "aten.layer_norm.default" in details.inner_text()


class TestPortStubs:
    def test_hovering_stub_highlights_its_edges(self, tab, tensorboard):
        tab.open(**FAN_OUT)
        ports = plugin_json(tensorboard, "view", FAN_OUT, module="")["ports"]
        stub = next(p for p in ports if p["item"] == "n:mask")
        peer = next(p for p in ports if p["item"] != "n:mask")
        drawn_ports = {i["id"] for i in tab.items() if i["type"] == "port"}
        assert {stub["id"], peer["id"]} <= drawn_ports, f"port stubs drawn: {sorted(drawn_ports)}"
        box = tab.canvas.bounding_box()
        tab.page.mouse.move(box["x"] + 2, box["y"] + 2)
        tab.idle()
        assert not any(e["highlighted"] for e in tab.edges())
        peer_item = tab.item(peer["id"])
        region = {k: peer_item[k] for k in ("x", "y")} | {
            "width": max(peer_item["width"], 8), "height": max(peer_item["height"], 8)}
        peer_before = tab.canvas_png(region)

        tab.hover_item(stub["id"])
        tab.idle()
        highlighted = [e["id"] for e in tab.edges() if e["highlighted"]]
        peer_changed = tab.canvas_png(region) != peer_before
        assert highlighted or peer_changed, "hovering the stub highlighted neither edges nor its peer stub"

        tab.page.mouse.move(box["x"] + 2, box["y"] + 2)
        tab.idle()
        assert not any(e["highlighted"] for e in tab.edges()), "the highlight outlived the hover"
        tab.hover_item(stub["id"])  # hovering again, so that the screenshot shows the highlight
        tab.idle()
        assert [e["id"] for e in tab.edges() if e["highlighted"]] == highlighted


class TestDeepLink:
    def test_reload_restores_open_modules_and_selection(self, tab, new_tab):
        tab.open(**BERT)
        for item in ("m:encoder", "m:encoder.layer", "s:encoder.layer.0"):
            tab.ensure_open(item)
        _pick_member(tab, "encoder.layer.1")
        tab.ensure_open("m:encoder.layer.1.attention")
        tab.click_item("m:encoder.layer.1.intermediate")
        tab.idle()
        opened, selected, fragment = tab.open_ids(), tab.selection(), tab.fragment()
        assert selected == "m:encoder.layer.1.intermediate"
        path = ("m:encoder", "m:encoder.layer", "s:encoder.layer.0", "m:encoder.layer.1.attention")
        assert all(tab.is_open(i) for i in path), sorted(opened)
        params = urllib.parse.parse_qs(fragment.lstrip("#"))
        assert {"run", "tag", "open", "sel", "member"} <= params.keys(), fragment

        tab.reload_frame()
        assert tab.fragment() == fragment
        assert tab.open_ids() == opened
        assert tab.selection() == selected

        # The same link in a fresh browser context: nothing but the URL carries the state.
        shared = new_tab()
        shared.open(**dict(urllib.parse.parse_qsl(fragment.lstrip("#"))))
        assert shared.open_ids() == opened
        assert shared.selection() == selected

        # The link in TensorBoard's own address bar, as a user copies it, restores the same view.
        address = tab.page.url
        assert "#graphfold&" in address and "p.graphfold.sel=" in address and "p.graphfold.member=" in address
        copied = new_tab()
        copied.page.goto(address, wait_until="commit")
        copied.wait_drawn()
        copied.idle()
        assert copied.open_ids() == opened
        assert copied.selection() == selected


class TestHostileNames:
    def test_names_are_text_never_markup(self, tab, tensorboard):
        tab.open(**HOSTILE)
        tab.ensure_open(f"m:{PAYLOAD}")
        tab.ensure_open(f"s:{PAYLOAD}.0")
        members = _member_options(tab)
        assert len(members) == 3 and all(PAYLOAD in label for label, _ in members), members

        node = f"n:{PAYLOAD}_in"
        tab.click_item(node)
        tab.idle()
        assert tab.selection() == node
        assert PAYLOAD in tab.testid("details-panel").inner_text()
        assert PAYLOAD in tab.testid("breadcrumbs").inner_text()

        hits = tab.search("onerror")
        server = plugin_json(tensorboard, "search", HOSTILE, q="onerror")["hits"]
        texts = hits.all_text_contents()
        assert len(texts) == len(server)
        named = [i for i, hit in enumerate(server) if PAYLOAD in hit["name"]]
        assert named and all(PAYLOAD in texts[i] for i in named), texts

        tab.page.wait_for_timeout(300)  # an injected <img src=x> would have failed to load by now
        count_imgs = "() => [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length"
        assert tab.frame.evaluate(count_imgs) == 0
        assert tab.page.evaluate(count_imgs) == 0
        assert tab.events.dialogs == []
        assert any(PAYLOAD in label for label in tab.testid("source-tag").locator("option").all_text_contents())


class TestBackEdges:
    def test_cycle_drawn_with_reversed_edge(self, tab, tensorboard):
        tab.open(**LOOP)
        expected = {e["id"] for e in plugin_json(tensorboard, "view", LOOP, module="")["edges"] if e["reversed"]}
        assert expected, "the server removed no cycle from the while loop"
        drawn = {e["id"]: e for e in tab.edges()}
        assert expected <= drawn.keys()
        assert {i for i, e in drawn.items() if e["reversed"]} == expected
