// @vitest-environment node
import { describe, expect, it } from "vitest";
import { DRAFT_MIN_NODES, draftLayout } from "../src/draft_layout";
import type { LayoutInput, LayoutResult } from "../src/protocol";
import { DRAFT_MIN_VIEWS, GraphSession } from "../src/session";
import type { DraftSource } from "../src/session";
import type { Scene } from "../src/scene";
import { EMPTY_STATE, opened } from "../src/view_state";
import type { ViewJson } from "../src/types";
import { KEY, fixtureApi, module, op, tensor, view } from "./view_fixtures";

function chain(n: number): LayoutInput {
  return {
    key: `chain${n}`,
    label: "chain",
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n:${i}`, width: 80, height: 30 })),
    edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, source: `n:${i}`, target: `n:${i + 1}`, reversed: false })),
  };
}

const byId = (result: LayoutResult) => new Map(result.nodes.map((n) => [n.id, n]));

const WARM: DraftSource = { peek: () => undefined, ready: true };
const COLD: DraftSource = { peek: () => undefined, ready: false };

describe("draftLayout", () => {
  it("layers a chain top to bottom, each edge from its source to its target", () => {
    const result = draftLayout(chain(3));
    const [a, b, c] = ["n:0", "n:1", "n:2"].map((id) => byId(result).get(id)!);
    expect(a!.y).toBeLessThan(b!.y);
    expect(b!.y).toBeLessThan(c!.y);
    const edge = result.edges.find((e) => e.id === "e0")!;
    expect(edge.points).toEqual([a!.x + 40, a!.y + 30, b!.x + 40, b!.y]);
    expect(result.width).toBeGreaterThanOrEqual(80);
    expect(result.height).toBeGreaterThan(c!.y + 30 - 1);
  });

  it("lays a reversed edge out from its target, and keeps it pointing from source to target", () => {
    const input: LayoutInput = { ...chain(2), edges: [{ id: "back", source: "n:1", target: "n:0", reversed: true }] };
    const result = draftLayout(input);
    const [a, b] = ["n:0", "n:1"].map((id) => byId(result).get(id)!);
    expect(a!.y).toBeLessThan(b!.y);
    expect(result.edges[0]!.points).toEqual([b!.x + 40, b!.y, a!.x + 40, a!.y + 30]);
  });

  it("puts boundary inputs first and outputs last, ends edges on fixed ports, and lays out right when asked", () => {
    const input: LayoutInput = {
      key: "k",
      label: "k",
      direction: "RIGHT",
      nodes: [
        { id: "out", width: 60, height: 20, layer: "last" },
        { id: "box", width: 160, height: 120, ports: [{ id: "box/in", x: 80, y: 0, side: "north" }] },
        { id: "in", width: 60, height: 20, layer: "first" },
      ],
      edges: [{ id: "1", source: "in", target: "box", targetPort: "box/in", reversed: false }],
    };
    const result = draftLayout(input);
    const nodes = byId(result);
    expect(nodes.get("in")!.x).toBeLessThan(nodes.get("box")!.x);
    expect(nodes.get("box")!.x).toBeLessThan(nodes.get("out")!.x);
    const box = nodes.get("box")!;
    expect(result.edges[0]!.points.slice(2)).toEqual([box.x + 80, box.y]);
  });

  it("places every node of a view with thousands of children, none overlapping in its layer", () => {
    const input = chain(5000);
    input.edges.push(...Array.from({ length: 2000 }, (_, i) => ({ id: `x${i}`, source: `n:${i}`, target: `n:${i + 7}`, reversed: false })));
    const result = draftLayout(input);
    expect(result.nodes).toHaveLength(5000);
    expect(result.edges).toHaveLength(input.edges.length);
    expect(new Set(result.nodes.map((n) => n.y)).size).toBe(5000);
  });
});

describe("a session drawing a large view", () => {
  const big: ViewJson = view(
    "",
    Array.from({ length: DRAFT_MIN_NODES }, (_, i) => op(`op${i}`)),
    {
      edges: Array.from({ length: DRAFT_MIN_NODES - 1 }, (_, i) => ({
        id: `e:n:op${i}->n:op${i + 1}`,
        source: `n:op${i}`,
        target: `n:op${i + 1}`,
        count: 1,
        reversed: false,
        tensors: [tensor(`op${i}`)],
        tensor_count: 1,
      })),
    },
  );

  it("draws a draft first when the real layout is slow, then the real one", async () => {
    const shown: Scene[] = [];
    const slow = (input: LayoutInput) => new Promise<LayoutResult>((resolve) => setTimeout(() => resolve({ ...draftLayout(input), ms: 1234 }), 400));
    const session = new GraphSession(KEY, fixtureApi({ "": big }), slow, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, WARM);
    const drawing = session.show(EMPTY_STATE);
    await session.firstScene;
    expect(shown).toHaveLength(1);
    await drawing;
    expect(shown).toHaveLength(2);
    expect(shown[1]!.items.length).toBe(shown[0]!.items.length);
  });

  it("draws no draft of a small view once ELK has started, however slow its layout", async () => {
    const shown: Scene[] = [];
    const slow = (input: LayoutInput) => new Promise<LayoutResult>((resolve) => setTimeout(() => resolve(draftLayout(input)), 300));
    const small = view("", [op("a"), op("b")]);
    const session = new GraphSession(KEY, fixtureApi({ "": small, x: small }), slow, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, WARM);
    await session.show(EMPTY_STATE);
    expect(shown).toHaveLength(1);
  });

  it("draws a draft of a small view first while ELK has not started, then the real one", async () => {
    const shown: Scene[] = [];
    const slow = (input: LayoutInput) => new Promise<LayoutResult>((resolve) => setTimeout(() => resolve({ ...draftLayout(input), ms: 700 }), 300));
    const small = view("", [op("a"), op("b")]);
    const session = new GraphSession(KEY, fixtureApi({ "": small }), slow, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, COLD);
    const drawing = session.show(EMPTY_STATE);
    await session.firstScene;
    expect(shown).toHaveLength(1);
    await drawing;
    expect(shown).toHaveLength(2);
    expect(shown[1]!.items.map((i) => i.id)).toEqual(shown[0]!.items.map((i) => i.id));
  });

  it("draws no draft while ELK has not started when the layout comes from the browser's cache in time", async () => {
    const shown: Scene[] = [];
    const kept = (input: LayoutInput) => new Promise<LayoutResult>((resolve) => setTimeout(() => resolve(draftLayout(input)), 5));
    const small = view("", [op("a"), op("b")]);
    const session = new GraphSession(KEY, fixtureApi({ "": small }), kept, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, COLD);
    await session.show(EMPTY_STATE);
    expect(shown).toHaveLength(1);
  });

  it("draws a draft of many opened views first (an expansion) when their layouts are slow, but not of a few", async () => {
    const slow = (input: LayoutInput) => new Promise<LayoutResult>((resolve) => setTimeout(() => resolve(draftLayout(input)), 200));
    const paths = Array.from({ length: DRAFT_MIN_VIEWS }, (_, i) => `m${i}`);
    const views: Record<string, ViewJson> = { "": view("", paths.map((p) => module(p))) };
    for (const p of paths) views[p] = view(p, [op(`${p}_a`), op(`${p}_b`)]);
    for (const [count, scenes] of [[DRAFT_MIN_VIEWS, 2], [3, 1]] as const) {
      const shown: Scene[] = [];
      const session = new GraphSession(KEY, fixtureApi(views), slow, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, WARM);
      await session.show(paths.slice(0, count).reduce((s, p) => opened(s, `m:${p}`), EMPTY_STATE));
      expect(shown).toHaveLength(scenes);
      expect(shown.at(-1)!.items.length).toBe(shown[0]!.items.length);
    }
  });

  it("stops waiting for a slow layout when a newer state is wanted, and shows only the newer one", async () => {
    const shown: Scene[] = [];
    let first: string | null = null;
    const layout = (input: LayoutInput) => {
      first ??= input.key;
      const ms = input.key === first ? 1000 : 10;
      return new Promise<LayoutResult>((resolve) => setTimeout(() => resolve(draftLayout(input)), ms));
    };
    const views: Record<string, ViewJson> = { "": view("", [module("m"), module("n")]), m: view("m", [op("a"), op("b")]) };
    const session = new GraphSession(KEY, fixtureApi(views), layout, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, WARM);
    const started = Date.now();
    void session.show(EMPTY_STATE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await session.show(opened(EMPTY_STATE, "m:m"));
    expect(Date.now() - started).toBeLessThan(900);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.items.some((i) => i.id === "n:a")).toBe(true);
  });

  it("draws no draft when the real layout is ready in time", async () => {
    const shown: Scene[] = [];
    const quick = async (input: LayoutInput) => draftLayout(input);
    const session = new GraphSession(KEY, fixtureApi({ "": big }), quick, { scene: (scene) => shown.push(scene), error: (m) => { throw new Error(m); } }, EMPTY_STATE, WARM);
    await session.show(EMPTY_STATE);
    expect(shown).toHaveLength(1);
  });
});
