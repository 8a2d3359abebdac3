import { describe, expect, it } from "vitest";
import { defaultProperty, dynamicsRange, hasLayer, itemSeries, layerHistory, layerValuesAt, readableWeightSteps, statValue } from "../../src/overlay/dynamics";
import type { OverlayTarget } from "../../src/overlay/item_values";
import type { WeightGraphJson } from "../../src/types";
import { DOCS_WEIGHT_GRAPH, prop, weightGraph, wgLayer } from "../dynamics_fixtures";

const DOCS_LAYER = DOCS_WEIGHT_GRAPH.steps[0]!;

/** enc.0 (2 nodes) and enc.1 (6 nodes) at step 0; only enc.0 at step 10; an unreadable step 5 between. */
const SERIES: WeightGraphJson = (() => {
  const series = weightGraph("demo", [
    [10, [wgLayer("enc.0", 2, 5)]],
    [0, [wgLayer("enc.0", 2, 1), wgLayer("enc.1", 6, 3)]],
  ]);
  series.steps.push({ step: 5, wall_time: 0, error: "step 5: the weight_graph blob is corrupt" });
  return series;
})();

const TARGETS: OverlayTarget[] = [
  { id: "m:enc", kind: "aggregate", paths: ["enc"] },
  { id: "n:x", kind: "layer", paths: ["enc.0"] },
  { id: "n:y", kind: "layer", paths: ["enc.1"] },
  { id: "n:z", kind: "layer", paths: ["head"] },
];

describe("statValue", () => {
  it("reads mean, std, the median (quantiles[2]) and the max (quantiles[4])", () => {
    const summary = "layers" in DOCS_LAYER ? DOCS_LAYER.layers[0]!.properties["weighted_degree"] : undefined;
    expect(statValue(summary, "mean")).toBe(1.2);
    expect(statValue(summary, "std")).toBe(0.3);
    expect(statValue(summary, "median")).toBe(1.2);
    expect(statValue(summary, "max")).toBe(2.0);
  });

  it("is NaN for a property the layer lacks", () => {
    expect(statValue(undefined, "mean")).toBeNaN();
    expect(statValue({ ...prop(1), quantiles: [] }, "max")).toBeNaN();
  });
});

describe("readableWeightSteps", () => {
  it("skips unreadable steps, oldest first", () => {
    expect(readableWeightSteps(SERIES).map((s) => s.step)).toEqual([0, 10]);
  });
});

describe("defaultProperty", () => {
  it("prefers weighted_degree, else the first, and keeps a current one that is listed", () => {
    expect(defaultProperty(["eigenvector_centrality", "weighted_degree"])).toBe("weighted_degree");
    expect(defaultProperty(["b", "a"])).toBe("b");
    expect(defaultProperty(["eigenvector_centrality", "weighted_degree"], "eigenvector_centrality")).toBe("eigenvector_centrality");
    expect(defaultProperty(["weighted_degree"], "gone")).toBe("weighted_degree");
    expect(defaultProperty([])).toBeNull();
  });
});

describe("layerValuesAt", () => {
  it("weights each layer by its node count", () => {
    const [first] = readableWeightSteps(SERIES);
    expect(layerValuesAt(first!, "weighted_degree", "mean")).toEqual([
      { module: "enc.0", value: 1, weight: 2 },
      { module: "enc.1", value: 3, weight: 6 },
    ]);
    // prop(3) has quantiles 1, 2, 3, 4, 5.
    expect(layerValuesAt(first!, "weighted_degree", "max")[1]).toEqual({ module: "enc.1", value: 5, weight: 6 });
  });

  it("leaves out layers without the property", () => {
    expect(layerValuesAt(readableWeightSteps(SERIES)[0]!, "unknown", "mean")).toEqual([]);
  });
});

describe("itemSeries", () => {
  it("gives each item its value per step, aggregates weighted by node count", () => {
    const series = itemSeries(readableWeightSteps(SERIES), TARGETS, "weighted_degree", "mean");
    // Step 0: (2·1 + 6·3) / 8 = 2.5; step 10: enc.0 alone, 5.
    expect(series.get("m:enc")).toEqual([2.5, 5]);
    expect(series.get("n:x")).toEqual([1, 5]);
    expect(series.get("n:y")).toEqual([3, NaN]);
    expect(series.has("n:z")).toBe(false);
  });
});

describe("dynamicsRange", () => {
  it("spans every layer at every step", () => {
    expect(dynamicsRange(readableWeightSteps(SERIES), "weighted_degree", "mean")).toEqual([1, 5]);
    // std is 1 everywhere.
    expect(dynamicsRange(readableWeightSteps(SERIES), "weighted_degree", "std")).toEqual([1, 1]);
    expect(dynamicsRange([], "weighted_degree", "mean")).toBeNull();
  });
});

describe("layerHistory", () => {
  it("lists the layer's steps with mean, std, quantiles and top channels", () => {
    const steps = readableWeightSteps(SERIES);
    expect(layerHistory(steps, "enc.1", "weighted_degree")).toEqual([{ step: 0, mean: 3, std: 1, quantiles: [1, 2, 3, 4, 5], top: [[0, 5], [1, 4]] }]);
    expect(layerHistory(steps, "enc.0", "weighted_degree").map((h) => h.step)).toEqual([0, 10]);
    expect(hasLayer(steps, "enc.1")).toBe(true);
    expect(hasLayer(steps, "head")).toBe(false);
  });
});
