import { describe, expect, it, vi } from "vitest";
import type { OverlayKey } from "../../src/api";
import { createFilterStepSource, withRows } from "../../src/view/filter_step_source";
import type { LayerClassRows } from "../../src/types";
import { classMeans } from "../overlay_fixtures";

const KEY: OverlayKey = { run: "r", tag: "filter_stats", step: 0 };
const CLASSES = 6;
const FILTERS = 4;
const A = classMeans(FILTERS, CLASSES);
const PAIRS = { best: [[1, 4, 0.5] as [number, number, number]], worst: [] };

/** A `GET filter_layer` stand-in: the rows asked for (null: of the pairs' classes 1 and 4), every call recorded. */
function fakeApi(fail: (classes: readonly number[] | null) => boolean = () => false) {
  const calls: { module: string; classes: readonly number[] | null }[] = [];
  const filterLayer = vi.fn(async (_key: OverlayKey, module: string, classes: readonly number[] | null): Promise<LayerClassRows> => {
    calls.push({ module, classes });
    if (fail(classes)) throw new Error(`GET filter_layer failed for ${String(classes)}`);
    const rows = classes ?? [1, 4];
    return { module, classCount: CLASSES, filterCount: FILTERS, classes: [...rows], rows: rows.map((c) => Float32Array.from(A[c]!)), pairs: PAIRS };
  });
  return { api: { filterSummary: vi.fn(), filterLayer }, calls };
}

const loaded = (a: readonly (Float32Array | undefined)[]) => a.flatMap((row, c) => (row ? [c] : []));

describe("createFilterStepSource", () => {
  it("asks first for the server's first rows, then only for rows it lacks", async () => {
    const { api, calls } = fakeApi();
    const source = createFilterStepSource(api);
    const first = await source.classMeans(KEY, "m", null);
    expect(loaded(first.a)).toEqual([1, 4]);
    expect(first.pairs).toEqual(PAIRS);
    const more = await source.classMeans(KEY, "m", [4, 0, 5]);
    expect(calls).toEqual([{ module: "m", classes: null }, { module: "m", classes: [0, 5] }]);
    expect(loaded(more.a)).toEqual([0, 1, 4, 5]);
    expect(Array.from(more.a[5]!)).toEqual(A[5]!.map(Math.fround));
    expect(loaded(first.a)).toEqual([1, 4]);
    // Everything asked for is loaded: no request.
    expect(loaded((await source.classMeans(KEY, "m", [0, 1])).a)).toEqual([0, 1, 4, 5]);
    expect(source.layerRequests()).toBe(2);
  });

  it("passes the classes of a first call on, and keeps layers apart", async () => {
    const { api, calls } = fakeApi();
    const source = createFilterStepSource(api);
    await source.classMeans(KEY, "m", [0, 1, 2]);
    await source.classMeans({ ...KEY, step: 1 }, "m", null);
    expect(calls).toEqual([{ module: "m", classes: [0, 1, 2] }, { module: "m", classes: null }]);
  });

  it("keeps the rows it had when asking for more fails, and asks again next time", async () => {
    let failing = true;
    const { api, calls } = fakeApi((classes) => failing && classes !== null);
    const source = createFilterStepSource(api);
    await source.classMeans(KEY, "m", null);
    await expect(source.classMeans(KEY, "m", [2])).rejects.toThrow("GET filter_layer failed for 2");
    expect(loaded((await source.classMeans(KEY, "m", null)).a)).toEqual([1, 4]);
    failing = false;
    expect(loaded((await source.classMeans(KEY, "m", [2])).a)).toEqual([1, 2, 4]);
    expect(calls.map((c) => c.classes)).toEqual([null, [2], [2]]);
  });

  it("forgets a layer whose first request failed", async () => {
    let failing = true;
    const { api } = fakeApi(() => failing);
    const source = createFilterStepSource(api);
    await expect(source.classMeans(KEY, "m", null)).rejects.toThrow("failed");
    failing = false;
    expect(loaded((await source.classMeans(KEY, "m", null)).a)).toEqual([1, 4]);
    expect(source.layerRequests()).toBe(2);
  });

  it("drops the least recently used layers beyond its budget of bytes", async () => {
    const { api } = fakeApi();
    const rowBytes = FILTERS * 4;
    const source = createFilterStepSource(api, 5 * rowBytes);
    await source.classMeans(KEY, "a", null);
    await source.classMeans(KEY, "b", null);
    await source.classMeans(KEY, "a", null); // a is now the most recently used
    await source.classMeans(KEY, "c", [0, 1, 2]); // 2 + 2 + 3 rows: b goes
    expect(source.layerRequests()).toBe(3);
    await source.classMeans(KEY, "a", null);
    expect(source.layerRequests()).toBe(3);
    await source.classMeans(KEY, "b", null);
    expect(source.layerRequests()).toBe(4);
  });
});

describe("withRows", () => {
  it("refuses rows of another shape", () => {
    const rows: LayerClassRows = { module: "m", classCount: 6, filterCount: 4, classes: [0], rows: [new Float32Array(4)], pairs: PAIRS };
    const known = withRows(null, rows);
    expect(() => withRows(known, { ...rows, filterCount: 5, rows: [new Float32Array(5)] })).toThrow(
      "layer m answered 6 classes × 5 filters, where it answered 6 × 4 before: the logged step changed; reload the page",
    );
  });
});
