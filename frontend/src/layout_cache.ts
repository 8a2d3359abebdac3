/**
 * Finished layouts kept across visits, so that revisiting a graph or
 * reopening a module draws without running ELK.
 *
 * An entry's key is the layout code's version (the worker's content hash,
 * vite.config.ts), the input's own key (the module, how it is shown, and its
 * opened children's sizes and layouts: layout_tree.ts) and a hash of the whole
 * input (every size and edge, so two graphs with the same module paths never
 * share a layout: the graph's content is its digest here). A new layout code
 * thus never reads an old entry, and the entries of other versions are
 * deleted the first time the cache is used.
 *
 * The cache is bounded in entries and in bytes; the least recently used go
 * first. Storage is behind {@link LayoutStore}: IndexedDB in the browser
 * ({@link indexedDbStore}), a Map in unit tests ({@link memoryStore}). A
 * storage failure (private mode, quota) only costs a layout run: it is
 * reported once on the console and the cache stays off for the page.
 */

import type { LayoutInput, LayoutResult } from "./protocol";

export interface CachedLayout {
  key: string;
  version: string;
  /** Bigger is more recent; the smallest goes first. */
  usedAt: number;
  /** The result's JSON length, a measure of its size. */
  bytes: number;
  result: LayoutResult;
}

export type CachedMeta = Omit<CachedLayout, "result">;

/** Where entries live; each call may fail (storage can be refused or full). */
export interface LayoutStore {
  get(key: string): Promise<CachedLayout | undefined>;
  put(entry: CachedLayout): Promise<void>;
  /** Rewrite an entry's usedAt (and the rest of its meta), leaving its result. */
  touch(meta: CachedMeta): Promise<void>;
  /** Each entry's key, version, usedAt and bytes (not its result). */
  list(): Promise<CachedMeta[]>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface LayoutCacheOptions {
  version: string;
  maxEntries?: number;
  maxBytes?: number;
  /** A clock for usedAt; tests pass a counter. */
  now?: () => number;
}

export interface LayoutCache {
  /** The cached layout of `input`, or null. */
  get(input: LayoutInput): Promise<LayoutResult | null>;
  /** Keep `result` as the layout of `input`, evicting the least recently used beyond the bounds. */
  put(input: LayoutInput, result: LayoutResult): Promise<void>;
}

export const DEFAULT_MAX_ENTRIES = 2000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function createLayoutCache(store: LayoutStore, options: LayoutCacheOptions): LayoutCache {
  const { version, maxEntries = DEFAULT_MAX_ENTRIES, maxBytes = DEFAULT_MAX_BYTES, now = Date.now } = options;
  /** Every entry of this version but the results, loaded once; null until then. */
  let index: Promise<Map<string, CachedMeta>> | null = null;
  let broken = false;

  function loadIndex(): Promise<Map<string, CachedMeta>> {
    index ??= store.list().then(async (all) => {
      const stale = all.filter((m) => m.version !== version).map((m) => m.key);
      if (stale.length) await store.delete(stale);
      return new Map(all.filter((m) => m.version === version).map((m) => [m.key, m]));
    });
    return index;
  }

  // Read the index now, while the page fetches its data: a miss then costs no wait on storage.
  void loadIndex().catch((error: unknown) => fail(error));

  function fail(error: unknown): null {
    if (!broken) console.warn(`GraphFold: the layout cache is off for this page: ${error instanceof Error ? error.message : String(error)}`);
    broken = true;
    return null;
  }

  async function evict(entries: Map<string, CachedMeta>): Promise<void> {
    let bytes = 0;
    for (const m of entries.values()) bytes += m.bytes;
    if (entries.size <= maxEntries && bytes <= maxBytes) return;
    const oldestFirst = [...entries.values()].sort((a, b) => a.usedAt - b.usedAt);
    const gone: string[] = [];
    for (const m of oldestFirst) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(m.key);
      bytes -= m.bytes;
      gone.push(m.key);
    }
    await store.delete(gone);
  }

  return {
    async get(input) {
      if (broken) return null;
      try {
        const key = cacheKey(version, input);
        const entries = await loadIndex();
        if (!entries.has(key)) return null;
        const entry = await store.get(key);
        if (!entry) {
          entries.delete(key);
          return null;
        }
        const touched = { ...metaOf(entry), usedAt: now() };
        entries.set(key, touched);
        void store.touch(touched).catch(fail);
        return entry.result;
      } catch (error) {
        return fail(error);
      }
    },
    async put(input, result) {
      if (broken) return;
      try {
        const entries = await loadIndex();
        const entry: CachedLayout = { key: cacheKey(version, input), version, usedAt: now(), bytes: JSON.stringify(result).length, result };
        if (entry.bytes > maxBytes) return;
        await store.put(entry);
        entries.set(entry.key, metaOf(entry));
        await evict(entries);
      } catch (error) {
        fail(error);
      }
    },
  };
}

function metaOf({ key, version, usedAt, bytes }: CachedLayout): CachedMeta {
  return { key, version, usedAt, bytes };
}

/** The entry's key: layout code version, the input's own key, and a hash of the whole input. */
export function cacheKey(version: string, input: LayoutInput): string {
  return `${version}|${input.key}|${hashText(JSON.stringify(input))}`;
}

/** A 53-bit hash of `text` (two 32-bit multiply-xorshift lanes), as 11 base-36 digits at most. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A store in memory: for unit tests, and where IndexedDB is missing. */
export function memoryStore(): LayoutStore & { entries: Map<string, CachedLayout> } {
  const entries = new Map<string, CachedLayout>();
  return {
    entries,
    async get(key) {
      return entries.get(key);
    },
    async put(entry) {
      entries.set(entry.key, entry);
    },
    async touch(meta) {
      const entry = entries.get(meta.key);
      if (entry) entries.set(meta.key, { ...entry, ...meta });
    },
    async list() {
      return [...entries.values()].map(metaOf);
    },
    async delete(keys) {
      for (const key of keys) entries.delete(key);
    },
  };
}

const DB_NAME = "graphfold-layouts";
/** Entries without their results, so listing them reads little; the results apart, by key. */
const META = "meta";
const RESULTS = "results";

/** A store in the browser's IndexedDB (one database per origin, shared by the tabs of one TensorBoard). */
export function indexedDbStore(factory: IDBFactory = indexedDB): LayoutStore {
  let db: Promise<IDBDatabase> | null = null;
  function open(): Promise<IDBDatabase> {
    db ??= new Promise((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(META, { keyPath: "key" });
        request.result.createObjectStore(RESULTS);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB refused to open"));
      request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
    });
    return db;
  }
  /** Run `work` in one transaction over both stores; resolves with what it returns once the transaction completes. */
  async function run<T>(mode: IDBTransactionMode, work: (meta: IDBObjectStore, results: IDBObjectStore) => () => T): Promise<T> {
    const transaction = (await open()).transaction([META, RESULTS], mode);
    const read = work(transaction.objectStore(META), transaction.objectStore(RESULTS));
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(read());
      transaction.onerror = () => reject(transaction.error ?? new Error("an IndexedDB transaction failed"));
      transaction.onabort = () => reject(transaction.error ?? new Error("an IndexedDB transaction was aborted"));
    });
  }
  return {
    get: (key) =>
      run("readonly", (meta, results) => {
        const m = meta.get(key) as IDBRequest<CachedMeta | undefined>;
        const r = results.get(key) as IDBRequest<LayoutResult | undefined>;
        return () => (m.result && r.result ? { ...m.result, result: r.result } : undefined);
      }),
    put: (entry) =>
      run("readwrite", (meta, results) => {
        meta.put(metaOf(entry));
        results.put(entry.result, entry.key);
        return () => undefined;
      }),
    touch: (m) =>
      run("readwrite", (meta) => {
        meta.put(m);
        return () => undefined;
      }),
    list: () =>
      run("readonly", (meta) => {
        const all = meta.getAll() as IDBRequest<CachedMeta[]>;
        return () => all.result;
      }),
    delete: (keys) =>
      run("readwrite", (meta, results) => {
        for (const key of keys) {
          meta.delete(key);
          results.delete(key);
        }
        return () => undefined;
      }),
  };
}
