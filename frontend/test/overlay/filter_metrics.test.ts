import { describe, expect, it } from "vitest";
import {
  APOZ_WEAK_PERCENT,
  WEAK_SHARE,
  filterOrder,
  formatValue,
  isWeak,
  layerValues,
  quantile,
  weakFilters,
  weakRules,
  weakestFilters,
} from "../../src/overlay/filter_metrics";
import { DOCS_SAMPLE, layer, stats } from "../overlay_fixtures";

const FEATURES = DOCS_SAMPLE.layers[0]!;

describe("weakRules", () => {
  it("counts APoZ at or above 90% as weak", () => {
    expect(weakRules(DOCS_SAMPLE, "apoz")).toEqual([{ key: "apoz", weak: "high", threshold: APOZ_WEAK_PERCENT, description: "APoZ (%) ≥ 90" }]);
  });

  it("takes the bottom decile of the whole model for a metric that is weak when low", () => {
    // 4 filters: the nearest-rank 10% quantile is the smallest value.
    const [rule] = weakRules(DOCS_SAMPLE, "discriminability");
    expect(rule).toMatchObject({ key: "discriminability", weak: "low", threshold: 0.02 });
    expect(rule!.description).toBe("Discriminability ≤ 0.02 (weakest 10% of the model)");
  });

  it("pools the filters of every layer", () => {
    const s = stats([layer("a", 10, 0), layer("b", 10, 0)], []);
    // discriminability is 1..10 in both layers: 20 values, the 2nd smallest is 1.
    expect(weakRules(s, "discriminability")[0]!.threshold).toBe(1);
  });

  it("gives one rule per metric for 'any'", () => {
    expect(weakRules(DOCS_SAMPLE).map((r) => r.key)).toEqual(["discriminability", "apoz", "activation_l1", "weight_l1"]);
  });
});

describe("isWeak", () => {
  it("compares in the weak direction, inclusive", () => {
    expect(isWeak(0.02, { weak: "low", threshold: 0.02 })).toBe(true);
    expect(isWeak(0.03, { weak: "low", threshold: 0.02 })).toBe(false);
    expect(isWeak(90, { weak: "high", threshold: 90 })).toBe(true);
  });

  it("never counts a missing value", () => {
    expect(isWeak(NaN, { weak: "low", threshold: 1 })).toBe(false);
  });
});

describe("weakFilters", () => {
  it("marks filters weak by any of the rules", () => {
    // Filter 1 is the weakest by every metric; no other filter is weak by any.
    expect(weakFilters(FEATURES, weakRules(DOCS_SAMPLE))).toEqual([false, true, false, false]);
  });
});

describe("layerValues", () => {
  it("averages a metric over the layer's filters", () => {
    const [value] = layerValues(DOCS_SAMPLE, "apoz");
    expect(value!.module).toBe("features.0");
    expect(value!.weight).toBe(4);
    expect(value!.value).toBeCloseTo((35 + 99.5 + 20.1 + 0) / 4, 10);
  });

  it("gives the share of weak filters", () => {
    expect(layerValues(DOCS_SAMPLE, WEAK_SHARE, weakRules(DOCS_SAMPLE))).toEqual([{ module: "features.0", value: 0.25, weight: 4 }]);
  });

  it("leaves out a layer without finite values", () => {
    const s = stats([layer("a", 2, 0, { metrics: { ...layer("a", 2, 0).metrics, apoz: [] } })], []);
    expect(layerValues(s, "apoz")).toEqual([]);
  });
});

describe("filterOrder", () => {
  it("puts the weakest first", () => {
    expect(filterOrder(FEATURES.metrics.discriminability, "low")).toEqual([1, 3, 0, 2]);
    expect(filterOrder(FEATURES.metrics.apoz, "high")).toEqual([1, 0, 2, 3]);
  });

  it("keeps index order on ties and puts missing values last", () => {
    expect(filterOrder([1, 1, 0], "low")).toEqual([2, 0, 1]);
    expect(filterOrder([2, NaN, 1], "low")).toEqual([2, 0, 1]);
  });

  it("is empty for no filters", () => {
    expect(filterOrder([], "low")).toEqual([]);
  });
});

describe("weakestFilters", () => {
  it("picks the weakest share, sorted by index", () => {
    expect(weakestFilters(FEATURES.metrics.discriminability, "low", 50)).toEqual([1, 3]);
    expect(weakestFilters(FEATURES.metrics.apoz, "high", 25)).toEqual([1]);
  });

  it("clamps the percentage", () => {
    expect(weakestFilters([3, 1], "low", 250)).toEqual([0, 1]);
    expect(weakestFilters([3, 1], "low", -5)).toEqual([]);
  });
});

describe("quantile", () => {
  it("is nearest-rank", () => {
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 3], 0)).toBe(1);
    expect(quantile([5, 1, 3], 1)).toBe(5);
  });

  it("is NaN for no values", () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("formatValue", () => {
  it("keeps three significant digits", () => {
    expect(formatValue(1234.5)).toBe("1230");
    expect(formatValue(0.125)).toBe("0.125");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(0.000012)).toBe("1.20e-5");
  });
});
