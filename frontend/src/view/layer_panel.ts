/**
 * The layer panel: one conv or linear layer's filter statistics. A summary
 * (filters, hooked tensor, coupled layers, prunable), the class sections
 * (class_sections.ts: sparkline matrix, CPD, filter-activation view with
 * brush) once the layer's class means arrive (`classMeans`, `GET
 * filter_layer`: when the layer is first shown, every class of a few or, of
 * many, the server's first rows, those of the classes of the layer's best and
 * worst pairs; then the rows of each class the user picks, when picked),
 * selection by "weakest N %", and
 * the selections made under each metric combined into the one that goes into
 * the plan. It keeps each layer's choices while the statistics stay the same.
 */

import { classDifference, defaultClasses, missingClasses } from "../overlay/class_pairs";
import { filterOrder, weakestFilters } from "../overlay/filter_metrics";
import type { CombineMode } from "../overlay/filter_selection";
import { combineSelections, toggledFilter } from "../overlay/filter_selection";
import { findLayer, groupOf, unprunableReason } from "../pruning_plan";
import { formatCount } from "../format";
import type { FilterLayerJson, FilterMetricJson, FilterMetricKey, FilterStatsJson, LayerClassMeans } from "../types";
import { classSections, usesPicker } from "./class_sections";
import { h, option, replaceChildren } from "./dom";
import { MAX_MATRIX_CLASSES } from "./sparkline_matrix";

/** What a layer panel shows of one layer, remembered across selections. */
interface LayerChoices {
  order: FilterMetricKey;
  pair: [number, number] | null;
  /** The class the activation view shows; null: the first the matrix shows. */
  activeClass: number | null;
  /** The classes a matrix of many classes shows; null: the default (best and worst pairs). */
  picked: number[] | null;
  /** Filters selected under each metric (the order in force when they were picked). */
  selections: Map<FilterMetricKey, number[]>;
}

/** The panel's state for browser tests (window.__graphfold.layer()). */
export interface LayerDebug {
  module: string;
  order: FilterMetricKey;
  /** Filter indices in drawing order. */
  filterOrder: number[];
  pair: [number, number] | null;
  /** a[A, f] − a[B, f] per filter index, for the picked pair. */
  cpd: number[] | null;
  activeClass: number;
  /** Whether the layer's first class means have arrived. */
  classMeansLoaded: boolean;
  /** The classes whose rows have arrived, ascending. */
  loadedClasses: number[];
  /** The classes the matrix shows, in order ([] until the class means arrive). */
  matrixClasses: number[];
  /** The layer's best- and worst-separated pairs, as the server ranked them. */
  pairs: LayerClassMeans["pairs"] | null;
  selections: Partial<Record<FilterMetricKey, number[]>>;
  combine: CombineMode;
  selected: number[];
}

export interface LayerPanel {
  element: HTMLElement;
  /** Show layer `module` of `stats` (null hides); `metric` orders a layer shown for the first time. */
  show(stats: FilterStatsJson | null, module: string | null, metric: FilterMetricKey): void;
  /** Order the shown layer by `metric` (the overlay metric changed). */
  follow(metric: FilterMetricKey): void;
  /** Select `filters` of layer `module` under `metric` (default: its current order) and show the layer. */
  selectFilters(stats: FilterStatsJson, module: string, filters: readonly number[], metric?: FilterMetricKey): void;
  debug(): LayerDebug | null;
}

export function createLayerPanel(handlers: {
  /** Put `filters` of `module` into the plan; returns why it could not, or null. */
  addToPlan(module: string, filters: number[]): string | null;
  /**
   * The class means of `module` in the shown statistics loaded so far, with
   * at least the rows of `classes` (null: the server's first rows); the
   * caller caches them.
   */
  classMeans(module: string, classes: readonly number[] | null): Promise<LayerClassMeans>;
}): LayerPanel {
  const element = h("section", { class: "gf-layer", "data-testid": "layer-panel", "aria-label": "Layer filters", hidden: true });
  let stats: FilterStatsJson | null = null;
  let layer: FilterLayerJson | null = null;
  let combine: CombineMode = "union";
  let percent = 10;
  let message = "";
  let query = "";
  const choices = new Map<string, LayerChoices>();
  /** Class means by module for the shown statistics: loaded (some rows), or the error of loading their first rows. */
  const means = new Map<string, LayerClassMeans | { error: string } | "loading">();
  /** Modules whose rows are being asked for. */
  const asking = new Set<string>();
  /** Per module, the classes whose rows could not be loaded, and why: not asked for again until the choice changes. */
  const failedRows = new Map<string, { classes: string; error: string }>();

  function choicesOf(module: string, metric: FilterMetricKey): LayerChoices {
    let c = choices.get(module);
    if (!c) choices.set(module, (c = { order: metric, pair: null, activeClass: null, picked: null, selections: new Map() }));
    return c;
  }

  function use(next: FilterStatsJson | null): void {
    if (next !== stats) {
      choices.clear();
      means.clear();
      asking.clear();
      failedRows.clear();
    }
    stats = next;
  }

  /**
   * The shown layer's class means as far as they are loaded; asks for the
   * rows its choices `c` need and lacks (a few classes: all of them at once).
   */
  function meansOf(l: FilterLayerJson, c: LayerChoices): LayerClassMeans | { error: string } | "loading" {
    const known = means.get(l.module);
    if (known === "loading" || (known && "error" in known)) return known;
    const classCount = stats!.class_names.length;
    const wanted = known ? missingClasses(known.a, neededClasses(known, c)) : usesPicker(classCount) ? null : Array.from({ length: classCount }, (_, i) => i);
    if (known && !wanted?.length) return known;
    if (known && failedRows.get(l.module)?.classes === String(wanted)) return known;
    if (!asking.has(l.module)) ask(l.module, wanted);
    return known ?? "loading";
  }

  function ask(module: string, classes: number[] | null): void {
    const mine = stats;
    asking.add(module);
    if (!means.has(module)) means.set(module, "loading");
    handlers.classMeans(module, classes).then(
      (loaded) => {
        if (stats !== mine) return;
        asking.delete(module);
        failedRows.delete(module);
        means.set(module, loaded);
        if (layer?.module === module) render();
      },
      (error: unknown) => {
        if (stats !== mine) return;
        asking.delete(module);
        const message = error instanceof Error ? error.message : String(error);
        if (means.get(module) === "loading") means.set(module, { error: message });
        else failedRows.set(module, { classes: String(classes), error: message });
        if (layer?.module === module) render();
      },
    );
  }

  /** The classes whose rows the panel draws under choices `c`: the matrix's, the pair's and the activation view's. */
  function neededClasses(loaded: LayerClassMeans, c: LayerChoices): number[] {
    const matrix = matrixClasses(loaded, c);
    return [...matrix, ...(c.pair ?? []), activeClassOf(c, matrix)];
  }

  function matrixClasses(c: LayerClassMeans, choice: LayerChoices): number[] {
    if (!usesPicker(c.classCount)) return Array.from({ length: c.classCount }, (_, i) => i);
    return choice.picked ?? defaultClasses(c.pairs, MAX_MATRIX_CLASSES);
  }

  function activeClassOf(c: LayerChoices, matrix: readonly number[]): number {
    return c.activeClass ?? matrix[0] ?? 0;
  }

  function metricOf(key: FilterMetricKey): FilterMetricJson {
    return stats!.metrics.find((m) => m.key === key) ?? stats!.metrics[0]!;
  }

  function orderOf(l: FilterLayerJson, c: LayerChoices): number[] {
    const metric = metricOf(c.order);
    return filterOrder(l.metrics[metric.key] ?? [], metric.weak);
  }

  function selected(c: LayerChoices): number[] {
    return combineSelections([...c.selections.values()], combine);
  }

  function setSelection(c: LayerChoices, metric: FilterMetricKey, filters: readonly number[]): void {
    if (filters.length) c.selections.set(metric, [...new Set(filters)].sort((a, b) => a - b));
    else c.selections.delete(metric);
    message = "";
  }

  function render(): void {
    element.hidden = !stats || !layer;
    if (!stats || !layer) return replaceChildren(element);
    const s = stats;
    const l = layer;
    const c = choicesOf(l.module, s.metrics[0]!.key);
    const order = orderOf(l, c);
    const metric = metricOf(c.order);
    const picked = selected(c);
    const reason = unprunableReason(s, l.module);

    const orderSelect = h("select", { "data-testid": "matrix-order", "aria-label": "Order filters by" });
    replaceChildren(orderSelect, ...s.metrics.map((m) => option(m.key, `${m.label} (weakest first)`)));
    orderSelect.value = c.order;
    orderSelect.addEventListener("change", () => {
      c.order = orderSelect.value as FilterMetricKey;
      render();
    });

    const percentInput = h("input", { type: "number", min: 0, max: 100, step: 1, value: percent, "data-testid": "weakest-percent", "aria-label": "Percent of filters", class: "gf-number" });
    percentInput.addEventListener("change", () => {
      percent = Math.min(100, Math.max(0, Number(percentInput.value) || 0));
    });
    const weakest = button("select-weakest", `Select weakest by ${metric.label}`, () => {
      percent = Math.min(100, Math.max(0, Number(percentInput.value) || 0));
      setSelection(c, c.order, weakestFilters(l.metrics[metric.key] ?? [], metric.weak, percent));
      render();
    });
    const combineSelect = h("select", { "data-testid": "selection-combine", "aria-label": "Combine the selections of each metric" });
    combineSelect.append(option("union", "union"), option("intersection", "intersection"));
    combineSelect.value = combine;
    combineSelect.addEventListener("change", () => {
      combine = combineSelect.value as CombineMode;
      render();
    });
    const perMetric = [...c.selections].map(([key, filters]) =>
      h("li", {}, `${metricOf(key).label}: ${filters.length}`, " ", button(`selection-clear-${key}`, "✕", () => {
        setSelection(c, key, []);
        render();
      }, `Clear the selection made under ${metricOf(key).label}`)),
    );
    const add = button("plan-add", "Add selection to plan", () => {
      const error = handlers.addToPlan(l.module, picked);
      message = error ?? `Plan: remove ${picked.length} of ${l.filter_count} filters of ${l.module}.`;
      render();
    });
    add.disabled = reason !== null || picked.length === 0;
    if (reason) add.title = reason;

    const group = groupOf(s, l);
    const coupled = group ? group.modules.filter((m) => m !== l.module) : [];
    const loaded = meansOf(l, c);
    const rowsError = failedRows.get(l.module);
    const sections =
      loaded === "loading"
        ? [h("p", { class: "gf-note", "data-testid": "class-means-loading", role: "status" }, `Loading the class means of ${s.class_names.length} classes…`)]
        : "error" in loaded
          ? [h("p", { class: "gf-error", "data-testid": "class-means-error", role: "alert" }, `Could not load the class means: ${loaded.error}`)]
          : [
              rowsError ? h("p", { class: "gf-error", "data-testid": "class-means-error", role: "alert" }, `Could not load the class means: ${rowsError.error}`) : null,
              ...classSections(
              {
                means: loaded,
                classNames: s.class_names,
                order,
                pair: c.pair,
                activeClass: activeClassOf(c, matrixClasses(loaded, c)),
                matrixClasses: matrixClasses(loaded, c),
                query,
                metric: l.metrics[metric.key] ?? [],
                metricLabel: metric.label,
                selected: new Set(picked),
                brushed: new Set(c.selections.get(c.order) ?? []),
              },
              {
                pair: (pair) => {
                  c.pair = pair;
                  render();
                },
                activeClass: (cls) => {
                  c.activeClass = cls;
                  render();
                },
                pickClasses: (classes) => {
                  c.picked = classes;
                  render();
                },
                search: (text) => {
                  query = text;
                },
                brush: (filters) => {
                  setSelection(c, c.order, filters);
                  render();
                },
                toggle: (filter) => {
                  setSelection(c, c.order, toggledFilter(c.selections.get(c.order) ?? [], filter));
                  render();
                },
              },
            ),
            ];

    replaceChildren(
      element,
      h("p", { class: "gf-kind" }, `Layer · ${l.layer_type}`),
      h("h2", { class: "gf-path" }, l.module),
      h(
        "dl",
        { class: "gf-facts", "data-testid": "layer-summary" },
        ...fact("Filters", formatCount(l.filter_count)),
        ...fact("Hooked tensor", l.hooked),
        ...fact("Weight shape", l.weight_shape.join(" × ")),
        ...fact("Coupled with", coupled.length ? coupled.join(", ") : "no other layer"),
        ...fact("Prunable", reason ?? (group ? `yes; one channel saves ${formatCount(group.parameters_per_channel)} parameters, ${formatCount(group.macs_per_channel)} MACs` : "yes")),
      ),
      h("label", { class: "gf-inline" }, "Order filters by ", orderSelect),
      ...sections,
      h("div", { class: "gf-row" }, percentInput, "%", weakest),
      perMetric.length ? h("ul", { class: "gf-selections", "data-testid": "selection-metrics" }, ...perMetric) : null,
      h("div", { class: "gf-row" }, h("label", { class: "gf-inline" }, "Combine ", combineSelect),
        h("span", { "data-testid": "filter-selection-count" }, `${picked.length} of ${l.filter_count} filters selected`)),
      h("div", { class: "gf-row" }, add),
      message ? h("p", { class: "gf-note", "data-testid": "layer-message", role: "status" }, message) : null,
    );
  }

  return {
    element,
    show(next, module, metric) {
      // Hiding the panel (null) keeps the statistics' choices for when a layer shows again.
      if (next) use(next);
      layer = next && module !== null ? findLayer(next, module) ?? null : null;
      if (layer) choicesOf(layer.module, metric);
      message = "";
      render();
    },
    follow(metric) {
      if (!layer) return;
      choicesOf(layer.module, metric).order = metric;
      render();
    },
    selectFilters(next, module, filters, metric) {
      use(next);
      const l = findLayer(next, module);
      if (!l) throw new Error(`selectFilters: no layer "${module}"; layers: ${next.layers.map((x) => x.module).join(", ")}`);
      layer = l;
      const c = choicesOf(module, metric ?? next.metrics[0]!.key);
      setSelection(c, metric ?? c.order, filters);
      render();
    },
    debug() {
      if (!stats || !layer) return null;
      const c = choicesOf(layer.module, stats.metrics[0]!.key);
      const loaded = means.get(layer.module);
      const classMeans = loaded && loaded !== "loading" && !("error" in loaded) ? loaded : null;
      return {
        module: layer.module,
        order: c.order,
        filterOrder: orderOf(layer, c),
        pair: c.pair,
        cpd: c.pair && classMeans && !missingClasses(classMeans.a, c.pair).length ? classDifference(classMeans.a, c.pair[0], c.pair[1]) : null,
        activeClass: activeClassOf(c, classMeans ? matrixClasses(classMeans, c) : []),
        classMeansLoaded: classMeans !== null,
        loadedClasses: classMeans ? classMeans.a.flatMap((row, i) => (row ? [i] : [])) : [],
        matrixClasses: classMeans ? matrixClasses(classMeans, c) : [],
        pairs: classMeans ? classMeans.pairs : null,
        selections: Object.fromEntries(c.selections),
        combine,
        selected: selected(c),
      };
    },
  };
}

function fact(term: string, value: string): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, value)];
}

function button(testid: string, text: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = h("button", { type: "button", class: "gf-button", "data-testid": testid, title: title ?? null }, text);
  b.addEventListener("click", onClick);
  return b;
}
