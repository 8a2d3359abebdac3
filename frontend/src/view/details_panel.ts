/**
 * The details panel: everything known about the selected item. Inputs and
 * outputs are buttons that navigate to the other end. Text only, through dom.ts.
 */

import type { DetailLink, Details, LinkTarget } from "../details";
import { formatDifference } from "../details";
import { h, replaceChildren } from "./dom";

export interface DetailsPanel {
  element: HTMLElement;
  show(details: Details | null): void;
}

export function createDetailsPanel(onLink: (target: LinkTarget) => void): DetailsPanel {
  const element = h("section", { class: "gf-details", "data-testid": "details-panel", "aria-label": "Details" });

  function links(title: string, list: readonly DetailLink[]): HTMLElement | null {
    if (!list.length) return null;
    return h(
      "section",
      {},
      h("h3", {}, title),
      h(
        "ul",
        { class: "gf-links" },
        ...list.map((link) => {
          const target = link.target;
          const label = target
            ? button(link.text, () => onLink(target))
            : h("span", { class: "gf-link-text" }, link.text);
          return h("li", {}, label, link.note ? h("span", { class: "gf-note" }, link.note) : null);
        }),
      ),
    );
  }

  function show(details: Details | null): void {
    if (!details) {
      replaceChildren(element, h("p", { class: "gf-muted" }, "Select an item to see its details. Double-click a module or stack to open it."));
      return;
    }
    replaceChildren(
      element,
      h("p", { class: "gf-kind" }, details.kind),
      h("h2", { class: "gf-path" }, details.heading),
      details.note ? h("p", { class: "gf-hidden-note", "data-testid": "details-note" }, details.note) : null,
      h("dl", { class: "gf-facts" }, ...details.facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      links("Inputs", details.inputs),
      links("Outputs", details.outputs),
      details.attributes.length
        ? h(
            "section",
            {},
            h("h3", {}, "Attributes"),
            h("dl", { class: "gf-facts gf-attrs" }, ...details.attributes.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
          )
        : details.needsNode
          ? h("p", { class: "gf-muted" }, "Loading attributes…")
          : null,
      links(details.differences.length || details.kind.startsWith("Stack") ? "Members" : "Embedded parameters and constants", details.embedded),
      links("Export checks (hidden)", details.checks),
      details.differences.length
        ? h(
            "section",
            {},
            h("h3", {}, `Differences between members (${details.differences.length})`),
            h("ul", { class: "gf-diffs" }, ...details.differences.map((d) => h("li", {}, formatDifference(d)))),
          )
        : null,
    );
  }

  show(null);
  return { element, show };
}

/** A details-link button. */
function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "gf-link", "data-testid": "details-link", title: text }, text);
  b.addEventListener("click", onClick);
  return b;
}
