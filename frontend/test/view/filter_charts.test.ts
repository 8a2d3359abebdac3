import { describe, expect, it, vi } from "vitest";
import type { ActivationInput } from "../../src/view/filter_charts";
import { activationPaths, activationTooltip, barAt, barRect, cpdChart, cpdPaths, filterActivationChart } from "../../src/view/filter_charts";
import { EVIL } from "../fixtures";

// Three filters drawn in the order 2, 0, 1: filter 2's activation is above 1 (clamped), filter 1's is
// not finite; filter 2's metric is not finite. Filter 0 is selected, filters 2 and 0 are brushed.
function input(overrides: Partial<ActivationInput> = {}): ActivationInput {
  return {
    activation: Float32Array.of(0.5, NaN, 1.5),
    metric: [1, 3, NaN],
    metricLabel: "APoZ (%)",
    order: [2, 0, 1],
    selected: new Set([0]),
    brushed: new Set([2, 0]),
    ...overrides,
  };
}

/** The chart, 300 CSS px wide like its viewBox, so client x is SVG x. */
function mounted(chart: SVGSVGElement): SVGSVGElement {
  document.body.replaceChildren(chart);
  vi.spyOn(chart, "getBoundingClientRect").mockReturnValue({ left: 0, top: 0, width: 300, height: 100, right: 300, bottom: 100, x: 0, y: 0, toJSON: () => ({}) });
  return chart;
}

function pointer(target: Element, type: string, clientX: number): void {
  target.dispatchEvent(new MouseEvent(type, { clientX, button: 0, bubbles: true }));
}

describe("barRect", () => {
  it("stands a bar on its base, up for a positive length and down for a negative one", () => {
    expect(barRect(1, 3, 64, 16)).toEqual({ x: 100, y: 48, width: 99, height: 16 });
    expect(barRect(2, 3, 36, -10)).toEqual({ x: 200, y: 36, width: 99, height: 10 });
  });

  it("keeps a zero visible and narrow slots at least half a unit wide", () => {
    expect(barRect(0, 3, 64, 0)).toEqual({ x: 0, y: 63.5, width: 99, height: 0.5 });
    const narrow = barRect(2047, 2048, 64, 64);
    expect(narrow.x).toBeCloseTo((300 / 2048) * 2047, 9);
    expect(narrow.width).toBe(0.5);
  });
});

describe("barAt", () => {
  it("is the position under x, null outside the chart", () => {
    expect([barAt(0, 3), barAt(99.9, 3), barAt(100, 3), barAt(299.99, 3)]).toEqual([0, 0, 1, 2]);
    expect([barAt(-0.1, 3), barAt(300, 3), barAt(NaN, 3), barAt(10, 0)]).toEqual([null, null, null, null]);
  });
});

describe("activationPaths", () => {
  it("draws each series as one path, selected bars in their own, from the values", () => {
    expect(activationPaths(input())).toEqual({
      // Filter 2 (a = 1.5, clamped to 1) fills the bars' height at position 0; filter 0 (a = 0.5) half of it.
      bars: "M0 0h99v64h-99z",
      selectedBars: "M100 32h99v32h-99z",
      // The metric from its layer's min (1: a sliver) to max (3: full height), under the bars.
      metricBars: "M200 70h99v28h-99z",
      selectedMetricBars: "M100 97.5h99v0.5h-99z",
      // Filters 2 and 0 are neighbours in the order: one band.
      bands: "M0 0h200v98h-200z",
    });
  });

  it("draws no bar where a value is not finite", () => {
    const paths = activationPaths(input({ activation: [NaN, Infinity, -Infinity], metric: [NaN, NaN, NaN], selected: new Set(), brushed: new Set() }));
    expect(paths).toEqual({ bars: "", selectedBars: "", metricBars: "", selectedMetricBars: "", bands: "" });
  });

  it("draws equal metric values at half height", () => {
    expect(activationPaths(input({ metric: [2, 2, 2], selected: new Set() })).metricBars).toBe("M0 84h99v14h-99zM100 84h99v14h-99zM200 84h99v14h-99z");
  });
});

describe("activationTooltip", () => {
  it("names the filter at a position with its activation and metric, NaN where not finite", () => {
    expect(activationTooltip(input(), 1)).toBe("filter 0: a = 0.5, APoZ (%) 1");
    expect(activationTooltip(input(), 2)).toBe("filter 1: a = NaN, APoZ (%) 3");
    expect(activationTooltip(input(), 0)).toBe("filter 2: a = 1.5, APoZ (%) NaN");
    expect([activationTooltip(input(), null), activationTooltip(input(), 3)]).toEqual([null, null]);
  });
});

describe("filterActivationChart", () => {
  it("draws 2,048 filters as a few paths, with one tooltip made on first hover", () => {
    const n = 2048;
    const order = Array.from({ length: n }, (_, i) => n - 1 - i);
    const chart = mounted(filterActivationChart(
      { activation: new Float32Array(n).fill(0.25), metric: Array.from({ length: n }, (_, f) => f), metricLabel: EVIL, order, selected: new Set([5]), brushed: new Set() },
      { brush: vi.fn(), toggle: vi.fn() },
    ));
    expect([...chart.querySelectorAll("rect")].map((r) => r.getAttribute("class"))).toEqual(["gf-brush-rect", "gf-brush"]);
    expect(chart.querySelectorAll("path")).toHaveLength(5);
    expect(chart.querySelector("path.gf-bar:not(.gf-selected)")!.getAttribute("d")!.match(/M/g)).toHaveLength(n - 1);
    expect(chart.querySelector("title")).toBeNull();

    const brush = chart.querySelector('[data-testid="filter-brush"]')!;
    pointer(brush, "pointerover", 0.1);
    expect(chart.querySelectorAll("title")).toHaveLength(1);
    expect(chart.querySelector("title")!.textContent).toBe(`filter 2047: a = 0.25, ${EVIL} 2050`);
    pointer(brush, "pointermove", 299.9);
    expect(chart.querySelectorAll("title")).toHaveLength(1);
    expect(chart.querySelector("title")!.textContent).toBe(`filter 0: a = 0.25, ${EVIL} 0`);
    expect(chart.querySelector("img, script")).toBeNull();
  });

  it("toggles the filter under a click and brushes the filters a drag covers", () => {
    const handlers = { brush: vi.fn(), toggle: vi.fn() };
    const chart = mounted(filterActivationChart(input(), handlers));
    const brush = chart.querySelector('[data-testid="filter-brush"]')!;
    pointer(brush, "pointerdown", 150);
    pointer(brush, "pointerup", 150.5);
    expect(handlers.toggle).toHaveBeenCalledWith(0);
    pointer(brush, "pointerdown", 2);
    pointer(brush, "pointermove", 120);
    expect(chart.querySelector(".gf-brush-rect")!.hasAttribute("hidden")).toBe(false);
    pointer(brush, "pointerup", 140);
    expect(handlers.brush).toHaveBeenCalledWith([0, 2]);
    expect(chart.querySelector(".gf-brush-rect")!.hasAttribute("hidden")).toBe(true);
  });
});

describe("cpdChart", () => {
  it("draws differences up and down from the zero line on a symmetric scale, none where not finite", () => {
    // Scale 1 (the largest |d|); half height 36, bars up to 34 units.
    expect(cpdPaths([0.5, -1, NaN], [0, 1, 2])).toEqual({ positive: "M0 19h99v17h-99z", negative: "M100 36h99v34h-99z" });
    expect(cpdPaths([NaN, Infinity], [0, 1])).toEqual({ positive: "", negative: "" });
  });

  it("says which filter's difference is under the pointer", () => {
    const chart = mounted(cpdChart([0.5, -1, NaN], [2, 1, 0]));
    expect(chart.querySelector("title")).toBeNull();
    const hit = chart.querySelector(".gf-chart-hit")!;
    pointer(hit, "pointerover", 150);
    expect(chart.querySelector("title")!.textContent).toBe("filter 1: CPD -1");
    pointer(hit, "pointermove", 10);
    expect(chart.querySelector("title")!.textContent).toBe("filter 2: CPD NaN");
  });
});
