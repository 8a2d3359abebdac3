/**
 * The early-training summary panel: runs side by side, one column per run
 * with a weight_graph series, one row group per layer. A layer's row shows
 * the overlay's property and statistic; opened, it shows every property and
 * statistic. Each cell draws the values over the first k steps and names the
 * k-th, shaded within its row; the last row holds each run's final scalar
 * (its accuracy). The summary downloads as JSON or CSV.
 */

import { valueRange } from "../overlay/color_scale";
import { DYNAMICS_STATS, STAT_LABELS } from "../overlay/dynamics";
import type { DynamicsStat } from "../overlay/dynamics";
import { formatValue } from "../overlay/filter_metrics";
import { defaultScalarTag, finalScalar, scalarTags } from "../overlay/scalars";
import { DEFAULT_SUMMARY_K, clampK, featureValues, lastValue, maxSummaryK, summaryCsv, summaryModules, summaryProperties, trainingSummary } from "../overlay/training_summary";
import type { RunSeries, TrainingSummaryJson } from "../overlay/training_summary";
import type { ScalarsJson } from "../types";
import { h, option, replaceChildren, svg } from "./dom";
import { sparklineCoords } from "./canvas_sparklines";
import { download } from "./export";

export interface SummaryInput {
  /** The runs whose series are loaded, in column order. */
  runs: RunSeries[];
  scalars: ReadonlyMap<string, ScalarsJson>;
  /** The feature a closed layer row shows: the overlay's property and statistic. */
  property: string;
  stat: DynamicsStat;
  /** The selected layer: highlighted and opened. */
  selected: string | null;
  /** Why some runs are missing, or "". */
  error: string;
}

export interface SummaryPanel {
  element: HTMLElement;
  show(input: SummaryInput | null): void;
  highlight(module: string | null): void;
  /** The summary as the JSON export saves it, or null while hidden or empty. */
  summary(): TrainingSummaryJson | null;
}

export function createSummaryPanel(): SummaryPanel {
  // A <details>, so the table can be folded away to give the canvas its room back.
  const element = h("details", { class: "gf-summary-panel", "data-testid": "dynamics-summary", "aria-label": "Early-training summary", open: true, hidden: true });
  let input: SummaryInput | null = null;
  let k = DEFAULT_SUMMARY_K;
  let tag: string | null = null;
  const opened = new Set<string>();
  let summary: TrainingSummaryJson | null = null;

  function compute(): void {
    if (!input || !input.runs.length) {
      summary = null;
      return;
    }
    const tags = scalarTags(input.runs.flatMap((r) => input!.scalars.get(r.run) ?? []));
    tag = defaultScalarTag(tags, tag);
    const finals = new Map(input.runs.map((r) => [r.run, tag === null ? null : finalScalar(input!.scalars.get(r.run)?.scalars[tag] ?? [])?.value ?? null]));
    summary = trainingSummary(input.runs, clampK(k, maxSummaryK(input.runs)), tag, finals);
  }

  function render(): void {
    element.hidden = input === null;
    if (!input) return replaceChildren(element);
    const { runs } = input;
    const max = maxSummaryK(runs);
    const kInput = h("input", { type: "number", min: 1, max: Math.max(1, max), step: 1, value: summary?.k ?? clampK(k, max), "data-testid": "summary-k", "aria-label": "First k steps", class: "gf-number" });
    kInput.addEventListener("change", () => {
      k = clampK(Number(kInput.value), maxSummaryK(input?.runs ?? []));
      update();
    });
    const tags = scalarTags(runs.flatMap((r) => input!.scalars.get(r.run) ?? []));
    const scalarSelect = h("select", { "data-testid": "summary-scalar", "aria-label": "Final scalar" });
    replaceChildren(scalarSelect, ...tags.map((t) => option(t, t)));
    scalarSelect.value = tag ?? "";
    scalarSelect.addEventListener("change", () => {
      tag = scalarSelect.value;
      update();
    });
    const json = button("summary-export-json", "JSON", () => {
      if (summary) download(new Blob([`${JSON.stringify(summary, null, 2)}\n`], { type: "application/json" }), `training_summary_k${summary.k}.json`);
    });
    const csv = button("summary-export-csv", "CSV", () => {
      if (summary) download(new Blob([summaryCsv(summary)], { type: "text/csv" }), `training_summary_k${summary.k}.csv`);
    });
    json.disabled = csv.disabled = summary === null;
    replaceChildren(
      element,
      h("summary", {}, h("h2", {}, "Early training: runs side by side")),
      h(
        "div",
        { class: "gf-row" },
        h("label", { class: "gf-inline" }, "First", kInput, `of ${max} steps`),
        tags.length ? h("label", { class: "gf-inline" }, "Final", scalarSelect) : null,
        h("span", { class: "gf-inline" }, "Download", json, csv),
      ),
      input.error ? h("p", { class: "gf-search-error", role: "status" }, input.error) : null,
      summary ? table(summary) : h("p", { class: "gf-muted" }, runs.length ? "No readable steps." : "Loading the runs' weight-graph properties…"),
      h("p", { class: "gf-note" }, `A layer's row shows ${input.property} · ${STAT_LABELS[input.stat]}; open it for every property and statistic. A cell draws the value at each of the run's first k logged steps and names the k-th; shading compares runs within the row.`),
    );
  }

  function table(s: TrainingSummaryJson): HTMLElement {
    const runs = Object.keys(s.runs);
    const properties = summaryProperties(s);
    const head = h("tr", {}, h("th", { scope: "col" }, "Layer"), ...runs.map((run) => h("th", { scope: "col", "data-testid": "summary-run", "data-run": run, title: `steps ${(s.steps[run] ?? []).join(", ")}` }, run)));
    const body = h("tbody", {});
    for (const module of summaryModules(s)) {
      const open = opened.has(module) || module === input!.selected;
      const toggle = h("button", { type: "button", class: "gf-link", "data-testid": "summary-toggle", "aria-expanded": open ? "true" : "false" }, `${open ? "▾" : "▸"} ${module}`);
      toggle.addEventListener("click", () => {
        if (opened.has(module)) opened.delete(module);
        else opened.add(module);
        render();
      });
      body.append(
        h("tr", { "data-testid": "summary-layer", "data-module": module, class: module === input!.selected ? "gf-row-selected" : null }, h("th", { scope: "row" }, toggle), ...cells(s, module, input!.property, input!.stat)),
      );
      if (!open) continue;
      for (const property of properties) {
        for (const stat of DYNAMICS_STATS) {
          body.append(
            h(
              "tr",
              { "data-testid": "summary-feature", "data-module": module, "data-property": property, "data-statistic": stat, class: "gf-feature-row" },
              h("th", { scope: "row" }, `${property} · ${STAT_LABELS[stat]}`),
              ...cells(s, module, property, stat),
            ),
          );
        }
      }
    }
    body.append(
      h(
        "tr",
        { "data-testid": "summary-final" },
        h("th", { scope: "row" }, s.scalar === null ? "final scalar" : `final ${s.scalar}`),
        ...runs.map((run) => h("td", { class: "gf-num", "data-testid": "summary-cell", "data-run": run }, s.final[run] === null || s.final[run] === undefined ? "—" : formatValue(s.final[run]!))),
      ),
    );
    return h("div", { class: "gf-summary-scroll" }, h("table", { class: "gf-summary-table", "data-testid": "summary-table" }, h("thead", {}, head), body));
  }

  function cells(s: TrainingSummaryJson, module: string, property: string, stat: DynamicsStat): HTMLElement[] {
    const byRun = featureValues(s, module, property, stat);
    const range = valueRange([...byRun.values()].map((v) => lastValue(v) ?? NaN));
    return [...byRun].map(([run, values]) => {
      const last = lastValue(values);
      const steps = s.steps[run] ?? [];
      const cell = h(
        "td",
        { class: "gf-num gf-heat", "data-testid": "summary-cell", "data-run": run, title: `${run} · ${module} · ${property} ${STAT_LABELS[stat]}: ${values.map((v, i) => `step ${steps[i]}: ${v === null ? "—" : formatValue(v)}`).join(", ")}` },
        values.length > 1 ? spark(values) : null,
        last === null ? "—" : formatValue(last),
      );
      if (range && last !== null) cell.style.setProperty("--gf-heat", String(range[1] > range[0] ? (last - range[0]) / (range[1] - range[0]) : 0.5));
      return cell;
    });
  }

  function update(): void {
    compute();
    render();
  }

  return {
    element,
    show(next) {
      input = next;
      update();
    },
    highlight(module) {
      if (!input || input.selected === module) return;
      input = { ...input, selected: module };
      render();
    },
    summary: () => summary,
  };
}

function spark(values: readonly (number | null)[]): SVGSVGElement {
  const coords = sparklineCoords(values.map((v) => v ?? NaN), { x: 0, y: 1, width: 40, height: 10 });
  const points = coords.filter((p) => Number.isFinite(p.y)).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`);
  return svg("svg", { class: "gf-cell-spark", viewBox: "0 0 40 12", "aria-hidden": "true" }, svg("polyline", { class: "gf-spark", points: points.join(" ") }));
}

function button(testid: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "gf-button", "data-testid": testid }, text);
  b.addEventListener("click", onClick);
  return b;
}
