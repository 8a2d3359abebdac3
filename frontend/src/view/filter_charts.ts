/**
 * The layer panel's per-filter charts, as SVG, filters left to right in the
 * panel's order: the filter-activation view (a[c, f] of one class, with the
 * ordering metric's values under it and a brush that selects the filters it
 * covers) and the CPD bars of a class pair around a zero line.
 */

import { brushedFilters } from "../overlay/filter_selection";
import { valueRange } from "../overlay/color_scale";
import { formatValue } from "../overlay/filter_metrics";
import { svg } from "./dom";

export const CHART_WIDTH = 300;
const BARS_HEIGHT = 64;
const GAP = 6;
const METRIC_HEIGHT = 28;
const CPD_HEIGHT = 72;
/** A press that moves less than this (SVG units) is a click: it toggles one filter. */
const CLICK_SLOP = 2;

export interface ActivationInput {
  /** a[c, f] per filter index. */
  activation: ArrayLike<number>;
  /** The ordering metric per filter index, and its label. */
  metric: readonly number[];
  metricLabel: string;
  order: readonly number[];
  /** The combined selection: drawn in the accent colour. */
  selected: ReadonlySet<number>;
  /** The selection made under the ordering metric: drawn over a band. */
  brushed: ReadonlySet<number>;
}

/**
 * The filter-activation view. Dragging across it selects the filters it
 * covers (`brush`); a click toggles the one filter under the pointer (`toggle`).
 */
export function filterActivationChart(
  input: ActivationInput,
  handlers: { brush(filters: number[]): void; toggle(filter: number): void },
): SVGSVGElement {
  const n = input.order.length;
  const bar = CHART_WIDTH / Math.max(1, n);
  const height = BARS_HEIGHT + GAP + METRIC_HEIGHT;
  const root = svg("svg", {
    class: "gf-chart",
    "data-testid": "filter-activation",
    viewBox: `0 0 ${CHART_WIDTH} ${height}`,
    "aria-label": "Filter activations, one class",
  });
  const [lo, hi] = valueRange(input.metric) ?? [0, 1];
  const bands = svg("g", { class: "gf-brushed" });
  const bars = svg("g", {});
  const metricBars = svg("g", { class: "gf-metric-bars" });
  input.order.forEach((f, i) => {
    const x = i * bar;
    const w = Math.max(0.5, bar - (bar > 3 ? 1 : 0));
    const value = clamp01(input.activation[f] ?? 0);
    const selected = input.selected.has(f);
    if (input.brushed.has(f)) bands.append(svg("rect", { x, y: 0, width: bar, height, class: "gf-band" }));
    bars.append(
      svg(
        "rect",
        { x, y: BARS_HEIGHT * (1 - value), width: w, height: Math.max(0.5, BARS_HEIGHT * value), class: selected ? "gf-bar gf-selected" : "gf-bar", "data-filter": f },
        svg("title", {}, `filter ${f}: a = ${formatValue(input.activation[f] ?? NaN)}, ${input.metricLabel} ${formatValue(input.metric[f] ?? NaN)}`),
      ),
    );
    const m = input.metric[f] ?? NaN;
    const t = Number.isFinite(m) ? (hi > lo ? (m - lo) / (hi - lo) : 0.5) : 0;
    metricBars.append(svg("rect", { x, y: BARS_HEIGHT + GAP + METRIC_HEIGHT * (1 - t), width: w, height: Math.max(0.5, METRIC_HEIGHT * t), class: selected ? "gf-bar gf-selected" : "gf-bar" }));
  });
  const drag = svg("rect", { class: "gf-brush-rect", x: 0, y: 0, width: 0, height, hidden: true });
  const brush = svg("rect", { class: "gf-brush", "data-testid": "filter-brush", x: 0, y: 0, width: CHART_WIDTH, height });
  root.append(bands, bars, metricBars, svg("line", { class: "gf-zero", x1: 0, x2: CHART_WIDTH, y1: BARS_HEIGHT + 0.5, y2: BARS_HEIGHT + 0.5 }), drag, brush);

  let start: number | null = null;
  const toX = (clientX: number): number => {
    const rect = root.getBoundingClientRect();
    return rect.width > 0 ? ((clientX - rect.left) / rect.width) * CHART_WIDTH : 0;
  };
  brush.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    start = toX(event.clientX);
    brush.setPointerCapture?.(event.pointerId);
  });
  brush.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const x = toX(event.clientX);
    drag.removeAttribute("hidden");
    drag.setAttribute("x", String(Math.min(start, x)));
    drag.setAttribute("width", String(Math.abs(x - start)));
  });
  const finish = (event: PointerEvent) => {
    if (start === null) return;
    const x = toX(event.clientX);
    const from = start;
    start = null;
    drag.setAttribute("hidden", "");
    if (Math.abs(x - from) < CLICK_SLOP) {
      const [filter] = brushedFilters(x, x, input.order, CHART_WIDTH);
      if (filter !== undefined) handlers.toggle(filter);
    } else {
      handlers.brush(brushedFilters(from, x, input.order, CHART_WIDTH));
    }
  };
  brush.addEventListener("pointerup", finish);
  brush.addEventListener("pointercancel", () => {
    start = null;
    drag.setAttribute("hidden", "");
  });
  return root;
}

/** CPD bars: d[f] = a[A, f] − a[B, f] in `order`, up for A above B, down for below, on a symmetric scale. */
export function cpdChart(cpd: readonly number[], order: readonly number[]): SVGSVGElement {
  const n = order.length;
  const bar = CHART_WIDTH / Math.max(1, n);
  const scale = Math.max(1e-12, ...cpd.filter(Number.isFinite).map(Math.abs));
  const mid = CPD_HEIGHT / 2;
  const root = svg("svg", { class: "gf-chart", "data-testid": "cpd-chart", viewBox: `0 0 ${CHART_WIDTH} ${CPD_HEIGHT}`, "aria-label": "Class pairwise difference per filter" });
  order.forEach((f, i) => {
    const d = cpd[f] ?? NaN;
    if (!Number.isFinite(d)) return;
    const h = (Math.abs(d) / scale) * (mid - 2);
    root.append(
      svg(
        "rect",
        { x: i * bar, y: d >= 0 ? mid - h : mid, width: Math.max(0.5, bar - (bar > 3 ? 1 : 0)), height: Math.max(0.5, h), class: d >= 0 ? "gf-bar gf-pos" : "gf-bar gf-neg", "data-filter": f },
        svg("title", {}, `filter ${f}: CPD ${formatValue(d)}`),
      ),
    );
  });
  root.append(svg("line", { class: "gf-zero", x1: 0, x2: CHART_WIDTH, y1: mid, y2: mid }));
  return root;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
