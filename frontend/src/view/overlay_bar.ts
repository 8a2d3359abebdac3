/**
 * The overlay controls above the graph (mode, step, metric, what counts as
 * weak) and the legend drawn over the canvas. Both only show what the
 * overlay controller tells them and report what the user picks.
 */

import type { ColorScale, Ramp } from "../overlay/color_scale";
import { legendStops } from "../overlay/color_scale";
import { formatValue } from "../overlay/filter_metrics";
import { h, option, replaceChildren } from "./dom";

/** Overlay modes; "dynamics" (training dynamics) is still to come. */
export type OverlayMode = "none" | "pruning";

export interface OverlayBarState {
  mode: OverlayMode;
  /** Readable steps of the series; the picker shows only when there are several. */
  steps: number[];
  step: number | null;
  metrics: { value: string; label: string }[];
  metric: string;
  /** What makes a filter weak, for the share of weak filters; empty hides the picker. */
  weakBy: { value: string; label: string }[];
  weakByValue: string;
  /** Loading or error text; "" hides it. */
  status: string;
  error: boolean;
}

export interface OverlayBar {
  element: HTMLElement;
  show(state: OverlayBarState | null): void;
}

export function createOverlayBar(handlers: {
  mode(mode: OverlayMode): void;
  step(step: number): void;
  metric(metric: string): void;
  weakBy(weakBy: string): void;
}): OverlayBar {
  const mode = h("select", { "data-testid": "overlay-mode", "aria-label": "Overlay" });
  mode.append(option("none", "None"), option("pruning", "Pruning metrics"));
  const step = h("select", { "data-testid": "overlay-step", "aria-label": "Statistics step" });
  const metric = h("select", { "data-testid": "overlay-metric", "aria-label": "Colour layers by" });
  const weakBy = h("select", { "data-testid": "overlay-weak-by", "aria-label": "Weak by" });
  const status = h("span", { class: "gf-overlay-status", "data-testid": "overlay-status", role: "status" });
  const stepLabel = h("label", {}, "Step", step);
  const metricLabel = h("label", {}, "Colour by", metric);
  const weakLabel = h("label", {}, "weak by", weakBy);
  const element = h(
    "div",
    { class: "gf-overlay-bar", "data-testid": "overlay-bar", hidden: true },
    h("label", {}, "Overlay", mode),
    stepLabel,
    metricLabel,
    weakLabel,
    status,
  );
  mode.addEventListener("change", () => handlers.mode(mode.value as OverlayMode));
  step.addEventListener("change", () => handlers.step(Number(step.value)));
  metric.addEventListener("change", () => handlers.metric(metric.value));
  weakBy.addEventListener("change", () => handlers.weakBy(weakBy.value));

  function show(state: OverlayBarState | null): void {
    element.hidden = state === null;
    if (!state) return;
    const on = state.mode !== "none";
    mode.value = state.mode;
    setOptions(step, state.steps.map((s) => ({ value: String(s), label: `step ${s}` })), String(state.step ?? ""));
    stepLabel.hidden = !on || state.steps.length < 2;
    setOptions(metric, state.metrics, state.metric);
    metricLabel.hidden = !on || !state.metrics.length;
    setOptions(weakBy, state.weakBy, state.weakByValue);
    weakLabel.hidden = !on || !state.weakBy.length;
    status.textContent = state.status;
    status.hidden = !state.status;
    status.classList.toggle("gf-search-error", state.error);
  }

  return { element, show };
}

function setOptions(select: HTMLSelectElement, options: { value: string; label: string }[], value: string): void {
  const same = select.options.length === options.length && options.every((o, i) => select.options[i]?.value === o.value && select.options[i]?.textContent === o.label);
  if (!same) replaceChildren(select, ...options.map((o) => option(o.value, o.label)));
  select.value = value;
}

export interface LegendContent {
  title: string;
  scale: ColorScale;
  ramp: Ramp;
  /** How a value reads: "0.12", "45%". */
  format?: (value: number) => string;
  /** Lines under the scale: what counts as weak, how aggregates are made. */
  notes: string[];
  neutral: string;
}

/** The legend over the canvas: the metric, the colour scale with its range, and what the colours mean. */
export function createLegend(): { element: HTMLElement; show(content: LegendContent | null): void } {
  const element = h("div", { class: "gf-legend", "data-testid": "overlay-legend", hidden: true, "aria-label": "Overlay legend" });
  return {
    element,
    show(content) {
      element.hidden = content === null;
      if (!content) return replaceChildren(element);
      const { scale, ramp } = content;
      const format = content.format ?? formatValue;
      const stops = legendStops(scale, ramp);
      const bar = h("div", { class: "gf-legend-bar", "data-testid": "overlay-legend-scale" });
      bar.style.background = `linear-gradient(to right, ${stops.map((s) => `${s.color} ${Math.round(s.offset * 100)}%`).join(", ")})`;
      const weakLeft = scale.weak === "low";
      replaceChildren(
        element,
        h("div", { class: "gf-legend-title" }, content.title),
        bar,
        h(
          "div",
          { class: "gf-legend-range" },
          h("span", { "data-testid": "overlay-legend-min" }, `${format(scale.min)}${weakLeft ? " (weak)" : ""}`),
          h("span", { "data-testid": "overlay-legend-max" }, `${format(scale.max)}${weakLeft ? "" : " (weak)"}`),
        ),
        ...content.notes.map((note) => h("div", { class: "gf-note" }, note)),
        h("div", { class: "gf-legend-neutral" }, swatch(content.neutral), "no statistics"),
      );
    },
  };
}

function swatch(color: string): HTMLElement {
  const element = h("span", { class: "gf-swatch" });
  element.style.background = color;
  return element;
}
