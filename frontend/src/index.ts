/**
 * GraphFold's page: entry.ts (built as index.js, the module TensorBoard's
 * plugin frame imports) starts the layout worker and the first request, then
 * imports this module and calls its render() when TensorBoard calls its own.
 * Unit tests import this module directly.
 */

import css from "./view/style.css?inline";
import { mountApp } from "./view/app";

const STYLE_ID = "graphfold-style";

/** Draw the plugin into `root` (the iframe's body; entry.ts calls it once TensorBoard has called its own render()). */
export function render(root: HTMLElement = document.body): void {
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
