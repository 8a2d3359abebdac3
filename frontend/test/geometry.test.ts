// @vitest-environment node
import { describe, expect, it } from "vitest";
import { HELPER_CLASS, OPS_CLASS, OUTPUTS_CLASS, isHelperModule, itemLines, oneLine, wrapperTrail } from "../src/geometry";
import { LAYERS, module } from "./view_fixtures";

describe("wrapperTrail", () => {
  it("names each wrapper relative to the one outside it", () => {
    expect(wrapperTrail(["encoder", "encoder.layer"], "")).toBe("encoder › layer");
    expect(wrapperTrail(["h"], "")).toBe("h");
    expect(wrapperTrail(["transformer.h"], "transformer")).toBe("h");
    expect(wrapperTrail(["model/blocks"], "model")).toBe("blocks");
    // a path not under the one before it stays whole
    expect(wrapperTrail(["hx"], "h")).toBe("hx");
  });
});

describe("helper regions", () => {
  const helper = module("attention mask", HELPER_CLASS, { node_count: 8 });

  it("are told from the model's modules by class", () => {
    expect(isHelperModule(helper)).toBe(true);
    expect(isHelperModule(module("encoder"))).toBe(false);
    expect(isHelperModule(LAYERS)).toBe(false);
  });

  it("are labelled by what they compute and their size", () => {
    expect(oneLine(itemLines(helper))).toBe("attention mask · 8 ops");
    expect(oneLine(itemLines({ ...helper, node_count: 1 }))).toBe("attention mask · 1 op");
  });

  it("include groups of outputs, counted as outputs", () => {
    const cache = module("cache", OUTPUTS_CLASS, { node_count: 160 });
    expect(isHelperModule(cache)).toBe(true);
    expect(oneLine(itemLines(cache))).toBe("cache · 160 outputs");
  });

  it("include groups of the root's loose operators", () => {
    const ops = module("pow, div…", OPS_CLASS, { node_count: 16 });
    expect(isHelperModule(ops)).toBe(true);
    expect(oneLine(itemLines(ops))).toBe("pow, div… · 16 ops");
  });
});

describe("stacks", () => {
  it("carry their variants in the badge", () => {
    const variant = { member: "encoder.layer.1", adds: [], lacks: ["a"], adds_count: 0, lacks_count: 1, edits: 1 };
    expect(oneLine(itemLines({ ...LAYERS, variants: [variant] }))).toBe("BertLayer ×2 · 1 variant · layer.0, layer.1");
  });
});
