// @vitest-environment node
import { describe, expect, it } from "vitest";
import { expandTree } from "../src/expansion";
import { HEADER_HEIGHT, PILE } from "../src/geometry";
import { layoutTree } from "../src/layout_tree";
import type { LayoutFn } from "../src/layout_tree";
import type { LayoutInput, LayoutResult } from "../src/protocol";
import { composeScene, placeStubs } from "../src/scene";
import { EMPTY_STATE, opened } from "../src/view_state";
import { LAYERS, fixtureApi } from "./view_fixtures";

/** A stand-in for ELK: nodes in one column (or, laid out to the right, one row) 30 apart,
 * edges straight from centre to centre. */
const columnLayout: LayoutFn = async (input: LayoutInput): Promise<LayoutResult> => {
  let y = 10;
  let x = 10;
  const nodes = input.nodes.map((n) => {
    const placed = { id: n.id, x, y, width: n.width, height: n.height };
    if (input.direction === "RIGHT") x += n.width + 30;
    else y += n.height + 30;
    return placed;
  });
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges = input.edges.map((e) => {
    const s = at.get(e.source)!;
    const t = at.get(e.target)!;
    return { id: e.id, points: [s.x + s.width / 2, s.y + s.height, t.x + t.width / 2, t.y] };
  });
  const width = Math.max(...nodes.map((n) => n.x + n.width)) + 10;
  const height = Math.max(...nodes.map((n) => n.y + n.height)) + 10;
  return { key: input.key, width, height, nodes, edges, ms: 0 };
};

async function sceneFor(state = EMPTY_STATE) {
  const api = fixtureApi();
  const tree = await expandTree(state, (path) => api.view({ run: "", tag: "", source: "graphfold", step: 0 }, path));
  return { scene: composeScene(await layoutTree(tree, columnLayout)), api };
}

describe("composeScene", () => {
  it("draws the root's children closed", async () => {
    const { scene } = await sceneFor();
    expect(scene.items.map((i) => [i.id, i.type, i.open])).toEqual([
      ["n:x", "input", false],
      ["n:where", "op", false],
      ["m:encoder", "module", false],
      ["n:out", "output", false],
    ]);
    expect(scene.edges.map((e) => e.id)).toEqual(["e:n:x->m:encoder", "e:n:x->n:where", "e:m:encoder->n:out"]);
    expect(scene.ports.map((p) => [p.id, p.item, p.direction])).toEqual([
      ["p:out:n:where:where:0", "n:where", "out"],
      ["p:in:m:encoder:where:0", "m:encoder", "in"],
    ]);
  });

  it("offsets opened content by its frame's position, all the way down", async () => {
    const state = opened(opened(EMPTY_STATE, "m:encoder"), LAYERS.id);
    const { scene, api } = await sceneFor(state);
    // encoder opens through its only child, encoder.layer.
    expect(api.asked).toEqual(["view ", "view encoder", "view encoder.layer", "view encoder.layer.0"]);
    const encoder = scene.byId.get("m:encoder")!;
    const stack = scene.byId.get(LAYERS.id)!;
    const mul = scene.byId.get("n:mul_0")!;
    expect(encoder.open && stack.open).toBe(true);
    expect(encoder.lines.subtitle).toBe("encoder › layer");
    expect([stack.parent, mul.parent]).toEqual(["m:encoder", LAYERS.id]);
    expect([encoder.depth, stack.depth, mul.depth]).toEqual([0, 1, 2]);
    // Content starts below the title bar, at the inner layout's positions.
    const placedIn = (id: string, parent: typeof encoder) => parent.block!.layout.nodes.find((n) => n.id === id)!;
    expect(encoder.block!.frame.contentY).toBe(HEADER_HEIGHT);
    expect(stack.y).toBe(encoder.y + HEADER_HEIGHT + placedIn(LAYERS.id, encoder).y);
    expect(stack.x).toBe(encoder.x + encoder.block!.frame.contentX + placedIn(LAYERS.id, encoder).x);
    expect(mul.y).toBe(stack.y + HEADER_HEIGHT + placedIn("n:mul_0", stack).y);
    expect(mul.x).toBe(stack.x + stack.block!.frame.contentX + 10);
    // An opened stack keeps its pile of cards.
    expect(stack.pile).toBe(PILE);
    // Edges of an inner view are moved with it.
    const inner = scene.edges.find((e) => e.id === "e:n:mul_0->n:add_0")!;
    expect(inner.points[0]).toBe(mul.x + mul.width / 2);
    expect(inner.bounds.y).toBe(mul.y + mul.height);
    // Boundary chips are items of their view, named after their owner.
    expect(scene.byId.has(`${LAYERS.id}/in:x:0`)).toBe(true);
    expect(scene.marks.length).toBeGreaterThan(0);
  });

  it("shows an unstacked stack as its members side by side", async () => {
    const state = { ...opened(opened(EMPTY_STATE, "m:encoder"), LAYERS.id), unstacked: new Set([LAYERS.id]) };
    const { scene } = await sceneFor(state);
    const members = LAYERS.members.map((m) => scene.byId.get(`m:${m}`)!);
    expect(members.every((m) => m && !m.open && m.parent === LAYERS.id)).toBe(true);
    expect(members[0]!.y).toBe(members[1]!.y);
    expect(members[1]!.x).toBeGreaterThan(members[0]!.x + members[0]!.width);
    expect(scene.byId.get(LAYERS.id)!.openAs).toBe("unstacked");
    // the edge from one member to the next, inside the stack while stacked, is drawn now
    expect(scene.edges.map((e) => e.id)).toContain("e:m:encoder.layer.0->m:encoder.layer.1");
  });

  it("bounds everything drawn", async () => {
    const { scene } = await sceneFor(opened(EMPTY_STATE, "m:encoder"));
    for (const item of scene.items) {
      expect(item.x).toBeGreaterThanOrEqual(scene.bounds.x);
      expect(item.x + item.width).toBeLessThanOrEqual(scene.bounds.x + scene.bounds.width);
    }
  });
});

describe("placeStubs", () => {
  it("stands in-stubs on the top border and hangs out-stubs from the bottom one", () => {
    const item = { id: "n:a", x: 100, y: 100, width: 120, height: 40, pile: 0 };
    const stub = { node: "w", output: 0, shape: [1], dtype: "f", item: "n:a", label: "w", reason: "fan_out", edges: [], peers: [] };
    const [inStub, outStub] = placeStubs(item, [
      { ...stub, id: "p:in", direction: "in" },
      { ...stub, id: "p:out", direction: "out" },
    ]);
    expect(inStub!.anchorY).toBe(100);
    expect(inStub!.y).toBeLessThan(100);
    expect(outStub!.anchorY).toBe(140);
    expect(outStub!.y).toBeGreaterThan(140);
    for (const s of [inStub!, outStub!]) expect(s.x).toBeGreaterThan(100);
  });
});
