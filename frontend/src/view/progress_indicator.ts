/**
 * The progress indicator over the canvas: shown only for work that takes
 * longer than a moment, with what is going on as its text. Labels are a
 * typed set (`ProgressLabel`), as the worker's messages are (protocol.ts).
 */

import type { LayoutStage } from "../protocol";
import { h } from "./dom";

/** The progress indicator appears only for work that takes longer than this. */
export const PROGRESS_DELAY_MS = 150;

/** What the tab waits for: views from the server, an expansion, or a layout stage of the worker. */
export type ProgressLabel =
  | { kind: "views" }
  | { kind: "expand"; depth: number | null }
  | { kind: "layout"; stage: LayoutStage };

export function progressText(label: ProgressLabel): string {
  switch (label.kind) {
    case "views":
      return "Loading module views…";
    case "expand":
      return label.depth === null ? "Expanding every module…" : label.depth === 0 ? "Collapsing…" : `Expanding to depth ${label.depth}…`;
    case "layout":
      return stageText(label.stage);
  }
}

export function stageText(stage: LayoutStage): string {
  switch (stage.step) {
    case "preparing":
      return `Preparing ${stage.label}: ${stage.nodes} items, ${stage.edges} edges`;
    case "laying-out":
      return `Laying out ${stage.label}: layering, ordering and routing ${stage.edges} edges`;
    case "placing":
      return `Placing ${stage.label}`;
  }
}

export interface ProgressIndicator {
  element: HTMLElement;
  /** Show `label` while `work` runs, if it runs longer than PROGRESS_DELAY_MS; hidden after it unless `busy()` still holds. */
  around<T>(work: Promise<T>, label: ProgressLabel, busy: () => boolean): Promise<T>;
  /** Replace the text (a layout stage of the worker). */
  show(label: ProgressLabel): void;
}

export function createProgressIndicator(): ProgressIndicator {
  const element = h("div", { class: "gf-progress", "data-testid": "layout-progress", role: "status", hidden: true });
  return {
    element,
    async around(work, label, busy) {
      const timer = setTimeout(() => {
        element.hidden = false;
        if (!element.textContent) element.textContent = progressText(label);
      }, PROGRESS_DELAY_MS);
      try {
        return await work;
      } finally {
        clearTimeout(timer);
        if (!busy()) {
          element.hidden = true;
          element.textContent = "";
        }
      }
    },
    show(label) {
      element.textContent = progressText(label);
    },
  };
}
