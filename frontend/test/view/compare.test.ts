import { describe, expect, it } from "vitest";
import { render } from "../../src/index";
import type { FilterStatsListing, OverlayListing, ScalarsJson } from "../../src/types";
import { EVIL } from "../fixtures";
import { group, layer, listing, stats } from "../overlay_fixtures";
import { all, debug, drawn, pick, routeUrl, serve, testid, useTabPerTest } from "./overlay_harness";

const STATS = stats([layer("encoder.layer.0", 6, 0)], [group(["encoder.layer.0"], 6)], { run: "demo", step: 3 });

/** Run `run`'s filter_stats steps as [step, parameters, MACs]. */
function sized(run: string, steps: [number, number, number][]): FilterStatsListing {
  const series = listing(run, "bert");
  series.steps = steps.map(([step, parameter_count, macs]) => ({ step, wall_time: 0, error: null, layers: 1, classes: 3, parameter_count, macs }));
  return series;
}

/** "demo" is the original (step 3); a run named after markup holds the pruned model at steps 4 and 5. */
const OVERLAYS: OverlayListing[] = [sized("demo", [[3, 1000, 8000]]), sized(EVIL, [[4, 400, 2000], [5, 250, 1000]])];
const SCALARS: Record<string, ScalarsJson> = {
  demo: { run: "demo", scalars: { accuracy: [[3, 0.9833]], parameters: [[3, 1000]] } },
  [EVIL]: { run: EVIL, scalars: { accuracy: [[5, 0.9722]] } },
};

function routes(overlays: OverlayListing[]) {
  serve({
    overlays: { body: { overlays } },
    [routeUrl("filter_stats", { run: "demo", tag: "filter_stats", step: "3" })]: { body: STATS },
    ...Object.fromEntries(Object.entries(SCALARS).map(([run, body]) => [routeUrl("scalars", { run }), { body }])),
  });
}

async function pruningOverlay(): Promise<void> {
  render();
  await drawn();
  await pick("overlay-mode", "pruning");
}

useTabPerTest();

describe("the run comparison", () => {
  it("lists every run's filter_stats steps against the shown run's", async () => {
    routes(OVERLAYS);
    await pruningOverlay();
    expect(testid("compare-runs").hidden).toBe(false);
    const rows = debug().compare();
    expect(rows.map((r) => [r.run, r.step, r.parameters, r.macs, r.parametersChange, r.macsChange, r.baseline])).toEqual([
      ["demo", 3, 1000, 8000, 0, 0, true],
      [EVIL, 4, 400, 2000, -0.6, -0.75, false],
      [EVIL, 5, 250, 1000, -0.75, -0.875, false],
    ]);
    expect(rows.map((r) => r.scalar)).toEqual([
      { tag: "accuracy", value: 0.9833, step: 3, exact: true },
      { tag: "accuracy", value: 0.9722, step: 5, exact: false },
      { tag: "accuracy", value: 0.9722, step: 5, exact: true },
    ]);
    const cells = all("compare-row").map((r) => [...r.children].map((c) => c.textContent));
    expect(cells[2]).toEqual([`${EVIL}step 5`, "250−75.0%", "1K−87.5%", "0.9722"]);
    expect(cells[1]![3]).toBe("0.9722*");
    const scalar = all("compare-scalar-value");
    expect(scalar[1]!.title).toBe("accuracy: the run's last value (step 5); none logged at step 4: 0.9722");
    expect(scalar[0]!.title).toBe("accuracy at step 3: 0.9833");
  });

  it("changes against the baseline picked, and shows the scalar picked", async () => {
    routes(OVERLAYS);
    await pruningOverlay();
    await pick("compare-baseline", "2");
    expect(debug().compare().map((r) => r.parametersChange)).toEqual([3, 0.6, 0]);
    expect([...testid<HTMLSelectElement>("compare-scalar").options].map((o) => o.value)).toEqual(["accuracy", "parameters"]);
    await pick("compare-scalar", "parameters");
    expect(debug().compare().map((r) => r.scalar?.value ?? null)).toEqual([1000, null, null]);
    expect(all("compare-scalar-value")[1]!.title).toBe(`the run logged no parameters`);
  });

  it("is hidden outside the pruning overlay and inserts names as text", async () => {
    routes(OVERLAYS);
    await pruningOverlay();
    expect(testid("compare-table").textContent).toContain(EVIL);
    expect(document.querySelector("img")).toBeNull();
    await pick("overlay-mode", "none");
    expect(testid("compare-runs").hidden).toBe(true);
    expect(debug().compare()).toEqual([]);
  });
});
