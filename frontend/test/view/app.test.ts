import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { graphParams } from "../../src/api";
import type { GraphKey } from "../../src/api";
import { render } from "../../src/index";
import type { ViewJson } from "../../src/types";
import type { GraphFoldDebug } from "../../src/view/debug_api";
import { LISTINGS, TINY_BERT, jsonFetch } from "../fixtures";
import { DEAD, DEAD_IN_LAYER, LAYERS, STATS, VIEWS, fixtureApi, inProcessWorker } from "../view_fixtures";

const BERT: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 2 };

function viewUrl(key: GraphKey, path: string): string {
  const params = graphParams(key);
  params.set("module", path);
  return `view?${params}`;
}

function routes(views: Record<string, ViewJson> = VIEWS) {
  const api = fixtureApi();
  const table: Record<string, { status?: number; body: unknown }> = {
    graphs: { body: { graphs: LISTINGS } },
    overlays: { body: { overlays: [] } },
    [`graph?${graphParams(BERT)}`]: { body: TINY_BERT },
    [`stats?${graphParams(BERT)}`]: { body: STATS },
  };
  for (const [path, view] of Object.entries(views)) table[viewUrl(BERT, path)] = { body: view };
  for (const node of ["add_1", "mul_0", "x", "where"]) {
    const params = graphParams(BERT);
    params.set("node", node);
    table[`locate?${params}`] = { body: { node, embedded_in: null, reveal: [] } };
  }
  return { table, api };
}

/** GET node answers for the nodes the tests select. */
async function nodeRoutes(table: Record<string, { status?: number; body: unknown }>, api: ReturnType<typeof fixtureApi>): Promise<void> {
  for (const node of ["add_1", "mul_0", "x", "where", "out", DEAD, DEAD_IN_LAYER]) {
    const params = graphParams(BERT);
    params.set("name", node);
    table[`node?${params}`] = { body: await api.node(BERT, node) };
  }
}

async function stubServer(views: Record<string, ViewJson> = VIEWS): Promise<void> {
  const { table, api } = routes(views);
  await nodeRoutes(table, api);
  for (const node of ["add_1", "mul_0", "x", "where"]) {
    const params = graphParams(BERT);
    params.set("node", node);
    table[`locate?${params}`] = { body: await api.locate(BERT, node) };
  }
  for (const q of ["add", "arange"]) {
    const params = graphParams(BERT);
    params.set("q", q);
    params.set("limit", "200");
    table[`search?${params}`] = { body: await api.search(BERT, q) };
  }
  vi.stubGlobal("fetch", vi.fn(jsonFetch(table)));
}

const debug = (): GraphFoldDebug => {
  if (!window.__graphfold) throw new Error("no window.__graphfold");
  return window.__graphfold;
};
const testid = <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
const ids = () => debug().items().map((i) => i.id);

async function drawn(): Promise<void> {
  await vi.waitFor(() => expect(window.__graphfold?.items().length).toBeGreaterThan(0), { timeout: 5000 });
  await debug().idle();
}

beforeEach(async () => {
  // The page's worker, replaced by one running the same layout code in this process.
  vi.stubGlobal("Worker", function Worker() {
    return inProcessWorker();
  });
  await stubServer();
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
  delete window.__graphfold;
});

describe("the graph tab", () => {
  it("draws the root view of the latest readable step", async () => {
    render();
    await drawn();
    expect(ids()).toEqual(["n:x", "n:where", "m:encoder", "n:out", "p:out:n:where:where:0", "p:in:m:encoder:where:0"]);
    expect(debug().items().find((i) => i.id === "m:encoder")).toMatchObject({ type: "module", open: false, label: "BertEncoder · encoder" });
    expect(location.hash).toBe("#run=demo&tag=bert&step=2&source=graphfold");
    expect(testid<HTMLSelectElement>("source-step").value).toBe("2");
    expect(debug().stats().totalElements).toBe(4 + 3 + 2);
    expect(testid("layout-progress").hidden).toBe(true);
  });

  it("opens a module through its only child, then a stack, and closes them", async () => {
    render();
    await drawn();
    await debug().toggle("m:encoder");
    expect(ids()).toContain(LAYERS.id);
    expect(debug().items().find((i) => i.id === "m:encoder")!.open).toBe(true);
    expect(location.hash).toContain("open=encoder");
    await debug().toggle(LAYERS.id);
    expect(ids()).toEqual(expect.arrayContaining(["n:mul_0", "n:add_0"]));
    expect(debug().edges().find((e) => e.id === "e:n:add_0->n:mul_0")).toEqual({ id: "e:n:add_0->n:mul_0", reversed: true, highlighted: false, gradient: false });
    expect(testid<HTMLSelectElement>("member-picker").value).toBe("encoder.layer.0");
    expect(testid("stack-differences").textContent).toContain("attrs.alpha");
    // The module opened through is drawn as its parent's box: toggling it closes that box.
    await debug().toggle("m:encoder.layer");
    expect(ids()).not.toContain("n:mul_0");
    expect(location.hash).not.toContain("open=");
  });

  it("picks a member in place and unstacks", async () => {
    render();
    await drawn();
    await debug().toggle("m:encoder");
    await debug().toggle(LAYERS.id);
    const picker = testid<HTMLSelectElement>("member-picker");
    picker.value = "encoder.layer.1";
    picker.dispatchEvent(new Event("change"));
    await debug().idle();
    expect(ids()).toContain("n:mul_1");
    expect(ids()).not.toContain("n:mul_0");
    expect(location.hash).toContain("member=s%3Aencoder.layer.0:encoder.layer.1");
    await debug().unstack(LAYERS.id, true);
    expect(ids()).toEqual(expect.arrayContaining(["m:encoder.layer.0", "m:encoder.layer.1"]));
    expect(testid("unstack-button").textContent).toBe("Stack again");
    await debug().unstack(LAYERS.id, false);
    expect(ids()).toContain("n:mul_1");
  });

  it("restores a deep link: graph, opened modules, picked member and selection", async () => {
    history.replaceState(null, "", "#run=demo&tag=bert&step=2&source=graphfold&open=encoder,encoder.layer.0&member=s%3Aencoder.layer.0:encoder.layer.1&sel=n%3Aadd_1");
    render();
    await drawn();
    expect(ids()).toContain("n:add_1");
    expect(debug().selection()).toBe("n:add_1");
    expect(testid<HTMLSelectElement>("member-picker").value).toBe("encoder.layer.1");
    expect(testid("details-panel").textContent).toContain("add_1");
    expect(testid("breadcrumbs").textContent).toContain("add_1");
  });

  it("searches, and a chosen hit is opened, selected and shown", async () => {
    render();
    await drawn();
    const input = testid<HTMLInputElement>("search-input");
    input.value = "add";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="search-hit"]')).toHaveLength(1));
    document.querySelector<HTMLButtonElement>('[data-testid="search-hit"]')!.click();
    await vi.waitFor(() => expect(debug().selection()).toBe("n:add_1"));
    await debug().idle();
    expect(ids()).toContain("n:add_1");
    expect(location.hash).toContain("sel=n%3Aadd_1");
  });

  it("counts hidden nodes, and shows an unused operator chosen from search until something is selected", async () => {
    await stubServer({ ...VIEWS, encoder: { ...VIEWS.encoder!, hidden: { dead: 0, check: 1, plumbing: 0 } } });
    render();
    await drawn();
    const line = testid("hidden-summary");
    expect(line.hidden).toBe(false);
    expect(line.textContent).toBe("2 unused operators hidden");
    line.click();
    expect(testid("search-hint").textContent).toContain("search finds them");

    const input = testid<HTMLInputElement>("search-input");
    input.value = "arange";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="search-hit"]')).toHaveLength(1));
    const hit = document.querySelector<HTMLButtonElement>('[data-testid="search-hit"]')!;
    expect(hit.textContent).toContain("hidden: unused");
    hit.click();
    const panel = testid("details-panel");
    await vi.waitFor(() => expect(testid("details-note")?.textContent).toBe("Hidden: unused operator — its result reaches no graph output"));
    await debug().idle();
    expect(panel.textContent).toContain(DEAD);
    expect(panel.textContent).toContain("aten.arange.default");
    expect(debug().selection()).toBeNull();
    expect(testid("error-message").hidden).toBe(true);

    await debug().toggle("m:encoder");
    expect(panel.textContent).not.toContain("Hidden:");
    // the selected module's own view says what it hides directly
    expect(panel.textContent).toContain("Hidden directly in it1 export check");
  });

  it("selects on click and navigates through the details panel's links", async () => {
    render();
    await drawn();
    await debug().toggle("m:encoder");
    await debug().toggle(LAYERS.id);
    const add = debug().items().find((i) => i.id === "n:add_0")!;
    const canvas = testid("graph-canvas");
    const at = { clientX: add.x + add.width / 2, clientY: add.y + add.height / 2, button: 0, bubbles: true };
    canvas.dispatchEvent(new MouseEvent("pointerdown", at));
    canvas.dispatchEvent(new MouseEvent("pointerup", at));
    expect(debug().selection()).toBe("n:add_0");
    await debug().idle();
    const panel = testid("details-panel");
    expect(panel.textContent).toContain("aten.add.Tensor");
    const links = [...panel.querySelectorAll<HTMLButtonElement>('[data-testid="details-link"]')];
    expect(links.map((l) => l.textContent)).toContain("mul_0");
    links.find((l) => l.textContent === "mul_0")!.click();
    await vi.waitFor(() => expect(debug().selection()).toBe("n:mul_0"));
  });

  it("shows the server's message when a view cannot be loaded", async () => {
    const { [""]: _root, ...rest } = VIEWS;
    const { table } = routes(rest);
    table[viewUrl(BERT, "")] = { status: 404, body: { error: { code: 404, message: "no module '' in graph 'x'" } } };
    vi.stubGlobal("fetch", vi.fn(jsonFetch(table)));
    render();
    await vi.waitFor(() => expect(testid("error-message").textContent).toBe("no module '' in graph 'x'"));
    expect(testid("error-message").hidden).toBe(false);
  });

  it("says how to log a graph when there is none", async () => {
    vi.stubGlobal("fetch", vi.fn(jsonFetch({ graphs: { body: { graphs: [] } } })));
    render();
    await vi.waitFor(() => expect(document.querySelector(".gf-status")?.textContent).toContain("No graphs in this log directory yet"));
    expect(document.querySelector<HTMLElement>(".gf-picker")?.hidden).toBe(true);
    await debug().idle();
  });

  it("says why the listing failed", async () => {
    vi.stubGlobal("fetch", vi.fn(jsonFetch({})));
    render();
    await vi.waitFor(() => expect(testid("error-message").textContent).toBe("Could not list the graphs: no route graphs"));
  });

  it("keeps the page's path under TensorBoard's <base href>", async () => {
    const base = document.head.appendChild(document.createElement("base"));
    base.href = "plugin/graphfold/";
    const path = location.pathname;
    try {
      render();
      await drawn();
      await debug().toggle("m:encoder");
      expect(location.pathname).toBe(path);
      expect(location.hash).toBe("#run=demo&tag=bert&step=2&source=graphfold&open=encoder&sel=m%3Aencoder");
    } finally {
      base.remove();
    }
  });

  it("shows the graph summary when asked", async () => {
    render();
    await drawn();
    const box = document.querySelector<HTMLDetailsElement>(".gf-summary-box")!;
    box.open = true;
    box.dispatchEvent(new Event("toggle"));
    await vi.waitFor(() => expect(document.querySelector(".gf-summary h2")?.textContent).toBe("BertModel"));
  });
});
