import { describe, expect, it } from "vitest";
import { contains, itemValues, modulePath, overlayTargets, weightedMean } from "../../src/overlay/item_values";
import type { LayerValue } from "../../src/overlay/filter_metrics";
import type { Scene, SceneItem } from "../../src/scene";
import { LAYERS as LAYER_STACK, module, op, view } from "../view_fixtures";

/** A drawn item as overlayTargets reads it: its JSON and the view that lists it. */
function drawn(json: SceneItem["json"], viewPath: string): SceneItem {
  const id = json.id;
  return { id, json, view: view(viewPath, []) } as unknown as SceneItem;
}

const STACK = { ...LAYER_STACK, id: "s:features.0", representative: "features.0", members: ["features.0", "features.3"] };

const LAYERS: LayerValue[] = [
  { module: "features.0", value: 0.25, weight: 4 },
  { module: "features.3", value: 0.5, weight: 12 },
  { module: "classifier", value: 1, weight: 2 },
];

describe("overlayTargets", () => {
  it("matches operators by their view's module, modules and stacks by path", () => {
    const scene = {
      items: [
        drawn(op("conv2d"), "features.0"),
        drawn(op("x", { type: "input", op: "input" }), ""),
        drawn(module("features", "torch.nn.Sequential"), ""),
        drawn(STACK, "features"),
        drawn({ id: "in:x:0", node: "x", output: 0, shape: [1], dtype: "float32", targets: [], count: 1 }, "features"),
      ],
    } as unknown as Scene;
    expect(overlayTargets(scene)).toEqual([
      { id: "n:conv2d", kind: "layer", paths: ["features.0"] },
      { id: "m:features", kind: "aggregate", paths: ["features"] },
      { id: "s:features.0", kind: "aggregate", paths: ["features.0", "features.3"] },
    ]);
  });
});

describe("module calls", () => {
  it("reads a call's module path back, whatever its depth", () => {
    expect(modulePath("encoder.group.0@3.layers.0.ffn")).toBe("encoder.group.0.layers.0.ffn");
    expect(modulePath("layer1.0.relu@1")).toBe("layer1.0.relu");
    expect(modulePath("conv@10x.fc")).toBe("conv@10x.fc");
  });

  it("colours every call of a module with that module's layer", () => {
    const scene = {
      items: [drawn(op("linear_3"), "shared@1"), drawn(module("shared@1", "torch.nn.Linear"), "")],
    } as unknown as Scene;
    const targets = overlayTargets(scene);
    expect(targets.map((t) => t.paths)).toEqual([["shared"], ["shared"]]);
    expect(itemValues(targets, [{ module: "shared", value: 2, weight: 1 }]).map((v) => v.value)).toEqual([2, 2]);
  });
});

describe("itemValues", () => {
  it("gives a layer's operator the layer's value", () => {
    expect(itemValues([{ id: "n:conv2d", kind: "layer", paths: ["features.0"] }], LAYERS)).toEqual([{ id: "n:conv2d", value: 0.25, layers: 1, weight: 4 }]);
  });

  it("weights a module's layers by filter count", () => {
    // (0.25 × 4 + 0.5 × 12) / 16
    expect(itemValues([{ id: "m:features", kind: "aggregate", paths: ["features"] }], LAYERS)).toEqual([{ id: "m:features", value: 0.4375, layers: 2, weight: 16 }]);
  });

  it("aggregates a stack over all its members", () => {
    expect(itemValues([{ id: "s:features.0", kind: "aggregate", paths: ["features.0", "features.3"] }], LAYERS)[0]!.value).toBe(0.4375);
  });

  it("gives nothing to items holding no layer", () => {
    const targets = [
      { id: "m:features.1", kind: "aggregate" as const, paths: ["features.1"] },
      { id: "n:add", kind: "layer" as const, paths: [""] },
    ];
    expect(itemValues(targets, LAYERS)).toEqual([]);
  });

  it("is empty for no layers", () => {
    expect(itemValues([{ id: "m:a", kind: "aggregate", paths: ["a"] }], [])).toEqual([]);
  });
});

describe("contains", () => {
  it("matches whole path segments", () => {
    expect(contains("features", "features.0")).toBe(true);
    expect(contains("features.1", "features.10")).toBe(false);
    expect(contains("features.1", "features.1")).toBe(true);
    expect(contains("", "anything")).toBe(true);
  });
});

describe("weightedMean", () => {
  it("is null without weight", () => {
    expect(weightedMean([])).toBeNull();
    expect(weightedMean([{ module: "a", value: 1, weight: 0 }])).toBeNull();
  });
});
