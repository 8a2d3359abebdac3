// @vitest-environment node
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { chainLayout, chainOrder } from "../src/chain_layout";
import type { LayoutEdgeInput, LayoutInput, LayoutNodeInput, LayoutResult } from "../src/protocol";
import { LARGE_VIEW } from "../src/worker/elk_graph";
import { runLayout } from "../src/worker/run_layout";

const elk = new ELK();

/** ELK's own layout of `input` (worker/run_layout.ts, as the worker runs it), its timing left out. */
async function elkLayout(input: LayoutInput): Promise<LayoutResult> {
  return { ...(await runLayout(elk, input)), ms: 0 };
}

const node = (id: string, width = 80, height = 38, extra: Partial<LayoutNodeInput> = {}): LayoutNodeInput => ({ id, width, height, ...extra });
const edge = (source: string, target: string, extra: Partial<LayoutEdgeInput> = {}): LayoutEdgeInput => ({
  id: `${source}->${target}`,
  source,
  target,
  reversed: false,
  ...extra,
});

/** An opened module's box as layout_input.ts builds it: a port per tensor and a middle port on each side; `pile` below the frame. */
function box(id: string, width: number, height: number, inX: number, outX: number, pile = 0): LayoutNodeInput {
  return node(id, width, height, {
    ports: [
      { id: `${id}/in`, x: inX, y: 0, side: "north" },
      { id: `${id}/in-middle`, x: width / 2, y: 0, side: "north" },
      { id: `${id}/out`, x: outX, y: height - pile, side: "south" },
      { id: `${id}/out-middle`, x: width / 2, y: height - pile, side: "south" },
    ],
  });
}

/** A Conv2d module's view: its input, one operator, its output. */
const CONV: LayoutInput = {
  key: "view:conv[]",
  label: "conv",
  nodes: [node("in:x:0", 167, 20, { layer: "first" }), node("n:conv2d", 73), node("out:conv2d:0", 145, 20, { layer: "last" })],
  edges: [edge("in:x:0", "n:conv2d"), edge("n:conv2d", "out:conv2d:0")],
};

/** A Sequential of opened modules (and a stack, with its pile), their ports off centre; edges listed out of order. */
const OPENED: LayoutInput = {
  key: "view:seq[...]",
  label: "seq",
  nodes: [
    node("in:x:0", 159, 20, { layer: "first" }),
    box("m:a", 310, 208, 155.5, 155.5),
    box("s:b", 413, 872, 221.5, 200.25, 10),
    box("m:c", 211, 208, 40, 180),
    node("out:y:0", 133, 20, { layer: "last" }),
  ],
  edges: [
    edge("m:a", "s:b", { sourcePort: "m:a/out", targetPort: "s:b/in" }),
    edge("in:x:0", "m:a", { targetPort: "m:a/in" }),
    edge("m:c", "out:y:0", { sourcePort: "m:c/out-middle" }),
    edge("s:b", "m:c", { sourcePort: "s:b/out", targetPort: "m:c/in" }),
  ],
};

describe("chainOrder", () => {
  it("follows the edges, whatever order nodes and edges are listed in", () => {
    const shuffled = { ...OPENED, nodes: [...OPENED.nodes].reverse() };
    expect(chainOrder(shuffled)?.map((n) => n.id)).toEqual(["in:x:0", "m:a", "s:b", "m:c", "out:y:0"]);
  });

  it("takes a single node", () => {
    expect(chainOrder({ key: "k", label: "", nodes: [node("n:a")], edges: [] })?.map((n) => n.id)).toEqual(["n:a"]);
  });

  it("refuses what is not a chain it lays out as ELK would", () => {
    const fork = { ...CONV, nodes: [...CONV.nodes, node("n:other")], edges: [...CONV.edges, edge("in:x:0", "n:other")] };
    const twoParts = { ...CONV, nodes: [...CONV.nodes, node("n:alone")] };
    const backEdge = { ...CONV, edges: [CONV.edges[0]!, { ...CONV.edges[1]!, reversed: true }] };
    const sideways: LayoutInput = { ...CONV, direction: "RIGHT" };
    const firstInside = { ...CONV, nodes: CONV.nodes.map((n) => (n.id === "n:conv2d" ? { ...n, layer: "first" as const } : n)) };
    const cycle = { ...CONV, edges: [edge("in:x:0", "n:conv2d"), edge("n:conv2d", "in:x:0")], nodes: CONV.nodes.slice(0, 2) };
    const notOnAPort = { ...OPENED, edges: OPENED.edges.map((e) => (e.target === "m:a" ? { ...e, targetPort: undefined } : e)) };
    const wrongSide = { ...OPENED, edges: OPENED.edges.map((e) => (e.target === "m:a" ? { ...e, targetPort: "m:a/out" } : e)) };
    const large: LayoutInput = {
      key: "k",
      label: "",
      nodes: Array.from({ length: LARGE_VIEW + 1 }, (_, i) => node(`n:${i}`)),
      edges: Array.from({ length: LARGE_VIEW }, (_, i) => edge(`n:${i}`, `n:${i + 1}`)),
    };
    for (const input of [fork, twoParts, backEdge, sideways, firstInside, cycle, notOnAPort, wrongSide, large]) {
      expect(chainOrder(input)).toBeNull();
      expect(chainLayout(input)).toBeNull();
    }
  });
});

describe("chainLayout", () => {
  it("gives ELK's layout of a module's view of one operator", async () => {
    expect(chainLayout(CONV)).toEqual(await elkLayout(CONV));
  });

  it("gives ELK's layout of a chain of opened boxes, edges straight from port to port", async () => {
    const mine = chainLayout(OPENED)!;
    expect(mine).toEqual(await elkLayout(OPENED));
    for (const { points } of mine.edges) expect(points[0]).toBe(points[2]);
  });

  it("gives ELK's layout of a single node", async () => {
    const one: LayoutInput = { key: "k", label: "", nodes: [node("n:a", 120.5, 40)], edges: [] };
    expect(chainLayout(one)).toEqual(await elkLayout(one));
  });

  it("gives ELK's layout of seeded random chains", async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const quarter = (limit: number) => Math.round(random() * limit * 4) / 4;
    for (let t = 0; t < 60; t++) {
      const count = 1 + Math.floor(random() * 6);
      const nodes = Array.from({ length: count }, (_, i) => {
        const width = 20 + quarter(400);
        const height = 20 + Math.round(random() * 300);
        if (random() < 0.5) return box(`m:${i}`, width, height, quarter(width), quarter(width), random() < 0.5 ? 10 : 0);
        return node(`n:${i}`, width, height, i === 0 && random() < 0.5 ? { layer: "first" } : {});
      });
      const edges = nodes.slice(1).map((target, i) => {
        const source = nodes[i]!;
        return edge(source.id, target.id, {
          sourcePort: source.ports ? `${source.id}/${random() < 0.7 ? "out" : "out-middle"}` : undefined,
          targetPort: target.ports ? `${target.id}/${random() < 0.7 ? "in" : "in-middle"}` : undefined,
        });
      });
      const input: LayoutInput = { key: `k${t}`, label: `chain ${t}`, nodes: nodes.reverse(), edges };
      expect(chainLayout(input), input.label).toEqual(await elkLayout(input));
    }
  });
});
