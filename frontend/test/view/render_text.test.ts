// Names from the log reach the page as text only: a run, tag, module path or
// class named like markup shows literally and creates no element.
import { afterEach, describe, expect, it, vi } from "vitest";
import { summarizeGraph } from "../../src/summary";
import type { GraphListing } from "../../src/types";
import { render } from "../../src/index";
import { createPicker } from "../../src/view/picker";
import { renderSummary } from "../../src/view/summary_panel";
import { EVIL, detailsOf, graph, jsonFetch, node, readableStep, summaryJsonOf } from "../fixtures";
import { EVIL_VIEW, STATS, inProcessWorker } from "../view_fixtures";

const EVIL_LISTING: GraphListing = { run: EVIL, tag: EVIL, source: "graphfold", steps: [readableStep(0)] };
const EVIL_GRAPH = graph(
  [
    { path: "", class_name: `evil.${EVIL}` },
    { path: EVIL, class_name: `pkg.${EVIL}` },
  ],
  [node(EVIL, EVIL)],
  { name: EVIL, producer: EVIL },
);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
  delete window.__graphfold;
});

describe("names from the log", () => {
  it("show literally in the picker", () => {
    const picker = createPicker(() => {});
    picker.show([EVIL_LISTING], { listing: EVIL_LISTING, step: 0 });
    expect(picker.element.querySelector("img")).toBeNull();
    const labels = [...picker.element.querySelectorAll("option")].map((o) => o.text);
    expect(labels).toContain(EVIL);
  });

  it("show literally in the summary panel", () => {
    const panel = renderSummary(summarizeGraph(EVIL_GRAPH));
    expect(panel.querySelector("img")).toBeNull();
    expect(panel.querySelector("h2")?.textContent).toBe(EVIL);
    const cells = [...panel.querySelectorAll("td")];
    expect(cells.map((c) => c.textContent)).toContain(EVIL);
    const classCell = cells.find((c) => c.title === `pkg.${EVIL}`);
    expect(classCell?.textContent).toBe(EVIL.slice(EVIL.lastIndexOf(".") + 1));
  });

  it("show literally on the whole screen", async () => {
    const key = { run: EVIL, tag: EVIL, step: "0", source: "graphfold" };
    const view = new URLSearchParams({ ...key, module: "" });
    vi.stubGlobal("Worker", function Worker() {
      return inProcessWorker();
    });
    vi.stubGlobal(
      "fetch",
      jsonFetch({
        graphs: { body: { graphs: [EVIL_LISTING] } },
        [`graph?${new URLSearchParams(key)}`]: { body: EVIL_GRAPH },
        [`view?${view}`]: { body: EVIL_VIEW },
        [`stats?${new URLSearchParams(key)}`]: { body: { ...STATS, graph: { ...STATS.graph, name: EVIL }, summary: summaryJsonOf(EVIL_GRAPH) } },
        [`node?${new URLSearchParams({ ...key, name: EVIL })}`]: { body: detailsOf(EVIL_GRAPH, EVIL) },
      }),
    );
    render();
    await vi.waitFor(() => expect(window.__graphfold?.items().length).toBeGreaterThan(0));
    await window.__graphfold!.idle();
    const items = window.__graphfold!.items();
    expect(items.map((i) => i.id)).toEqual([`n:${EVIL}`, `m:${EVIL}.m`]);
    expect(items[0]!.label).toContain(EVIL);
    // Select the op: its name reaches the details panel and breadcrumbs as text.
    const canvas = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')!;
    const at = { clientX: items[0]!.x + 5, clientY: items[0]!.y + 5, button: 0 };
    canvas.dispatchEvent(new MouseEvent("pointerdown", at));
    canvas.dispatchEvent(new MouseEvent("pointerup", at));
    await window.__graphfold!.idle();
    const panel = document.querySelector('[data-testid="details-panel"]')!;
    expect(panel.textContent).toContain(EVIL);
    expect(document.querySelector('[data-testid="breadcrumbs"]')!.textContent).toContain(EVIL);
    const box = document.querySelector<HTMLDetailsElement>(".gf-summary-box")!;
    box.open = true;
    box.dispatchEvent(new Event("toggle"));
    await vi.waitFor(() => expect(document.querySelector(".gf-summary h2")?.textContent).toBe(EVIL));
    expect(document.querySelector("img")).toBeNull();
    expect(document.body.textContent).toContain(EVIL);
  });
});

describe("the frontend source", () => {
  const sources = import.meta.glob<string>("../../src/**/*.ts", { query: "?raw", import: "default", eager: true });

  it("never parses strings as HTML", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    for (const [path, text] of Object.entries(sources)) {
      expect(text, path).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/);
    }
  });
});

