/**
 * The pruning plan built from the layer panel's selections: which filters of
 * which layers, the last refusal, and the plan panel that shows them. The
 * overlay controller tells it which statistics are loaded and whether the
 * pruning overlay is on; nothing here fetches.
 */

import { planFileName, planJson, withLayer } from "../pruning_plan";
import type { PlanLayers } from "../pruning_plan";
import type { FilterStatsJson, PruningPlanJson } from "../types";
import { download } from "./export";
import { createPlanPanel } from "./plan_panel";

export interface PlanController {
  element: HTMLElement;
  /** Draw the panel: the plan while the pruning overlay is on, else nothing. */
  show(): void;
  /** Start an empty plan (other statistics were loaded); shown at the next show(). */
  reset(): void;
  /** Add `filters` of layer `module`; the refusal, or null when added. */
  add(module: string, filters: number[]): string | null;
  /** The plan as it would download, or null when no statistics are loaded. */
  json(): PruningPlanJson | null;
}

export function createPlanController(deps: {
  /** The loaded filter statistics, or null. */
  stats(): FilterStatsJson | null;
  /** Whether the pruning overlay is on (the panel is empty otherwise). */
  on(): boolean;
}): PlanController {
  let plan: PlanLayers = new Map();
  let message = "";

  const panel = createPlanPanel({
    remove: (module) => {
      const next = new Map(plan);
      next.delete(module);
      plan = next;
      message = "";
      show();
    },
    clear: () => {
      reset();
      show();
    },
    download: () => {
      const json = current();
      if (json) download(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: "application/json" }), planFileName(json.source));
    },
  });

  function show(): void {
    panel.show(deps.on() ? deps.stats() : null, plan, message);
  }

  function reset(): void {
    plan = new Map();
    message = "";
  }

  function current(): PruningPlanJson | null {
    const stats = deps.stats();
    return stats ? planJson(stats, plan) : null;
  }

  return {
    element: panel.element,
    show,
    reset,
    add(module, filters) {
      const stats = deps.stats();
      if (!stats) return "no filter statistics are loaded";
      const result = withLayer(stats, plan, module, filters);
      if ("error" in result) {
        message = `Not added: ${result.error}`;
      } else {
        plan = result.plan;
        message = "";
      }
      show();
      return message || null;
    },
    json: current,
  };
}
