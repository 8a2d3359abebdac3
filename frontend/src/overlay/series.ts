/**
 * Which overlay series goes with the graph on screen: of the current run's
 * series of one kind (filter_stats or weight_graph), the one whose
 * `graph_tag` is the graph's tag, else the run's only one. Pure.
 */

import type { FilterStatsListing, OverlayKind, OverlayListing, WeightGraphListing } from "../types";

type ListingOf<K extends OverlayKind> = Extract<OverlayListing, { kind: K }>;

/** The `kind` series for graph `run`/`tag`, or null when the run has none or several that do not say. */
export function seriesFor<K extends OverlayKind>(overlays: readonly OverlayListing[], kind: K, run: string, tag: string): ListingOf<K> | null {
  const inRun = overlays.filter((o): o is ListingOf<K> => o.kind === kind && o.run === run);
  return inRun.find((o) => o.graph_tag === tag) ?? (inRun.length === 1 ? inRun[0]! : null);
}

/** The filter_stats series for graph `run`/`tag` (see {@link seriesFor}). */
export function filterSeriesFor(overlays: readonly OverlayListing[], run: string, tag: string): FilterStatsListing | null {
  return seriesFor(overlays, "filter_stats", run, tag);
}

/** The weight_graph series for graph `run`/`tag` (see {@link seriesFor}). */
export function weightSeriesFor(overlays: readonly OverlayListing[], run: string, tag: string): WeightGraphListing | null {
  return seriesFor(overlays, "weight_graph", run, tag);
}

/**
 * Every run's `kind` series picked as for graph tag `tag`, in listing order:
 * one per run, runs whose pick is ambiguous left out.
 */
export function seriesOfEveryRun<K extends OverlayKind>(overlays: readonly OverlayListing[], kind: K, tag: string): ListingOf<K>[] {
  const runs = [...new Set(overlays.filter((o) => o.kind === kind).map((o) => o.run))];
  return runs.flatMap((run) => {
    const series = seriesFor(overlays, kind, run, tag);
    return series ? [series] : [];
  });
}

/** The steps that can be read, oldest first. */
export function readableSteps(series: OverlayListing): number[] {
  return series.steps
    .filter((s) => s.error === null)
    .map((s) => s.step)
    .sort((a, b) => a - b);
}

/** `wanted` when it is readable, else the latest readable step, else null. */
export function defaultStep(series: OverlayListing, wanted: number | null = null): number | null {
  const steps = readableSteps(series);
  if (wanted !== null && steps.includes(wanted)) return wanted;
  return steps.length ? steps[steps.length - 1]! : null;
}
