import { describe, expect, it } from "vitest";
import {
  classCounts,
  edgeCount,
  parameterCount,
  shortClassName,
  summarizeGraph,
  topLevelModules,
} from "../src/summary";
import { TINY_BERT, graph, node } from "./fixtures";

describe("summarizeGraph", () => {
  it("counts what the header counts", () => {
    const summary = summarizeGraph(TINY_BERT);
    expect(summary).toMatchObject({
      name: "BertModel",
      sourceFormat: "torch_export",
      producer: "torch 2.13.0",
      nodeCount: 6,
      edgeCount: 6,
      moduleCount: 5,
      parameterCount: 16,
      rootNodeCount: 2,
    });
  });

  it("does not change its input", () => {
    const before = JSON.stringify(TINY_BERT);
    summarizeGraph(TINY_BERT);
    expect(JSON.stringify(TINY_BERT)).toBe(before);
  });

  it("handles an empty graph", () => {
    const summary = summarizeGraph(graph([{ path: "", class_name: "" }], []));
    expect(summary).toMatchObject({ nodeCount: 0, edgeCount: 0, parameterCount: 0, topLevelModules: [] });
    expect(summary.classCounts).toEqual([{ className: "", count: 1 }]);
  });
});

describe("edgeCount", () => {
  it("counts one edge per input, repeated inputs included", () => {
    expect(edgeCount([node("a", ""), node("b", "", { inputs: [["a", 0], ["a", 0]] })])).toBe(2);
  });
});

describe("parameterCount", () => {
  it("sums parameter nodes only", () => {
    const nodes = [
      node("w", "fc", { kind: "parameter", parameter_count: 8 }),
      node("running_mean", "bn", { kind: "buffer", parameter_count: 4 }),
      node("mm", "fc", { parameter_count: 3 }),
    ];
    expect(parameterCount(nodes)).toBe(8);
  });
});

describe("classCounts", () => {
  it("sorts by count, then by name", () => {
    expect(classCounts(TINY_BERT.modules)).toEqual([
      { className: "torch.nn.Linear", count: 2 },
      { className: "transformers.models.bert.modeling_bert.BertEmbeddings", count: 1 },
      { className: "transformers.models.bert.modeling_bert.BertEncoder", count: 1 },
      { className: "transformers.models.bert.modeling_bert.BertModel", count: 1 },
    ]);
  });

  it("is empty without modules", () => {
    expect(classCounts([])).toEqual([]);
  });
});

describe("topLevelModules", () => {
  it("counts the nodes under each child of the root", () => {
    expect(topLevelModules(TINY_BERT.modules, TINY_BERT.nodes)).toEqual({
      topLevel: [
        { path: "embeddings", className: "transformers.models.bert.modeling_bert.BertEmbeddings", nodeCount: 1 },
        { path: "encoder", className: "transformers.models.bert.modeling_bert.BertEncoder", nodeCount: 3 },
      ],
      rootNodeCount: 2,
    });
  });

  it("keeps a child with no nodes", () => {
    const { topLevel } = topLevelModules([{ path: "", class_name: "" }, { path: "idle", class_name: "X" }], []);
    expect(topLevel).toEqual([{ path: "idle", className: "X", nodeCount: 0 }]);
  });

  it("counts nodes whose module is not listed under its first segment", () => {
    const { topLevel } = topLevelModules([{ path: "", class_name: "" }], [node("a", "ghost.layer")]);
    expect(topLevel).toEqual([{ path: "ghost", className: "", nodeCount: 1 }]);
  });
});

describe("shortClassName", () => {
  it.each([
    ["transformers.models.bert.modeling_bert.BertModel", "BertModel"],
    ["torch.nn.Linear", "Linear"],
    ["Linear", "Linear"],
    ["", ""],
  ])("%s -> %s", (name, short) => {
    expect(shortClassName(name)).toBe(short);
  });
});

describe("summaryFromStats", () => {
  it("reads GET stats' summary as the panel shows it, the same as counting the whole graph", async () => {
    const { STATS } = await import("./view_fixtures");
    const { summaryFromStats } = await import("../src/summary");
    expect(summaryFromStats(STATS)).toEqual({ ...summarizeGraph(TINY_BERT), capture: "", name: STATS.graph.name, sourceFormat: STATS.graph.source_format });
  });
});
