/**
 * The tab's "expand all" / "expand to depth N" (toolbar, keys, window.__graphfold.expand)
 * and the queueing of toggles asked for while another is in flight.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { graphParams } from "../../src/api";
import type { GraphKey } from "../../src/api";
import { render } from "../../src/index";
import type { GraphFoldDebug } from "../../src/view/debug_api";
import { LISTINGS, jsonFetch } from "../fixtures";
import { LAYERS, STATS, VIEWS, expandFixture, inProcessWorker } from "../view_fixtures";

const BERT: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 2 };
let asked: string[] = [];

function stubServer(): void {
  const table: Record<string, { status?: number; body: unknown }> = {
    graphs: { body: { graphs: LISTINGS } },
    overlays: { body: { overlays: [] } },
    [`stats?${graphParams(BERT)}`]: { body: STATS },
    [`expand?${graphParams(BERT)}`]: { body: expandFixture(VIEWS, null) },
  };
  for (const depth of [1, 2, 3]) {
    const params = graphParams(BERT);
    params.set("depth", String(depth));
    table[`expand?${params}`] = { body: expandFixture(VIEWS, depth) };
  }
  for (const [path, view] of Object.entries(VIEWS)) {
    const params = graphParams(BERT);
    params.set("module", path);
    table[`view?${params}`] = { body: view };
  }
  const answer = jsonFetch(table);
  vi.stubGlobal(
    "fetch",
    vi.fn((input: RequestInfo | URL) => {
      asked.push(String(input).split("?")[0]!);
      return answer(input);
    }),
  );
}

const debug = (): GraphFoldDebug => window.__graphfold!;
const testid = <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
const ids = () => debug().items().map((i) => i.id);
const isOpen = (id: string) => debug().items().find((i) => i.id === id)?.open ?? false;

async function drawn(): Promise<void> {
  await vi.waitFor(() => expect(window.__graphfold?.items().length).toBeGreaterThan(0), { timeout: 5000 });
  await debug().idle();
}

beforeEach(() => {
  asked = [];
  vi.stubGlobal("Worker", function Worker() {
    return inProcessWorker();
  });
  stubServer();
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
  delete window.__graphfold;
});

describe("a link's expand=", () => {
  const LINK = "/#run=demo&tag=bert&step=2&source=graphfold&expand=all";
  const START = "start?run=demo&tag=bert&source=graphfold&step=2&expand=all";

  function serveStart(body: object): void {
    const answer = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation((input: RequestInfo | URL) => {
      if (String(input) !== START) return answer(input);
      asked.push("start");
      return jsonFetch({ [START]: { body } })(input);
    });
  }

  it("draws the expansion first, from GET start alone, and the fragment then lists what is open", async () => {
    const { views, ...expanded } = expandFixture(VIEWS, null);
    serveStart({ graphs: LISTINGS, graph: BERT, views, expanded });
    history.replaceState(null, "", LINK);
    render();
    await drawn();
    expect(isOpen("m:encoder") && isOpen(LAYERS.id)).toBe(true);
    expect(ids()).toEqual(expect.arrayContaining(["n:mul_0", "n:add_0"]));
    expect(asked.filter((url) => url !== "overlays" && url !== "stats")).toEqual(["start"]);
    expect(location.hash).toContain("open=encoder,encoder.layer.0");
    expect(location.hash).not.toContain("expand=");
  });

  it("says why an expansion the server refused is not shown, and draws the default", async () => {
    serveStart({ graphs: LISTINGS, graph: BERT, views: { "": VIEWS[""] }, expanded: { depth: null, error: "too many views" } });
    history.replaceState(null, "", LINK);
    render();
    await drawn();
    expect(document.querySelector(".gf-status[role=status]")!.textContent).toContain("too many views");
    expect(isOpen(LAYERS.id)).toBe(false);
  });
});

describe("expand all", () => {
  it("opens every module and stack from the hook, in one request", async () => {
    render();
    await drawn();
    asked = [];
    await debug().expand();
    expect(isOpen("m:encoder") && isOpen(LAYERS.id)).toBe(true);
    expect(ids()).toEqual(expect.arrayContaining(["n:mul_0", "n:add_0"]));
    expect(asked).toEqual(["expand"]);
    expect(location.hash).toContain("open=encoder,encoder.layer.0");
  });

  it("opens to the depth typed in the toolbar, and collapses", async () => {
    render();
    await drawn();
    testid<HTMLInputElement>("expand-depth").value = "1";
    testid("expand-depth-button").click();
    await debug().idle();
    expect(isOpen("m:encoder")).toBe(true);
    expect(isOpen(LAYERS.id)).toBe(false);
    testid("expand-all").click();
    await debug().idle();
    expect(isOpen(LAYERS.id)).toBe(true);
    testid("collapse-all").click();
    await debug().idle();
    expect(ids()).not.toContain(LAYERS.id);
    expect(isOpen("m:encoder")).toBe(false);
  });

  it("answers keys e, 1–9 and c on the canvas", async () => {
    render();
    await drawn();
    const key = async (k: string) => {
      testid("graph-canvas").dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
      await debug().idle();
    };
    await key("e");
    expect(isOpen(LAYERS.id)).toBe(true);
    await key("1");
    expect(isOpen("m:encoder") && !isOpen(LAYERS.id)).toBe(true);
    await key("c");
    expect(isOpen("m:encoder")).toBe(false);
  });
});

describe("toggles in quick succession", () => {
  it("queue: a toggle asked for while another is in flight opens its item and resolves when drawn", async () => {
    render();
    await drawn();
    // The stack is drawn only once the first toggle's result is: without the queue the second would fail or be lost.
    const first = debug().toggle("m:encoder");
    const second = debug().toggle(LAYERS.id);
    await second;
    expect(isOpen(LAYERS.id)).toBe(true);
    expect(ids()).toContain("n:mul_0");
    await first;
    expect(isOpen("m:encoder")).toBe(true);
  });

  it("queue: opening then closing in a row leaves the item closed", async () => {
    render();
    await drawn();
    await Promise.all([debug().toggle("m:encoder"), debug().toggle("m:encoder")]);
    expect(isOpen("m:encoder")).toBe(false);
    expect(location.hash).not.toContain("open=");
  });

  it("reports a queued toggle of an item that is never drawn, and runs the next", async () => {
    render();
    await drawn();
    const missing = debug().toggle("m:nowhere");
    const next = debug().toggle("m:encoder");
    await expect(missing).rejects.toThrow("no item m:nowhere is drawn");
    await next;
    expect(isOpen("m:encoder")).toBe(true);
  });
});
