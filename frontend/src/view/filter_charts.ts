/**
 * The layer panel's per-filter charts, as SVG, filters left to right in the
 * panel's order: the filter-activation view (a[c, f] of one class, with the
 * ordering metric's values under it and a brush that selects the filters it
 * covers) and the CPD bars of a class pair around a zero line.
 *
 * Each series of bars is one `<path>` (or two: selected bars in their own),
 * and the tooltip is one `<title>` that says which bar the pointer is over,
 * made when the pointer first reaches the chart: a 2,048-filter layer was
 * 4,096 `<rect>`s and 2,048 `<title>`s, the largest part of a panel's first
 * drawing at 1,000 classes. A bar whose value is not finite is not drawn.
 */

import { brushedFilters } from "../overlay/filter_selection";
import { valueRange } from "../overlay/color_scale";
import { formatValue } from "../overlay/filter_metrics";
import { svg } from "./dom";

export const CHART_WIDTH = 300;
const BARS_HEIGHT = 64;
const GAP = 6;
const METRIC_HEIGHT = 28;
/** The filter-activation view's height: its bars, a gap, the metric's bars. */
const ACTIVATION_HEIGHT = BARS_HEIGHT + GAP + METRIC_HEIGHT;
const CPD_HEIGHT = 72;
/** A press that moves less than this (SVG units) is a click: it toggles one filter. */
const CLICK_SLOP = 2;

/** A rectangle in SVG units. */
export interface BarRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bar `i` of `n` across {@link CHART_WIDTH}, standing on `base`: `length`
 * units up (down when negative), at least 0.5 so that a zero stays visible;
 * one unit narrower than its slot where slots are wider than 3 units, so that
 * neighbours stay apart.
 *
 * @example barRect(1, 3, 64, 16) // { x: 100, y: 48, width: 99, height: 16 }
 */
export function barRect(i: number, n: number, base: number, length: number): BarRect {
  const slot = CHART_WIDTH / Math.max(1, n);
  const height = Math.max(0.5, Math.abs(length));
  return { x: i * slot, y: length < 0 ? base : base - height, width: Math.max(0.5, slot - (slot > 3 ? 1 : 0)), height };
}

/** One path's `d` drawing `rects` (each a closed subpath). */
export function rectsPath(rects: Iterable<BarRect>): string {
  const parts: string[] = [];
  for (const r of rects) parts.push(`M${round(r.x)} ${round(r.y)}h${round(r.width)}v${round(r.height)}h${round(-r.width)}z`);
  return parts.join("");
}

/** The position (0 to n − 1) of the bar under `x` (SVG units), or null outside the chart. */
export function barAt(x: number, n: number): number | null {
  if (n <= 0 || !(x >= 0 && x < CHART_WIDTH)) return null;
  return Math.min(n - 1, Math.floor(x / (CHART_WIDTH / n)));
}

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

/** The `d` of each part of the filter-activation view. */
export interface ActivationPaths {
  /** Bars of a[c, f] (clamped to [0, 1]), unselected and selected filters. */
  bars: string;
  selectedBars: string;
  /** Bars of the ordering metric, min to max of the layer (half height when all are equal). */
  metricBars: string;
  selectedMetricBars: string;
  /** Bands behind the brushed filters, one per run of neighbours. */
  bands: string;
}

/** The filter-activation view's geometry: each bar series as one path. */
export function activationPaths(input: ActivationInput): ActivationPaths {
  const n = input.order.length;
  const slot = CHART_WIDTH / Math.max(1, n);
  const height = ACTIVATION_HEIGHT;
  const [lo, hi] = valueRange(input.metric) ?? [0, 1];
  const bars: BarRect[] = [];
  const selectedBars: BarRect[] = [];
  const metricBars: BarRect[] = [];
  const selectedMetricBars: BarRect[] = [];
  const bands: BarRect[] = [];
  input.order.forEach((f, i) => {
    const selected = input.selected.has(f);
    const a = input.activation[f] ?? NaN;
    if (Number.isFinite(a)) {
      const value = Math.min(1, Math.max(0, a));
      (selected ? selectedBars : bars).push(barRect(i, n, BARS_HEIGHT, BARS_HEIGHT * value));
    }
    const m = input.metric[f] ?? NaN;
    if (Number.isFinite(m)) {
      const t = hi > lo ? (m - lo) / (hi - lo) : 0.5;
      (selected ? selectedMetricBars : metricBars).push(barRect(i, n, height, METRIC_HEIGHT * t));
    }
    if (input.brushed.has(f)) {
      const last = bands[bands.length - 1];
      if (last && Math.abs(last.x + last.width - i * slot) < 1e-9) last.width += slot;
      else bands.push({ x: i * slot, y: 0, width: slot, height });
    }
  });
  return {
    bars: rectsPath(bars),
    selectedBars: rectsPath(selectedBars),
    metricBars: rectsPath(metricBars),
    selectedMetricBars: rectsPath(selectedMetricBars),
    bands: rectsPath(bands),
  };
}

/** The tooltip of the bar at `position` of the filter-activation view, or null outside it. */
export function activationTooltip(input: ActivationInput, position: number | null): string | null {
  const f = position === null ? undefined : input.order[position];
  if (f === undefined) return null;
  return `filter ${f}: a = ${formatValue(input.activation[f] ?? NaN)}, ${input.metricLabel} ${formatValue(input.metric[f] ?? NaN)}`;
}

/**
 * The filter-activation view. Dragging across it selects the filters it
 * covers (`brush`); a click toggles the one filter under the pointer (`toggle`).
 */
export function filterActivationChart(
  input: ActivationInput,
  handlers: { brush(filters: number[]): void; toggle(filter: number): void },
): SVGSVGElement {
  const height = ACTIVATION_HEIGHT;
  const root = svg("svg", {
    class: "gf-chart",
    "data-testid": "filter-activation",
    viewBox: `0 0 ${CHART_WIDTH} ${height}`,
    "aria-label": "Filter activations, one class",
  });
  const d = activationPaths(input);
  const path = (className: string, value: string) => svg("path", { class: className, d: value, "pointer-events": "none" });
  const drag = svg("rect", { class: "gf-brush-rect", x: 0, y: 0, width: 0, height, hidden: true });
  const brush = svg("rect", { class: "gf-brush", "data-testid": "filter-brush", x: 0, y: 0, width: CHART_WIDTH, height });
  root.append(
    path("gf-band", d.bands),
    path("gf-bar", d.bars),
    path("gf-bar gf-selected", d.selectedBars),
    svg("g", { class: "gf-metric-bars" }, path("gf-bar", d.metricBars), path("gf-bar gf-selected", d.selectedMetricBars)),
    svg("line", { class: "gf-zero", x1: 0, x2: CHART_WIDTH, y1: BARS_HEIGHT + 0.5, y2: BARS_HEIGHT + 0.5 }),
    drag,
    brush,
  );

  const toX = chartX(root);
  hoverTooltip(brush, toX, (x) => activationTooltip(input, barAt(x, input.order.length)));
  let start: number | null = null;
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

/** The `d` of the CPD bars: d[f] above the zero line (`positive`) and below it (`negative`), on a symmetric scale. */
export function cpdPaths(cpd: readonly number[], order: readonly number[]): { positive: string; negative: string } {
  const n = order.length;
  let scale = 1e-12;
  for (const d of cpd) if (Number.isFinite(d)) scale = Math.max(scale, Math.abs(d));
  const mid = CPD_HEIGHT / 2;
  const positive: BarRect[] = [];
  const negative: BarRect[] = [];
  order.forEach((f, i) => {
    const d = cpd[f] ?? NaN;
    if (!Number.isFinite(d)) return;
    const h = (Math.abs(d) / scale) * (mid - 2);
    (d >= 0 ? positive : negative).push(barRect(i, n, mid, d >= 0 ? h : -h));
  });
  return { positive: rectsPath(positive), negative: rectsPath(negative) };
}

/** CPD bars: d[f] = a[A, f] − a[B, f] in `order`, up for A above B, down for below, on a symmetric scale. */
export function cpdChart(cpd: readonly number[], order: readonly number[]): SVGSVGElement {
  const mid = CPD_HEIGHT / 2;
  const root = svg("svg", { class: "gf-chart", "data-testid": "cpd-chart", viewBox: `0 0 ${CHART_WIDTH} ${CPD_HEIGHT}`, "aria-label": "Class pairwise difference per filter" });
  const d = cpdPaths(cpd, order);
  // A transparent rectangle over the chart takes the pointer, for the tooltip of the bar under it.
  const hit = svg("rect", { class: "gf-chart-hit", x: 0, y: 0, width: CHART_WIDTH, height: CPD_HEIGHT, fill: "transparent" });
  root.append(
    svg("path", { class: "gf-bar gf-pos", d: d.positive, "pointer-events": "none" }),
    svg("path", { class: "gf-bar gf-neg", d: d.negative, "pointer-events": "none" }),
    svg("line", { class: "gf-zero", x1: 0, x2: CHART_WIDTH, y1: mid, y2: mid }),
    hit,
  );
  hoverTooltip(hit, chartX(root), (x) => {
    const position = barAt(x, order.length);
    const f = position === null ? undefined : order[position];
    return f === undefined ? null : `filter ${f}: CPD ${formatValue(cpd[f] ?? NaN)}`;
  });
  return root;
}

/** A client x (CSS px) as an x of `chart`'s viewBox. */
function chartX(chart: SVGSVGElement): (clientX: number) => number {
  return (clientX) => {
    const rect = chart.getBoundingClientRect();
    return rect.width > 0 ? ((clientX - rect.left) / rect.width) * CHART_WIDTH : 0;
  };
}

/**
 * Gives `target` a `<title>` (made when the pointer first reaches it) that
 * says what is under the pointer: `text(x)` of its x in SVG units.
 */
function hoverTooltip(target: SVGElement, toX: (clientX: number) => number, text: (x: number) => string | null): void {
  let title: SVGTitleElement | null = null;
  const update = (event: MouseEvent) => {
    const said = text(toX(event.clientX)) ?? "";
    if (!title) target.append((title = svg("title", {})));
    if (title.textContent !== said) title.textContent = said;
  };
  target.addEventListener("pointerover", update);
  target.addEventListener("pointermove", update);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
