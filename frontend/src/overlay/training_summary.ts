/**
 * The early-training summary: for each run with a weight-graph series, every
 * layer's property statistics over its first k logged steps, and the run's
 * final value of a scalar (its accuracy). Built once, it is what the summary
 * table shows and what the JSON and CSV exports hold (docs/ui_contract.md
 * describes both formats). Pure.
 */

import type { WeightGraphJson } from "../types";
import { DYNAMICS_STATS, readableWeightSteps, statValue } from "./dynamics";
import type { DynamicsStat } from "./dynamics";

/** How many first steps the summary takes unless told otherwise. */
export const DEFAULT_SUMMARY_K = 5;

/** `values[i]` is the statistic at the run's i-th logged step; null where the layer lacks it. */
export type StatValues = Record<DynamicsStat, (number | null)[]>;

/** The summary as the JSON export saves it. */
export interface TrainingSummaryJson {
  k: number;
  /** Per run, the logged steps its values belong to (its first k readable steps; fewer when it logged fewer). */
  steps: Record<string, number[]>;
  /** run → module → property → statistic → values over those steps. */
  runs: Record<string, Record<string, Record<string, StatValues>>>;
  /** The scalar tag `final` holds, or null when no run logged scalars. */
  scalar: string | null;
  /** Per run, the scalar's last logged value, or null. */
  final: Record<string, number | null>;
}

/** One run's series, in the order the summary's columns go. */
export interface RunSeries {
  run: string;
  series: WeightGraphJson;
}

/** The most readable steps any run has: the largest k worth asking for (0 without steps). */
export function maxSummaryK(runs: readonly RunSeries[]): number {
  return Math.max(0, ...runs.map((r) => readableWeightSteps(r.series).length));
}

/**
 * `k` made whole and kept within 1..`max` (0 when `max` is 0).
 *
 * @example clampK(9, 4) // 4
 */
export function clampK(k: number, max: number): number {
  if (max < 1) return 0;
  return Math.min(max, Math.max(1, Math.round(Number.isFinite(k) ? k : DEFAULT_SUMMARY_K)));
}

/**
 * The summary of the first `k` readable steps of each run; `finals` holds
 * each run's final `scalar` value (runs missing from it get null).
 */
export function trainingSummary(
  runs: readonly RunSeries[],
  k: number,
  scalar: string | null,
  finals: ReadonlyMap<string, number | null>,
): TrainingSummaryJson {
  const out: TrainingSummaryJson = { k, steps: {}, runs: {}, scalar, final: {} };
  for (const { run, series } of runs) {
    const steps = readableWeightSteps(series).slice(0, k);
    const modules: Record<string, Record<string, StatValues>> = {};
    steps.forEach((step, i) => {
      for (const layer of step.layers) {
        const properties = (modules[layer.module] ??= {});
        for (const [property, summary] of Object.entries(layer.properties)) {
          const stats = (properties[property] ??= emptyStats(steps.length));
          for (const stat of DYNAMICS_STATS) {
            const value = statValue(summary, stat);
            stats[stat][i] = Number.isFinite(value) ? value : null;
          }
        }
      }
    });
    out.steps[run] = steps.map((s) => s.step);
    out.runs[run] = modules;
    out.final[run] = finals.get(run) ?? null;
  }
  return out;
}

function emptyStats(length: number): StatValues {
  return Object.fromEntries(DYNAMICS_STATS.map((stat) => [stat, new Array<number | null>(length).fill(null)])) as StatValues;
}

/** Every module of the summary, in the order runs first list them. */
export function summaryModules(summary: TrainingSummaryJson): string[] {
  const modules = new Set<string>();
  for (const run of Object.values(summary.runs)) for (const module of Object.keys(run)) modules.add(module);
  return [...modules];
}

/** Every property of the summary, in the order runs first list them. */
export function summaryProperties(summary: TrainingSummaryJson): string[] {
  const properties = new Set<string>();
  for (const run of Object.values(summary.runs)) for (const module of Object.values(run)) for (const p of Object.keys(module)) properties.add(p);
  return [...properties];
}

/** Per run (in column order), the values of one feature; a run without the layer or property gets []. */
export function featureValues(summary: TrainingSummaryJson, module: string, property: string, stat: DynamicsStat): Map<string, (number | null)[]> {
  return new Map(Object.entries(summary.runs).map(([run, modules]) => [run, modules[module]?.[property]?.[stat] ?? []]));
}

/**
 * The last value that is there, or null.
 *
 * @example lastValue([1, 2, null]) // 2
 */
export function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i]!;
  return null;
}

/** The CSV export's header row. */
export const SUMMARY_CSV_HEADER = "run,module,property,statistic,step,value";

/**
 * The summary as CSV: the header, then one row per value (`step` the logged
 * step, `value` empty where the layer lacks it). Text fields are quoted as
 * RFC 4180 says and guarded against spreadsheet formulas ({@link csvText}).
 */
export function summaryCsv(summary: TrainingSummaryJson): string {
  const lines = [SUMMARY_CSV_HEADER];
  for (const [run, modules] of Object.entries(summary.runs)) {
    const steps = summary.steps[run] ?? [];
    for (const [module, properties] of Object.entries(modules)) {
      for (const [property, stats] of Object.entries(properties)) {
        for (const stat of DYNAMICS_STATS) {
          stats[stat].forEach((value, i) => {
            lines.push([csvText(run), csvText(module), csvText(property), stat, String(steps[i] ?? i), value === null ? "" : String(value)].join(","));
          });
        }
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A text field of a CSV row: quoted when it holds a comma, quote, line break
 * or outer space; a leading `=`, `+`, `-`, `@`, tab or carriage return gets a
 * `'` first, so a spreadsheet shows a name from the log instead of running it.
 *
 * @example csvText('a,"b"') // '"a,""b"""'
 * @example csvText("=1+1") // "'=1+1"
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
