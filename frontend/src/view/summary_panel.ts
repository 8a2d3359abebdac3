/**
 * The summary panel: what one graph holds, before any drawing. Every name
 * from the log goes in as text (see dom.ts).
 */

import { formatCompact, formatCount } from "../format";
import type { GraphSummary, TopLevelModule } from "../summary";
import { shortClassName } from "../summary";
import type { CaptureMethod, SourceFormat } from "../types";
import { h } from "./dom";

const FORMAT_LABELS: Record<SourceFormat, string> = {
  torch_export: "torch.export",
  onnx: "ONNX",
  graphdef: "GraphDef",
  torchscript: "TorchScript",
  unspecified: "unspecified",
};

const CAPTURE_LABELS: Record<CaptureMethod, string> = {
  "torch.export": "torch.export",
  "torch.export(strict)": "torch.export (strict)",
  torchscript: "TorchScript",
  onnx: "ONNX",
  graphdef: "GraphDef",
  "": "not recorded",
};

/** Why a method was used, on hover: the chain falls back to a trace only when both exports fail. */
const CAPTURE_NOTES: Partial<Record<CaptureMethod, string>> = {
  torchscript:
    "torch.export could not capture this model (log_graph's warning says why), or it is a ScriptModule. " +
    "A trace shows the path the example inputs took through data-dependent code.",
  "torch.export(strict)": "Non-strict torch.export failed; strict export (TorchDynamo) captured it.",
};

/** "captured with torch.export (strict)": the method as the summary names it. */
export function captureLabel(capture: CaptureMethod): string {
  return CAPTURE_LABELS[capture] ?? capture;
}

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
      fact("Captured with", captureLabel(summary.capture), CAPTURE_NOTES[summary.capture]),
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

function fact(term: string, value: string, note?: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const testId = `fact-${term.toLowerCase().replace(/\s+/g, "-")}`;
  fragment.append(h("dt", {}, term), h("dd", { title: note ?? null, "data-testid": testId }, value));
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
