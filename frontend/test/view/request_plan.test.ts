/**
 * The request plan of opening the tab: before the first drawing, one `GET start`
 * (listing, picked graph and its views) and, in parallel with the layout, the
 * overlays listing; the stats after it; a node's details only on selection;
 * never `GET graph`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { graphParams } from "../../src/api";
import { render } from "../../src/index";
import { LISTINGS, jsonFetch } from "../fixtures";
import { STATS, VIEWS } from "../view_fixtures";
import { BERT, debug, drawn, useTabPerTest } from "./overlay_harness";
import type { Routes } from "./overlay_harness";

useTabPerTest();

/** Every request, and whether anything was drawn when it was made. */
let requests: { url: string; beforeFirstDrawing: boolean }[] = [];

function serve(start: string): void {
  const table: Routes = {
    [start]: { body: { graphs: LISTINGS, graph: BERT, views: VIEWS } },
    overlays: { body: { overlays: [] } },
    [`stats?${graphParams(BERT)}`]: { body: STATS },
  };
  const answer = jsonFetch(table);
  vi.stubGlobal(
    "fetch",
    vi.fn((input: RequestInfo | URL) => {
      requests.push({ url: String(input), beforeFirstDrawing: !window.__graphfold?.items().length });
      return answer(input);
    }),
  );
}

beforeEach(() => {
  requests = [];
});

afterEach(() => {
  location.hash = "";
});

describe("opening the tab", () => {
  it("asks only GET start before the first drawing, the rest after it, and never GET graph", async () => {
    serve("start");
    render();
    await drawn();
    expect(requests.filter((r) => r.beforeFirstDrawing).map((r) => r.url)).toEqual(["start", "overlays"]);
    expect(requests.map((r) => r.url.split("?")[0]).sort()).toEqual(["overlays", "start", "stats"]);
    expect(requests.find((r) => r.url.startsWith("stats"))!.beforeFirstDrawing).toBe(false);
    expect(debug().items().length).toBeGreaterThan(0);
  });

  it("names the deep link's graph and open items in GET start", async () => {
    const start = "start?run=demo&tag=bert&source=graphfold&step=2&open=encoder";
    serve(start);
    history.replaceState(null, "", "/#run=demo&tag=bert&step=2&source=graphfold&open=encoder");
    render();
    await drawn();
    expect(requests.filter((r) => r.beforeFirstDrawing).map((r) => r.url)).toEqual([start, "overlays"]);
    expect(debug().items().some((i) => i.open)).toBe(true);
  });

  it("fetches a selected operator's details alone, not the whole graph", async () => {
    serve("start");
    const params = graphParams(BERT);
    params.set("name", "where");
    render();
    await drawn();
    const fetchStub = vi.mocked(fetch);
    fetchStub.mockImplementationOnce(async (input) => {
      requests.push({ url: String(input), beforeFirstDrawing: false });
      return jsonFetch({ [`node?${params}`]: { body: { name: "where", op: "aten.where.self", kind: "op", module: "", inputs: [], outputs: [], attrs: { x: 1 }, parameter_count: 0, class_name: "", producers: [], consumers: [] } } })(input);
    });
    const where = debug().items().find((i) => i.id === "n:where")!;
    const canvas = document.querySelector("canvas")!;
    canvas.dispatchEvent(new MouseEvent("click", { clientX: where.x + where.width / 2, clientY: where.y + where.height / 2, bubbles: true }));
    await debug().idle();
    expect(requests.map((r) => r.url.split("?")[0])).not.toContain("graph");
  });
});
