// @vitest-environment node
import { describe, expect, it } from "vitest";
import ELK from "elkjs/lib/elk.bundled.js";
import { chainLayout } from "../src/chain_layout";
import { createLayoutClient, unavailableWorker } from "../src/layout_client";
import type { WorkerLike } from "../src/layout_client";
import type { FromWorker, LayoutInput, LayoutStage, ToWorker } from "../src/protocol";
import { runLayout } from "../src/worker/run_layout";
import { inProcessWorker } from "./view_fixtures";

/** A fork (a feeds b and c): not a chain, so it goes to the worker. */
const INPUT: LayoutInput = {
  key: "view:a[]",
  label: "a",
  nodes: [
    { id: "n:a", width: 80, height: 30 },
    { id: "n:b", width: 80, height: 30 },
    { id: "n:c", width: 80, height: 30 },
  ],
  edges: [
    { id: "e", source: "n:a", target: "n:b", reversed: false },
    { id: "f", source: "n:a", target: "n:c", reversed: false },
  ],
};

/** a feeds b: a chain, laid out in the page. */
const CHAIN: LayoutInput = { key: "view:chain[]", label: "chain", nodes: INPUT.nodes.slice(0, 2), edges: INPUT.edges.slice(0, 1) };

describe("createLayoutClient", () => {
  it("warms the worker up, passes layout stages on and answers by request id", async () => {
    const worker = inProcessWorker();
    const stages: LayoutStage[] = [];
    const client = createLayoutClient(worker, (s) => stages.push(s));
    expect(worker.requests[0]).toEqual({ type: "warm-up" });
    const [a, b] = await Promise.all([client.layout(INPUT), client.layout({ ...INPUT, key: "other" })]);
    expect(a.key).toBe("view:a[]");
    expect(b.key).toBe("other");
    expect(stages).toContainEqual({ step: "laying-out", label: "a", edges: 2 });
    expect(client.pending).toBe(0);
  });

  it("lays out each key once", async () => {
    const worker = inProcessWorker();
    const client = createLayoutClient(worker, () => {});
    const first = await client.layout(INPUT);
    expect(await client.layout(INPUT)).toBe(first);
    expect(worker.requests.filter((r) => r.type === "layout")).toHaveLength(1);
    client.clear();
    await client.layout(INPUT);
    expect(worker.requests.filter((r) => r.type === "layout")).toHaveLength(2);
  });

  it("lays a chain out in the page, as ELK would, without asking the worker or waiting for it", async () => {
    const worker = inProcessWorker();
    const client = createLayoutClient(worker, () => {});
    expect(client.peek(CHAIN)).toEqual(chainLayout(CHAIN));
    const inPage = await client.layout(CHAIN);
    expect(worker.requests.filter((r) => r.type === "layout")).toHaveLength(0);
    expect(inPage).toEqual({ ...(await runLayout(new ELK(), CHAIN)), ms: 0 });
    // The worker is not even needed: one that never answers does not hold a chain back.
    const silent = createLayoutClient({ onmessage: null, onerror: null, postMessage() {}, terminate() {} }, () => {});
    expect(await silent.layout(CHAIN)).toEqual(inPage);
  });

  it("rejects with the worker's message, and does not keep the failure", async () => {
    const client = createLayoutClient(unavailableWorker("no workers here"), () => {});
    await expect(client.layout(INPUT)).rejects.toThrow("the layout worker could not start: no workers here");
    await expect(client.layout(INPUT)).rejects.toThrow("no workers here");
  });

  it("rejects everything waiting when the worker script fails", async () => {
    const sent: ToWorker[] = [];
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: (m) => sent.push(m), terminate() {} };
    const client = createLayoutClient(worker, () => {});
    const waiting = client.layout(INPUT);
    worker.onerror!({ message: "404", preventDefault() {} } as ErrorEvent);
    await expect(waiting).rejects.toThrow(/layout worker .* failed: 404/);
    await expect(client.layout({ ...INPUT, key: "later" })).rejects.toThrow(/failed: 404/);
  });

  it("is ready once the worker says ELK has started, or once a layout is done", () => {
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
    const client = createLayoutClient(worker, () => {});
    expect(client.ready).toBe(false);
    worker.onmessage!({ data: { type: "progress", id: 1, stage: { step: "laying-out", label: "a", edges: 1 } } } as MessageEvent<FromWorker>);
    expect(client.ready).toBe(false);
    worker.onmessage!({ data: { type: "ready" } } as MessageEvent<FromWorker>);
    expect(client.ready).toBe(true);

    const other: WorkerLike = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
    const answered = createLayoutClient(other, () => {});
    other.onmessage!({ data: { type: "done", id: 7, result: { key: "k", nodes: [], edges: [], width: 0, height: 0, ms: 1 } } } as unknown as MessageEvent<FromWorker>);
    expect(answered.ready).toBe(true);
  });

  it("ignores answers to requests it does not know", async () => {
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
    const stages: LayoutStage[] = [];
    createLayoutClient(worker, (s) => stages.push(s));
    worker.onmessage!({ data: { type: "progress", id: 99, stage: { step: "placing", label: "x" } } } as MessageEvent<FromWorker>);
    expect(stages).toEqual([]);
  });
});
