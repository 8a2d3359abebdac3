import { describe, expect, it } from "vitest";
import { LEVELS, LIGHT_RAMP, legendStops, rampColor, sequentialScale, valueRange } from "../../src/overlay/color_scale";

describe("sequentialScale", () => {
  it("draws the weak end intense", () => {
    const high = sequentialScale(0, 10, "high", LIGHT_RAMP);
    expect(high.color(10)).toBe("#e34a33");
    expect(high.color(0)).toBe("#fef0d9");
    const low = sequentialScale(0, 10, "low", LIGHT_RAMP);
    expect(low.color(0)).toBe("#e34a33");
    expect(low.color(10)).toBe("#fef0d9");
  });

  it("clamps values outside the range", () => {
    const scale = sequentialScale(0, 10, "high", LIGHT_RAMP);
    expect(scale.color(20)).toBe(scale.color(10));
    expect(scale.color(-3)).toBe(scale.color(0));
  });

  it("quantises into LEVELS steps", () => {
    const scale = sequentialScale(0, 10, "high", LIGHT_RAMP);
    expect(scale.intensity(5)).toBe(16 / (LEVELS - 1));
    const colours = new Set(Array.from({ length: 1000 }, (_, i) => scale.color(i / 100)));
    expect(colours.size).toBe(LEVELS);
  });

  it("draws an empty range at half intensity", () => {
    expect(sequentialScale(3, 3, "low", LIGHT_RAMP).intensity(3)).toBe(16 / (LEVELS - 1));
  });
});

describe("rampColor", () => {
  it("interpolates between the stops", () => {
    expect(rampColor(LIGHT_RAMP, 0.5)).toBe("#fdbb84");
    expect(rampColor(["#000000", "#808080", "#ffffff"], 0.25)).toBe("#404040");
  });

  it("names a colour it cannot read", () => {
    expect(() => rampColor(["red", "#808080", "#ffffff"], 0)).toThrow('"red" is not a #rrggbb colour');
  });
});

describe("legendStops", () => {
  it("runs from min (left) to max, the weak end intense", () => {
    const low = legendStops(sequentialScale(0, 1, "low", LIGHT_RAMP), LIGHT_RAMP, 3);
    expect(low).toEqual([
      { offset: 0, color: "#e34a33" },
      { offset: 0.5, color: "#fdbb84" },
      { offset: 1, color: "#fef0d9" },
    ]);
    const high = legendStops(sequentialScale(0, 1, "high", LIGHT_RAMP), LIGHT_RAMP, 2);
    expect(high.map((s) => s.color)).toEqual(["#fef0d9", "#e34a33"]);
  });
});

describe("valueRange", () => {
  it("skips values that are not finite", () => {
    expect(valueRange([3, NaN, -1, Infinity])).toEqual([-1, 3]);
  });

  it("is null for no values", () => {
    expect(valueRange([])).toBeNull();
  });
});
