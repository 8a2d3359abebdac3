/**
 * The module TensorBoard's plugin frame imports (built as index.js), kept
 * small: its first act is early_start.ts (the layout worker, whose script load
 * and ELK start-up are the slowest part of a first drawing, and `GET start`),
 * and only then does the browser fetch and compile the rest of the page's code
 * (index.ts, a chunk of its own), which draws when TensorBoard calls render().
 * Before, the worker waited for the whole page's code to arrive and compile.
 */

import { startEarly } from "./early_start";

startEarly();
const page = import("./index");

/** Draw the plugin into `root` (the iframe's body when TensorBoard calls it) as soon as the page's code is loaded. */
export function render(root: HTMLElement = document.body): void {
  performance.mark?.("graphfold:render");
  page.then(
    (loaded) => loaded.render(root),
    // Typically a frame loaded before the plugin was rebuilt: the chunk it names is gone.
    (error: unknown) => root.append(loadError(root, error)),
  );
}

function loadError(root: HTMLElement, error: unknown): HTMLElement {
  const line = root.ownerDocument.createElement("p");
  line.setAttribute("role", "alert");
  line.dataset.testid = "error-message";
  line.textContent = `GraphFold's code could not be loaded (${error instanceof Error ? error.message : String(error)}); reload the page.`;
  return line;
}
