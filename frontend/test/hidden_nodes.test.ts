// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Details } from "../src/details";
import { describeHiddenNode, hiddenCount, hiddenMark, hiddenNodeOf, hiddenSummary, withHiddenCounts } from "../src/hidden_nodes";
import { detailsOf, graph, node } from "./fixtures";
import { DEAD, DEAD_IN_LAYER, locate } from "./view_fixtures";

describe("hiddenSummary", () => {
  it("names the non-zero counts, singular or plural", () => {
    expect(hiddenSummary({ dead: 8, check: 1, plumbing: 0 })).toBe("8 unused operators hidden · 1 export check hidden");
    expect(hiddenSummary({ dead: 1, check: 0, plumbing: 1234 })).toBe("1 unused operator hidden · 1,234 plumbing operators hidden");
    expect(hiddenSummary({ dead: 0, check: 0, plumbing: 0 })).toBe("");
    expect(hiddenCount("check", 2)).toBe("2 export checks");
  });
});

describe("withHiddenCounts", () => {
  const details = { facts: [["Path", "a"]] } as unknown as Details;

  it("adds a fact naming what the module hides directly", () => {
    expect(withHiddenCounts(details, { dead: 2, check: 0, plumbing: 3 }).facts).toEqual([
      ["Path", "a"],
      ["Hidden directly in it", "2 unused operators · 3 plumbing operators"],
    ]);
  });

  it("leaves details alone when the module hides nothing", () => {
    expect(withHiddenCounts(details, { dead: 0, check: 0, plumbing: 0 })).toBe(details);
  });
});

describe("hiddenNodeOf", () => {
  it("is the node a reveal leads to when it is drawn nowhere, with what a hit knew", () => {
    expect(hiddenNodeOf({ ...locate(DEAD), op: "aten.arange.default", module: "" })).toEqual({
      name: DEAD, hidden: "dead", op: "aten.arange.default", kind: undefined, module: "", class_name: undefined,
    });
    expect(hiddenNodeOf(locate(DEAD_IN_LAYER))?.name).toBe(DEAD_IN_LAYER);
  });

  it("is null for drawn nodes and for checks, which show in the details of the node they check", () => {
    expect(hiddenNodeOf(locate("add_1"))).toBeNull();
    expect(hiddenNodeOf({ node: "check_1", embedded_in: "add_1", hidden: "check", reveal: [{ view: "", item: "n:add_1" }] })).toBeNull();
  });
});

describe("hiddenMark", () => {
  it("marks hidden search hits", () => {
    expect([hiddenMark("dead"), hiddenMark("check"), hiddenMark("plumbing"), hiddenMark(null)]).toEqual(["unused", "check", "plumbing", null]);
  });
});

describe("describeHiddenNode", () => {
  const whole = graph(
    [{ path: "", class_name: "pkg.GPT2Model" }],
    [
      node("arange_1", "", { op: "aten.arange.default", inputs: [], outputs: [{ shape: [1], dtype: "int64" }], attrs: { end: 1 } }),
      node("unsqueeze_1", "", { op: "aten.unsqueeze.default", inputs: [["arange_1", 0]], outputs: [{ shape: [1, 1], dtype: "int64" }] }),
    ],
  );

  it("says why the node is not drawn, and what the hit knew before the graph arrives", () => {
    const details = describeHiddenNode({ name: "arange_1", hidden: "dead", op: "aten.arange.default", kind: "op", module: "" }, null);
    expect(details.note).toBe("Hidden: unused operator — its result reaches no graph output");
    expect(details.heading).toBe("arange_1");
    expect(details.facts).toEqual([["Op", "aten.arange.default"], ["Kind", "op"], ["Module", "(root)"]]);
    expect(details.needsNode).toBe(true);
  });

  it("takes shapes, attributes, inputs and consumers from the whole graph", () => {
    const details = describeHiddenNode({ name: "arange_1", hidden: "dead" }, detailsOf(whole, "arange_1"));
    expect(details.facts).toContainEqual(["Op", "aten.arange.default"]);
    expect(details.facts).toContainEqual(["Class", "pkg.GPT2Model"]);
    expect(details.outputs.map((l) => [l.text, l.note, l.target])).toEqual([
      ["arange_1", "1 int64", null],
      ["unsqueeze_1", "input 0", { kind: "node", name: "unsqueeze_1" }],
    ]);
    expect(details.attributes).toEqual([["end", "1"]]);
    expect(details.needsNode).toBe(false);
    const plumbing = describeHiddenNode({ name: "unsqueeze_1", hidden: "plumbing" }, detailsOf(whole, "unsqueeze_1"));
    expect(plumbing.note).toBe("Hidden: plumbing (a container op, or a reshape or cast that changes nothing) — drawn as the edges through it");
    expect(plumbing.inputs.map((l) => l.text)).toEqual(["arange_1"]);
  });
});
