/**
 * The comparison panel of the pruning overlay: every (run, filter_stats step)
 * of the log directory with its parameters and MACs, their change against a
 * baseline row (the shown run's by default), and a scalar the run logged
 * (its accuracy) at that step, else its last value, as the cell's tooltip
 * says. It loads each run's scalars once per listing.
 */

import { formatChange, formatCompact, formatCount } from "../format";
import { comparisonRows, compareRows, defaultBaseline } from "../overlay/run_comparison";
import type { ComparedRow, ComparisonRow } from "../overlay/run_comparison";
import { defaultScalarTag, describeScalarPick, scalarTags } from "../overlay/scalars";
import type { ScalarPick } from "../overlay/scalars";
import type { OverlayListing, ScalarsJson } from "../types";
import { h, option, replaceChildren } from "./dom";

/** A row as window.__graphfold.compare() reports it. */
export interface CompareDebugRow extends Omit<ComparedRow, "scalar"> {
  scalar: (ScalarPick & { tag: string }) | null;
}

export interface ComparePanel {
  element: HTMLElement;
  /** Show the rows of `listing`, the baseline defaulting to `run` at `step`; null hides. */
  show(input: { listing: readonly OverlayListing[]; run: string; step: number | null } | null): void;
  debug(): CompareDebugRow[];
}

export function createComparePanel(deps: { scalars(run: string): Promise<ScalarsJson>; track<T>(work: Promise<T>): Promise<T> }): ComparePanel {
  const element = h("section", { class: "gf-plan", "data-testid": "compare-runs", "aria-label": "Compare runs", hidden: true });
  let listing: readonly OverlayListing[] | null = null;
  let rows: ComparisonRow[] = [];
  let baseline = -1;
  let tag: string | null = null;
  const scalars = new Map<string, ScalarsJson>();
  const failed = new Map<string, string>();
  let shown = false;

  function load(): void {
    for (const run of new Set(rows.map((r) => r.run))) {
      if (scalars.has(run) || failed.has(run)) continue;
      const forListing = listing;
      void deps.track(
        deps.scalars(run).then(
          (json) => {
            if (listing !== forListing) return;
            scalars.set(run, json);
            render();
          },
          (error: unknown) => {
            if (listing !== forListing) return;
            failed.set(run, error instanceof Error ? error.message : String(error));
            render();
          },
        ),
      );
    }
  }

  function compared(): ComparedRow[] {
    tag = defaultScalarTag(scalarTags(scalars.values()), tag);
    return compareRows(rows, baseline, scalars, tag);
  }

  function render(): void {
    element.hidden = !shown || rows.length === 0;
    if (element.hidden) return replaceChildren(element);
    const table = compared();
    const tags = scalarTags(scalars.values());
    const baselineSelect = h("select", { "data-testid": "compare-baseline", "aria-label": "Baseline row" });
    replaceChildren(baselineSelect, ...rows.map((r, i) => option(String(i), `${r.run} · step ${r.step}`)));
    baselineSelect.value = String(baseline);
    baselineSelect.addEventListener("change", () => {
      baseline = Number(baselineSelect.value);
      render();
    });
    const scalarSelect = h("select", { "data-testid": "compare-scalar", "aria-label": "Scalar" });
    replaceChildren(scalarSelect, ...tags.map((t) => option(t, t)));
    scalarSelect.value = tag ?? "";
    scalarSelect.addEventListener("change", () => {
      tag = scalarSelect.value;
      render();
    });
    const loading = rows.some((r) => !scalars.has(r.run) && !failed.has(r.run));
    const base = rows[baseline];
    replaceChildren(
      element,
      h("h2", {}, "Compare runs"),
      h("div", { class: "gf-row" }, h("label", { class: "gf-inline" }, "Baseline", baselineSelect), tags.length ? h("label", { class: "gf-inline" }, "Scalar", scalarSelect) : null),
      h(
        "div",
        { class: "gf-summary-scroll" },
        h(
          "table",
          { class: "gf-preview gf-compare", "data-testid": "compare-table" },
          h(
            "thead",
            {},
            h("tr", {}, ...["run", "params", "MACs"].map((t) => h("th", { scope: "col" }, t)), h("th", { scope: "col", class: "gf-scalar-head", title: tag ?? "" }, tag ?? "scalar")),
          ),
          h(
            "tbody",
            {},
            ...table.map((row) =>
              h(
                "tr",
                { "data-testid": "compare-row", "data-run": row.run, "data-step": row.step, class: row.baseline ? "gf-row-selected" : null },
                h("th", { scope: "row", title: `${row.run}, step ${row.step} (filter stats tag ${row.tag})` }, h("span", { class: "gf-run-name" }, row.run), h("span", { class: "gf-change" }, `step ${row.step}`)),
                sizeCell("compare-parameters", row.parameters, row.baseline ? "baseline" : base ? formatChange(base.parameters, row.parameters) : ""),
                sizeCell("compare-macs", row.macs, row.baseline ? "" : base ? formatChange(base.macs, row.macs) : ""),
                scalarCell(row),
              ),
            ),
          ),
        ),
      ),
      ...[...failed].map(([run, message]) => h("p", { class: "gf-search-error" }, `Could not load the scalars of ${run}: ${message}`)),
      h(
        "p",
        { class: "gf-note" },
        "Parameters and MACs as logged with each step's filter statistics, with their change against the baseline row.",
        table.some((r) => r.scalar && !r.scalar.exact) ? ` * not logged at the row's step: the run's last ${tag} instead.` : "",
        loading ? " Loading the runs' scalars…" : "",
      ),
    );
  }

  /** A count (exact in the tooltip) with its change against the baseline under it. */
  function sizeCell(testid: string, value: number, change: string): HTMLElement {
    return h("td", { class: "gf-num", "data-testid": testid, title: formatCount(value) }, formatCompact(value), change ? h("span", { class: "gf-change" }, change) : null);
  }

  function scalarCell(row: ComparedRow): HTMLElement {
    if (!row.scalar || tag === null) {
      const why = failed.has(row.run) ? "its scalars could not be loaded" : scalars.has(row.run) ? `the run logged no ${tag ?? "scalars"}` : "loading";
      return h("td", { class: "gf-num", "data-testid": "compare-scalar-value", title: why }, "—");
    }
    const text = `${Number(row.scalar.value.toPrecision(4))}${row.scalar.exact ? "" : "*"}`;
    return h("td", { class: "gf-num", "data-testid": "compare-scalar-value", title: `${describeScalarPick(tag, row.scalar, row.step)}: ${row.scalar.value}` }, text);
  }

  return {
    element,
    show(input) {
      shown = input !== null;
      if (input && input.listing !== listing) {
        listing = input.listing;
        rows = comparisonRows(input.listing);
        scalars.clear();
        failed.clear();
        baseline = defaultBaseline(rows, input.run, input.step);
      }
      if (shown) load();
      render();
    },
    debug() {
      if (!shown) return [];
      return compared().map((row) => ({ ...row, scalar: row.scalar && tag !== null ? { ...row.scalar, tag } : null }));
    },
  };
}
