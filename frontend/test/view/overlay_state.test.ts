// @vitest-environment node
import { describe, expect, it } from "vitest";
import { availableModes, barState, orderMetric, overlayLink, restoredChoice } from "../../src/view/overlay_state";
import type { OverlayChoice } from "../../src/view/overlay_state";
import { DOCS_SAMPLE, listing } from "../overlay_fixtures";

const OFF: OverlayChoice = { mode: "none", step: 3, metric: "weak_share", weakBy: "discriminability" };
const SERIES = listing("demo", "bert", [1, 3]);

describe("barState", () => {
  it("is hidden without series or message, and offers the modes the series allow", () => {
    expect(barState(OFF, { series: null, hasDynamics: false, stats: null, status: "", error: false })).toBeNull();
    expect(barState(OFF, { series: null, hasDynamics: false, stats: null, status: "Overlays unavailable", error: true })).toMatchObject({ modes: ["none"], steps: [] });
    expect(availableModes(SERIES, true)).toEqual(["none", "pruning", "dynamics"]);
  });

  it("lists steps, metrics and weak-by choices once statistics are loaded", () => {
    const state = barState({ ...OFF, mode: "pruning" }, { series: SERIES, hasDynamics: false, stats: DOCS_SAMPLE, status: "", error: false })!;
    expect(state.steps).toEqual([1, 3]);
    expect(state.metrics.map((m) => m.value)).toEqual(["discriminability", "apoz", "activation_l1", "weight_l1", "weak_share"]);
    expect(state.weakBy.map((m) => m.value)).toEqual(["any", "discriminability", "apoz", "activation_l1", "weight_l1"]);
    expect(barState({ ...OFF, metric: "apoz" }, { series: SERIES, hasDynamics: false, stats: DOCS_SAMPLE, status: "", error: false })!.weakBy).toEqual([]);
  });
});

describe("orderMetric", () => {
  it("is the overlay's metric, else the weak-by metric, else the first", () => {
    expect(orderMetric(DOCS_SAMPLE, "apoz", "any")).toBe("apoz");
    expect(orderMetric(DOCS_SAMPLE, "weak_share", "weight_l1")).toBe("weight_l1");
    expect(orderMetric(DOCS_SAMPLE, "weak_share", "any")).toBe("discriminability");
    expect(orderMetric(null, "apoz", "any")).toBeNull();
  });
});

describe("overlayLink and restoredChoice", () => {
  it("round-trip the pruning overlay's state", () => {
    const on: OverlayChoice = { mode: "pruning", step: 1, metric: "apoz", weakBy: "any" };
    const link = overlayLink(on, "features.0")!;
    expect(link).toEqual({ mode: "pruning", step: 1, metric: "apoz", weakBy: "any", layer: "features.0" });
    expect(restoredChoice(OFF, link, SERIES, false)).toEqual(on);
    expect(overlayLink(OFF, "features.0")).toBeNull();
  });

  it("keep the current step for a step the series cannot read, and ignore modes the graph lacks", () => {
    const link = { mode: "pruning", step: 99, metric: null, weakBy: null, layer: null };
    expect(restoredChoice(OFF, link, SERIES, false)).toEqual({ ...OFF, mode: "pruning" });
    expect(restoredChoice(OFF, link, null, false)).toEqual(OFF);
    expect(restoredChoice(OFF, { ...link, mode: "dynamics" }, SERIES, false)).toEqual(OFF);
    expect(restoredChoice(OFF, { ...link, mode: "dynamics" }, null, true).mode).toBe("dynamics");
  });
});
