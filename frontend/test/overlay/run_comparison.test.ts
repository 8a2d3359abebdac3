import { describe, expect, it } from "vitest";
import { compareRows, comparisonRows, defaultBaseline, relativeChange } from "../../src/overlay/run_comparison";
import type { OverlayListing, ScalarsJson } from "../../src/types";
import { listing } from "../overlay_fixtures";
import { DOCS_WEIGHT_GRAPH, weightListing } from "../dynamics_fixtures";

function fsListing(run: string, steps: [number, number, number][]): OverlayListing {
  const series = listing(run, "model", steps.map(([s]) => s));
  series.steps = steps.map(([step, parameter_count, macs]) => ({ step, wall_time: 0, error: null, layers: 3, classes: 10, parameter_count, macs }));
  return series;
}

const ORIGINAL = fsListing("original", [[3, 1000, 8000]]);
const PRUNED = fsListing("pruned", [[5, 250, 1000], [4, 400, 2000]]);
PRUNED.steps.push({ step: 6, wall_time: 0, error: "corrupt" });
const OVERLAYS: OverlayListing[] = [ORIGINAL, weightListing(DOCS_WEIGHT_GRAPH), PRUNED];

describe("comparisonRows", () => {
  it("lists every readable filter_stats step of every run, steps ascending", () => {
    expect(comparisonRows(OVERLAYS)).toEqual([
      { run: "original", tag: "filter_stats", step: 3, parameters: 1000, macs: 8000 },
      { run: "pruned", tag: "filter_stats", step: 4, parameters: 400, macs: 2000 },
      { run: "pruned", tag: "filter_stats", step: 5, parameters: 250, macs: 1000 },
    ]);
    expect(comparisonRows([])).toEqual([]);
  });
});

describe("defaultBaseline", () => {
  const rows = comparisonRows(OVERLAYS);

  it("is the run's row at the step, else its latest, else the first", () => {
    expect(defaultBaseline(rows, "pruned", 4)).toBe(1);
    expect(defaultBaseline(rows, "pruned", null)).toBe(2);
    expect(defaultBaseline(rows, "elsewhere", 1)).toBe(0);
    expect(defaultBaseline([], "pruned", 4)).toBe(-1);
  });
});

describe("relativeChange", () => {
  it("is (value − base) / base", () => {
    expect(relativeChange(250, 1000)).toBe(-0.75);
    expect(relativeChange(1100, 1000)).toBeCloseTo(0.1, 12);
    expect(relativeChange(5, 0)).toBeNull();
  });
});

describe("compareRows", () => {
  const rows = comparisonRows(OVERLAYS);
  const scalars = new Map<string, ScalarsJson>([
    ["original", { run: "original", scalars: { accuracy: [[3, 0.98]] } }],
    ["pruned", { run: "pruned", scalars: { accuracy: [[5, 0.97]], loss: [[5, 0.1]] } }],
  ]);

  it("changes against the baseline and the scalar at the row's step, else the run's last", () => {
    const compared = compareRows(rows, 0, scalars, "accuracy");
    expect(compared.map((r) => [r.parametersChange, r.macsChange, r.baseline])).toEqual([
      [0, 0, true],
      [-0.6, -0.75, false],
      [-0.75, -0.875, false],
    ]);
    expect(compared[0]!.scalar).toEqual({ value: 0.98, step: 3, exact: true });
    expect(compared[1]!.scalar).toEqual({ value: 0.97, step: 5, exact: false });
    expect(compared[2]!.scalar).toEqual({ value: 0.97, step: 5, exact: true });
  });

  it("has no scalar for a run without the tag or not loaded, and no change without a baseline", () => {
    const compared = compareRows(rows, -1, new Map([["pruned", scalars.get("pruned")!]]), "loss");
    expect(compared.map((r) => r.scalar?.value ?? null)).toEqual([null, 0.1, 0.1]);
    expect(compared.every((r) => r.parametersChange === null && !r.baseline)).toBe(true);
  });
});
