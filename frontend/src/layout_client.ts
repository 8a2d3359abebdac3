/**
 * The page's side of the layout worker: numbered requests, answers matched by
 * id, layout stages passed on for the progress indicator, and a cache of
 * finished layouts by key (a key names a view and its opened children's
 * layouts, so an entry never goes stale within one graph). Behind it, a
 * cache kept across visits (layout_cache.ts): a layout found there is not
 * run again. Every layout the worker runs is marked `graphfold:layout-run`
 * in the page's performance timeline, for tests and benchmarks. A view that
 * is one chain is laid out here at once (chain_layout.ts gives ELK's answer
 * without ELK): it neither waits for ELK's start-up nor queues in the worker.
 */

import { chainLayout } from "./chain_layout";
import { createLayoutCache, indexedDbStore } from "./layout_cache";
import type { LayoutCache } from "./layout_cache";
import type { FromWorker, LayoutInput, LayoutResult, LayoutStage, ToWorker } from "./protocol";

/** Where the built worker lies, relative to the built index.js: a content-hashed name that vite.config.ts defines. */
const WORKER_PATH: string = __LAYOUT_WORKER_PATH__;
const CACHE_LIMIT = 1000;

/** The part of a Worker the client uses; tests pass an in-process stand-in. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface LayoutClient {
  layout(input: LayoutInput): Promise<LayoutResult>;
  /** The layout of `input` if it is already finished (in this page) or a chain's, else undefined; never starts ELK. */
  peek(input: LayoutInput): LayoutResult | undefined;
  /** Forget cached layouts (another graph was picked). */
  clear(): void;
  /** Layouts waiting for the worker. */
  readonly pending: number;
  /**
   * Whether ELK has started in the worker (its warm-up or a layout is done).
   * Until then any layout waits for ELK's start-up, most of a first drawing's
   * time, so the session draws a draft first (session.ts).
   */
  readonly ready: boolean;
  dispose(): void;
}

export function startLayoutWorker(): WorkerLike {
  if (typeof Worker === "undefined") return unavailableWorker("this browser has no Web Workers");
  // A classic worker from a same-origin URL: TensorBoard's CSP refuses blob: and data: workers.
  try {
    return new Worker(new URL(WORKER_PATH, import.meta.url), { name: "graphfold-layout" }) as WorkerLike;
  } catch (error) {
    return unavailableWorker(error instanceof Error ? error.message : String(error));
  }
}

/** A worker that could not start: every layout fails with the reason, so the page can say it. */
export function unavailableWorker(reason: string): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      if (message.type !== "layout") return;
      const answer: FromWorker = { type: "failed", id: message.id, message: `the layout worker could not start: ${reason}` };
      setTimeout(() => worker.onmessage?.({ data: answer } as MessageEvent<FromWorker>), 0);
    },
    terminate() {},
  };
  return worker;
}

/** The browser's layout cache for this build's layout code, or null where IndexedDB is missing. */
export function openLayoutCache(): LayoutCache | null {
  if (typeof indexedDB === "undefined") return null;
  return createLayoutCache(indexedDbStore(), { version: __LAYOUT_CODE_VERSION__ });
}

export function createLayoutClient(worker: WorkerLike, onStage: (stage: LayoutStage) => void, kept: LayoutCache | null = null): LayoutClient {
  const waiting = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();
  const cache = new Map<string, Promise<LayoutResult>>();
  const finished = new Map<string, LayoutResult>();
  let nextId = 1;
  let broken: Error | null = null;
  let ready = false;

  worker.onmessage = (event) => {
    const message = event.data;
    switch (message.type) {
      case "progress":
        if (waiting.has(message.id)) onStage(message.stage);
        return;
      case "ready":
        ready = true;
        return;
      case "done":
        ready = true;
        waiting.get(message.id)?.resolve(message.result);
        waiting.delete(message.id);
        return;
      case "failed":
        waiting.get(message.id)?.reject(new Error(message.message));
        waiting.delete(message.id);
        return;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    broken = new Error(
      `the layout worker (${WORKER_PATH}) failed: ${event.message || "it could not be loaded"}; ` +
        "reload the page, or rebuild the frontend (npm run build) if the file is missing",
    );
    for (const { reject } of waiting.values()) reject(broken);
    waiting.clear();
  };
  worker.postMessage({ type: "warm-up" });

  function request(input: LayoutInput): Promise<LayoutResult> {
    if (broken) return Promise.reject(broken);
    performance.mark?.("graphfold:layout-run", { detail: input.label });
    const id = nextId++;
    return new Promise<LayoutResult>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: "layout", id, input });
    });
  }

  async function fromKept(store: LayoutCache, input: LayoutInput): Promise<LayoutResult> {
    const found = await store.get(input);
    if (found) return found;
    const result = await request(input);
    void store.put(input, result);
    return result;
  }

  return {
    layout(input) {
      const cached = cache.get(input.key);
      if (cached) {
        // Most recently used last, so the oldest entry is dropped first.
        cache.delete(input.key);
        cache.set(input.key, cached);
        return cached;
      }
      const chain = chainLayout(input);
      if (chain) finished.set(input.key, chain);
      const result = chain ? Promise.resolve(chain) : kept ? fromKept(kept, input) : request(input);
      cache.set(input.key, result);
      result.then(
        (done) => cache.get(input.key) === result && finished.set(input.key, done),
        () => cache.delete(input.key),
      );
      while (cache.size > CACHE_LIMIT) {
        const oldest = cache.keys().next().value!;
        cache.delete(oldest);
        finished.delete(oldest);
      }
      return result;
    },
    peek: (input) => finished.get(input.key) ?? chainLayout(input) ?? undefined,
    clear() {
      cache.clear();
      finished.clear();
    },
    get pending() {
      return waiting.size;
    },
    get ready() {
      return ready;
    },
    dispose() {
      worker.terminate();
      for (const { reject } of waiting.values()) reject(new Error("the layout worker was stopped"));
      waiting.clear();
    },
  };
}
