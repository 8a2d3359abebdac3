/**
 * GraphFold on a page of its own, and the links between it and TensorBoard.
 *
 * TensorBoard draws the tab in an iframe of its page, whose own start-up
 * (loading and running its 2 MB shell) takes 1.5–2 s before the frame is even
 * asked for. The plugin also serves `index.html`, a page that holds nothing
 * but GraphFold: the same module, the same routes and deep links, for a
 * window of its own or a link to the whole model that should open at once.
 * The page says so with `<meta name="graphfold-page" content="standalone">`
 * (tb_plugin/plugin.py), and the module then draws itself into its body.
 *
 * The header links each to the other, with the deep link of what is shown.
 */

import { hostHashWith } from "./host_link";

/** The page's file, beside index.js (relative to the plugin's base URL). */
export const PAGE_FILE = "index.html";
const PLUGIN_PATH = "/data/plugin/";

/** Whether `doc` is GraphFold's own page rather than TensorBoard's plugin frame. */
export function isStandalonePage(doc: Document): boolean {
  return doc.querySelector('meta[name="graphfold-page"]')?.getAttribute("content") === "standalone";
}

/**
 * The address of GraphFold's own page showing `fragment` (our deep link,
 * `#run=…&tag=…`). `base` is the document's base URL: the plugin's folder,
 * both in TensorBoard's frame (its `<base href>`) and on the page itself.
 */
export function pageUrl(base: string, fragment: string): string {
  const url = new URL(PAGE_FILE, base);
  url.hash = fragment.replace(/^#/, "");
  return url.href;
}

/**
 * TensorBoard's own address with the GraphFold tab showing `fragment`, from
 * the address of a page the plugin serves (TensorBoard may run under a
 * `--path_prefix`, which is kept); null when `pageHref` is not under
 * `/data/plugin/`: `http://h:6006/pre/data/plugin/graphfold/index.html`
 * gives `http://h:6006/pre/#graphfold&p.graphfold.run=…`.
 */
export function tensorBoardUrl(pageHref: string, fragment: string): string | null {
  const url = new URL(pageHref);
  const at = url.pathname.lastIndexOf(PLUGIN_PATH);
  if (at < 0) return null;
  url.pathname = url.pathname.slice(0, at + 1);
  url.search = "";
  url.hash = hostHashWith("", fragment);
  return url.href;
}
