/**
 * The page: a header with the source picker and a reload button, a status
 * line, and the graph tab. It owns the listing and which graph is shown,
 * restores both from the URL fragment (deep links), takes over the layout
 * worker and the `GET start` request that early_start.ts began (or begins
 * them), and installs the debug hooks.
 */

import { HTTP_API, fetchGraphs } from "../api";
import type { GraphApi, GraphKey, OverlayApi } from "../api";
import { beginStart, currentDeepLink, takeEarlyStart } from "../early_start";
import { createLayoutClient, openLayoutCache, startLayoutWorker } from "../layout_client";
import { readHostFragment } from "../host_link";
import { isStandalonePage, pageUrl, tensorBoardUrl } from "../page_link";
import type { WorkerLike } from "../layout_client";
import { resolveSelection } from "../selection";
import type { WantedGraph } from "../selection";
import type { GraphListing, StartJson, ViewJson } from "../types";
import type { ViewState } from "../view_state";
import { EMPTY_STATE, withOnlyOpen } from "../view_state";
import type { GraphFoldDebug } from "./debug_api";
import { h } from "./dom";
import { createGraphTab } from "./graph_tab";
import { createPicker } from "./picker";
import { installCanvasTextMeasurer } from "./text_measure";
import { watchTheme } from "./theme";

type StatusKind = "loading" | "info";

const NO_GRAPHS =
  "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, " +
  "example_inputs), or with SummaryWriter.add_graph, then press Reload.";

export interface AppOptions {
  api?: GraphApi;
  overlayApi?: OverlayApi;
  /** Starts the layout worker; tests pass an in-process one. */
  startWorker?: () => WorkerLike;
}

declare global {
  interface Window {
    __graphfold?: GraphFoldDebug;
  }
}

export function mountApp(root: HTMLElement, options: AppOptions = {}): void {
  const api = options.api ?? HTTP_API;
  installCanvasTextMeasurer();
  let tab: ReturnType<typeof createGraphTab> | null = null;
  // Begun as the script ran (early_start.ts), so the worker's script and ELK load while `start` is answered.
  const early = takeEarlyStart() ?? beginStart(currentDeepLink(), options.startWorker ?? startLayoutWorker);
  const layout = createLayoutClient(early.worker, (stage) => tab?.stageLabel(stage), openLayoutCache());
  const picker = createPicker((wanted) => select(wanted, EMPTY_STATE, null));
  const reload = h("button", { type: "button", class: "gf-reload" }, "Reload");
  const standalone = isStandalonePage(root.ownerDocument);
  const elsewhere = otherPageLink(standalone);
  const status = h("p", { class: "gf-status", role: "status", hidden: true });
  const error = h("p", { class: "gf-status gf-error", role: "alert", "data-testid": "error-message", hidden: true });
  tab = createGraphTab(api, layout, showError, options.overlayApi);
  const body = h("div", { class: "gf-body" }, tab.stage, tab.side);
  root.append(
    h("header", { class: "gf-header" }, h("h1", {}, "GraphFold"), picker.element, reload, elsewhere),
    status,
    error,
    body,
  );
  picker.element.hidden = true;
  body.hidden = true;
  watchTheme((palette) => {
    root.classList.toggle("gf-dark", palette.dark);
    root.classList.toggle("gf-light", !palette.dark);
    tab?.setPalette(palette);
  });
  let listings: GraphListing[] = [];
  let shown: GraphKey | null = null;
  let listing: Promise<void> = Promise.resolve();
  const tabDebug = tab.debug;
  window.__graphfold = {
    ...tabDebug,
    // Also waits for the listing, which comes before any graph.
    async idle() {
      for (let seen = null as Promise<void> | null; seen !== listing; ) {
        seen = listing;
        await seen;
      }
      await tabDebug.idle();
    },
  };

  reload.addEventListener("click", () => {
    const link = currentDeepLink();
    listing = loadListings(shown ?? link.graph, link.state, null);
  });
  listing = loadListings(early.link.graph, early.link.state, early.start);

  /** The listing (from `start` when given, with the views it brought), then the wanted graph. */
  async function loadListings(wanted: WantedGraph | null, state: ViewState, start: Promise<StartJson> | null): Promise<void> {
    setStatus("loading", "Loading the list of graphs…");
    reload.disabled = true;
    let started: StartJson | null = null;
    try {
      if (start) {
        started = await start;
        listings = started.graphs;
      } else {
        listings = await fetchGraphs();
      }
    } catch (e) {
      setStatus(null);
      showError(`Could not list the graphs: ${messageOf(e)}`);
      return;
    } finally {
      reload.disabled = false;
    }
    picker.element.hidden = listings.length === 0;
    if (!listings.length) {
      body.hidden = true;
      tab!.clear();
      setStatus("info", NO_GRAPHS);
      return;
    }
    setStatus(null);
    select(wanted, state, started);
  }

  /** Show the listed graph closest to `wanted`; `started` may hold views already fetched for it. */
  function select(wanted: WantedGraph | null, state: ViewState, started: StartJson | null): void {
    const resolved = resolveSelection(listings, wanted);
    if (!resolved) return;
    picker.show(listings, resolved);
    const { run, tag, source } = resolved.listing;
    if (resolved.step === null) {
      shown = null;
      body.hidden = true;
      tab!.clear();
      const errors = resolved.listing.steps.map((s) => `step ${s.step}: ${s.error}`).join("; ");
      showError(`No step of run "${run}", tag "${tag}" can be read. ${errors}`);
      return;
    }
    const key = { run, tag, source, step: resolved.step };
    // The wanted view state only applies to the graph it was saved with.
    const same = wanted && wanted.run === run && wanted.tag === tag && wanted.source === source && (wanted.step ?? key.step) === key.step;
    shown = key;
    if (standalone) root.ownerDocument.title = `${tag} (${run}) · GraphFold`;
    showError(null);
    body.hidden = false;
    const info = resolved.listing.steps.find((s) => s.step === key.step);
    const g = started?.graph;
    // The views `start` brought are for the graph the server picked, which is this one unless the rules drifted apart.
    const fromStart = g && g.run === run && g.tag === tag && g.source === source && g.step === key.step ? started : null;
    const views: Record<string, ViewJson> = fromStart?.views ?? {};
    // A link's `expand=`: `start` brought the expansion, which the first drawing shows.
    const expanded = fromStart?.expanded;
    const wantedState = same ? state : EMPTY_STATE;
    const shownState = expanded && "open" in expanded ? withOnlyOpen(wantedState, expanded.open) : wantedState;
    tab!.show(key, shownState, info && info.error === null ? info.name : tag, views);
    // Said on the status line: a successful drawing clears error-message, and this one is shown.
    if (expanded && "error" in expanded) setStatus("info", `The link's expand= could not be shown: ${expanded.error}`);
  }

  function showError(message: string | null): void {
    error.hidden = message === null;
    error.textContent = message ?? "";
  }

  function setStatus(kind: StatusKind | null, text = ""): void {
    status.hidden = kind === null;
    status.className = kind ? `gf-status gf-${kind}` : "gf-status";
    status.textContent = text;
  }
}

/**
 * A link to the same deep link on the other page (page_link.ts): from
 * TensorBoard's frame to GraphFold's own page, and back. Its address is
 * taken from the page's fragment, which follows every change of view
 * (graph_tab.ts), when the pointer or focus reaches it.
 */
function otherPageLink(standalone: boolean): HTMLAnchorElement {
  const link = h(
    "a",
    standalone
      ? { class: "gf-page-link", title: "This graph in TensorBoard's GraphFold tab" }
      : { class: "gf-page-link", target: "_blank", rel: "noopener", title: "This graph on a page of its own, without TensorBoard around it" },
    standalone ? "Open in TensorBoard" : "Open in new tab ↗",
  );
  const update = () => {
    const fragment = location.hash || readHostFragment();
    const href = standalone ? tensorBoardUrl(location.href, fragment) : pageUrl(document.baseURI, fragment);
    if (href) link.href = href;
    link.hidden = !href;
  };
  update();
  for (const event of ["pointerenter", "pointerdown", "focus", "click"]) link.addEventListener(event, update);
  return link;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
