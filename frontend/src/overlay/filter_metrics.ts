/**
 * What the overlay colours layers by, from one step of `GET filter_stats`:
 * each per-filter metric's layer mean, or the share of a layer's filters that
 * are weak. Also the filter orders and "weakest N %" picks the layer panel
 * uses. Pure; every function reads the server's JSON and returns new values.
 *
 * A filter is *weak* by a metric when its value lies in the metric's weak
 * direction beyond a threshold: APoZ at or above {@link APOZ_WEAK_PERCENT}
 * (the filter is dead on most inputs), any other metric in the weakest
 * {@link WEAK_FRACTION} of all the model's filters (bottom decile for a metric
 * whose weak direction is "low", top decile for "high").
 */

import type { FilterLayerJson, FilterMetricJson, FilterMetricKey, FilterStatsJson } from "../types";

/** The overlay metric that colours a layer by its share of weak filters. */
export const WEAK_SHARE = "weak_share";

/** A per-filter metric key, or the share of weak filters. */
export type OverlayMetric = FilterMetricKey | typeof WEAK_SHARE;

/** Which metrics make a filter weak for the share: one of them, or any of them. */
export type WeakBy = FilterMetricKey | "any";

/** APoZ (percent of activations ≤ 1e-4) at or above which a filter counts as weak. */
export const APOZ_WEAK_PERCENT = 90;

/** The fraction of the model's filters, at the weak end, that count as weak for the other metrics. */
export const WEAK_FRACTION = 0.1;

/** When a filter is weak by one metric: its value is at or beyond `threshold` in direction `weak`. */
export interface WeakRule {
  key: FilterMetricKey;
  weak: "low" | "high";
  threshold: number;
  /** "APoZ (%) ≥ 90", "Discriminability ≤ 0.02 (weakest 10% of the model)". */
  description: string;
}

/**
 * One layer's value for the overlay, with what weights it in aggregates: its
 * filter count here, its node count for the training-dynamics overlay.
 */
export interface LayerValue {
  module: string;
  value: number;
  weight: number;
}

/**
 * The weak rule of every metric of `stats` (or only of `weakBy`), thresholds
 * taken over all the model's filters.
 *
 * @example weakRules(stats, "apoz") // [{key: "apoz", weak: "high", threshold: 90, ...}]
 */
export function weakRules(stats: FilterStatsJson, weakBy: WeakBy = "any"): WeakRule[] {
  return stats.metrics.filter((m) => weakBy === "any" || m.key === weakBy).map((m) => weakRule(stats, m));
}

function weakRule(stats: FilterStatsJson, metric: FilterMetricJson): WeakRule {
  if (metric.key === "apoz") {
    return { key: metric.key, weak: metric.weak, threshold: APOZ_WEAK_PERCENT, description: `${metric.label} ${metric.weak === "high" ? "≥" : "≤"} ${APOZ_WEAK_PERCENT}` };
  }
  const values = stats.layers.flatMap((layer) => finite(layer.metrics[metric.key] ?? []));
  const q = metric.weak === "low" ? WEAK_FRACTION : 1 - WEAK_FRACTION;
  const threshold = values.length ? quantile(values, q) : metric.weak === "low" ? -Infinity : Infinity;
  const percent = Math.round(WEAK_FRACTION * 100);
  return {
    key: metric.key,
    weak: metric.weak,
    threshold,
    description: `${metric.label} ${metric.weak === "low" ? "≤" : "≥"} ${formatValue(threshold)} (weakest ${percent}% of the model)`,
  };
}

/** Whether `value` is weak by `rule`; a missing (non-finite) value never is. */
export function isWeak(value: number, rule: Pick<WeakRule, "weak" | "threshold">): boolean {
  if (!Number.isFinite(value)) return false;
  return rule.weak === "low" ? value <= rule.threshold : value >= rule.threshold;
}

/** Per filter of `layer`: weak by at least one of `rules`. */
export function weakFilters(layer: FilterLayerJson, rules: readonly WeakRule[]): boolean[] {
  return Array.from({ length: layer.filter_count }, (_, f) =>
    rules.some((rule) => isWeak(layer.metrics[rule.key]?.[f] ?? NaN, rule)),
  );
}

/**
 * Each layer's overlay value: the mean of metric `metric` over its filters,
 * or for {@link WEAK_SHARE} the fraction of its filters weak by `rules`.
 * Layers without a finite value are left out.
 */
export function layerValues(stats: FilterStatsJson, metric: OverlayMetric, rules: readonly WeakRule[] = []): LayerValue[] {
  const out: LayerValue[] = [];
  for (const layer of stats.layers) {
    let value: number;
    if (metric === WEAK_SHARE) {
      const weak = weakFilters(layer, rules);
      value = weak.length ? weak.filter(Boolean).length / weak.length : NaN;
    } else {
      value = mean(finite(layer.metrics[metric] ?? []));
    }
    if (Number.isFinite(value)) out.push({ module: layer.module, value, weight: layer.filter_count });
  }
  return out;
}

/**
 * Filter indices, weakest first by `values` (ascending when weak is "low",
 * descending when "high"); ties and missing values keep index order, missing last.
 *
 * @example filterOrder([3, 1, 2], "low") // [1, 2, 0]
 */
export function filterOrder(values: readonly number[], weak: "low" | "high"): number[] {
  const sign = weak === "low" ? 1 : -1;
  return values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => {
      const fa = Number.isFinite(a.value);
      const fb = Number.isFinite(b.value);
      if (fa !== fb) return fa ? -1 : 1;
      return (fa && a.value !== b.value ? sign * (a.value - b.value) : 0) || a.index - b.index;
    })
    .map((entry) => entry.index);
}

/**
 * The weakest `percent` % of the filters by `values` (rounded to the nearest
 * count), sorted by index.
 *
 * @example weakestFilters([3, 1, 2, 4], "low", 50) // [1, 2]
 */
export function weakestFilters(values: readonly number[], weak: "low" | "high", percent: number): number[] {
  const count = Math.round((Math.min(100, Math.max(0, percent)) / 100) * values.length);
  return filterOrder(values, weak)
    .slice(0, count)
    .sort((a, b) => a - b);
}

/** The nearest-rank quantile `q` (0..1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function mean(values: readonly number[]): number {
  if (!values.length) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** A metric value, short: 3 significant digits, no exponent for everyday sizes. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}
