// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { cacheKey, createLayoutCache, hashText, memoryStore } from "../src/layout_cache";
import type { LayoutStore } from "../src/layout_cache";
import { createLayoutClient } from "../src/layout_client";
import type { LayoutInput, LayoutResult } from "../src/protocol";
import { inProcessWorker } from "./view_fixtures";

/** A fork (a feeds b and c): not a chain, so the client asks the worker for it (chain_layout.ts). */
function input(key: string, width = 80): LayoutInput {
  return {
    key,
    label: key,
    nodes: [
      { id: "n:a", width, height: 30 },
      { id: "n:b", width: 80, height: 30 },
      { id: "n:c", width: 80, height: 30 },
    ],
    edges: [
      { id: "e", source: "n:a", target: "n:b", reversed: false },
      { id: "f", source: "n:a", target: "n:c", reversed: false },
    ],
  };
}

function result(key: string, nodes = 1): LayoutResult {
  return { key, width: 100, height: 100, nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n:${i}`, x: i, y: 0, width: 80, height: 30 })), edges: [], ms: 1 };
}

/** A clock that ticks once per reading, so "least recently used" is exact. */
function counter(): () => number {
  let t = 0;
  return () => ++t;
}

describe("createLayoutCache", () => {
  it("misses what it never kept, then hits what it kept", async () => {
    const cache = createLayoutCache(memoryStore(), { version: "v1" });
    expect(await cache.get(input("view:a[]"))).toBeNull();
    await cache.put(input("view:a[]"), result("view:a[]"));
    expect(await cache.get(input("view:a[]"))).toEqual(result("view:a[]"));
  });

  it("keeps entries across pages that share the store", async () => {
    const store = memoryStore();
    await createLayoutCache(store, { version: "v1" }).put(input("view:a[]"), result("view:a[]"));
    expect(await createLayoutCache(store, { version: "v1" }).get(input("view:a[]"))).toEqual(result("view:a[]"));
  });

  it("misses an input that differs in anything but its key (another graph with the same module paths)", async () => {
    const cache = createLayoutCache(memoryStore(), { version: "v1" });
    await cache.put(input("view:a[]"), result("view:a[]"));
    expect(await cache.get(input("view:a[]", 120))).toBeNull();
  });

  it("is invalidated by new layout code: old entries miss and are deleted", async () => {
    const store = memoryStore();
    await createLayoutCache(store, { version: "v1" }).put(input("view:a[]"), result("view:a[]"));
    const newer = createLayoutCache(store, { version: "v2" });
    expect(await newer.get(input("view:a[]"))).toBeNull();
    expect([...store.entries.values()].map((e) => e.version)).toEqual([]);
    await newer.put(input("view:a[]"), result("view:a[]"));
    expect([...store.entries.keys()]).toEqual([cacheKey("v2", input("view:a[]"))]);
  });

  it("is bounded in entries, dropping the least recently used", async () => {
    const store = memoryStore();
    const cache = createLayoutCache(store, { version: "v1", maxEntries: 2, now: counter() });
    await cache.put(input("a"), result("a"));
    await cache.put(input("b"), result("b"));
    expect(await cache.get(input("a"))).not.toBeNull(); // "a" is now more recent than "b"
    await cache.put(input("c"), result("c"));
    expect(store.entries.size).toBe(2);
    expect(await cache.get(input("b"))).toBeNull();
    expect(await cache.get(input("a"))).not.toBeNull();
    expect(await cache.get(input("c"))).not.toBeNull();
  });

  it("is bounded in bytes, and never keeps an entry bigger than the bound", async () => {
    const store = memoryStore();
    const one = JSON.stringify(result("a", 10)).length;
    const cache = createLayoutCache(store, { version: "v1", maxBytes: one * 2 + 10, now: counter() });
    await cache.put(input("a"), result("a", 10));
    await cache.put(input("b"), result("b", 10));
    await cache.put(input("c"), result("c", 10));
    expect(store.entries.size).toBe(2);
    expect(await cache.get(input("a"))).toBeNull();
    await cache.put(input("huge"), result("huge", 1000));
    expect(await cache.get(input("huge"))).toBeNull();
    expect(store.entries.size).toBe(2);
  });

  it("turns itself off when storage fails, warning once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const refused = (): Promise<never> => Promise.reject(new Error("QuotaExceededError"));
    const store: LayoutStore = { get: refused, put: refused, touch: refused, list: refused, delete: refused };
    const cache = createLayoutCache(store, { version: "v1" });
    expect(await cache.get(input("a"))).toBeNull();
    await cache.put(input("a"), result("a"));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain("QuotaExceededError");
    warn.mockRestore();
  });
});

describe("hashText", () => {
  it("is stable and tells inputs apart", () => {
    expect(hashText("abc")).toBe(hashText("abc"));
    expect(hashText("abc")).not.toBe(hashText("abd"));
  });
});

describe("the layout client with a kept cache", () => {
  it("runs a layout once, and a later page draws it from the cache without a worker request", async () => {
    const store = memoryStore();
    const first = inProcessWorker();
    const laidOut = await createLayoutClient(first, () => {}, createLayoutCache(store, { version: "v1" })).layout(input("view:a[]"));
    expect(first.requests.filter((r) => r.type === "layout")).toHaveLength(1);
    await vi.waitFor(() => expect(store.entries.size).toBe(1));
    const second = inProcessWorker();
    const again = await createLayoutClient(second, () => {}, createLayoutCache(store, { version: "v1" })).layout(input("view:a[]"));
    expect(second.requests.filter((r) => r.type === "layout")).toHaveLength(0);
    expect(again).toEqual(laidOut);
  });
});
