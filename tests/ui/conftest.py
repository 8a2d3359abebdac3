"""Fixtures of the browser tests: a logdir written by the real APIs, a tensorboard, Chromium, a tab per test.

Every tab a test opens gets a fresh browser context on a page that records
console errors, uncaught exceptions and dialogs; after the test, a screenshot
goes to ``test-output/ui/<test name>.png`` (``-2``, ``-3``... for further tabs)
and any of those events fails the test.
The test modules skip themselves only when Debian's Chromium is not installed.
"""

from __future__ import annotations

import contextlib
import pathlib
import re

import pytest
from playwright.sync_api import sync_playwright

from tests.support.graphfold_tab import GraphFoldTab, launch_chromium, new_context
from tests.support.tensorboard_process import running_tensorboard
from tests.ui.graphs import LOGGED, write_logdir

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "test-output" / "ui"


@pytest.fixture(scope="module")
def ui_logdir(tmp_path_factory):
    return write_logdir(tmp_path_factory.mktemp("ui_logs"))


def _all_listed(tb) -> bool:
    status, body = tb.get_json("/data/plugin/graphfold/graphs")
    listed = {(g["run"], g["tag"], g["source"]) for g in body.get("graphs", [])} if status == 200 else set()
    return {(g["run"], g["tag"], g["source"]) for g in LOGGED} <= listed


@pytest.fixture(scope="module")
def tensorboard(ui_logdir):
    with running_tensorboard(ui_logdir, ready_when=_all_listed) as tb:
        yield tb


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_tab(request, browser, tensorboard):
    """Opens tabs, each in a fresh browser context; after the test, screenshots them and checks their events."""
    tabs = []

    def make() -> GraphFoldTab:
        tab = GraphFoldTab(new_context(browser).new_page(), tensorboard.url)
        tabs.append(tab)
        return tab

    yield make
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.=-]+", "_", request.node.name)
    with contextlib.ExitStack() as closing:
        for tab in tabs:
            closing.callback(tab.page.context.close)
        for i, tab in enumerate(tabs):
            tab.page.screenshot(path=str(SCREENSHOTS / f"{name}{f'-{i + 1}' if i else ''}.png"))
    for tab in tabs:
        assert not tab.events.dialogs, f"the page opened dialogs: {tab.events.dialogs}"
        assert not tab.events.errors, "the browser reported errors:\n" + "\n".join(tab.events.errors)


@pytest.fixture
def tab(new_tab) -> GraphFoldTab:
    return new_tab()
