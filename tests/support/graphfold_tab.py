"""Drive GraphFold's tab in Chromium through the hooks of ``docs/ui_contract.md`` only.

Shared by the browser tests (``tests/ui/``) and the tab benchmark
(``bench/bench_tab.py``). The tab runs inside TensorBoard's plugin iframe
(``data/plugin_entry.html?name=graphfold``), or on GraphFold's own page
(``data/plugin/graphfold/index.html``, :meth:`GraphFoldTab.open_page`);
:class:`GraphFoldTab` finds that frame and calls ``window.__graphfold`` and
the ``data-testid`` elements in it.
Chromium is Debian's (``/usr/bin/chromium``), never one that Playwright
downloads.
"""

from __future__ import annotations

import io
import json
import pathlib
import time
import urllib.parse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "GraphFoldTab",
    "PageEvents",
    "TabError",
    "ink_fraction",
    "launch_chromium",
    "new_context",
    "plugin_json",
]

CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT = 30.0
"""Seconds any one wait may take before it fails; the benchmark passes longer ones."""
PLUGIN_FRAME = "plugin_entry.html"
PAGE_PATH = "/data/plugin/graphfold/index.html"
# JavaScript: whether this document is GraphFold's (TensorBoard's plugin frame or GraphFold's own page).
IN_GRAPHFOLD_JS = f'(location.pathname.endsWith("/{PLUGIN_FRAME}") || location.pathname.endsWith("{PAGE_PATH}"))'

# Runs in every document of a context made by new_context(). In GraphFold's document it
# records, from the document's start, the epoch time (ms) at which the tab first
# drew items and went idle, so that timings do not depend on how soon Python looks.
_DRAWN_TIMER_JS = """
if (""" + IN_GRAPHFOLD_JS + """) {
  window.__graphfoldFirstDrawn = (async () => {
    while (!(window.__graphfold && window.__graphfold.items().length > 0)) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await window.__graphfold.idle();
    return performance.timeOrigin + performance.now();
  })();
}
"""


class TabError(AssertionError):
    """The tab did not do what the contract says; the message names the hook."""


def plugin_json(tensorboard, route: str, graph: dict, **params) -> dict:
    """The plugin's answer to ``GET route`` for ``graph`` (run, tag, source) and ``params``: what the tab should show."""
    query = urllib.parse.urlencode({**graph, **params})
    status, body = tensorboard.get(f"/data/plugin/graphfold/{route}?{query}")
    if status != 200:
        raise TabError(f"GET {route}?{query} answered {status}: {body[:300]!r}")
    return json.loads(body)


def launch_chromium(playwright):
    """Debian's Chromium, headless, without anything that talks to the network on its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_context(browser):
    """A fresh context (empty cache) whose plugin frames time their first drawing."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_DRAWN_TIMER_JS)
    return context


def ink_fraction(png: bytes, tolerance: int = 24) -> float:
    """Fraction of pixels of ``png`` that differ from its most common colour (the background)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    return float((np.abs(pixels - background).max(axis=1) > tolerance).mean())


class PageEvents:
    """What a page reported that a working tab never reports: console errors, uncaught exceptions, dialogs.

    Console errors of the page's workers (the layout worker) count too.
    """

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("worker", lambda worker: worker.on("console", self._console))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console.error at {message.location.get('url')}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


class GraphFoldTab:
    """The GraphFold tab of one Playwright page on a TensorBoard at ``base_url``; ``events`` records its errors."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.events = PageEvents(page)
        self._frame = None
        self._own_page = False

    # -- loading -------------------------------------------------------------------
    def open(self, *, timeout: float = TIMEOUT, **fragment) -> float:
        """Open ``/#graphfold``; with ``run=``, ``tag=``... reload the tab on that fragment.

        Waits until the graph is drawn and idle; returns the seconds from the
        navigation to that moment (measured in the page, see :meth:`wait_drawn`;
        with a fragment, they include the frame's first load and its reload).
        """
        self._frame, self._own_page = None, False
        self.page.goto(f"{self.base_url}/#graphfold", wait_until="commit")
        if fragment:
            self.navigate_frame(self.frame_url(**fragment), timeout=timeout)
        return self.wait_drawn(timeout)

    def open_page(self, *, timeout: float = TIMEOUT, **fragment) -> float:
        """Open GraphFold's own page (no TensorBoard around it) on ``fragment``; as :meth:`open`."""
        return self.follow(self.page_url(**fragment), timeout=timeout)

    def follow(self, url: str, *, timeout: float = TIMEOUT) -> float:
        """Navigate to a link GraphFold gave (its own page or TensorBoard's tab); as :meth:`open`."""
        self.goto(url)
        return self.wait_drawn(timeout)

    def goto(self, url: str) -> None:
        """Start navigating to ``url``, GraphFold's own page or TensorBoard's; returns once it commits."""
        self._frame, self._own_page = None, PAGE_PATH in urllib.parse.urlsplit(url).path
        self.page.goto(url, wait_until="commit")

    def page_url(self, **fragment) -> str:
        """GraphFold's own page with ``fragment`` (run, tag, step, source, open, sel, member, expand)."""
        return f"{self.base_url}{PAGE_PATH}#" + urllib.parse.urlencode(fragment, quote_via=urllib.parse.quote, safe="")

    def frame_url(self, **fragment) -> str:
        """The plugin frame's URL with ``fragment`` (run, tag, step, source, open, sel, member)."""
        base = self.frame.url.split("#", 1)[0]
        return base + "#" + urllib.parse.urlencode(fragment, quote_via=urllib.parse.quote, safe="")

    def navigate_frame(self, url: str, *, timeout: float = TIMEOUT) -> None:
        """Load ``url`` in the plugin frame as a fresh document (a fragment-only change would not reload)."""
        # Marks the old document, and navigates after evaluate() has returned from it.
        self.frame.evaluate("""(url) => {
          window.__graphfoldStale = true;
          setTimeout(() => { location.href = url; location.reload(); });
        }""", url)
        self.frame.wait_for_function("() => !window.__graphfoldStale && window.__graphfold !== undefined",
                                     timeout=timeout * 1000)

    def reload_frame(self, *, timeout: float = TIMEOUT) -> None:
        """Reload the plugin frame on its current URL, fragment included; wait until drawn."""
        self.navigate_frame(self.frame.url, timeout=timeout)
        self.wait_drawn(timeout)

    @property
    def frame(self):
        """The plugin iframe, waited for (TensorBoard creates it when the tab is shown); on GraphFold's own page, the page."""
        if self._own_page:
            return self.page.main_frame
        if self._frame is None or self._frame.is_detached():
            deadline = time.monotonic() + 30
            while True:
                frames = [f for f in self.page.frames if PLUGIN_FRAME in f.url]
                if frames:
                    self._frame = frames[0]
                    break
                if time.monotonic() > deadline:
                    raise TabError(f"no frame with {PLUGIN_FRAME} in {[f.url for f in self.page.frames]}")
                self.page.wait_for_timeout(50)
        return self._frame

    def wait_for_api(self, timeout: float = TIMEOUT) -> None:
        try:
            self.frame.wait_for_function("() => window.__graphfold !== undefined", timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise TabError(f"window.__graphfold did not appear in {timeout} s (docs/ui_contract.md); the tab shows: "
                           f"{self.frame.inner_text('body')[:300]!r}") from None

    def wait_drawn(self, timeout: float = TIMEOUT) -> float:
        """Wait for the first non-empty ``items()`` and ``idle()``; return seconds since the page's navigation."""
        self.wait_for_api(timeout)
        if not self.frame.evaluate("() => window.__graphfoldFirstDrawn !== undefined"):
            raise TabError("the page was not made by new_context(): its plugin frame does not time the drawing")
        drawn_at = self._evaluate_with_timeout("() => window.__graphfoldFirstDrawn", timeout)
        return (drawn_at - self.page.evaluate("performance.timeOrigin")) / 1000

    def _evaluate_with_timeout(self, script: str, timeout: float, arg=None):
        """Evaluate an async ``script`` in the frame; past ``timeout`` raise :class:`TabError` saying what the tab shows."""
        wrapped = f"""async (arg) => {{
          const work = ({script})(arg).then((value) => ({{ value }}));
          const limit = new Promise((resolve) => setTimeout(() => resolve({{ timedOut: true }}), {timeout * 1000}));
          return Promise.race([work, limit]);
        }}"""
        result = self.frame.evaluate(wrapped, arg)
        if result.get("timedOut"):
            raise TabError(f"{script} did not resolve in {timeout} s; {self.describe()}")
        return result.get("value")

    def describe(self) -> str:
        """What the tab shows now, for error messages."""
        state = self.frame.evaluate("""() => {
          const api = window.__graphfold;
          const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
          const visible = (id) => { const e = document.querySelector(`[data-testid="${id}"]`); return !!e && !e.hidden; };
          return { url: location.href, items: api ? api.items().length : null, stats: api ? api.stats() : null,
                   selection: api ? api.selection() : null, layoutProgress: visible("layout-progress") ? text("layout-progress") : null,
                   error: visible("error-message") ? text("error-message") : null };
        }""")
        return f"the tab shows {state}"

    # -- window.__graphfold ------------------------------------------------------------
    def idle(self, timeout: float = TIMEOUT) -> None:
        self._evaluate_with_timeout("() => window.__graphfold.idle()", timeout)

    def items(self) -> list[dict]:
        return self.frame.evaluate("() => window.__graphfold.items()")

    def item(self, item_id: str) -> dict:
        """The drawn item ``item_id``; raises naming the drawn ids when it is not drawn."""
        items = self.items()
        for item in items:
            if item["id"] == item_id:
                return item
        raise TabError(f"item {item_id!r} is not drawn; drawn: {sorted(i['id'] for i in items)}")

    def item_ids(self) -> set[str]:
        return {i["id"] for i in self.items()}

    def open_ids(self) -> set[str]:
        return {i["id"] for i in self.items() if i["open"]}

    def is_open(self, item_id: str) -> bool:
        """Whether a module or stack is open: drawn open, or not drawn itself but passed through.

        The tab opens a module whose only child is a module along with it
        (``encoder`` draws ``encoder › layer``), so that child is never drawn
        closed; it is open when a module or stack inside it is drawn.
        """
        items = self.items()
        for item in items:
            if item["id"] == item_id:
                return item["open"]
        path = item_id.split(":", 1)[1]
        return any(i["id"][:2] in ("m:", "s:") and i["id"][2:].startswith(path + ".") for i in items)

    def ensure_open(self, item_id: str, timeout: float = TIMEOUT) -> None:
        """Open a module or stack with ``toggle()`` unless :meth:`is_open` says it is open already."""
        if not self.is_open(item_id):
            self.toggle(item_id, timeout)

    def edges(self) -> list[dict]:
        return self.frame.evaluate("() => window.__graphfold.edges()")

    def stats(self) -> dict:
        return self.frame.evaluate("() => window.__graphfold.stats()")

    def selection(self) -> str | None:
        return self.frame.evaluate("() => window.__graphfold.selection()")

    def toggle(self, item_id: str, timeout: float = TIMEOUT) -> None:
        self.item(item_id)
        self._evaluate_with_timeout("(id) => window.__graphfold.toggle(id)", timeout, item_id)

    def expand(self, depth: int | None = None, timeout: float = TIMEOUT) -> None:
        """Open everything down to ``depth`` (None: all; 0: close everything) and wait until drawn."""
        self._evaluate_with_timeout("(depth) => window.__graphfold.expand(depth)", timeout, depth)

    def unstack(self, item_id: str, on: bool = True, timeout: float = TIMEOUT) -> None:
        self._evaluate_with_timeout("([id, on]) => window.__graphfold.unstack(id, on)", timeout, [item_id, on])

    def pan_zoom(self, dx: float, dy: float, factor: float) -> None:
        self.frame.evaluate("([dx, dy, f]) => window.__graphfold.panZoom(dx, dy, f)", [dx, dy, factor])

    def fragment(self) -> str:
        return self.frame.evaluate("() => location.hash")

    # -- the pruning overlay (window.__graphfold.overlay, plan, layer, selectFilters) ----
    def overlay(self) -> dict:
        return self.frame.evaluate("() => window.__graphfold.overlay()")

    def plan(self) -> dict | None:
        return self.frame.evaluate("() => window.__graphfold.plan()")

    def layer(self) -> dict | None:
        return self.frame.evaluate("() => window.__graphfold.layer()")

    def select_filters(self, module: str, filters: list[int], metric: str | None = None) -> None:
        self.frame.evaluate("([m, f, k]) => window.__graphfold.selectFilters(m, f, k ?? undefined)", [module, filters, metric])

    # -- run comparison and training dynamics (window.__graphfold.compare, dynamics, summary) --
    def compare(self) -> list[dict]:
        return self.frame.evaluate("() => window.__graphfold.compare()")

    def dynamics(self) -> dict:
        return self.frame.evaluate("() => window.__graphfold.dynamics()")

    def summary(self) -> dict | None:
        return self.frame.evaluate("() => window.__graphfold.summary()")

    def set_range(self, testid: str, value: int) -> None:
        """Move the ``<input type=range>`` ``testid`` to ``value`` as a drag would (an ``input`` event), then wait idle."""
        self.testid(testid).evaluate("""(input, value) => {
          input.value = String(value);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }""", value)
        self.idle()

    def download_text(self, testid: str) -> tuple[str, str]:
        """Click the download button ``testid``; return the suggested file name and the file's text."""
        with self.page.expect_download() as info:
            self.testid(testid).click()
        download = info.value
        return download.suggested_filename, pathlib.Path(download.path()).read_text(encoding="utf-8")

    def drag_across(self, testid: str, start: float, end: float) -> None:
        """Press on element ``testid`` at fraction ``start`` of its width, drag to ``end``, release (mid-height)."""
        target = self.testid(testid)
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        if box is None:
            raise TabError(f"[data-testid={testid!r}] is not shown; {self.describe()}")
        y = box["y"] + box["height"] / 2
        self.page.mouse.move(box["x"] + start * box["width"], y)
        self.page.mouse.down()
        self.page.mouse.move(box["x"] + end * box["width"], y, steps=6)
        self.page.mouse.up()

    # -- the DOM -------------------------------------------------------------------------
    def testid(self, name: str):
        return self.frame.get_by_test_id(name)

    @property
    def canvas(self):
        return self.testid("graph-canvas")

    def canvas_png(self, clip: dict | None = None) -> bytes:
        """A screenshot of the graph canvas, or of ``clip`` (canvas-relative CSS px) within it."""
        if clip is None:
            return self.canvas.screenshot()
        box = self.canvas.bounding_box()
        return self.page.screenshot(clip={"x": box["x"] + clip["x"], "y": box["y"] + clip["y"],
                                          "width": clip["width"], "height": clip["height"]})

    def item_fill(self, item_id: str) -> tuple[int, int, int]:
        """The colour of a closed item's body (panned into view): a few pixels inside its left border, at mid-height."""
        import numpy as np
        from PIL import Image

        self.item_point(item_id)
        item = self.item(item_id)
        png = self.canvas_png({"x": item["x"] + 3, "y": item["y"] + item["height"] / 2 - 2, "width": 3, "height": 4})
        pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
        colours, counts = np.unique(pixels, axis=0, return_counts=True)
        return tuple(int(c) for c in colours[counts.argmax()])

    def item_point(self, item_id: str) -> tuple[float, float]:
        """The page coordinates of the centre of a drawn item, panned into the canvas if it is outside."""
        box = self.canvas.bounding_box()
        for _ in range(2):
            item = self.item(item_id)
            x, y = item["x"] + item["width"] / 2, item["y"] + item["height"] / 2
            if 0 <= x <= box["width"] and 0 <= y <= box["height"]:
                return box["x"] + x, box["y"] + y
            self.pan_zoom(box["width"] / 2 - x, box["height"] / 2 - y, 1)
            self.idle()
        raise TabError(f"panZoom did not bring item {item_id!r} into the canvas: {item}, canvas {box}")

    def click_item(self, item_id: str) -> None:
        self.page.mouse.click(*self.item_point(item_id))

    def double_click_item(self, item_id: str) -> None:
        self.page.mouse.dblclick(*self.item_point(item_id))

    def hover_item(self, item_id: str) -> None:
        self.page.mouse.move(*self.item_point(item_id), steps=4)

    def search(self, pattern: str, timeout: float = TIMEOUT):
        """Type ``pattern`` into the search box; return the result buttons once there are some."""
        box = self.testid("search-input")
        box.fill(pattern)
        box.press("Enter")
        hits = self.testid("search-results").get_by_test_id("search-hit")
        hits.first.wait_for(timeout=timeout * 1000)
        return hits
