/**
 * The overlay controls above the graph (mode; for pruning the step, metric
 * and what counts as weak; for training dynamics the property, statistic and
 * step slider) and the legend drawn over the canvas. They only show what the
 * overlay controllers tell them and report what the user picks.
 */

import type { ColorScale, Ramp } from "../overlay/color_scale";
import { legendStops } from "../overlay/color_scale";
import { DYNAMICS_STATS, STAT_LABELS } from "../overlay/dynamics";
import type { DynamicsStat } from "../overlay/dynamics";
import { formatValue } from "../overlay/filter_metrics";
import { h, option, replaceChildren } from "./dom";

export type OverlayMode = "none" | "pruning" | "dynamics";

const MODE_LABELS: Record<OverlayMode, string> = { none: "None", pruning: "Pruning metrics", dynamics: "Training dynamics" };

export interface OverlayBarState {
  mode: OverlayMode;
  /** The modes the run's series allow ("none" always). */
  modes: OverlayMode[];
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

/** The bar; `extra` (the training-dynamics controls) goes before the status text and shows itself. */
export function createOverlayBar(
  handlers: {
    mode(mode: OverlayMode): void;
    step(step: number): void;
    metric(metric: string): void;
    weakBy(weakBy: string): void;
  },
  extra: HTMLElement | null = null,
): OverlayBar {
  const mode = h("select", { "data-testid": "overlay-mode", "aria-label": "Overlay" });
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
    extra,
    status,
  );
  mode.addEventListener("change", () => handlers.mode(mode.value as OverlayMode));
  step.addEventListener("change", () => handlers.step(Number(step.value)));
  metric.addEventListener("change", () => handlers.metric(metric.value));
  weakBy.addEventListener("change", () => handlers.weakBy(weakBy.value));

  function show(state: OverlayBarState | null): void {
    element.hidden = state === null;
    if (!state) return;
    const on = state.mode === "pruning";
    setOptions(mode, state.modes.map((m) => ({ value: m, label: MODE_LABELS[m] })), state.mode);
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
  /** Whether to mark the scale's weak end "(weak)" (default true). */
  markWeak?: boolean;
}

/** The legend over the canvas: the metric, the colour scale with its range, and what the colours mean. */
export function createLegend(): { element: HTMLElement; show(content: LegendContent | null): void; current(): LegendContent | null } {
  const element = h("div", { class: "gf-legend", "data-testid": "overlay-legend", hidden: true, "aria-label": "Overlay legend" });
  let shown: LegendContent | null = null;
  return {
    element,
    current: () => shown,
    show(content) {
      shown = content;
      element.hidden = content === null;
      if (!content) return replaceChildren(element);
      const { scale, ramp } = content;
      const format = content.format ?? formatValue;
      const stops = legendStops(scale, ramp);
      const bar = h("div", { class: "gf-legend-bar", "data-testid": "overlay-legend-scale" });
      bar.style.background = `linear-gradient(to right, ${stops.map((s) => `${s.color} ${Math.round(s.offset * 100)}%`).join(", ")})`;
      const marked = content.markWeak ?? true;
      const weakLeft = marked && scale.weak === "low";
      const weakRight = marked && scale.weak === "high";
      replaceChildren(
        element,
        h("div", { class: "gf-legend-title" }, content.title),
        bar,
        h(
          "div",
          { class: "gf-legend-range" },
          h("span", { "data-testid": "overlay-legend-min" }, `${format(scale.min)}${weakLeft ? " (weak)" : ""}`),
          h("span", { "data-testid": "overlay-legend-max" }, `${format(scale.max)}${weakRight ? " (weak)" : ""}`),
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

export interface DynamicsControlsState {
  properties: string[];
  property: string;
  stat: DynamicsStat;
  /** The logged steps, oldest first, and the index of the one shown. */
  steps: number[];
  index: number;
}

/** The training-dynamics controls: property, statistic, and a slider over the logged steps. */
export function createDynamicsControls(handlers: {
  property(property: string): void;
  stat(stat: DynamicsStat): void;
  step(index: number): void;
}): { element: HTMLElement; show(state: DynamicsControlsState | null): void } {
  const property = h("select", { "data-testid": "dynamics-property", "aria-label": "Property" });
  const stat = h("select", { "data-testid": "dynamics-stat", "aria-label": "Statistic" });
  setOptions(stat, DYNAMICS_STATS.map((s) => ({ value: s, label: STAT_LABELS[s] })), "mean");
  const slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, "data-testid": "dynamics-step", "aria-label": "Step", class: "gf-slider" });
  const stepLabel = h("span", { class: "gf-step-label", "data-testid": "dynamics-step-label" });
  const element = h(
    "span",
    { class: "gf-dynamics-controls", hidden: true },
    h("label", {}, "Property", property),
    h("label", {}, "Statistic", stat),
    h("label", {}, "Step", slider, stepLabel),
  );
  property.addEventListener("change", () => handlers.property(property.value));
  stat.addEventListener("change", () => handlers.stat(stat.value as DynamicsStat));
  slider.addEventListener("input", () => handlers.step(Number(slider.value)));
  let steps: number[] = [];
  return {
    element,
    show(state) {
      element.hidden = state === null;
      if (!state) return;
      setOptions(property, state.properties.map((p) => ({ value: p, label: p })), state.property);
      stat.value = state.stat;
      if (state.steps.join() !== steps.join()) {
        steps = state.steps;
        slider.max = String(Math.max(0, steps.length - 1));
      }
      slider.value = String(state.index);
      slider.disabled = steps.length < 2;
      stepLabel.textContent = steps.length ? `step ${steps[state.index]} (${state.index + 1} of ${steps.length})` : "no readable step";
    },
  };
}
