/**
 * What the tab says about the whole graph beside the drawing: a line naming
 * the nodes it does not draw (GET stats' `hidden_nodes`; a click says how to
 * find them), and the "Graph summary" box, filled from GET stats' summary
 * when first opened.
 */

import { HIDDEN_HELP, hiddenSummary } from "../hidden_nodes";
import type { GraphSession } from "../session";
import { summaryFromStats } from "../summary";
import { h, replaceChildren } from "./dom";
import { renderSummary } from "./summary_panel";

export interface GraphSummaryBox {
  /** "8 unused operators hidden · 60 export checks hidden"; hidden when nothing is. */
  hiddenLine: HTMLButtonElement;
  /** The collapsible graph summary. */
  element: HTMLDetailsElement;
  /** A new graph: forget the old one's, load the hidden counts. */
  graphShown(session: GraphSession): void;
}

export function createGraphSummaryBox(handlers: {
  session(): GraphSession | null;
  track<T>(work: Promise<T>): Promise<T>;
  reportError(message: string): void;
  /** The hidden line was clicked: say how hidden nodes are found. */
  explainHidden(text: string): void;
}): GraphSummaryBox {
  const hiddenLine = h("button", { type: "button", class: "gf-hidden-line", "data-testid": "hidden-summary", title: HIDDEN_HELP, hidden: true });
  hiddenLine.addEventListener("click", () => handlers.explainHidden(HIDDEN_HELP));
  const body = h("div", { class: "gf-summary-body" });
  const element = h("details", { class: "gf-summary-box" }, h("summary", {}, "Graph summary"), body);
  element.addEventListener("toggle", () => {
    const owner = handlers.session();
    if (element.open && owner) void load(owner);
  });

  async function load(owner: GraphSession): Promise<void> {
    replaceChildren(body, h("p", { class: "gf-muted" }, "Loading…"));
    try {
      const stats = await handlers.track(owner.stats());
      if (handlers.session() === owner) replaceChildren(body, renderSummary(summaryFromStats(stats)));
    } catch (error) {
      replaceChildren(body, h("p", { class: "gf-search-error" }, messageOf(error)));
    }
  }

  return {
    hiddenLine,
    element,
    graphShown(owner) {
      element.open = false;
      replaceChildren(body);
      hiddenLine.hidden = true;
      void handlers.track(
        owner.stats().then(
          (stats) => {
            if (handlers.session() !== owner) return;
            const text = hiddenSummary(stats.hidden_nodes);
            hiddenLine.textContent = text;
            hiddenLine.hidden = !text;
          },
          (error: unknown) => handlers.reportError(`Could not load the graph's stats: ${messageOf(error)}`),
        ),
      );
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
