// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { StackItemJson } from "../src/types";
import { memberOptionLabel, nameList, stackBadge, variantLines, variantOf } from "../src/variants";
import { LAYERS } from "./view_fixtures";

const VARIANT = { member: "encoder.layer.1", adds: ["gelu_1", "mul_9"], lacks: ["dropout_1"], adds_count: 2, lacks_count: 1, edits: 3 };
const WITH_VARIANT: StackItemJson = { ...LAYERS, variants: [VARIANT] };

describe("stackBadge", () => {
  it("shows the count, and how many members are variants", () => {
    expect(stackBadge(LAYERS)).toBe("×2");
    expect(stackBadge({ ...LAYERS, variants: [] })).toBe("×2");
    expect(stackBadge(WITH_VARIANT)).toBe("×2 · 1 variant");
    expect(stackBadge({ ...WITH_VARIANT, count: 4, variants: [VARIANT, { ...VARIANT, member: "x" }] })).toBe("×4 · 2 variants");
  });
});

describe("member options", () => {
  it("mark variant members with what they add and lack", () => {
    expect(variantOf(WITH_VARIANT, "encoder.layer.0")).toBeNull();
    expect(memberOptionLabel(WITH_VARIANT, 0, "layer.0")).toBe("layer.0 · 100 params");
    expect(memberOptionLabel(WITH_VARIANT, 1, "layer.1")).toBe("layer.1 · 100 params · variant (+2 −1 nodes)");
  });
});

describe("variantLines", () => {
  it("lists the nodes a variant adds and lacks", () => {
    expect(variantLines(VARIANT)).toEqual({
      title: "encoder.layer.1: +2 −1 nodes (3 edits)",
      adds: "Adds gelu_1, mul_9",
      lacks: "Lacks dropout_1",
    });
    expect(variantLines({ ...VARIANT, lacks: [], lacks_count: 0 }).lacks).toBeNull();
  });

  it("says how many names the server left out", () => {
    expect(nameList(["a", "b"], 52)).toBe("a, b and 50 more");
    expect(nameList(["a", "b"], 2)).toBe("a, b");
  });
});
