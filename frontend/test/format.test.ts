import { describe, expect, it } from "vitest";
import { formatBytes, formatChange, formatCompact, formatCount, plural } from "../src/format";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [2390, "2,390"],
    [109482240, "109,482,240"],
  ])("%d -> %s", (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe("formatCompact", () => {
  it.each([
    [0, "0"],
    [512, "512"],
    [1500, "1.5K"],
    [2_000_000, "2M"],
    [109_482_240, "109.5M"],
    [999_960, "1M"],
    [7_241_732_096, "7.2B"],
    [-1500, "-1.5K"],
  ])("%d -> %s", (n, text) => {
    expect(formatCompact(n)).toBe(text);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [900, "900 B"],
    [5000, "4.9 KB"],
    [187_310, "183 KB"],
    [401_234, "392 KB"],
    [1_290_381, "1.2 MB"],
    [1024 * 1024 - 1, "1 MB"],
  ])("%d -> %s", (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe("plural", () => {
  it("uses the singular for one", () => {
    expect(plural(1, "node")).toBe("1 node");
    expect(plural(0, "node")).toBe("0 nodes");
    expect(plural(2390, "node")).toBe("2,390 nodes");
  });
});

describe("formatChange", () => {
  it.each([
    [100, 85, "−15.0%"],
    [100, 105, "+5.0%"],
    [58634, 15498, "−73.6%"],
    [100, 100, "0%"],
    [0, 5, "—"],
  ])("%d -> %d: %s", (before, after, text) => {
    expect(formatChange(before, after)).toBe(text);
  });
});
