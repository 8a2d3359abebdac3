// @vitest-environment node
import { describe, expect, it } from "vitest";
import { describeItem, formatDifference } from "../src/details";
import type { SceneItem } from "../src/scene";
import { HELPER_CLASS } from "../src/geometry";
import type { ViewItemJson, ViewJson } from "../src/types";
import { detailsOf, graph, node } from "./fixtures";
import { LAYERS, VIEWS, module, op, tensor, view as viewOf } from "./view_fixtures";

function sceneItem(viewPath: string, id: string, views: Record<string, ViewJson> = VIEWS): SceneItem {
  const view = views[viewPath]!;
  const json = view.children.find((c) => c.id === id)!;
  return { id, type: "op", open: false, openAs: null, depth: 0, lines: { title: "", subtitle: "", info: "" }, label: "", parent: "m:", view, json, pile: 0, block: null, x: 0, y: 0, width: 1, height: 1 };
}

describe("describeItem", () => {
  it("lists an operator's inputs and outputs from its view, with links to the other ends", () => {
    const details = describeItem(sceneItem("encoder.layer.0", "n:mul_0"));
    expect(details.heading).toBe("mul_0");
    expect(details.facts).toContainEqual(["Module", "encoder.layer.0"]);
    expect(details.inputs.map((l) => [l.text, l.target])).toEqual([
      ["add_0", { kind: "node", name: "add_0" }],
      ["x", { kind: "node", name: "x" }],
    ]);
    expect(details.outputs.map((l) => l.text)).toEqual(["mul_0", "add_0"]);
    expect(details.needsNode).toBe(true);
  });

  it("takes exact inputs and attributes from the whole graph once it is loaded", () => {
    const whole = graph([{ path: "", class_name: "" }], [node("x", ""), node("mul_0", "encoder.layer.0", { inputs: [["x", 0], ["w", 0]], attrs: { alpha: 2, dims: [1, 2] } }), node("w", "", { kind: "parameter", op: "parameter" })]);
    const details = describeItem(sceneItem("encoder.layer.0", "n:mul_0"), detailsOf(whole, "mul_0"));
    expect(details.inputs.map((l) => [l.text, l.note])).toEqual([["x", "1×4 float32"], ["w", "1×4 float32 · parameter"]]);
    expect(details.attributes).toEqual([["alpha", "2"], ["dims", "[1, 2]"]]);
    expect(details.needsNode).toBe(false);
  });

  it("describes a stack with its members and differences", () => {
    const details = describeItem(sceneItem("encoder.layer", LAYERS.id));
    expect(details.kind).toBe("Stack of isomorphic modules");
    expect(details.embedded.map((l) => l.target)).toEqual(LAYERS.members.map((member) => ({ kind: "member", stack: LAYERS.id, member })));
    expect(details.differences).toHaveLength(1);
    expect(details.inputs[0]!.note).toContain("from outside encoder.layer");
  });

  it("lists the export checks that read an operator, and a shape read it embeds by its op", () => {
    const checked = op("embedding_1", {
      checks: [{ name: "_assert_tensor_metadata_default", op: "aten._assert_tensor_metadata.default" }],
      embedded: [{ ...tensor("sym_size_int", 0, []), kind: "op", input: 1, parameter_count: 0, op: "aten.sym_size.int" }],
    });
    const details = describeItem(sceneItem("", checked.id, { "": viewOf("", [checked]) }));
    expect(details.checks.map((l) => [l.text, l.note])).toEqual([["_assert_tensor_metadata_default", "_assert_tensor_metadata"]]);
    expect(details.embedded[0]!.note).toBe("sym_size → input 1: scalar float32");
  });

  it("names the modules that only wrap a stack, and says what a helper region is", () => {
    const wrapped: ViewItemJson = { ...LAYERS, wrappers: ["encoder", "encoder.layer"] };
    const helper = module("attention mask", HELPER_CLASS, { node_count: 8 });
    const root = { "": viewOf("", [wrapped, helper]) };
    expect(describeItem(sceneItem("", LAYERS.id, root)).facts).toContainEqual(["Wrapped by", "encoder › encoder.layer"]);
    const details = describeItem(sceneItem("", helper.id, root));
    expect(details.kind).toMatch(/^Helper region/);
    expect(details.facts).toContainEqual(["Nodes", "8"]);
  });

  it("marks variant members", () => {
    const variant = { member: "encoder.layer.1", adds: ["gelu_1"], lacks: [], adds_count: 1, lacks_count: 0, edits: 1 };
    const stack: ViewItemJson = { ...LAYERS, variants: [variant] };
    const details = describeItem(sceneItem("", LAYERS.id, { "": viewOf("", [stack]) }));
    expect(details.embedded.map((l) => l.note)).toEqual(["encoder.layer.0 · 100 params", "encoder.layer.1 · 100 params · variant"]);
    expect(details.heading).toBe("BertLayer ×2 · 1 variant");
    expect(details.facts).toContainEqual(["Nodes", "2 in the representative"]);
  });

  it("lists the consumers of a pruned output", () => {
    const details = describeItem(sceneItem("", "n:where"));
    expect(details.outputs.filter((l) => l.note.includes("pruned")).map((l) => l.text)).toEqual(["mul_0", "mul_1"]);
  });
});

describe("formatDifference", () => {
  it("says what differs, with absent values named", () => {
    expect(formatDifference({ module: "emb.1", node: "e", member_node: "e_1", field: "attrs.padding_idx", representative: 0, member: null })).toBe(
      "emb.1: e_1 attrs.padding_idx 0 → (absent) (representative: e)",
    );
    expect(formatDifference({ module: "fc.1", node: "w", member_node: "w_1", field: "shape", representative: [3, 4], member: [2, 4] })).toContain("[3, 4] → [2, 4]");
  });
});
