/**
 * The run scalars the overlays show next to the model figures (`GET
 * scalars`): which tag stands for accuracy, and which value of it belongs to
 * a step. Points arrive in step order. Pure.
 */

import type { ScalarPoint, ScalarsJson } from "../types";

/** Tags that name an accuracy: the default pick. */
export const ACCURACY_TAG = /acc/i;

/** One value of a scalar series and where it came from. */
export interface ScalarPick {
  value: number;
  /** The step the value was logged at. */
  step: number;
  /** Whether it was logged at the step asked for (else it is the run's last value). */
  exact: boolean;
}

/**
 * Every tag of `runs`, sorted.
 *
 * @example scalarTags([{run: "a", scalars: {loss: []}}, {run: "b", scalars: {accuracy: []}}]) // ["accuracy", "loss"]
 */
export function scalarTags(runs: Iterable<ScalarsJson>): string[] {
  const tags = new Set<string>();
  for (const run of runs) for (const tag of Object.keys(run.scalars)) tags.add(tag);
  return [...tags].sort();
}

/**
 * The tag to show: `current` while it is still there, else the first tag
 * matching {@link ACCURACY_TAG}, else the first tag, else null.
 *
 * @example defaultScalarTag(["loss", "top1_acc", "val_accuracy"]) // "top1_acc"
 */
export function defaultScalarTag(tags: readonly string[], current: string | null = null): string | null {
  if (current !== null && tags.includes(current)) return current;
  return tags.find((t) => ACCURACY_TAG.test(t)) ?? tags[0] ?? null;
}

/**
 * The value logged at `step` (the last one, if logged twice), else the
 * series' last value; null for an empty series.
 *
 * @example scalarAt([[0, 0.5], [10, 0.9]], 10) // {value: 0.9, step: 10, exact: true}
 * @example scalarAt([[0, 0.5], [10, 0.9]], 4)  // {value: 0.9, step: 10, exact: false}
 */
export function scalarAt(points: readonly ScalarPoint[], step: number): ScalarPick | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const [s, value] = points[i]!;
    if (s === step) return { value, step: s, exact: true };
  }
  const last = finalScalar(points);
  return last && { ...last, exact: false };
}

/** The series' last value (its latest step), or null for an empty series. */
export function finalScalar(points: readonly ScalarPoint[]): ScalarPick | null {
  const last = points[points.length - 1];
  return last ? { value: last[1], step: last[0], exact: true } : null;
}

/** How a picked value reads in a tooltip: "accuracy at step 4" or "accuracy: the run's last value (step 7); none at step 4". */
export function describeScalarPick(tag: string, pick: ScalarPick, asked: number | null): string {
  if (asked === null) return `${tag}: the run's last value (step ${pick.step})`;
  return pick.exact ? `${tag} at step ${pick.step}` : `${tag}: the run's last value (step ${pick.step}); none logged at step ${asked}`;
}
