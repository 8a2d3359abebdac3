/**
 * The overlay controller's decisions, pure: what the bar shows, which metric
 * orders a layer panel, the overlay's part of the deep link, and what a
 * link's overlay state restores once the graph's series are listed. Each
 * takes the state it reads and returns a new value; the controller keeps the
 * state.
 */

import type { OverlayLink } from "../deep_link";
import { WEAK_SHARE } from "../overlay/filter_metrics";
import type { OverlayMetric, WeakBy } from "../overlay/filter_metrics";
import { readableSteps } from "../overlay/series";
import type { FilterMetricKey, FilterStatsJson, FilterStatsListing } from "../types";
import type { OverlayBarState, OverlayMode } from "./overlay_bar";

/** The overlay state the controller keeps. */
export interface OverlayChoice {
  mode: OverlayMode;
  step: number | null;
  metric: OverlayMetric;
  weakBy: WeakBy;
}

/** The modes a graph's series allow ("none" always). */
export function availableModes(series: FilterStatsListing | null, hasDynamics: boolean): OverlayMode[] {
  return ["none", ...(series ? (["pruning"] as const) : []), ...(hasDynamics ? (["dynamics"] as const) : [])];
}

/** What the overlay bar shows; null hides it (no series and nothing to say). */
export function barState(
  choice: OverlayChoice,
  context: { series: FilterStatsListing | null; hasDynamics: boolean; stats: FilterStatsJson | null; status: string; error: boolean },
): OverlayBarState | null {
  const { series, hasDynamics, stats, status, error } = context;
  const base = { mode: choice.mode, modes: availableModes(series, hasDynamics), metric: choice.metric, weakByValue: choice.weakBy, status, error };
  const empty = { ...base, steps: [], step: null, metrics: [], weakBy: [] };
  if (!series) return hasDynamics || status ? empty : null;
  return {
    ...base,
    steps: readableSteps(series),
    step: choice.step,
    metrics: stats
      ? [...stats.metrics.map((m) => ({ value: m.key as string, label: `${m.label} (layer mean)` })), { value: WEAK_SHARE, label: "Share of weak filters" }]
      : [],
    weakBy: stats && choice.metric === WEAK_SHARE ? [{ value: "any", label: "any metric" }, ...stats.metrics.map((m) => ({ value: m.key as string, label: m.label }))] : [],
  };
}

/** The per-filter metric a layer panel orders by: the overlay's, else the one that makes filters weak, else the first. */
export function orderMetric(stats: FilterStatsJson | null, metric: OverlayMetric, weakBy: WeakBy): FilterMetricKey | null {
  if (!stats) return null;
  const keys = stats.metrics.map((m) => m.key);
  if (metric !== WEAK_SHARE && keys.includes(metric)) return metric;
  if (weakBy !== "any" && keys.includes(weakBy)) return weakBy;
  return keys[0] ?? null;
}

/** The overlay's part of the deep link: null when off; the pruning overlay's step, metric, weak-by and layer. */
export function overlayLink(choice: OverlayChoice, layer: string | null): OverlayLink | null {
  if (choice.mode === "none") return null;
  if (choice.mode !== "pruning") return { mode: choice.mode, step: null, metric: null, weakBy: null, layer: null };
  return { mode: choice.mode, step: choice.step, metric: choice.metric, weakBy: choice.weakBy, layer };
}

/**
 * `choice` with a link's overlay state applied, where the graph's series allow
 * it: a step the series can read, the link's metric and weak-by.
 */
export function restoredChoice(choice: OverlayChoice, wanted: OverlayLink, series: FilterStatsListing | null, hasDynamics: boolean): OverlayChoice {
  if (wanted.mode === "pruning" && series) {
    return {
      mode: "pruning",
      step: wanted.step !== null && readableSteps(series).includes(wanted.step) ? wanted.step : choice.step,
      metric: (wanted.metric as OverlayMetric | null) ?? choice.metric,
      weakBy: (wanted.weakBy as WeakBy | null) ?? choice.weakBy,
    };
  }
  if (wanted.mode === "dynamics" && hasDynamics) return { ...choice, mode: "dynamics" };
  return choice;
}
