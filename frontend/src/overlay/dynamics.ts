/**
 * The training-dynamics overlay's numbers, from a `GET weight_graph` series:
 * one statistic of one property per layer and step, the layers' values at a
 * step (weighted by node count in module and stack aggregates), each drawn
 * item's series across the steps for its sparkline, and one layer's history
 * for the layer panel. Steps that could not be read are skipped. Pure.
 */

import type { UnreadableOverlayStep, WeightGraphJson, WeightGraphPropertyJson, WeightGraphStepJson } from "../types";
import type { LayerValue } from "./filter_metrics";
import { itemValues } from "./item_values";
import type { OverlayTarget } from "./item_values";

/** The statistics of a property over a layer's channels the overlay can show. */
export const DYNAMICS_STATS = ["mean", "std", "median", "max"] as const;
export type DynamicsStat = (typeof DYNAMICS_STATS)[number];

export const STAT_LABELS: Record<DynamicsStat, string> = { mean: "mean", std: "std", median: "median", max: "max" };

/** The property shown first when a series has it. */
export const DEFAULT_PROPERTY = "weighted_degree";

/**
 * A statistic of one property summary: `median` is quantiles[2], `max`
 * quantiles[4]; NaN when the summary lacks it.
 *
 * @example statValue({mean: 1, std: 0.5, quantiles: [0, 1, 2, 3, 4], top: [], values: []}, "max") // 4
 */
export function statValue(summary: WeightGraphPropertyJson | undefined, stat: DynamicsStat): number {
  if (!summary) return NaN;
  const value = stat === "mean" ? summary.mean : stat === "std" ? summary.std : summary.quantiles[stat === "median" ? 2 : 4];
  return typeof value === "number" ? value : NaN;
}

/** The steps that were read, oldest first. */
export function readableWeightSteps(series: WeightGraphJson): WeightGraphStepJson[] {
  return series.steps.filter(isReadable).sort((a, b) => a.step - b.step);
}

function isReadable(step: WeightGraphStepJson | UnreadableOverlayStep): step is WeightGraphStepJson {
  return typeof step.error !== "string" && Array.isArray((step as WeightGraphStepJson).layers);
}

/** `DEFAULT_PROPERTY` when listed, else the first property, else null. */
export function defaultProperty(properties: readonly string[], current: string | null = null): string | null {
  if (current !== null && properties.includes(current)) return current;
  return properties.includes(DEFAULT_PROPERTY) ? DEFAULT_PROPERTY : (properties[0] ?? null);
}

/** Each layer's statistic at one step, weighted by its node count; layers without a finite value left out. */
export function layerValuesAt(step: WeightGraphStepJson, property: string, stat: DynamicsStat): LayerValue[] {
  return step.layers.flatMap((layer) => {
    const value = statValue(layer.properties[property], stat);
    return Number.isFinite(value) ? [{ module: layer.module, value, weight: layer.node_count }] : [];
  });
}

/**
 * Per drawn item, its value at every step (NaN where it has none): the
 * sparkline series. Items with no value at any step are left out.
 */
export function itemSeries(
  steps: readonly WeightGraphStepJson[],
  targets: readonly OverlayTarget[],
  property: string,
  stat: DynamicsStat,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  steps.forEach((step, i) => {
    for (const v of itemValues(targets, layerValuesAt(step, property, stat))) {
      let series = out.get(v.id);
      if (!series) out.set(v.id, (series = new Array<number>(steps.length).fill(NaN)));
      series[i] = v.value;
    }
  });
  return out;
}

/** The range of the layers' statistic over every step, so colours stay comparable as the step changes. */
export function dynamicsRange(steps: readonly WeightGraphStepJson[], property: string, stat: DynamicsStat): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const step of steps) {
    for (const { value } of layerValuesAt(step, property, stat)) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return min <= max ? [min, max] : null;
}

/** One step of one layer's property, for the layer panel. */
export interface LayerStepSummary {
  step: number;
  mean: number;
  std: number;
  /** At levels 0, .25, .5, .75, 1. */
  quantiles: number[];
  /** The largest channels, as `[channel, value]`. */
  top: [number, number][];
}

/** Layer `module`'s property at every step that has it. */
export function layerHistory(steps: readonly WeightGraphStepJson[], module: string, property: string): LayerStepSummary[] {
  return steps.flatMap((step) => {
    const summary = step.layers.find((l) => l.module === module)?.properties[property];
    return summary ? [{ step: step.step, mean: summary.mean, std: summary.std, quantiles: [...summary.quantiles], top: summary.top.map(([c, v]) => [c, v] as [number, number]) }] : [];
  });
}

/** Whether layer `module` is in any step. */
export function hasLayer(steps: readonly WeightGraphStepJson[], module: string): boolean {
  return steps.some((step) => step.layers.some((l) => l.module === module));
}
