import { describe, expect, it } from "vitest";
import {
  SUMMARY_CSV_HEADER,
  clampK,
  csvText,
  featureValues,
  lastValue,
  maxSummaryK,
  summaryCsv,
  summaryModules,
  summaryProperties,
  trainingSummary,
} from "../../src/overlay/training_summary";
import type { RunSeries } from "../../src/overlay/training_summary";
import { weightGraph, wgLayer } from "../dynamics_fixtures";

/** Run a: enc.0's degree 1, 2, 3 at steps 0, 10, 20. Run b: enc.0's 4, 6 at steps 0, 5; enc.1 (7) only at step 5. */
const RUNS: RunSeries[] = [
  { run: "a", series: weightGraph("a", [[0, [wgLayer("enc.0", 4, 1, 0.5)]], [10, [wgLayer("enc.0", 4, 2, 0.5)]], [20, [wgLayer("enc.0", 4, 3, 0.5)]]]) },
  { run: "b", series: weightGraph("b", [[5, [wgLayer("enc.0", 4, 6, 0.5), wgLayer("enc.1", 2, 7, 0.5)]], [0, [wgLayer("enc.0", 4, 4, 0.5)]]]) },
];

describe("maxSummaryK and clampK", () => {
  it("k goes up to the most steps any run logged", () => {
    expect(maxSummaryK(RUNS)).toBe(3);
    expect(maxSummaryK([])).toBe(0);
  });

  it("keeps k whole and within 1..max", () => {
    expect(clampK(5, 3)).toBe(3);
    expect(clampK(0, 3)).toBe(1);
    expect(clampK(2.4, 3)).toBe(2);
    expect(clampK(Number.NaN, 9)).toBe(5);
    expect(clampK(2, 0)).toBe(0);
  });
});

describe("trainingSummary", () => {
  const summary = trainingSummary(RUNS, 2, "accuracy", new Map([["a", 0.9]]));

  it("takes each run's first k readable steps", () => {
    expect(summary.k).toBe(2);
    expect(summary.steps).toEqual({ a: [0, 10], b: [0, 5] });
    expect(summary.scalar).toBe("accuracy");
    expect(summary.final).toEqual({ a: 0.9, b: null });
  });

  it("holds every statistic of every property per layer, null where the layer is missing", () => {
    // prop(m) has std 1 and quantiles m-2 .. m+2: the median is m, the max m+2.
    expect(summary.runs["a"]!["enc.0"]!["weighted_degree"]).toEqual({ mean: [1, 2], std: [1, 1], median: [1, 2], max: [3, 4] });
    expect(summary.runs["a"]!["enc.0"]!["eigenvector_centrality"]!.mean).toEqual([0.5, 0.5]);
    expect(summary.runs["b"]!["enc.1"]!["weighted_degree"]!.mean).toEqual([null, 7]);
    expect(Object.keys(summary.runs["a"]!)).toEqual(["enc.0"]);
  });

  it("lists modules and properties in first-seen order and reads features per run", () => {
    expect(summaryModules(summary)).toEqual(["enc.0", "enc.1"]);
    expect(summaryProperties(summary)).toEqual(["weighted_degree", "eigenvector_centrality"]);
    expect(featureValues(summary, "enc.1", "weighted_degree", "max")).toEqual(new Map([["a", []], ["b", [null, 9]]]));
  });
});

describe("lastValue", () => {
  it("is the last value present", () => {
    expect(lastValue([1, 2, null])).toBe(2);
    expect(lastValue([null])).toBeNull();
    expect(lastValue([])).toBeNull();
  });
});

describe("summaryCsv", () => {
  it("writes the header and one row per value, steps as logged", () => {
    const csv = summaryCsv(trainingSummary(RUNS.slice(0, 1), 2, null, new Map()));
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(SUMMARY_CSV_HEADER);
    // 1 layer × 2 properties × 4 statistics × 2 steps.
    expect(lines).toHaveLength(1 + 16);
    expect(lines[1]).toBe("a,enc.0,weighted_degree,mean,0,1");
    expect(lines[2]).toBe("a,enc.0,weighted_degree,mean,10,2");
    expect(lines).toContain("a,enc.0,weighted_degree,max,10,4");
    expect(csv.endsWith("\n")).toBe(true);
  });

  it("leaves a missing value empty", () => {
    expect(summaryCsv(trainingSummary(RUNS, 2, null, new Map()))).toContain("b,enc.1,weighted_degree,mean,0,\n");
  });

  it("quotes names from the log and keeps spreadsheets from running them", () => {
    const evil = [{ run: 'x,"y"', series: weightGraph("x", [[0, [wgLayer("=HYPERLINK(1)", 1, 1)]]]) }];
    const rows = summaryCsv(trainingSummary(evil, 1, null, new Map())).split("\n");
    expect(rows[1]).toBe(`"x,""y""",'=HYPERLINK(1),weighted_degree,mean,0,1`);
  });
});

describe("csvText", () => {
  it("quotes commas, quotes, line breaks and outer spaces", () => {
    expect(csvText("plain.name")).toBe("plain.name");
    expect(csvText('a,"b"')).toBe('"a,""b"""');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
    expect(csvText(" padded")).toBe('" padded"');
  });

  it("prefixes formula starts with a quote", () => {
    expect(csvText("=1+1")).toBe("'=1+1");
    expect(csvText("+x")).toBe("'+x");
    expect(csvText("-x")).toBe("'-x");
    expect(csvText("@x")).toBe("'@x");
  });
});
