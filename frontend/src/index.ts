/**
 * GraphFold's frontend entry: TensorBoard's plugin iframe imports this module
 * and calls render(). Importing it already starts the layout worker and the
 * first request (early_start.ts), so neither waits for render(). On the
 * plugin's own page (page_link.ts), which nobody else calls, it renders itself.
 */

import css from "./view/style.css?inline";
import { startEarly } from "./early_start";
import { isStandalonePage } from "./page_link";
import { mountApp } from "./view/app";

const STYLE_ID = "graphfold-style";

// Unit tests import this module with their own fetch and worker stubs, installed later.
if (import.meta.env.MODE !== "test") {
  startEarly();
  // A module script runs once the page is parsed, so its body is there.
  if (isStandalonePage(document)) render(document.body);
}

/** Draw the plugin into `root` (the iframe's body when TensorBoard calls it). */
export function render(root: HTMLElement = document.body): void {
  performance.mark?.("graphfold:render");
  const doc = root.ownerDocument;
  // The page's CSP allows inline styles but not inline scripts.
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement("style");
    style.id = STYLE_ID;
    style.textContent = css;
    doc.head.append(style);
  }
  root.classList.add("graphfold");
  mountApp(root);
}
