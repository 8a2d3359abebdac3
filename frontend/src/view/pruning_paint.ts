/**
 * The pruning overlay's colouring, pure: from one step's statistics, the
 * drawn scene, the picked metric and weak rule and the palette, the value of
 * every coloured item, the colour scale, the paint the canvas draws and the
 * legend's content. The controller hands the result to the canvas and the
 * legend, and the exports draw the same paint and legend.
 */

import { DARK_RAMP, LIGHT_RAMP, sequentialScale, valueRange } from "../overlay/color_scale";
import type { ColorScale } from "../overlay/color_scale";
import { WEAK_SHARE, layerValues, weakRules } from "../overlay/filter_metrics";
import type { OverlayMetric, WeakBy } from "../overlay/filter_metrics";
import { itemValues, overlayTargets } from "../overlay/item_values";
import type { ItemValue } from "../overlay/item_values";
import type { Scene } from "../scene";
import type { FilterStatsJson } from "../types";
import type { LegendContent } from "./overlay_bar";
import type { OverlayPaint } from "./renderer";
import type { Palette } from "./theme";

export interface PruningColours {
  values: Map<string, ItemValue>;
  scale: ColorScale | null;
  paint: OverlayPaint;
  legend: LegendContent | null;
}

export function pruningColours(stats: FilterStatsJson, scene: Scene, metric: OverlayMetric, weakBy: WeakBy, palette: Palette): PruningColours {
  const rules = metric === WEAK_SHARE ? weakRules(stats, weakBy) : [];
  const perLayer = layerValues(stats, metric, rules);
  const range: [number, number] | null = metric === WEAK_SHARE ? [0, 1] : valueRange(perLayer.map((l) => l.value));
  const values = new Map<string, ItemValue>();
  for (const v of itemValues(overlayTargets(scene), perLayer)) values.set(v.id, v);
  const ramp = palette.dark ? DARK_RAMP : LIGHT_RAMP;
  const info = stats.metrics.find((m) => m.key === metric);
  const scale = range ? sequentialScale(range[0], range[1], metric === WEAK_SHARE ? "high" : (info?.weak ?? "high"), ramp) : null;
  const fills = new Map<string, string>();
  if (scale) for (const [id, v] of values) fills.set(id, scale.color(v.value));
  const legend: LegendContent | null = scale
    ? {
        title: metric === WEAK_SHARE ? "Share of weak filters" : `${info?.label ?? metric}: mean over the layer's filters`,
        scale,
        ramp,
        format: metric === WEAK_SHARE ? (v) => `${Math.round(v * 100)}%` : undefined,
        notes: [
          ...(metric === WEAK_SHARE ? [`A filter is weak when ${rules.map((r) => r.description).join(", or ")}.`] : []),
          "Modules and stacks: mean over every filter inside (layer values weighted by filter count).",
        ],
        neutral: palette.boundaryFill,
      }
    : null;
  return { values, scale, paint: { fills, neutralFill: palette.boundaryFill, stroke: palette.opStroke }, legend };
}
