/**
 * The class sections of the layer panel, drawn from one layer's class means
 * (`GET filter_layer`): the sparkline matrix (all classes up to
 * MAX_MATRIX_CLASSES, above that the picked ones with the class picker), the
 * CPD of the picked pair, and the filter-activation view of one class with
 * its brush. Each draws the rows loaded so far, and says which classes it
 * waits for (the panel asks for them). Inputs in, user actions out; the panel
 * keeps the state.
 */

import { classDifference, missingClasses, pairSeparation } from "../overlay/class_pairs";
import { formatValue } from "../overlay/filter_metrics";
import type { LayerClassMeans } from "../types";
import { classChooser, classNamesList, classPicker } from "./class_picker";
import { h, option, replaceChildren } from "./dom";
import { cpdChart, filterActivationChart } from "./filter_charts";
import { MAX_MATRIX_CLASSES, sparklineMatrix } from "./sparkline_matrix";

export interface ClassSectionsInput {
  means: LayerClassMeans;
  classNames: readonly string[];
  /** Filter indices in the panel's order. */
  order: readonly number[];
  pair: [number, number] | null;
  activeClass: number;
  /** The classes the matrix shows (all of them when there are few). */
  matrixClasses: readonly number[];
  /** The class picker's search text. */
  query: string;
  /** The ordering metric's values per filter and its label. */
  metric: readonly number[];
  metricLabel: string;
  /** Filters in the combined selection, and those brushed under the current order. */
  selected: ReadonlySet<number>;
  brushed: ReadonlySet<number>;
}

export interface ClassSectionsHandlers {
  pair(pair: [number, number]): void;
  activeClass(c: number): void;
  pickClasses(classes: number[] | null): void;
  search(query: string): void;
  brush(filters: number[]): void;
  toggle(filter: number): void;
}

/** Whether a layer of `classes` classes draws a matrix of picked classes instead of all. */
export function usesPicker(classes: number): boolean {
  return classes > MAX_MATRIX_CLASSES;
}

export function classSections(input: ClassSectionsInput, handlers: ClassSectionsHandlers): (HTMLElement | SVGSVGElement | null)[] {
  const { means, classNames } = input;
  const name = (i: number) => classNames[i] ?? String(i);
  const waiting = (classes: readonly number[]) =>
    h("p", { class: "gf-note", "data-testid": "class-rows-loading", role: "status" }, `Loading the class means of ${classes.map(name).join(", ")}…`);
  const many = usesPicker(means.classCount);
  const matrixWaits = missingClasses(means.a, input.matrixClasses);
  const matrix = sparklineMatrix(
    { a: means.a, classNames, classes: input.matrixClasses.filter((c) => !matrixWaits.includes(c)), order: input.order, pair: input.pair, activeClass: input.activeClass },
    (r, col) => (r === col ? handlers.activeClass(r) : handlers.pair([r, col])),
  );
  const picker = many
    ? classPicker(
        { names: classNames, picked: input.matrixClasses, limit: MAX_MATRIX_CLASSES, query: input.query },
        { pick: (classes) => handlers.pickClasses(classes), search: handlers.search, reset: () => handlers.pickClasses(null) },
      )
    : null;
  const choose = (testid: string, label: string, value: number | null, pick: (c: number) => void) =>
    many ? classChooser(testid, label, classNames, value, pick) : classSelector(testid, label, classNames, value, pick);
  const classSelect = choose("activation-class", "Class", input.activeClass, handlers.activeClass);
  const pairWaits = input.pair ? missingClasses(means.a, input.pair) : [];
  const cpd = input.pair && !pairWaits.length ? classDifference(means.a, input.pair[0], input.pair[1]) : null;
  const pairSelects = many
    ? h(
        "div",
        { class: "gf-row", "data-testid": "cpd-classes" },
        h("label", { class: "gf-inline" }, "A ", choose("cpd-class-a", "Baseline class A", input.pair?.[0] ?? null, (a) => handlers.pair([a, input.pair?.[1] ?? (a === 0 ? 1 : 0)]))),
        h("label", { class: "gf-inline" }, "B ", choose("cpd-class-b", "Class B", input.pair?.[1] ?? null, (b) => handlers.pair([input.pair?.[0] ?? (b === 0 ? 1 : 0), b]))),
      )
    : null;
  const activation = means.a[input.activeClass];
  const chart = activation
    ? filterActivationChart(
        {
          activation,
          metric: input.metric,
          metricLabel: input.metricLabel,
          order: input.order,
          selected: input.selected,
          brushed: input.brushed,
        },
        { brush: handlers.brush, toggle: handlers.toggle },
      )
    : waiting([input.activeClass]);
  return [
    many ? classNamesList(classNames) : null,
    h("h3", {}, "Class pairs"),
    ...(picker ? [h("p", { class: "gf-note" }, `${means.classCount} classes: the matrix shows the classes picked here (at most ${MAX_MATRIX_CLASSES}); by default those of the pairs this layer separates best and worst.`), picker] : []),
    matrix,
    matrixWaits.length ? waiting(matrixWaits) : null,
    h("p", { class: "gf-note" }, "Diagonal: a[c, ·] per filter. Row r, column c: a[r, ·] − a[c, ·]; darker where the layer separates the pair. Click a cell for its CPD."),
    cpd || pairSelects || pairWaits.length ? h(
      "section",
      { "data-testid": "cpd-panel" },
      h("h3", {}, "Class pairwise difference"),
      pairSelects,
      cpd && input.pair
        ? h("p", { class: "gf-note", "data-testid": "cpd-pair" }, `CPD = a[A, f] − a[B, f], A = ${name(input.pair[0])} (baseline), B = ${name(input.pair[1])}; mean |CPD| ${formatValue(pairSeparation(means.a, input.pair[0], input.pair[1]))}`)
        : null,
      cpd ? cpdChart(cpd, input.order) : pairWaits.length ? waiting(pairWaits) : null,
    ) : null,
    h("h3", {}, "Filter activations"),
    h("label", { class: "gf-inline" }, "Class ", classSelect),
    chart,
    h("p", { class: "gf-note" }, `Bars: a[class, f]; below: ${input.metricLabel}. Drag across the bars to select filters under ${input.metricLabel}; click one to toggle it.`),
  ];
}

function classSelector(testid: string, label: string, names: readonly string[], value: number | null, pick: (c: number) => void): HTMLSelectElement {
  const select = h("select", { "data-testid": testid, "aria-label": label });
  replaceChildren(select, ...(value === null ? [option("", "—")] : []), ...names.map((n, i) => option(String(i), n)));
  select.value = value === null ? "" : String(value);
  select.addEventListener("change", () => {
    if (select.value !== "") pick(Number(select.value));
  });
  return select;
}
