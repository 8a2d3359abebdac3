import { describe, expect, it } from "vitest";
import { createPlanController } from "../../src/view/plan_controller";
import type { FilterStatsJson } from "../../src/types";
import { DOCS_SAMPLE } from "../overlay_fixtures";

function setUp(initial: FilterStatsJson | null = DOCS_SAMPLE, on = true) {
  const state = { stats: initial, on };
  const plans = createPlanController({ stats: () => state.stats, on: () => state.on });
  const layers = () => [...plans.element.querySelectorAll("[data-testid=plan-layer]")].map((e) => e.getAttribute("data-module"));
  return { state, plans, layers };
}

describe("createPlanController", () => {
  it("refuses to add without statistics", () => {
    const { plans } = setUp(null);
    expect(plans.add("features.0", [1])).toBe("no filter statistics are loaded");
    expect(plans.json()).toBeNull();
  });

  it("adds a layer's filters, shows them, and gives the plan as it would download", () => {
    const { plans, layers } = setUp();
    expect(plans.add("features.0", [2, 1, 2])).toBeNull();
    expect(plans.json()!.layers).toEqual({ "features.0": { filter_count: 4, remove: [1, 2] } });
    expect(layers()).toEqual(["features.0"]);
  });

  it("keeps the plan and says why when an addition is refused", () => {
    const { plans } = setUp();
    plans.add("features.0", [1]);
    const refusal = plans.add("features.0", [0, 1, 2, 3]);
    expect(refusal).toMatch(/^Not added: /);
    expect(plans.element.querySelector("[data-testid=plan-message]")!.textContent).toBe(refusal);
    expect(plans.json()!.layers).toEqual({ "features.0": { filter_count: 4, remove: [1] } });
  });

  it("starts empty after reset, and shows nothing while the overlay is off", () => {
    const { state, plans, layers } = setUp();
    plans.add("features.0", [1]);
    state.on = false;
    plans.show();
    expect(layers()).toEqual([]);
    plans.reset();
    state.on = true;
    plans.show();
    expect(plans.json()!.layers).toEqual({});
  });
});
