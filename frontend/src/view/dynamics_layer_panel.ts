/**
 * The training-dynamics layer panel: one layer's property across the logged
 * steps (its mean ± std, the quartile band and the full range, the step
 * shown marked) and the layer's largest channels at that step. It shows what
 * the dynamics controller hands it.
 */

import { valueRange } from "../overlay/color_scale";
import type { LayerStepSummary } from "../overlay/dynamics";
import { formatValue } from "../overlay/filter_metrics";
import { formatCount } from "../format";
import { h, replaceChildren, svg } from "./dom";

export interface DynamicsLayerInput {
  module: string;
  layerType: string;
  nodeCount: number;
  property: string;
  history: LayerStepSummary[];
  /** The step shown. */
  step: number;
}

const WIDTH = 300;
const HEIGHT = 120;
const LEFT = 38;
const RIGHT = 6;
const TOP = 6;
const BOTTOM = 16;

export function createDynamicsLayerPanel(): { element: HTMLElement; show(input: DynamicsLayerInput | null): void } {
  const element = h("section", { class: "gf-layer", "data-testid": "dynamics-layer", "aria-label": "Layer dynamics", hidden: true });
  return {
    element,
    show(input) {
      element.hidden = input === null;
      if (!input) return replaceChildren(element);
      const at = input.history.find((s) => s.step === input.step);
      replaceChildren(
        element,
        h("p", { class: "gf-kind" }, `Layer · ${input.layerType}`),
        h("h2", { class: "gf-path" }, input.module),
        h("dl", { class: "gf-facts" }, h("dt", {}, "Channels (nodes)"), h("dd", {}, formatCount(input.nodeCount)), h("dt", {}, "Property"), h("dd", {}, input.property)),
        h("h3", {}, `${input.property} across steps`),
        historyChart(input.history, input.step),
        h("p", { class: "gf-note" }, "Line: mean, dashed: mean ± std; bands: quartiles (dark) and min to max (light); the vertical line is the step shown."),
        h("h3", {}, `Largest channels at step ${input.step}`),
        at && at.top.length
          ? h(
              "table",
              { class: "gf-preview", "data-testid": "dynamics-top" },
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "channel"), h("th", { scope: "col" }, input.property))),
              h("tbody", {}, ...at.top.map(([channel, value]) => h("tr", { "data-testid": "dynamics-top-channel" }, h("td", { class: "gf-num" }, String(channel)), h("td", { class: "gf-num", title: String(value) }, formatValue(value))))),
            )
          : h("p", { class: "gf-muted" }, "This step has no channel values for the layer."),
        at ? h("p", { class: "gf-note" }, `At step ${input.step}: mean ${formatValue(at.mean)}, std ${formatValue(at.std)}, median ${formatValue(at.quantiles[2] ?? NaN)}, max ${formatValue(at.quantiles[4] ?? NaN)}.`) : null,
      );
    },
  };
}

/** The history as SVG: x the logged step, y the property's value. */
export function historyChart(history: readonly LayerStepSummary[], current: number): SVGSVGElement {
  const root = svg("svg", { class: "gf-chart", "data-testid": "dynamics-layer-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, "aria-label": "The layer's property across steps" });
  if (!history.length) return root;
  const [lo, hi] = valueRange(history.flatMap((s) => [...s.quantiles, s.mean - s.std, s.mean + s.std])) ?? [0, 1];
  const first = history[0]!.step;
  const last = history[history.length - 1]!.step;
  const x = (step: number) => LEFT + (last > first ? ((step - first) / (last - first)) * (WIDTH - LEFT - RIGHT) : (WIDTH - LEFT - RIGHT) / 2);
  const y = (v: number) => TOP + (hi > lo ? (1 - (v - lo) / (hi - lo)) : 0.5) * (HEIGHT - TOP - BOTTOM);
  const line = (pick: (s: LayerStepSummary) => number) => history.map((s) => `${round(x(s.step))},${round(y(pick(s)))}`).join(" ");
  const band = (low: (s: LayerStepSummary) => number, high: (s: LayerStepSummary) => number) =>
    [...history.map((s) => `${round(x(s.step))},${round(y(high(s)))}`), ...[...history].reverse().map((s) => `${round(x(s.step))},${round(y(low(s)))}`)].join(" ");
  const q = (i: number) => (s: LayerStepSummary) => s.quantiles[i] ?? s.mean;
  root.append(
    svg("polygon", { class: "gf-band gf-band-outer", points: band(q(0), q(4)) }),
    svg("polygon", { class: "gf-band", points: band(q(1), q(3)) }),
    svg("polyline", { class: "gf-std", points: line((s) => s.mean - s.std) }),
    svg("polyline", { class: "gf-std", points: line((s) => s.mean + s.std) }),
    svg("polyline", { class: "gf-mean-line", points: line((s) => s.mean) }),
    svg("line", { class: "gf-current", x1: round(x(current)), x2: round(x(current)), y1: TOP, y2: HEIGHT - BOTTOM }),
    svg("text", { class: "gf-matrix-label", x: LEFT - 3, y: TOP + 8, "text-anchor": "end" }, formatValue(hi)),
    svg("text", { class: "gf-matrix-label", x: LEFT - 3, y: HEIGHT - BOTTOM, "text-anchor": "end" }, formatValue(lo)),
    svg("text", { class: "gf-matrix-label", x: LEFT, y: HEIGHT - 3, "text-anchor": "start" }, `step ${first}`),
    svg("text", { class: "gf-matrix-label", x: WIDTH - RIGHT, y: HEIGHT - 3, "text-anchor": "end" }, `step ${last}`),
  );
  for (const s of history) root.append(svg("circle", { class: s.step === current ? "gf-mean-dot gf-picked" : "gf-mean-dot", cx: round(x(s.step)), cy: round(y(s.mean)), r: 2 }, svg("title", {}, `step ${s.step}: mean ${formatValue(s.mean)} ± ${formatValue(s.std)}`)));
  return root;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
