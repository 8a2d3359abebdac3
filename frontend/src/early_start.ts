/**
 * The first thing the plugin's frame does, as its script runs: start the
 * layout worker (whose script load and ELK warm-up are the slowest part of a
 * first drawing) and ask `GET start` for the listing, the graph to show and
 * its first drawing's views (for a deep link's `expand=`, the expansion's),
 * all at once. Nothing waits on anything else; the page (app.ts) picks both
 * up when TensorBoard calls render().
 *
 * The request plan before the first drawing is therefore: `start` (one
 * request) and the worker's script, in parallel, then the overlays listing
 * beside the layout; the stats are asked for only after the first scene is
 * drawn (session.ts), and a node's details only when it is selected.
 */

import { fetchStart } from "./api";
import { decodeDeepLink } from "./deep_link";
import type { DeepLink } from "./deep_link";
import { readHostFragment } from "./host_link";
import { startLayoutWorker } from "./layout_client";
import type { WorkerLike } from "./layout_client";
import type { StartJson } from "./types";

export interface EarlyStart {
  /** The deep link the start was asked for (the frame's own fragment, else TensorBoard's). */
  link: DeepLink;
  worker: WorkerLike;
  start: Promise<StartJson>;
}

let early: EarlyStart | null = null;

/** The deep link of this page: its own fragment (a reloaded frame) wins over TensorBoard's address bar (a shared link). */
export function currentDeepLink(): DeepLink {
  return decodeDeepLink(location.hash || readHostFragment());
}

/** Start the worker and `GET start` for `link`; both run while the caller goes on. */
export function beginStart(link: DeepLink, startWorker: () => WorkerLike = startLayoutWorker): EarlyStart {
  // The worker first: loading and compiling ELK takes longer than any request.
  const worker = startWorker();
  const start = fetchStart(link.graph, [...link.state.open].sort(), link.expand);
  // Whoever takes it reports a failure; until then it must not count as unhandled.
  start.catch(() => {});
  return { link, worker, start };
}

/** Called once as the entry module runs, before TensorBoard calls render(). */
export function startEarly(): void {
  early ??= beginStart(currentDeepLink());
}

/** What startEarly() began, once; null if it was not called (or already taken). */
export function takeEarlyStart(): EarlyStart | null {
  const taken = early;
  early = null;
  return taken;
}
