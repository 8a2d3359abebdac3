import { describe, expect, it } from "vitest";
import { render } from "../../src/index";
import { summaryCsv } from "../../src/overlay/training_summary";
import type { OverlayListing, ScalarsJson, WeightGraphJson } from "../../src/types";
import { EVIL } from "../fixtures";
import { weightGraph, weightListing, wgLayer } from "../dynamics_fixtures";
import { LAYERS } from "../view_fixtures";
import { all, captureDownload, clickItem, debug, drawn, pick, routeUrl, serve, testid, useTabPerTest } from "./overlay_harness";

/** encoder.layer.0 (2 nodes) and encoder.layer.1 (6 nodes): weighted degree means 1, 3 / 2, 5 / 4, 4 at steps 0, 10, 20. */
const DEMO: WeightGraphJson = weightGraph("demo", [
  [0, [wgLayer("encoder.layer.0", 2, 1), wgLayer("encoder.layer.1", 6, 3)]],
  [10, [wgLayer("encoder.layer.0", 2, 2), wgLayer("encoder.layer.1", 6, 5)]],
  [20, [wgLayer("encoder.layer.0", 2, 4), wgLayer("encoder.layer.1", 6, 4)]],
]);
/** A second run named after markup, two steps. */
const OTHER: WeightGraphJson = weightGraph(EVIL, [
  [0, [wgLayer("encoder.layer.0", 2, 10)]],
  [1, [wgLayer(`encoder.${EVIL}`, 2, 20)]],
]);
const SCALARS: Record<string, ScalarsJson> = {
  demo: { run: "demo", scalars: { accuracy: [[0, 0.5], [20, 0.9]], loss: [[20, 0.3]] } },
  [EVIL]: { run: EVIL, scalars: { accuracy: [[1, 0.7]] } },
};

function routes(overlays: OverlayListing[]) {
  serve({
    overlays: { body: { overlays } },
    ...Object.fromEntries([DEMO, OTHER].map((series) => [routeUrl("weight_graph", { run: series.run, tag: series.tag }), { body: series }])),
    ...Object.fromEntries(Object.entries(SCALARS).map(([run, body]) => [routeUrl("scalars", { run }), { body }])),
  });
}

const colored = () => new Map(debug().dynamics().colored.map((c) => [c.id, c.value]));

/** The tab on `overlays` in the training-dynamics mode; with `layers`, the stack of layers opened. */
async function dynamicsOverlay(overlays: OverlayListing[], layers = false): Promise<void> {
  routes(overlays);
  render();
  await drawn();
  await pick("overlay-mode", "dynamics");
  if (!layers) return;
  await debug().toggle("m:encoder");
  await debug().toggle(LAYERS.id);
}

useTabPerTest();

describe("the training-dynamics overlay", () => {
  it("is offered only for a run with a weight_graph series", async () => {
    routes([weightListing(OTHER)]);
    render();
    await drawn();
    expect(testid("overlay-bar").hidden).toBe(true);
    expect(debug().dynamics()).toMatchObject({ step: null, colored: [], series: null });
  });

  it("colours layers by the statistic at the slider's step", async () => {
    routes([weightListing(DEMO), weightListing(OTHER)]);
    render();
    await drawn();
    expect(testid("overlay-bar").hidden).toBe(false);
    expect([...testid<HTMLSelectElement>("overlay-mode").options].map((o) => [o.value, o.textContent])).toEqual([["none", "None"], ["dynamics", "Training dynamics"]]);
    await pick("overlay-mode", "dynamics");
    // The latest step first: (2·4 + 6·4) / 8.
    expect(debug().dynamics()).toMatchObject({ property: "weighted_degree", stat: "mean", step: 20, series: { run: "demo", tag: "weight_graph" }, range: [1, 5] });
    expect(colored()).toEqual(new Map([["m:encoder", 4]]));
    expect(debug().overlay()).toMatchObject({ mode: "dynamics", range: [1, 5], colored: [{ id: "m:encoder", value: 4 }] });
    expect(testid("dynamics-step-label").textContent).toBe("step 20 (3 of 3)");
    expect(testid("overlay-legend").textContent).toContain("weighted_degree · mean");
    expect(testid("overlay-legend").textContent).not.toContain("(weak)");

    await pick("dynamics-step", "0", "input");
    expect(debug().dynamics().step).toBe(0);
    expect(colored().get("m:encoder")).toBe((2 * 1 + 6 * 3) / 8);
    expect(testid("dynamics-step-label").textContent).toBe("step 0 (1 of 3)");

    await debug().toggle("m:encoder");
    await debug().toggle(LAYERS.id);
    expect(colored().get("n:mul_0")).toBe(1);
    await debug().unstack(LAYERS.id, true);
    expect(colored().get("m:encoder.layer.1")).toBe(3);

    // The max is quantiles[4]: mean + 2 for these layers.
    await pick("dynamics-stat", "max");
    expect(colored().get("m:encoder.layer.1")).toBe(5);
    await pick("dynamics-property", "eigenvector_centrality");
    await pick("dynamics-stat", "mean");
    expect(colored().get("m:encoder.layer.1")).toBeCloseTo(0.3, 12);
  });

  it("shows the selected layer's history and largest channels", async () => {
    await dynamicsOverlay([weightListing(DEMO)], true);
    expect(testid("dynamics-layer").hidden).toBe(true);
    clickItem("n:mul_0");
    await debug().idle();
    expect(testid("dynamics-layer").hidden).toBe(false);
    expect(testid("dynamics-layer").querySelector("h2")!.textContent).toBe("encoder.layer.0");
    const layer = debug().dynamics().layer!;
    expect(layer.history.map((h) => [h.step, h.mean, h.std])).toEqual([[0, 1, 1], [10, 2, 1], [20, 4, 1]]);
    expect(layer.top).toEqual([[0, 6], [1, 5]]);
    expect(all("dynamics-top-channel").map((r) => r.textContent)).toEqual(["06", "15"]);
    expect(testid("dynamics-layer-chart").querySelectorAll("polygon")).toHaveLength(2);
  });

  it("summarises the first k steps of every run side by side and exports them", async () => {
    await dynamicsOverlay([weightListing(DEMO), weightListing(OTHER)]);
    expect(testid("dynamics-summary").hidden).toBe(false);
    expect(all("summary-run").map((th) => th.textContent)).toEqual(["demo", EVIL]);
    const summary = debug().summary()!;
    expect(summary.k).toBe(3);
    expect(summary.steps).toEqual({ demo: [0, 10, 20], [EVIL]: [0, 1] });
    expect(summary.scalar).toBe("accuracy");
    expect(summary.final).toEqual({ demo: 0.9, [EVIL]: 0.7 });
    expect(summary.runs["demo"]!["encoder.layer.1"]!["weighted_degree"]!.mean).toEqual([3, 5, 4]);
    expect(summary.runs[EVIL]!["encoder.layer.0"]!["weighted_degree"]!.mean).toEqual([10, null]);
    expect(all("summary-layer").map((r) => r.dataset["module"])).toEqual(["encoder.layer.0", "encoder.layer.1", `encoder.${EVIL}`]);
    expect(all("summary-final")[0]!.textContent).toBe("final accuracy0.90.7");

    await pick("summary-k", "2");
    expect(debug().summary()!.k).toBe(2);
    expect(debug().summary()!.runs["demo"]!["encoder.layer.1"]!["weighted_degree"]!.mean).toEqual([3, 5]);
    await pick("summary-scalar", "loss");
    expect(debug().summary()!.final).toEqual({ demo: 0.3, [EVIL]: null });

    // A layer opens to every property × statistic.
    all("summary-toggle")[1]!.click();
    expect(all("summary-feature").filter((r) => r.dataset["module"] === "encoder.layer.1")).toHaveLength(8);

    const csv = captureDownload();
    testid<HTMLButtonElement>("summary-export-csv").click();
    expect(csv.name).toBe("training_summary_k2.csv");
    expect(await csv.text()).toBe(summaryCsv(debug().summary()!));
    const json = captureDownload();
    testid<HTMLButtonElement>("summary-export-json").click();
    expect(json.name).toBe("training_summary_k2.json");
    expect(JSON.parse(await json.text())).toEqual(debug().summary());
  });

  it("highlights and opens the selected layer's rows", async () => {
    await dynamicsOverlay([weightListing(DEMO)], true);
    clickItem("n:mul_0");
    await debug().idle();
    const selected = document.querySelector<HTMLElement>(".gf-row-selected")!;
    expect(selected.dataset["module"]).toBe("encoder.layer.0");
    expect(all("summary-feature").every((r) => r.dataset["module"] === "encoder.layer.0")).toBe(true);
  });

  it("inserts names from the log as text", async () => {
    await dynamicsOverlay([weightListing(DEMO), weightListing(OTHER)]);
    expect(testid("dynamics-summary").textContent).toContain(EVIL);
    expect(all("summary-cell").some((c) => c.title.includes(EVIL))).toBe(true);
    expect(document.querySelector("img")).toBeNull();
  });

  it("says why the series could not be loaded", async () => {
    await dynamicsOverlay([weightListing({ ...DEMO, run: "demo", tag: "missing" })]);
    expect(testid("overlay-status").textContent).toBe("Could not load the weight-graph properties: no route weight_graph?run=demo&tag=missing");
    expect(debug().dynamics().colored).toEqual([]);
  });
});
