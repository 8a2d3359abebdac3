/**
 * The summary panel: what one graph holds, before any drawing. Every name
 * from the log goes in as text (see dom.ts).
 */

import { formatCompact, formatCount } from "../format";
import type { GraphSummary, TopLevelModule } from "../summary";
import { shortClassName } from "../summary";
import type { SourceFormat } from "../types";
import { h } from "./dom";

const FORMAT_LABELS: Record<SourceFormat, string> = {
  torch_export: "torch.export",
  onnx: "ONNX",
  graphdef: "GraphDef",
  unspecified: "unspecified",
};

export function renderSummary(summary: GraphSummary): HTMLElement {
  return h(
    "article",
    { class: "gf-summary" },
    h("h2", {}, summary.name || "(unnamed graph)"),
    h(
      "dl",
      { class: "gf-facts" },
      fact("Source format", FORMAT_LABELS[summary.sourceFormat] ?? summary.sourceFormat),
      fact("Producer", summary.producer || "—"),
    ),
    h(
      "ul",
      { class: "gf-counts" },
      count(summary.nodeCount, "node"),
      count(summary.edgeCount, "edge"),
      count(summary.moduleCount, "module"),
      count(summary.parameterCount, "parameter", formatCompact),
    ),
    h(
      "div",
      { class: "gf-tables" },
      h("section", {}, h("h3", {}, "Top-level modules"), topLevelTable(summary)),
      h("section", {}, h("h3", {}, "Module classes"), classTable(summary)),
    ),
  );
}

function fact(term: string, value: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h("dt", {}, term), h("dd", {}, value));
  return fragment;
}

/** A big number and its noun; a compact number shows the exact one on hover. */
function count(n: number, noun: string, format: (n: number) => string = formatCount): HTMLElement {
  const exact = formatCount(n);
  const shown = format(n);
  return h(
    "li",
    { title: shown === exact ? null : exact },
    h("span", { class: "gf-count" }, shown),
    ` ${noun}${n === 1 ? "" : "s"}`,
  );
}

function topLevelTable(summary: GraphSummary): HTMLElement {
  const rows = summary.topLevelModules.map(topLevelRow);
  if (summary.rootNodeCount > 0) {
    rows.push(
      h(
        "tr",
        { class: "gf-muted" },
        h("td", {}, "(root module itself)"),
        h("td", {}),
        h("td", { class: "gf-num" }, formatCount(summary.rootNodeCount)),
      ),
    );
  }
  if (!rows.length) return h("p", { class: "gf-muted" }, "This graph has no nodes.");
  return table(["Module", "Class", "Nodes"], rows);
}

function topLevelRow(module: TopLevelModule): HTMLTableRowElement {
  return h(
    "tr",
    {},
    h("td", { class: "gf-path" }, module.path),
    classCell(module.className),
    h("td", { class: "gf-num" }, formatCount(module.nodeCount)),
  );
}

function classTable(summary: GraphSummary): HTMLElement {
  if (!summary.classCounts.length) return h("p", { class: "gf-muted" }, "This graph has no modules.");
  const rows = summary.classCounts.map(({ className, count }) =>
    h("tr", {}, classCell(className), h("td", { class: "gf-num" }, formatCount(count))),
  );
  return table(["Class", "Instances"], rows);
}

/** The class's last dotted segment, with the full name on hover. */
function classCell(className: string): HTMLTableCellElement {
  if (!className) return h("td", { class: "gf-muted" }, "(unknown class)");
  return h("td", { title: className }, shortClassName(className));
}

function table(headings: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, ...rows),
  );
}
