/**
 * How the training-dynamics overlay paints a scene: each drawn item's value
 * (one statistic of one property at the step shown), the colour scale over
 * every step, the sparklines and the legend. Pure.
 */

import { DARK_RAMP, LIGHT_RAMP, sequentialScale } from "../overlay/color_scale";
import type { ColorScale } from "../overlay/color_scale";
import { dynamicsRange, layerValuesAt, STAT_LABELS } from "../overlay/dynamics";
import type { DynamicsStat } from "../overlay/dynamics";
import { formatValue } from "../overlay/filter_metrics";
import { itemValues, overlayTargets } from "../overlay/item_values";
import type { ItemValue } from "../overlay/item_values";
import type { Scene } from "../scene";
import type { WeightGraphStepJson } from "../types";
import type { Sparkline } from "./canvas_sparklines";
import type { LegendContent } from "./overlay_bar";
import type { OverlayPaint } from "./renderer";
import type { Palette } from "./theme";

/** What is shown: the readable steps, the one the slider picks, and what colours the items. */
export interface DynamicsChoice {
  steps: readonly WeightGraphStepJson[];
  index: number;
  property: string;
  stat: DynamicsStat;
}

export interface DynamicsColouring {
  values: Map<string, ItemValue>;
  scale: ColorScale | null;
  paint: OverlayPaint;
  legend: LegendContent | null;
}

/** The paint of `scene` for `choice`; `sparks` are the items' series across the steps (itemSeries). */
export function dynamicsColouring(scene: Scene, choice: DynamicsChoice, sparks: ReadonlyMap<string, number[]>, palette: Palette): DynamicsColouring {
  const { steps, index, property, stat } = choice;
  const step = steps[index]!;
  const values = new Map<string, ItemValue>();
  for (const v of itemValues(overlayTargets(scene), layerValuesAt(step, property, stat))) values.set(v.id, v);
  const range = dynamicsRange([...steps], property, stat);
  const ramp = palette.dark ? DARK_RAMP : LIGHT_RAMP;
  const scale = range ? sequentialScale(range[0], range[1], "high", ramp) : null;
  const fills = new Map<string, string>();
  if (scale) for (const [id, v] of values) fills.set(id, scale.color(v.value));
  const sparklines = new Map<string, Sparkline>([...sparks].map(([id, series]) => [id, { values: series, current: index }]));
  const legend: LegendContent | null = scale
    ? {
        title: `${property} · ${STAT_LABELS[stat]} over the layer's channels, step ${step.step}`,
        scale,
        ramp,
        markWeak: false,
        notes: [
          `Range: every layer over all ${steps.length} logged steps.`,
          "Modules and stacks: layer values weighted by node count.",
          "Sparklines: the value across the steps, each on its own scale; the dot is the step shown.",
        ],
        neutral: palette.boundaryFill,
      }
    : null;
  return { values, scale, paint: { fills, neutralFill: palette.boundaryFill, stroke: palette.opStroke, sparklines }, legend };
}

/** The tooltip line of an item's value: "0.42 mean weighted_degree at step 3 (12 nodes)". */
export function describeValue(v: ItemValue, choice: DynamicsChoice): string {
  const shown = `${formatValue(v.value)} ${STAT_LABELS[choice.stat]} ${choice.property} at step ${choice.steps[choice.index]!.step}`;
  return v.layers > 1 ? `${shown}, over ${v.layers} layers (${v.weight} nodes)` : `${shown} (${v.weight} nodes)`;
}
