import { describe, expect, it, vi } from "vitest";
import { render } from "../../src/index";
import { classDifference } from "../../src/overlay/class_pairs";
import type { FilterStatsJson, OverlayListing } from "../../src/types";
import { EVIL } from "../fixtures";
import { classMeans, group, layer, layerBody, listing, stats, summaryWire, term } from "../overlay_fixtures";
import { LAYERS } from "../view_fixtures";
import { captureDownload, clickItem, debug, drawn, pick, routeUrl, serve, testid, useTabPerTest } from "./overlay_harness";

/**
 * Two coupled layers, one per stack member, 6 filters over 3 classes; one class name is markup. The first
 * reads 4 fixed channels, the second reads and writes the group: 48 + (9·6·4 + 6) + (9·6·6 + 6) = 600
 * parameters, 100·24 + 100·36 = 6000 MACs.
 */
const STATS: FilterStatsJson = stats(
  [
    layer("encoder.layer.0", 6, 0, { hooked: `encoder.layer.0: ${EVIL}` }),
    layer("encoder.layer.1", 6, 0, { metrics: { ...layer("x", 6, 0).metrics, apoz: [99, 99, 99, 99, 99, 10] } }),
  ],
  [group(["encoder.layer.0", "encoder.layer.1"], 6)],
  {
    run: "demo",
    step: 3,
    class_names: ["cat", EVIL, "dog"],
    parameter_count: 600,
    macs: 6000,
    fixed_parameters: 48,
    cost_terms: [term("encoder.layer.0", [0, 6], 4), term("encoder.layer.1", [0, 6], [0, 6])],
  },
);

/** The `classes` argument of each `GET filter_layer` since the routes were served (null: none). */
const layerRequests: (string | null)[] = [];
/** The pairs every `GET filter_layer` of these tests answers. */
const MANY_PAIRS: { best: [number, number, number][]; worst: [number, number, number][] } = { best: [[0, 2, 0.4], [5, 9, 0.3]], worst: [[1, 2, 0.01]] };
/** STATS with 40 classes: the matrix shows picked classes, and rows come as classes are picked. */
const MANY: FilterStatsJson = { ...STATS, class_names: Array.from({ length: 40 }, (_, c) => (c === 7 ? EVIL : `class ${c}`)), class_counts: Array(40).fill(1) };

function routes(overlays: OverlayListing[], filterStats: FilterStatsJson | { status: number; body: unknown } = STATS) {
  layerRequests.length = 0;
  serve({
    overlays: { body: { overlays } },
    [routeUrl("filter_summary", { run: "demo", tag: "filter_stats", step: "3" })]: "status" in filterStats ? filterStats : { body: summaryWire(filterStats) },
  });
  // GET filter_layer answers binary: served beside the JSON table.
  const json = globalThis.fetch;
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    const shown = "status" in filterStats ? STATS : filterStats;
    for (const l of shown.layers) {
      const base = routeUrl("filter_layer", { run: "demo", tag: "filter_stats", step: "3", module: l.module });
      if (url === base || url.startsWith(`${base}&classes=`)) {
        const classes = new URL(url, "http://x/").searchParams.get("classes");
        layerRequests.push(classes);
        const a = classMeans(l.filter_count, shown.class_names.length);
        // By default, the rows of the pairs' classes.
        const rows = classes === null ? [...new Set(MANY_PAIRS.best.concat(MANY_PAIRS.worst).flatMap(([r, c]) => [r, c]))].sort((x, y) => x - y) : classes.split(",").map(Number);
        return new Response(layerBody(l.module, a, MANY_PAIRS, rows), { status: 200 });
      }
    }
    return json(input);
  }));
}

const colored = () => new Map(debug().overlay().colored.map((c) => [c.id, c.value]));

async function pruningOverlay(): Promise<void> {
  await pick("overlay-mode", "pruning");
}

useTabPerTest();

describe("the pruning overlay", () => {
  it("stays hidden when the run has no filter statistics", async () => {
    routes([listing("other", "mlp")]);
    render();
    await drawn();
    expect(testid("overlay-bar").hidden).toBe(true);
    expect(debug().overlay()).toMatchObject({ mode: "none", colored: [], series: null });
    expect(debug().plan()).toBeNull();
  });

  it("colours layers, modules and stacks, with a legend", async () => {
    routes([listing("demo", "bert")]);
    render();
    await drawn();
    expect(testid("overlay-bar").hidden).toBe(false);
    expect(testid("overlay-legend").hidden).toBe(true);
    await pruningOverlay();
    expect(debug().overlay()).toMatchObject({ mode: "pruning", metric: "weak_share", series: { run: "demo", tag: "filter_stats", step: 3 }, range: [0, 1] });
    expect([...colored().keys()]).toEqual(["m:encoder"]);
    expect(testid("overlay-legend").hidden).toBe(false);
    expect(testid("overlay-legend").textContent).toContain("Share of weak filters");
    expect(testid("overlay-legend").textContent).toContain("weighted by filter count");

    // Weak by APoZ ≥ 90%: 3 of encoder.layer.0's 6 filters, 5 of encoder.layer.1's.
    expect(testid("overlay-weak-by").parentElement!.hidden).toBe(false);
    await pick("overlay-weak-by", "apoz");
    expect(colored().get("m:encoder")).toBeCloseTo(8 / 12, 12);
    expect(testid("overlay-legend").textContent).toContain("APoZ (%) ≥ 90");

    await pick("overlay-metric", "apoz");
    await debug().idle();
    expect(testid("overlay-weak-by").parentElement!.hidden).toBe(true);
    // encoder.layer.0: apoz 10, 95, 10, 95, 10, 95; encoder.layer.1: five 99s and a 10.
    const mean0 = (3 * 10 + 3 * 95) / 6;
    const mean1 = (5 * 99 + 10) / 6;
    expect(debug().overlay().range).toEqual([mean0, mean1]);
    expect(colored().get("m:encoder")).toBeCloseTo((mean0 + mean1) / 2, 10);

    await debug().toggle("m:encoder");
    await debug().toggle(LAYERS.id);
    expect(colored().get(LAYERS.id)).toBeCloseTo((mean0 + mean1) / 2, 10);
    expect(colored().get("n:mul_0")).toBeCloseTo(mean0, 10);
    expect(colored().get("n:add_0")).toBeCloseTo(mean0, 10);

    await debug().unstack(LAYERS.id, true);
    expect(colored().get("m:encoder.layer.0")).toBeCloseTo(mean0, 10);
    expect(colored().get("m:encoder.layer.1")).toBeCloseTo(mean1, 10);
  });

  it("shows the layer panel: matrix, CPD, brush, plan and its download", async () => {
    routes([listing("demo", "bert")]);
    render();
    await drawn();
    await pruningOverlay();
    await debug().toggle("m:encoder");
    await debug().toggle(LAYERS.id);
    expect(testid("layer-panel").hidden).toBe(true);
    clickItem("n:mul_0");
    await debug().idle();
    const panel = testid("layer-panel");
    expect(panel.hidden).toBe(false);
    expect(panel.querySelector("h2")!.textContent).toBe("encoder.layer.0");
    expect(testid("layer-summary").textContent).toContain("encoder.layer.1");

    // A few classes: all their rows in the first request.
    expect(layerRequests).toEqual(["0,1,2"]);
    // 3 classes: 3 × 3 cells; row 0, column 2 picks the pair (cat, dog).
    const cells = testid("sparkline-matrix").querySelectorAll('[data-testid="matrix-cell"]');
    expect(cells).toHaveLength(9);
    cells[2]!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    const a = classMeans(6).map((row) => row.map(Math.fround));
    expect(debug().layer()).toMatchObject({ module: "encoder.layer.0", pair: [0, 2], cpd: classDifference(a, 0, 2) });
    expect(testid("cpd-pair").textContent).toContain("A = cat (baseline), B = dog");
    expect(testid("cpd-chart").querySelectorAll("rect").length).toBeGreaterThan(0);

    // Ordered by APoZ (weakest first): filters 1, 3, 5 then 0, 2, 4. Brush the left half.
    await pick("matrix-order", "apoz");
    expect(debug().layer()!.filterOrder).toEqual([1, 3, 5, 0, 2, 4]);
    const chart = testid<SVGSVGElement>("filter-activation");
    vi.spyOn(chart, "getBoundingClientRect").mockReturnValue({ left: 0, top: 0, width: 300, height: 100, right: 300, bottom: 100, x: 0, y: 0, toJSON: () => ({}) });
    const brush = testid("filter-brush");
    brush.dispatchEvent(new MouseEvent("pointerdown", { clientX: 2, button: 0 }));
    brush.dispatchEvent(new MouseEvent("pointermove", { clientX: 100 }));
    brush.dispatchEvent(new MouseEvent("pointerup", { clientX: 140 }));
    expect(debug().layer()!.selections).toEqual({ apoz: [1, 3, 5] });
    expect(testid("filter-selection-count").textContent).toBe("3 of 6 filters selected");

    // A second selection under another metric, combined.
    debug().selectFilters("encoder.layer.0", [0, 1], "discriminability");
    expect(debug().layer()!.selected).toEqual([0, 1, 3, 5]);
    await pick("selection-combine", "intersection");
    expect(debug().layer()!.selected).toEqual([1]);
    await pick("selection-combine", "union");

    testid<HTMLButtonElement>("plan-add").click();
    expect(debug().plan()).toEqual({
      format: "graphfold.pruning_plan",
      version: 1,
      source: { run: "demo", tag: "filter_stats", step: 3, graph_tag: "bert" },
      layers: { "encoder.layer.0": { filter_count: 6, remove: [0, 1, 3, 5] } },
      // 2 channels left: 48 + (9·2·4 + 2) + (9·2·2 + 2); 100·8 + 100·4.
      preview: { parameters_before: 600, parameters_after: 160, macs_before: 6000, macs_after: 1200 },
    });
    expect(testid("pruning-plan").textContent).toContain("4 of 6 filters");

    // The coupled layer may not take the group's last channels.
    debug().selectFilters("encoder.layer.1", [2, 4], "apoz");
    testid<HTMLButtonElement>("plan-add").click();
    expect(testid("plan-message").textContent).toContain("removes all 6 channels of the coupled layers encoder.layer.0, encoder.layer.1");
    expect(Object.keys(debug().plan()!.layers)).toEqual(["encoder.layer.0"]);

    const saved = captureDownload();
    testid<HTMLButtonElement>("plan-download").click();
    expect(saved.name).toBe("pruning_plan_demo_3.json");
    expect(JSON.parse(await saved.text())).toEqual(debug().plan());

    document.querySelector<HTMLButtonElement>('[data-testid="plan-remove"]')!.click();
    expect(debug().plan()!.layers).toEqual({});
    expect(testid<HTMLButtonElement>("plan-download").disabled).toBe(true);
  });

  it("loads the rows of many classes as the panel needs them", async () => {
    routes([listing("demo", "bert")], MANY);
    render();
    await drawn();
    await pruningOverlay();
    debug().selectFilters("encoder.layer.0", []);
    await debug().idle();
    // First the server's rows (of the pairs' classes), which the default matrix and activation view need.
    expect(layerRequests).toEqual([null]);
    expect(debug().layer()).toMatchObject({ matrixClasses: [0, 2, 5, 9, 1], activeClass: 0, loadedClasses: [0, 1, 2, 5, 9] });
    expect(testid("sparkline-matrix").querySelectorAll('[data-testid="matrix-cell"]')).toHaveLength(25);
    expect(document.querySelectorAll("#gf-class-names option")).toHaveLength(40);

    // CPD of any pair, by name: only the rows missing are asked for.
    await pick("cpd-class-a", "class 33");
    await pick("cpd-class-b", EVIL);
    expect(layerRequests).toEqual([null, "33", "7"]);
    const a = classMeans(6, 40).map((row) => row.map(Math.fround));
    expect(debug().layer()).toMatchObject({ pair: [33, 7], cpd: classDifference(a, 33, 7) });
    expect(testid("cpd-pair").textContent).toContain(`A = class 33 (baseline), B = ${EVIL}`);

    // A name that is no class changes nothing and says so.
    await pick("activation-class", "no such class");
    expect(testid("activation-class").getAttribute("aria-invalid")).toBe("true");
    expect(debug().layer()!.activeClass).toBe(0);
    await pick("activation-class", "class 12");
    expect(debug().layer()).toMatchObject({ activeClass: 12, loadedClasses: [0, 1, 2, 5, 7, 9, 12, 33] });

    // Classes added to the matrix: one request for those it lacks.
    const search = testid<HTMLInputElement>("class-search");
    search.value = "class 3";
    search.dispatchEvent(new Event("input"));
    document.querySelector<HTMLButtonElement>('[data-testid="class-match"][data-class="30"]')!.click();
    await debug().idle();
    expect(debug().layer()!.matrixClasses).toEqual([0, 2, 5, 9, 1, 30]);
    expect(layerRequests).toEqual([null, "33", "7", "12", "30"]);
    expect(testid("sparkline-matrix").querySelectorAll('[data-testid="matrix-cell"]')).toHaveLength(36);

    // Reopening the layer asks nothing.
    debug().selectFilters("encoder.layer.1", []);
    await debug().idle();
    debug().selectFilters("encoder.layer.0", []);
    await debug().idle();
    expect(layerRequests).toEqual([null, "33", "7", "12", "30", null]);
  });

  it("inserts names from the log as text", async () => {
    routes([listing("demo", "bert")]);
    render();
    await drawn();
    await pruningOverlay();
    debug().selectFilters("encoder.layer.0", [1]);
    await debug().idle();
    expect(testid("layer-panel").textContent).toContain(EVIL);
    expect(testid("sparkline-matrix").textContent).toContain(EVIL.slice(0, 3));
    expect([...testid("activation-class").querySelectorAll("option")].map((o) => o.textContent)).toContain(EVIL);
    expect(document.querySelector("img")).toBeNull();
  });

  it("says why the statistics could not be loaded", async () => {
    routes([listing("demo", "bert")], { status: 404, body: { error: { code: 404, message: "no filter_stats step 3 for run 'demo'" } } });
    render();
    await drawn();
    await pruningOverlay();
    expect(testid("overlay-status").textContent).toBe("Could not load the filter statistics: no filter_stats step 3 for run 'demo'");
    expect(debug().overlay().colored).toEqual([]);
    expect(() => debug().selectFilters("encoder.layer.0", [1])).toThrow("the pruning overlay is off");
  });
});
