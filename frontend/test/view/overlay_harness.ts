/**
 * The graph tab in jsdom for the overlay tests: the tiny BERT's graph and
 * views (view_fixtures.ts) served at step 2 of run "demo" with any overlay
 * routes a test adds, an in-process layout worker, and the hooks the tests
 * drive the tab with (docs/ui_contract.md).
 */

import { afterEach, beforeEach, expect, vi } from "vitest";
import { graphParams } from "../../src/api";
import type { GraphKey } from "../../src/api";
import type { ViewJson } from "../../src/types";
import type { GraphFoldDebug } from "../../src/view/debug_api";
import { LISTINGS, TINY_BERT, jsonFetch } from "../fixtures";
import { VIEWS, inProcessWorker } from "../view_fixtures";

export const BERT: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 2 };

export type Routes = Record<string, { status?: number; body: unknown }>;

/** Serve the graph listing, BERT's graph and views, and `extra` (overlays, filter_stats, weight_graph, scalars...). */
export function serve(extra: Routes): void {
  const table: Routes = { graphs: { body: { graphs: LISTINGS } }, [`graph?${graphParams(BERT)}`]: { body: TINY_BERT }, ...extra };
  for (const [path, view] of Object.entries(VIEWS as Record<string, ViewJson>)) {
    const params = graphParams(BERT);
    params.set("module", path);
    table[`view?${params}`] = { body: view };
  }
  vi.stubGlobal("fetch", vi.fn(jsonFetch(table)));
}

/** `route?query` as the frontend asks for it. */
export function routeUrl(route: string, query: Record<string, string>): string {
  return `${route}?${new URLSearchParams(query)}`;
}

/** Each test gets the in-process worker and leaves a clean page. */
export function useTabPerTest(): void {
  beforeEach(() => {
    vi.stubGlobal("Worker", function Worker() {
      return inProcessWorker();
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.replaceChildren();
    history.replaceState(null, "", "/");
    delete window.__graphfold;
  });
}

export const debug = (): GraphFoldDebug => window.__graphfold!;
export const testid = <T extends Element = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
export const all = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

/** Wait until the graph is drawn and idle. */
export async function drawn(): Promise<void> {
  await vi.waitFor(() => expect(window.__graphfold?.items().length).toBeGreaterThan(0), { timeout: 5000 });
  await debug().idle();
}

/** Set the select or input `id` to `value` as the user would (a `change`, or `event`), then wait idle. */
export async function pick(id: string, value: string, event = "change"): Promise<void> {
  const input = testid<HTMLSelectElement | HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event(event));
  await debug().idle();
}

/** Click drawn item `id` on the canvas. */
export function clickItem(id: string): void {
  const item = debug().items().find((i) => i.id === id)!;
  const at = { clientX: item.x + item.width / 2, clientY: item.y + item.height / 2, button: 0, bubbles: true };
  testid("graph-canvas").dispatchEvent(new MouseEvent("pointerdown", at));
  testid("graph-canvas").dispatchEvent(new MouseEvent("pointerup", at));
}

/** Record what the next download saves: its file name and text. */
export function captureDownload(): { name: string; text(): Promise<string> } {
  const saved = { name: "", blob: null as Blob | null, text: () => saved.blob!.text() };
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: (blob: Blob) => ((saved.blob = blob), "blob:saved"), revokeObjectURL: () => {} }));
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.name = this.download;
  });
  return saved;
}
