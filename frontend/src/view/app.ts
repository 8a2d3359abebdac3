/**
 * The first screen: a header with the source picker and a reload button, a
 * status line, and the summary of the selected graph. It owns the page state
 * (the listing, the selection, the request in flight) and keeps the selection
 * in the URL fragment.
 */

import { fetchGraph, fetchGraphs } from "../api";
import type { GraphKey } from "../api";
import { decodeFragment, encodeFragment, resolveSelection } from "../selection";
import type { WantedGraph } from "../selection";
import { summarizeGraph } from "../summary";
import type { GraphListing } from "../types";
import { h, replaceChildren } from "./dom";
import { createPicker } from "./picker";
import { renderSummary } from "./summary_panel";

type StatusKind = "loading" | "error" | "info";

const NO_GRAPHS =
  "No graphs in this log directory yet. Log one with tb_plugin.summary.log_graph(writer, model, " +
  "example_inputs), or with SummaryWriter.add_graph, then press Reload.";

export function mountApp(root: HTMLElement): void {
  const picker = createPicker(select);
  const reload = h("button", { type: "button", class: "gf-reload" }, "Reload");
  const status = h("p", { class: "gf-status", role: "status", hidden: true });
  const panel = h("div", { class: "gf-panel" });
  root.append(
    h("header", { class: "gf-header" }, h("h1", {}, "GraphFold"), picker.element, reload),
    h("main", {}, status, panel),
  );
  picker.element.hidden = true;

  let listings: GraphListing[] = [];
  let selected: GraphKey | null = null;
  let inFlight: AbortController | null = null;

  reload.addEventListener("click", () => void loadListings(selected ?? decodeFragment(location.hash)));
  void loadListings(decodeFragment(location.hash));

  async function loadListings(wanted: WantedGraph | null): Promise<void> {
    inFlight?.abort();
    setStatus("loading", "Loading the list of graphs…");
    reload.disabled = true;
    try {
      listings = await fetchGraphs();
    } catch (error) {
      setStatus("error", `Could not list the graphs: ${messageOf(error)}`);
      return;
    } finally {
      reload.disabled = false;
    }
    picker.element.hidden = listings.length === 0;
    if (!listings.length) {
      replaceChildren(panel);
      setStatus("info", NO_GRAPHS);
      return;
    }
    select(wanted);
  }

  function select(wanted: WantedGraph | null): void {
    const resolved = resolveSelection(listings, wanted);
    if (!resolved) return;
    picker.show(listings, resolved);
    inFlight?.abort();
    const { run, tag, source } = resolved.listing;
    if (resolved.step === null) {
      selected = null;
      replaceChildren(panel);
      const errors = resolved.listing.steps.map((s) => `step ${s.step}: ${s.error}`).join("; ");
      setStatus("error", `No step of run "${run}", tag "${tag}" can be read. ${errors}`);
      return;
    }
    selected = { run, tag, source, step: resolved.step };
    // An absolute URL: a relative one would resolve against the iframe's <base href>.
    const url = new URL(location.href);
    url.hash = encodeFragment(selected);
    history.replaceState(history.state, "", url.href);
    void loadGraph(selected);
  }

  async function loadGraph(key: GraphKey): Promise<void> {
    const request = new AbortController();
    inFlight = request;
    setStatus("loading", `Loading run "${key.run}", tag "${key.tag}", step ${key.step}…`);
    panel.classList.add("gf-stale");
    try {
      const graph = await fetchGraph(key, request.signal);
      if (request.signal.aborted) return;
      replaceChildren(panel, renderSummary(summarizeGraph(graph)));
      setStatus(null);
    } catch (error) {
      if (request.signal.aborted) return;
      replaceChildren(panel);
      setStatus("error", messageOf(error));
    } finally {
      if (!request.signal.aborted) panel.classList.remove("gf-stale");
    }
  }

  function setStatus(kind: StatusKind | null, text = ""): void {
    status.hidden = kind === null;
    status.className = kind ? `gf-status gf-${kind}` : "gf-status";
    status.setAttribute("role", kind === "error" ? "alert" : "status");
    status.textContent = text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
