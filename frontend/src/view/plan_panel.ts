/**
 * The pruning plan panel: the layers in the plan with how many filters each
 * loses, the coupled groups that lose channels with them, the savings
 * preview (parameters and MACs before and after), what is wrong with the
 * plan, and the download. It shows what the overlay controller hands it.
 */

import { formatChange, formatCompact, formatCount } from "../format";
import type { PlanLayers, PlanPreview } from "../pruning_plan";
import { findLayer, groupRemovals, planPreview, planProblems } from "../pruning_plan";
import type { FilterStatsJson } from "../types";
import { h, replaceChildren } from "./dom";

export interface PlanPanel {
  element: HTMLElement;
  show(stats: FilterStatsJson | null, plan: PlanLayers, message: string): void;
}

export function createPlanPanel(handlers: { remove(module: string): void; clear(): void; download(): void }): PlanPanel {
  const element = h("section", { class: "gf-plan", "data-testid": "pruning-plan", "aria-label": "Pruning plan", hidden: true });

  function show(stats: FilterStatsJson | null, plan: PlanLayers, message: string): void {
    element.hidden = stats === null;
    if (!stats) return replaceChildren(element);
    const problems = planProblems(stats, plan);
    const preview = planPreview(stats, plan);
    const coupled = groupRemovals(stats, plan).filter((g) => g.modules.length > 1);
    const download = h("button", { type: "button", class: "gf-button", "data-testid": "plan-download" }, "Download plan (JSON)");
    download.disabled = plan.size === 0 || problems.length > 0;
    download.addEventListener("click", handlers.download);
    const clear = h("button", { type: "button", class: "gf-button", "data-testid": "plan-clear" }, "Clear");
    clear.disabled = plan.size === 0;
    clear.addEventListener("click", handlers.clear);
    replaceChildren(
      element,
      h("h2", {}, "Pruning plan"),
      plan.size
        ? h(
            "ul",
            { class: "gf-plan-layers" },
            ...[...plan].map(([module, remove]) => {
              const drop = h("button", { type: "button", class: "gf-link", "data-testid": "plan-remove", title: `Take ${module} out of the plan`, "aria-label": `Take ${module} out of the plan` }, "remove");
              drop.addEventListener("click", () => handlers.remove(module));
              const layer = findLayer(stats, module);
              return h(
                "li",
                { "data-testid": "plan-layer", "data-module": module },
                h("span", { class: "gf-path" }, module),
                h("span", { class: "gf-note" }, `${formatCount(remove.length)} of ${formatCount(layer?.filter_count ?? 0)} filters`),
                drop,
              );
            }),
          )
        : h("p", { class: "gf-muted" }, "Select filters of a layer, then add the selection to the plan."),
      ...coupled.map((g) =>
        h("p", { class: "gf-note" }, `Coupled: ${g.modules.join(", ")} lose the same ${formatCount(g.removed)} of ${formatCount(g.channelCount)} channels.`),
      ),
      previewTable(preview),
      ...problems.map((p) => h("p", { class: "gf-search-error", "data-testid": "plan-warning" }, p)),
      message ? h("p", { class: "gf-note", "data-testid": "plan-message", role: "status" }, message) : null,
      h("div", { class: "gf-row" }, download, clear),
    );
  }

  return { element, show };
}

function previewTable(preview: PlanPreview): HTMLElement {
  const row = (label: string, before: number, after: number, testid: string) =>
    h(
      "tr",
      { "data-testid": testid },
      h("th", { scope: "row" }, label),
      h("td", { class: "gf-num", title: formatCount(before) }, formatCompact(before)),
      h("td", { class: "gf-num", title: formatCount(after) }, formatCompact(after)),
      h("td", { class: "gf-num" }, formatChange(before, after)),
    );
  return h(
    "table",
    { class: "gf-preview", "data-testid": "plan-preview" },
    h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", { scope: "col" }, "before"), h("th", { scope: "col" }, "after"), h("th", { scope: "col" }, "saved"))),
    h(
      "tbody",
      {},
      row("Parameters", preview.parameters_before, preview.parameters_after, "plan-parameters"),
      row("MACs", preview.macs_before, preview.macs_after, "plan-macs"),
    ),
  );
}
