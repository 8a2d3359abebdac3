/**
 * Pruning plans: which filters to remove from which layers, checked against
 * the coupled groups of `GET filter_stats`, with the parameters and MACs the
 * pruned model would have and the JSON the tab downloads (docs/http_api.md,
 * "A pruning plan").
 *
 * Removing channel i from one layer of a group removes it from every layer
 * of the group, so a group keeps `channel_count` minus the number of distinct
 * indices removed from any of its layers. The counts after pruning come from
 * the cost model (`fixed_parameters` and `cost_terms`), term by term in the
 * same order and with the same rounding as `tb_plugin.pruning.preview_plan`,
 * so the tab's preview and Python's agree to the unit. Pure: a plan is a map
 * from layer module to the sorted filter indices to remove.
 */

import type { CostTermJson, FilterLayerJson, FilterStatsJson, PruningGroupJson, PruningPlanJson } from "./types";

export const PLAN_FORMAT = "graphfold.pruning_plan";
export const PLAN_VERSION = 1;

/** Layer module → sorted filter indices to remove. */
export type PlanLayers = ReadonlyMap<string, readonly number[]>;

export interface PlanPreview {
  parameters_before: number;
  parameters_after: number;
  macs_before: number;
  macs_after: number;
}

/** One group the plan touches: its layers and how many of its channels go. */
export interface GroupRemoval {
  group: number;
  modules: string[];
  removed: number;
  channelCount: number;
}

/** Why layer `module` cannot be pruned at all, or null when it can. */
export function unprunableReason(stats: FilterStatsJson, module: string): string | null {
  const layer = findLayer(stats, module);
  if (!layer) return `no layer "${module}" in the filter statistics of run "${stats.run}", step ${stats.step}`;
  const group = groupOf(stats, layer);
  if (layer.group === -1 || !group) return `layer "${module}" cannot be pruned: it belongs to no prunable group`;
  if (!group.prunable) return `layer "${module}" cannot be pruned${group.reason ? `: ${group.reason}` : ""}`;
  return null;
}

/** For each group the plan touches, the union of removed indices over its layers. */
export function groupRemovals(stats: FilterStatsJson, plan: PlanLayers): GroupRemoval[] {
  const removed = new Map<number, Set<number>>();
  for (const [module, indices] of plan) {
    const layer = findLayer(stats, module);
    if (!layer || layer.group < 0) continue;
    const set = removed.get(layer.group) ?? new Set<number>();
    for (const i of indices) set.add(i);
    removed.set(layer.group, set);
  }
  return [...removed]
    .sort(([a], [b]) => a - b)
    .map(([group, set]) => {
      const g = stats.groups[group];
      return { group, modules: g ? [...g.modules] : [], removed: set.size, channelCount: g?.channel_count ?? 0 };
    });
}

/** Channels each group keeps under `plan`, by group index. */
export function remainingChannels(stats: FilterStatsJson, plan: PlanLayers): number[] {
  const removed = new Map(groupRemovals(stats, plan).map((g) => [g.group, g.removed]));
  return stats.groups.map((g, i) => g.channel_count - (removed.get(i) ?? 0));
}

/**
 * Parameters and MACs before and after the plan: before, the totals of
 * `stats`; after, the cost model with each group's remaining channels,
 * rounded half to even (Python's round()).
 *
 * @example
 * // one conv term of 4 output channels (group 0) reading 1 input channel, 9 weights and 1 bias per output:
 * // without filters 1 and 3, o = 2: 650 + 9·2·1 + 1·2 = 670 parameters, 576·2·1 = 1152 MACs
 * planPreview(stats, new Map([["features.0", [1, 3]]]))
 */
export function planPreview(stats: FilterStatsJson, plan: PlanLayers): PlanPreview {
  const remaining = remainingChannels(stats, plan);
  let parameters = 0;
  let macs = 0;
  for (const term of stats.cost_terms) {
    const [p, m] = termCost(term, stats.groups, remaining);
    parameters += p;
    macs += m;
  }
  return {
    parameters_before: stats.parameter_count,
    parameters_after: roundHalfEven(stats.fixed_parameters + parameters),
    macs_before: stats.macs,
    macs_after: roundHalfEven(macs),
  };
}

/** (parameters, MACs) of one cost term with `remaining[g]` channels left in each group g. */
export function termCost(term: CostTermJson, groups: readonly PruningGroupJson[], remaining: readonly number[]): [number, number] {
  const channels = (fixed: number, shares: CostTermJson["out"]): number => {
    let total = fixed;
    for (const { group, count } of shares) {
      const g = groups[group];
      if (!g) throw new Error(`cost term of "${term.module}" names group ${group}; the statistics have ${groups.length}`);
      total += (count * remaining[group]!) / g.channel_count;
    }
    return total;
  };
  const o = channels(term.out_fixed, term.out);
  const i = channels(term.in_fixed, term.in);
  return [term.params_per_pair * o * i + term.params_per_out * o + term.params_per_in * i, term.macs_per_pair * o * i + term.macs_per_out * o];
}

/**
 * `x` rounded to the nearest integer, halves to the even one, as Python's round().
 *
 * @example [0.5, 1.5, 2.5, -1.5].map(roundHalfEven) // [0, 2, 2, -2]
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return rounded + 0;
}

/** What makes `plan` unusable, one message each: unknown or unprunable layers, bad indices, emptied groups. */
export function planProblems(stats: FilterStatsJson, plan: PlanLayers): string[] {
  const problems: string[] = [];
  for (const [module, indices] of plan) {
    const reason = unprunableReason(stats, module);
    if (reason) {
      problems.push(reason);
      continue;
    }
    const layer = findLayer(stats, module)!;
    const bad = indices.filter((i) => !Number.isInteger(i) || i < 0 || i >= layer.filter_count);
    if (bad.length) problems.push(`layer "${module}" has ${layer.filter_count} filters; no filter ${bad.join(", ")}`);
  }
  for (const { modules, removed, channelCount } of groupRemovals(stats, plan)) {
    if (channelCount > 0 && removed >= channelCount) {
      problems.push(`the plan removes all ${channelCount} channels of the coupled layers ${modules.join(", ")}; keep at least one`);
    }
  }
  return problems;
}

/**
 * `plan` with layer `module` set to remove `indices` (replacing what it
 * removed before; none removes the layer from the plan), or the reason it
 * cannot be: the layer is not prunable, or its group would lose every channel.
 */
export function withLayer(
  stats: FilterStatsJson,
  plan: PlanLayers,
  module: string,
  indices: readonly number[],
): { plan: PlanLayers } | { error: string } {
  const next = new Map(plan);
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length) next.set(module, sorted);
  else next.delete(module);
  const problems = planProblems(stats, next);
  return problems.length ? { error: problems.join("; ") } : { plan: next };
}

/** The plan as the tab downloads it; layers in the order of `stats.layers`. */
export function planJson(stats: FilterStatsJson, plan: PlanLayers): PruningPlanJson {
  const layers: PruningPlanJson["layers"] = {};
  const order = [...plan.keys()].sort((a, b) => layerIndex(stats, a) - layerIndex(stats, b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const module of order) {
    const layer = findLayer(stats, module);
    layers[module] = { filter_count: layer?.filter_count ?? 0, remove: [...plan.get(module)!] };
  }
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    source: { run: stats.run, tag: stats.tag, step: stats.step, graph_tag: stats.graph_tag },
    layers,
    preview: planPreview(stats, plan),
  };
}

/** `pruning_plan_<run>_<step>.json`, the run reduced to letters, digits, dots, dashes and underscores. */
export function planFileName(source: { run: string; step: number }): string {
  const run = source.run.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "") || "run";
  return `pruning_plan_${run}_${source.step}.json`;
}

export function findLayer(stats: FilterStatsJson, module: string): FilterLayerJson | undefined {
  return stats.layers.find((layer) => layer.module === module);
}

/** The group of `layer`, or undefined for -1 or an index the groups do not have. */
export function groupOf(stats: FilterStatsJson, layer: FilterLayerJson): PruningGroupJson | undefined {
  return layer.group >= 0 ? stats.groups[layer.group] : undefined;
}

function layerIndex(stats: FilterStatsJson, module: string): number {
  const i = stats.layers.findIndex((layer) => layer.module === module);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
