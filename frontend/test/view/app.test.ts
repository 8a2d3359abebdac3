import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { graphUrl } from "../../src/api";
import type { GraphKey } from "../../src/api";
import { render } from "../../src/index";
import { LISTINGS, TINY_BERT, jsonFetch } from "../fixtures";

const BERT: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 2 };
const CORRUPT = "graph blob of 12 bytes is not a ModelGraph (Error parsing message)";

function routes() {
  return {
    graphs: { body: { graphs: LISTINGS } },
    [graphUrl(BERT)]: { body: TINY_BERT },
    [graphUrl({ ...BERT, step: 0 })]: { status: 400, body: { error: { code: 400, message: CORRUPT } } },
    [graphUrl({ run: "other", tag: "mlp", source: "graphfold", step: 5 })]: { body: { ...TINY_BERT, name: "Mlp" } },
  };
}

function select(name: string): HTMLSelectElement {
  const element = document.querySelector<HTMLSelectElement>(`select[name=${name}]`);
  if (!element) throw new Error(`no ${name} select`);
  return element;
}

function choose(name: string, value: string): void {
  const element = select(name);
  element.value = value;
  element.dispatchEvent(new Event("change"));
}

const heading = () => document.querySelector(".gf-summary h2")?.textContent;
const status = () => document.querySelector<HTMLElement>(".gf-status");

beforeEach(() => {
  vi.stubGlobal("fetch", vi.fn(jsonFetch(routes())));
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
});

describe("the first screen", () => {
  it("lists the graphs and summarizes the latest readable step", async () => {
    render();
    expect(document.querySelector("h1")?.textContent).toBe("GraphFold");
    await vi.waitFor(() => expect(heading()).toBe("BertModel"));
    expect([...select("run").options].map((o) => o.text)).toEqual(["demo", "other"]);
    expect([...select("tag").options].map((o) => o.text)).toEqual(["bert", "__run_graph__ (GraphDef)"]);
    const steps = [...select("step").options];
    expect(steps.map((o) => [o.text, o.disabled])).toEqual([
      ["step 0 — 2,390 nodes, 183 KB", false],
      ["step 1 — error: graph blob does not decompress: the log is corrupt", true],
      ["step 2 — 1 node, 183 KB", false],
    ]);
    expect(select("step").value).toBe("2");
    expect(location.hash).toBe("#run=demo&tag=bert&step=2&source=graphfold");
    expect(status()?.hidden).toBe(true);
    const counts = [...document.querySelectorAll(".gf-counts li")].map((li) => li.textContent);
    expect(counts).toEqual(["6 nodes", "6 edges", "5 modules", "16 parameters"]);
  });

  it("keeps the page's path under TensorBoard's <base href>", async () => {
    const base = document.head.appendChild(document.createElement("base"));
    base.href = "plugin/graphfold/";
    const path = location.pathname;
    try {
      render();
      await vi.waitFor(() => expect(heading()).toBe("BertModel"));
      expect(location.pathname).toBe(path);
      expect(location.hash).toBe("#run=demo&tag=bert&step=2&source=graphfold");
    } finally {
      base.remove();
    }
  });

  it("restores the selection from the fragment", async () => {
    history.replaceState(null, "", "#run=other&tag=mlp&step=5&source=graphfold");
    render();
    await vi.waitFor(() => expect(heading()).toBe("Mlp"));
    expect(select("run").value).toBe("other");
  });

  it("shows the server's error and keeps the picker working", async () => {
    render();
    await vi.waitFor(() => expect(heading()).toBe("BertModel"));
    choose("step", "0");
    await vi.waitFor(() => expect(status()?.textContent).toBe(CORRUPT));
    expect(status()?.getAttribute("role")).toBe("alert");
    expect(heading()).toBeUndefined();
    choose("run", "other");
    await vi.waitFor(() => expect(heading()).toBe("Mlp"));
    expect(status()?.hidden).toBe(true);
  });

  it("shows a loading state while the graph is fetched", async () => {
    let answer: (response: Response) => void = () => {};
    const routed = jsonFetch(routes());
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) => (url === "graphs" ? routed(url) : new Promise<Response>((r) => (answer = r)))),
    );
    render();
    await vi.waitFor(() => expect(status()?.className).toContain("gf-loading"));
    await vi.waitFor(() => expect(status()?.textContent).toContain("step 2"));
    answer(await routed(graphUrl(BERT)));
    await vi.waitFor(() => expect(heading()).toBe("BertModel"));
  });

  it("says why the listing failed", async () => {
    vi.stubGlobal("fetch", vi.fn(jsonFetch({})));
    render();
    await vi.waitFor(() => expect(status()?.textContent).toBe("Could not list the graphs: no route graphs"));
  });

  it("says how to log a graph when there is none", async () => {
    vi.stubGlobal("fetch", vi.fn(jsonFetch({ graphs: { body: { graphs: [] } } })));
    render();
    await vi.waitFor(() => expect(status()?.textContent).toContain("No graphs in this log directory yet"));
    expect(document.querySelector<HTMLElement>(".gf-picker")?.hidden).toBe(true);
  });
});
