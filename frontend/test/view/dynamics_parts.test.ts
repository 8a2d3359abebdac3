import { describe, expect, it } from "vitest";
import type { OverlayApi } from "../../src/api";
import { readableWeightSteps } from "../../src/overlay/dynamics";
import type { Scene, SceneItem } from "../../src/scene";
import type { ScalarsJson, WeightGraphJson } from "../../src/types";
import { describeValue, dynamicsColouring } from "../../src/view/dynamics_colouring";
import { createDynamicsSeriesStore } from "../../src/view/dynamics_series_store";
import { DARK, LIGHT } from "../../src/view/theme";
import { weightGraph, weightListing, wgLayer } from "../dynamics_fixtures";
import { module, view } from "../view_fixtures";

/** encoder.layer.0 (2 nodes) and encoder.layer.1 (6 nodes) at steps 0 and 10. */
const SERIES: WeightGraphJson = weightGraph("demo", [
  [0, [wgLayer("encoder.layer.0", 2, 1), wgLayer("encoder.layer.1", 6, 3)]],
  [10, [wgLayer("encoder.layer.0", 2, 2), wgLayer("encoder.layer.1", 6, 5)]],
]);

function sceneOf(...paths: string[]): Scene {
  const items = paths.map((path) => ({ id: `m:${path}`, json: module(path), view: view("", []) }) as unknown as SceneItem);
  return { items } as unknown as Scene;
}

describe("dynamicsColouring", () => {
  const choice = { steps: readableWeightSteps(SERIES), index: 1, property: "weighted_degree", stat: "mean" as const };

  it("values each drawn layer at the step shown, on a scale over every step", () => {
    const sparks = new Map([["m:encoder.layer.0", [1, 2]]]);
    const { values, scale, paint, legend } = dynamicsColouring(sceneOf("encoder.layer.0", "encoder.layer.1", "pooler"), choice, sparks, LIGHT);
    expect([...values.keys()]).toEqual(["m:encoder.layer.0", "m:encoder.layer.1"]);
    expect(values.get("m:encoder.layer.1")!.value).toBe(5);
    expect([scale!.min, scale!.max]).toEqual([1, 5]);
    expect(paint.fills.get("m:encoder.layer.1")).toBe(scale!.color(5));
    expect(paint.fills.has("m:pooler")).toBe(false);
    expect(paint.sparklines!.get("m:encoder.layer.0")).toEqual({ values: [1, 2], current: 1 });
    expect(legend!.title).toContain("step 10");
  });

  it("uses the dark ramp on a dark palette", () => {
    const light = dynamicsColouring(sceneOf("encoder.layer.1"), choice, new Map(), LIGHT);
    const dark = dynamicsColouring(sceneOf("encoder.layer.1"), choice, new Map(), DARK);
    expect(dark.legend!.ramp).not.toEqual(light.legend!.ramp);
  });

  it("describes an item's value with the step and its weight", () => {
    const { values } = dynamicsColouring(sceneOf("encoder.layer.1"), choice, new Map(), LIGHT);
    expect(describeValue(values.get("m:encoder.layer.1")!, choice)).toBe("5 mean weighted_degree at step 10 (6 nodes)");
  });
});

describe("createDynamicsSeriesStore", () => {
  function setUp(failRuns: string[] = []) {
    const asked: string[] = [];
    const api = {
      async weightGraph(key: { run: string; tag: string }) {
        asked.push(`weight_graph ${key.run}`);
        if (failRuns.includes(key.run)) throw new Error(`no series in ${key.run}`);
        return { ...SERIES, run: key.run };
      },
    } as unknown as OverlayApi;
    const scalars = async (run: string): Promise<ScalarsJson> => {
      asked.push(`scalars ${run}`);
      return { run, scalars: {} };
    };
    return { asked, store: createDynamicsSeriesStore({ api, track: (w) => w, scalars }) };
  }

  it("fetches each series and each run's scalars once", async () => {
    const { asked, store } = setUp();
    const listing = weightListing(SERIES);
    expect(store.get(listing)).toBeNull();
    await store.load(listing);
    expect(await store.loadAll([listing])).toEqual([]);
    expect(store.get(listing)!.run).toBe("demo");
    expect(store.scalars.get("demo")).toEqual({ run: "demo", scalars: {} });
    expect(asked).toEqual(["weight_graph demo", "scalars demo"]);
    store.clear();
    expect(store.get(listing)).toBeNull();
  });

  it("names each failure and keeps the rest", async () => {
    const { store } = setUp(["bad"]);
    const good = weightListing(SERIES);
    const bad = { ...good, run: "bad" };
    expect(await store.loadAll([good, bad])).toEqual(["bad: no series in bad"]);
    expect(store.get(good)).not.toBeNull();
    await expect(store.load(bad)).rejects.toThrow("no series in bad");
  });
});
