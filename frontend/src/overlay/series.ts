/**
 * Which overlay series goes with the graph on screen: of the current run's
 * filter_stats series, the one whose `graph_tag` is the graph's tag, else the
 * run's only one. Pure.
 */

import type { FilterStatsListing, OverlayListing } from "../types";

/** The filter_stats series for graph `run`/`tag`, or null when the run has none or several that do not say. */
export function filterSeriesFor(overlays: readonly OverlayListing[], run: string, tag: string): FilterStatsListing | null {
  const inRun = overlays.filter((o): o is FilterStatsListing => o.kind === "filter_stats" && o.run === run);
  return inRun.find((o) => o.graph_tag === tag) ?? (inRun.length === 1 ? inRun[0]! : null);
}

/** The steps that can be read, oldest first. */
export function readableSteps(series: FilterStatsListing): number[] {
  return series.steps
    .filter((s) => s.error === null)
    .map((s) => s.step)
    .sort((a, b) => a - b);
}

/** `wanted` when it is readable, else the latest readable step, else null. */
export function defaultStep(series: FilterStatsListing, wanted: number | null = null): number | null {
  const steps = readableSteps(series);
  if (wanted !== null && steps.includes(wanted)) return wanted;
  return steps.length ? steps[steps.length - 1]! : null;
}
