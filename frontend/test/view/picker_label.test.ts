// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { GraphListing } from "../../src/types";
import { tagLabel } from "../../src/view/picker";

const listing = (source: GraphListing["source"], tag: string, label?: string): GraphListing => ({
  run: "r", tag, source, label, steps: [],
});

describe("tagLabel", () => {
  it("shows GraphFold's own graphs by their tag alone", () => {
    expect(tagLabel(listing("graphfold", "bert", "GraphFold"))).toBe("bert");
  });

  it("marks every other source with the label the server sends", () => {
    expect(tagLabel(listing("keras_model", "keras", "Keras conceptual graph"))).toBe("keras (Keras conceptual graph)");
    expect(tagLabel(listing("tf_trace", "resnet50", "TF op graph, trace_export"))).toBe("resnet50 (TF op graph, trace_export)");
  });

  it("marks a GraphDef from a server that sends no label", () => {
    expect(tagLabel(listing("graphdef", "__run_graph__"))).toBe("__run_graph__ (GraphDef)");
  });
});
