// @vitest-environment node
// The canvas's pure decisions: camera maths, culling, level of detail, hit testing, stub emphasis.
import { describe, expect, it } from "vitest";
import type { Scene, SceneItem, ScenePort } from "../../src/scene";
import { fitRect, toScreen, toWorld, visibleWorld, zoomAt } from "../../src/view/camera";
import { isTiny, levelOfDetail, visibleSet } from "../../src/view/culling";
import { hitItem, hitTest } from "../../src/view/hit_test";
import { needsMinimap } from "../../src/view/minimap";
import { innermostHolder, stubEmphasis } from "../../src/view/stub_highlight";
import { VIEWS, module, op } from "../view_fixtures";

function item(id: string, x: number, y: number, width = 100, height = 40, extra: Partial<SceneItem> = {}): SceneItem {
  const json = id.startsWith("m:") ? module(id.slice(2)) : op(id.slice(2));
  return { id, type: json.type === "module" ? "module" : "op", open: false, openAs: null, depth: 0, lines: { title: id, subtitle: "", info: "" }, label: id, parent: "m:", view: VIEWS[""]!, json, pile: 0, block: null, x, y, width, height, ...extra };
}

function scene(items: SceneItem[], ports: ScenePort[] = []): Scene {
  return {
    items,
    edges: [
      { id: "e:near", source: "", target: "", reversed: false, points: [0, 0, 0, 100], bounds: { x: 0, y: 0, width: 0, height: 100 }, parent: "m:", json: null },
      { id: "e:far", source: "", target: "", reversed: true, points: [5000, 0, 5000, 100], bounds: { x: 5000, y: 0, width: 0, height: 100 }, parent: "m:", json: null },
    ],
    ports,
    marks: [],
    bounds: { x: 0, y: 0, width: 6000, height: 200 },
    byId: new Map(items.map((i) => [i.id, i])),
    views: new Map(),
  };
}

function stub(id: string, itemId: string, direction: "in" | "out", x: number, node = "where"): ScenePort {
  return {
    id, item: itemId, direction, x, y: 0, anchorY: 5, text: node, hit: { x: x - 6, y: -7, width: 40, height: 14 },
    json: { node, output: 0, shape: [1], dtype: "f", id, item: itemId, direction, label: node, reason: "fan_out", edges: [[node, 0, "consumer", 1]], peers: ["encoder.layer.0"] },
  };
}

describe("camera", () => {
  it("zooms around a fixed screen point", () => {
    const camera = { scale: 1, x: 10, y: 20 };
    const before = toWorld(camera, 300, 200);
    const after = toWorld(zoomAt(camera, 2, 300, 200), 300, 200);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it("fits a rectangle, centred, never above the maximum scale", () => {
    const camera = fitRect({ x: 0, y: 0, width: 2000, height: 1000 }, 1000, 500, 0);
    expect(camera.scale).toBeCloseTo(0.5);
    expect(toScreen(camera, { x: 0, y: 0, width: 2000, height: 1000 })).toEqual({ x: 0, y: 0, width: 1000, height: 500 });
    expect(fitRect({ x: 0, y: 0, width: 10, height: 10 }, 1000, 500).scale).toBe(1);
  });
});

describe("culling and level of detail", () => {
  it("draws only what meets the viewport", () => {
    const s = scene([item("n:a", 0, 0), item("n:b", 5000, 0)]);
    const visible = visibleSet(s, { scale: 1, x: 0, y: 0 }, 800, 600);
    expect(visible.items.map((i) => i.id)).toEqual(["n:a"]);
    expect(visible.edges.map((e) => e.id)).toEqual(["e:near"]);
    const all = visibleSet(s, { scale: 0.1, x: 0, y: 0 }, 800, 600);
    expect(all.items).toHaveLength(2);
  });

  it("drops text, then shapes, as the zoom shrinks", () => {
    expect(levelOfDetail(1)).toEqual({ titles: true, subtitles: true, shapes: true, arrows: true, stubs: true });
    expect(levelOfDetail(0.45)).toMatchObject({ titles: true, subtitles: false });
    expect(levelOfDetail(0.25)).toMatchObject({ titles: false, shapes: true, stubs: false });
    expect(levelOfDetail(0.05)).toMatchObject({ titles: false, shapes: false, arrows: false });
  });

  it("draws items covering a few pixels as plain rectangles", () => {
    const a = item("n:a", 0, 0, 100, 40);
    expect(isTiny(a, 1)).toBe(false);
    expect(isTiny(a, 0.05)).toBe(true);
  });

  it("leaves stubs out when they are too small to read", () => {
    const s = scene([item("n:a", 0, 0)], [stub("p:1", "n:a", "out", 50)]);
    expect(visibleSet(s, { scale: 1, x: 0, y: 100 }, 800, 600).ports).toHaveLength(1);
    expect(visibleSet(s, { scale: 0.1, x: 0, y: 100 }, 800, 600).ports).toHaveLength(0);
  });

  it("shows the minimap only when the drawing spills out of the viewport", () => {
    const s = scene([item("n:a", 0, 0)]);
    expect(needsMinimap(s, { scale: 1, x: 0, y: 0 }, { width: 800, height: 600 })).toBe(true);
    expect(needsMinimap(s, { scale: 0.1, x: 10, y: 10 }, { width: 800, height: 600 })).toBe(false);
    expect(visibleWorld({ scale: 2, x: -100, y: 0 }, 800, 600)).toEqual({ x: 50, y: -0, width: 400, height: 300 });
  });
});

describe("hit testing", () => {
  it("finds the innermost item, and stubs before items", () => {
    const outer = item("m:enc", 0, 0, 500, 500, { open: true });
    const inner = item("n:a", 100, 100, 100, 40, { depth: 1, parent: "m:enc" });
    const s = scene([outer, inner], [stub("p:1", "n:a", "out", 120)]);
    expect(hitItem(s, 150, 120)?.id).toBe("n:a");
    expect(hitItem(s, 10, 10)?.id).toBe("m:enc");
    expect(hitItem(s, 900, 900)).toBeNull();
    expect(hitTest(s, 125, 0)).toMatchObject({ kind: "port" });
    expect(hitTest(s, 125, 0, false)).toMatchObject({ kind: "item" });
  });
});

describe("stubEmphasis", () => {
  it("lights the stubs of the same tensor and connects out-stubs to in-stubs", () => {
    const s = scene([item("n:where", 0, 0), item("m:encoder", 0, 200)], [stub("p:out", "n:where", "out", 10), stub("p:in", "m:encoder", "in", 20), stub("p:other", "m:encoder", "in", 30, "mask")]);
    const lit = stubEmphasis(s, s.ports[0]!);
    expect([...lit.ports].sort()).toEqual(["p:in", "p:out"]);
    expect(lit.ghosts.map((g) => g.id)).toContain("g:p:out->p:in");
    expect(lit.items.has("m:encoder")).toBe(true);
  });

  it("finds the innermost drawn module holding a peer", () => {
    const s = scene([item("m:encoder", 0, 0, 500, 500, { open: true }), item("m:encoder.layer.0", 10, 10, 100, 40, { depth: 1 })]);
    expect(innermostHolder(s, "encoder.layer.0.attention")?.id).toBe("m:encoder.layer.0");
    expect(innermostHolder(s, "encoder.other")?.id).toBe("m:encoder");
    expect(innermostHolder(s, "decoder")).toBeNull();
  });
});
