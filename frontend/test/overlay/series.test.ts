import { describe, expect, it } from "vitest";
import { defaultStep, filterSeriesFor, readableSteps, seriesOfEveryRun, weightSeriesFor } from "../../src/overlay/series";
import type { OverlayListing } from "../../src/types";
import { listing } from "../overlay_fixtures";

const WEIGHTS: OverlayListing = { run: "demo", tag: "weight_graph", kind: "weight_graph", graph_tag: "bert", steps: [] };

describe("filterSeriesFor", () => {
  it("takes the run's series of the graph's tag", () => {
    const overlays = [WEIGHTS, listing("demo", "other", [1], "fs_other"), listing("demo", "bert")];
    expect(filterSeriesFor(overlays, "demo", "bert")?.tag).toBe("filter_stats");
  });

  it("falls back to the run's only series", () => {
    expect(filterSeriesFor([WEIGHTS, listing("demo", "")], "demo", "bert")?.run).toBe("demo");
  });

  it("does not guess between several", () => {
    expect(filterSeriesFor([listing("demo", "a", [1], "x"), listing("demo", "b", [1], "y")], "demo", "bert")).toBeNull();
  });

  it("never takes another run's", () => {
    expect(filterSeriesFor([listing("other", "bert")], "demo", "bert")).toBeNull();
    expect(filterSeriesFor([WEIGHTS], "demo", "bert")).toBeNull();
  });
});

describe("steps", () => {
  const series = listing("demo", "bert", [7, 3]);
  series.steps.push({ step: 9, wall_time: 0, error: "corrupt" });

  it("lists readable steps, oldest first", () => {
    expect(readableSteps(series)).toEqual([3, 7]);
  });

  it("defaults to the wanted step when readable, else the latest", () => {
    expect(defaultStep(series, 3)).toBe(3);
    expect(defaultStep(series, 9)).toBe(7);
    expect(defaultStep(series)).toBe(7);
    expect(defaultStep(listing("demo", "bert", []))).toBeNull();
  });
});

describe("weightSeriesFor", () => {
  it("picks a weight_graph series as filterSeriesFor picks filter statistics", () => {
    const other = { ...WEIGHTS, tag: "wg_other", graph_tag: "other" };
    expect(weightSeriesFor([listing("demo", "bert"), other, WEIGHTS], "demo", "bert")).toBe(WEIGHTS);
    expect(weightSeriesFor([listing("demo", "bert"), other], "demo", "bert")).toBe(other);
    expect(weightSeriesFor([listing("demo", "bert")], "demo", "bert")).toBeNull();
  });
});

describe("seriesOfEveryRun", () => {
  it("picks one series per run in listing order, leaving out runs that do not say which", () => {
    const b = { ...WEIGHTS, run: "b" };
    const c1 = { ...WEIGHTS, run: "c", tag: "x", graph_tag: "x" };
    const c2 = { ...WEIGHTS, run: "c", tag: "y", graph_tag: "y" };
    expect(seriesOfEveryRun([b, listing("a", "bert"), WEIGHTS, c1, c2], "weight_graph", "bert")).toEqual([b, WEIGHTS]);
    expect(seriesOfEveryRun([b, listing("a", "bert")], "filter_stats", "bert").map((s) => s.run)).toEqual(["a"]);
  });
});
