/**
 * Before and after pruning: one row per (run, filter_stats step) across the
 * log directory, with the model's parameters and MACs as `GET overlays`
 * lists them, their change against a baseline row, and a scalar of the run
 * (the accuracy the user logs) at that step. Pure.
 */

import type { OverlayListing, ScalarsJson } from "../types";
import { scalarAt } from "./scalars";
import type { ScalarPick } from "./scalars";

/** One readable filter_stats step of one run. */
export interface ComparisonRow {
  run: string;
  tag: string;
  step: number;
  parameters: number;
  macs: number;
}

/** A row with its changes against the baseline and its scalar. */
export interface ComparedRow extends ComparisonRow {
  /** (value − baseline) / baseline; null when the baseline's is not positive. */
  parametersChange: number | null;
  macsChange: number | null;
  /** The scalar at the row's step (else the run's last), or null when the run did not log it. */
  scalar: ScalarPick | null;
  baseline: boolean;
}

/**
 * Every readable step of every filter_stats series, in listing order (runs
 * as the server sorts them), steps ascending.
 */
export function comparisonRows(overlays: readonly OverlayListing[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const series of overlays) {
    if (series.kind !== "filter_stats") continue;
    const steps = series.steps.flatMap((s) => (s.error === null ? [s] : [])).sort((a, b) => a.step - b.step);
    for (const s of steps) rows.push({ run: series.run, tag: series.tag, step: s.step, parameters: s.parameter_count, macs: s.macs });
  }
  return rows;
}

/**
 * The default baseline: the row of `run` at `step`, else `run`'s latest row,
 * else the first row; -1 when there are no rows.
 *
 * @example defaultBaseline([{run: "a", step: 1}, {run: "b", step: 2}, {run: "b", step: 5}], "b", null) // 2
 */
export function defaultBaseline(rows: readonly Pick<ComparisonRow, "run" | "step">[], run: string, step: number | null): number {
  const exact = rows.findIndex((r) => r.run === run && r.step === step);
  if (exact >= 0) return exact;
  const own = rows.map((r, i) => (r.run === run ? i : -1)).filter((i) => i >= 0);
  if (own.length) return own.reduce((best, i) => (rows[i]!.step >= rows[best]!.step ? i : best));
  return rows.length ? 0 : -1;
}

/**
 * (value − base) / base, or null when `base` is not positive.
 *
 * @example relativeChange(25, 100) // -0.75
 */
export function relativeChange(value: number, base: number): number | null {
  return base > 0 ? (value - base) / base : null;
}

/**
 * The rows with their changes against row `baseline` and the scalar `tag` of
 * each run (`scalars` by run; a run not loaded yet, or without the tag, gets
 * null).
 */
export function compareRows(
  rows: readonly ComparisonRow[],
  baseline: number,
  scalars: ReadonlyMap<string, ScalarsJson>,
  tag: string | null,
): ComparedRow[] {
  const base = rows[baseline];
  return rows.map((row, i) => {
    const points = tag === null ? undefined : scalars.get(row.run)?.scalars[tag];
    return {
      ...row,
      parametersChange: base ? relativeChange(row.parameters, base.parameters) : null,
      macsChange: base ? relativeChange(row.macs, base.macs) : null,
      scalar: points ? scalarAt(points, row.step) : null,
      baseline: i === baseline,
    };
  });
}
