// @vitest-environment node
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { MODULE_HEIGHT, PILE, closedSize } from "../../src/geometry";
import { buildLayoutInput } from "../../src/layout_input";
import { buildElkGraph, readElkLayout, reversePoints } from "../../src/worker/elk_graph";
import { runLayout } from "../../src/worker/run_layout";
import type { LayoutStage } from "../../src/protocol";
import { LAYERS, OPEN_ENCODER, VIEWS, module } from "../view_fixtures";

const LAYER = VIEWS["encoder.layer.0"]!;
const ROOT = VIEWS[""]!;

describe("buildLayoutInput", () => {
  it("puts boundary inputs first and outputs last, around the children", () => {
    const { input } = buildLayoutInput(LAYER, new Map(), "k");
    expect(input.nodes.map((n) => [n.id, n.layer])).toEqual([
      ["in:x:0", "first"],
      ["n:mul_0", undefined],
      ["n:add_0", undefined],
      ["out:add_0:0", "last"],
    ]);
    expect(input.edges.map((e) => [e.id, e.source, e.target, e.reversed])).toEqual([
      ["e:n:mul_0->n:add_0", "n:mul_0", "n:add_0", false],
      ["e:n:add_0->n:mul_0", "n:add_0", "n:mul_0", true],
      ["in:x:0->n:mul_0", "in:x:0", "n:mul_0", false],
      ["n:add_0->out:add_0:0", "n:add_0", "out:add_0:0", false],
    ]);
  });

  it("sizes a stack with its pile of cards", () => {
    const { input } = buildLayoutInput(VIEWS["encoder.layer"]!, new Map(), "k");
    const stack = input.nodes.find((n) => n.id === LAYERS.id)!;
    const alone = closedSize(module("encoder.layer.0", LAYERS.class_name));
    expect(stack.height).toBe(MODULE_HEIGHT + PILE);
    expect(stack.width).toBeGreaterThanOrEqual(alone.width + PILE);
  });

  it("ends edges of an opened child on the ports of the tensors they carry", () => {
    const { input, edgeOf } = buildLayoutInput(ROOT, new Map([["m:encoder", OPEN_ENCODER]]), "k");
    const encoder = input.nodes.find((n) => n.id === "m:encoder")!;
    expect([encoder.width, encoder.height]).toEqual([300, 200]);
    expect(encoder.ports).toContainEqual({ id: "m:encoder\u0001in:x:0", x: 100, y: 0, side: "north" });
    expect(encoder.ports).toContainEqual({ id: "m:encoder\u0001out:add_1:0", x: 150, y: 200, side: "south" });
    const into = input.edges.find((e) => e.target === "m:encoder")!;
    expect(into.targetPort).toBe("m:encoder\u0001in:x:0");
    const out = input.edges.find((e) => e.source === "m:encoder")!;
    expect(out.sourcePort).toBe("m:encoder\u0001out:add_1:0");
    expect(edgeOf.get(into.id)).toBe("e:n:x->m:encoder");
  });

  it("falls back to an opened child's middle port for a tensor it does not list", () => {
    const box = { ...OPEN_ENCODER, inPorts: [] };
    const { input } = buildLayoutInput(ROOT, new Map([["m:encoder", box]]), "k");
    expect(input.edges.find((e) => e.target === "m:encoder")!.targetPort).toBe("m:encoder\u0001in");
  });
});

describe("buildElkGraph", () => {
  it("gives ELK back edges target first", () => {
    const graph = buildElkGraph(buildLayoutInput(LAYER, new Map(), "k").input);
    const back = graph.edges!.find((e) => e.id === "e:n:add_0->n:mul_0")!;
    expect([back.sources, back.targets]).toEqual([["n:mul_0"], ["n:add_0"]]);
    const forward = graph.edges!.find((e) => e.id === "e:n:mul_0->n:add_0")!;
    expect([forward.sources, forward.targets]).toEqual([["n:mul_0"], ["n:add_0"]]);
  });

  it("fixes the ports of opened children and layers the boundary", () => {
    const graph = buildElkGraph(buildLayoutInput(ROOT, new Map([["m:encoder", OPEN_ENCODER]]), "k").input);
    const encoder = graph.children!.find((n) => n.id === "m:encoder")!;
    expect(encoder.layoutOptions?.["elk.portConstraints"]).toBe("FIXED_POS");
    expect(encoder.ports!.find((p) => p.id === "m:encoder\u0001in:x:0")).toMatchObject({ x: 100, y: 0, layoutOptions: { "elk.port.side": "NORTH" } });
    const edge = graph.edges!.find((e) => e.id === "e:n:x->m:encoder")!;
    expect(edge.targets).toEqual(["m:encoder\u0001in:x:0"]);
    const layer = buildElkGraph(buildLayoutInput(LAYER, new Map(), "k").input);
    expect(layer.children![0]!.layoutOptions?.["elk.layered.layering.layerConstraint"]).toBe("FIRST");
    expect(layer.children![3]!.layoutOptions?.["elk.layered.layering.layerConstraint"]).toBe("LAST");
  });

  it("never changes its input", () => {
    const { input } = buildLayoutInput(LAYER, new Map(), "k");
    const copy = structuredClone(input);
    buildElkGraph(input);
    expect(input).toEqual(copy);
  });
});

describe("readElkLayout", () => {
  it("hands back edges source first", () => {
    const { input } = buildLayoutInput(LAYER, new Map(), "k");
    const laidOut = {
      id: "root",
      width: 10,
      height: 10,
      children: [],
      edges: [{ id: "e:n:add_0->n:mul_0", sources: ["n:mul_0"], targets: ["n:add_0"], sections: [{ id: "s", startPoint: { x: 1, y: 2 }, bendPoints: [{ x: 3, y: 4 }], endPoint: { x: 5, y: 6 } }] }],
    };
    expect(readElkLayout(input, laidOut, 0).edges[0]!.points).toEqual([5, 6, 3, 4, 1, 2]);
  });

  it("reverses point lists", () => {
    expect(reversePoints([1, 2, 3, 4])).toEqual([3, 4, 1, 2]);
    expect(reversePoints([])).toEqual([]);
  });
});

describe("runLayout with ELK", () => {
  it("lays out a view top to bottom, with the back edge arriving at its target", async () => {
    const { input } = buildLayoutInput(LAYER, new Map(), "layer");
    const stages: LayoutStage[] = [];
    const result = await runLayout(new ELK(), input, (s) => stages.push(s));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((s) => s.step)).toEqual(["preparing", "laying-out", "placing"]);
    expect(stages[0]).toMatchObject({ label: "encoder.layer.0", nodes: input.nodes.length, edges: input.edges.length });
    const at = new Map(result.nodes.map((n) => [n.id, n]));
    const [boundaryIn, mul, add, boundaryOut] = ["in:x:0", "n:mul_0", "n:add_0", "out:add_0:0"].map((id) => at.get(id)!);
    expect(boundaryIn!.y).toBeLessThan(mul!.y);
    expect(mul!.y).toBeLessThan(add!.y);
    expect(add!.y).toBeLessThan(boundaryOut!.y);
    expect(result.width).toBeGreaterThan(0);
    const back = result.edges.find((e) => e.id === "e:n:add_0->n:mul_0")!;
    const lastY = back.points[back.points.length - 1]!;
    const firstY = back.points[1]!;
    // Drawn from add (below) up to mul: the arrow head points against the layer order.
    expect(firstY).toBeGreaterThan(lastY);
    expect(lastY).toBeLessThanOrEqual(mul!.y + mul!.height + 0.5);
  });

  it("lays out an opened child with its ports where the inner layout put them", async () => {
    const { input } = buildLayoutInput(ROOT, new Map([["m:encoder", OPEN_ENCODER]]), "root");
    const result = await runLayout(new ELK(), input);
    const encoder = result.nodes.find((n) => n.id === "m:encoder")!;
    expect([encoder.width, encoder.height]).toEqual([300, 200]);
    const into = result.edges.find((e) => e.id === "e:n:x->m:encoder")!;
    const n = into.points.length;
    expect(into.points[n - 2]).toBeCloseTo(encoder.x + 100, 0);
    expect(into.points[n - 1]).toBeCloseTo(encoder.y, 0);
  });
});
