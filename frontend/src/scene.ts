/**
 * The view model the canvas draws: every laid-out block composed into one
 * picture in world coordinates (CSS px at zoom 1). Each block's content is
 * offset by its frame's position in its parent, all the way down. Pure.
 */

import { PILE, STUB_SIZE, boundaryLines, estimateTextWidth, itemLines, oneLine } from "./geometry";
import type { ItemLines } from "./geometry";
import type { ExpandedKind } from "./expansion";
import type { Block } from "./layout_tree";
import type {
  BoundaryInputJson,
  BoundaryOutputJson,
  PortStubJson,
  ViewEdgeJson,
  ViewItemJson,
  ViewJson,
} from "./types";

export type SceneItemType = "op" | "input" | "output" | "module" | "stack" | "boundary";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SceneItem extends Rect {
  id: string;
  type: SceneItemType;
  open: boolean;
  /** How an open item shows its content. */
  openAs: ExpandedKind | null;
  /** Opened items it is drawn in; 0 for the root's children. */
  depth: number;
  lines: ItemLines;
  /** The item's text on one line, as window.__graphfold.items() reports it. */
  label: string;
  /** The opened item it is drawn in ("m:" for the root). */
  parent: string;
  /** The view that lists it. */
  view: ViewJson;
  json: ViewItemJson | BoundaryInputJson | BoundaryOutputJson;
  /** Cards drawn behind it (stacks), in world units. */
  pile: number;
  /** For an open item: its laid-out block. */
  block: Block | null;
}

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  reversed: boolean;
  /** x0, y0, x1, y1, ... from source to target. */
  points: number[];
  bounds: Rect;
  parent: string;
  json: ViewEdgeJson | null;
}

/** A stub of pruned edges on an item's border. */
export interface ScenePort {
  id: string;
  item: string;
  direction: "in" | "out";
  /** The marker's centre. */
  x: number;
  y: number;
  /** Where the stub meets the item's border. */
  anchorY: number;
  text: string;
  /** What hovering and clicking it hit. */
  hit: Rect;
  json: PortStubJson;
}

/** Where a tensor crosses an opened item's border. */
export interface BorderMark {
  x: number;
  y: number;
  direction: "in" | "out";
}

export interface Scene {
  /** Parents before children: the drawing order. */
  items: SceneItem[];
  edges: SceneEdge[];
  ports: ScenePort[];
  marks: BorderMark[];
  bounds: Rect;
  byId: Map<string, SceneItem>;
  /** Every view drawn, by module path. */
  views: Map<string, ViewJson>;
}

const STUB_LENGTH = 9;
const STUB_RADIUS = 3;

export function composeScene(root: Block): Scene {
  const scene: Scene = {
    items: [],
    edges: [],
    ports: [],
    marks: [],
    bounds: { x: 0, y: 0, width: root.layout.width, height: root.layout.height },
    byId: new Map(),
    views: new Map(),
  };
  place(scene, root, 0, 0, 0);
  for (const item of scene.items) scene.byId.set(item.id, item);
  const stubs = new Map<string, PortStubJson[]>();
  for (const view of scene.views.values()) {
    for (const stub of view.ports) stubs.set(stub.item, [...(stubs.get(stub.item) ?? []), stub]);
  }
  for (const [itemId, list] of stubs) {
    const item = scene.byId.get(itemId);
    if (item) scene.ports.push(...placeStubs(item, list));
  }
  scene.bounds = sceneBounds(scene);
  return scene;
}

function place(scene: Scene, block: Block, originX: number, originY: number, depth: number): void {
  const { view, layout, frame } = block;
  const x0 = originX + frame.contentX;
  const y0 = originY + frame.contentY;
  scene.views.set(view.module.path, view);
  for (const chained of block.node.chain) scene.views.set(chained.module.path, chained);
  const children = new Map(view.children.map((c) => [c.id, c]));
  const boundary = new Map<string, BoundaryInputJson | BoundaryOutputJson>(
    [...view.boundary.inputs, ...view.boundary.outputs].map((b) => [b.id, b]),
  );
  const parent = block.node.itemId;
  for (const placed of layout.nodes) {
    const x = x0 + placed.x;
    const y = y0 + placed.y;
    const json = children.get(placed.id);
    if (!json) {
      const port = boundary.get(placed.id);
      if (port) scene.items.push(boundaryItem(port, placed, x, y, depth, parent, view));
      continue;
    }
    const child = block.children.get(placed.id);
    const lines = child ? child.frame.lines : itemLines(json);
    const item: SceneItem = {
      id: json.id,
      type: json.type === "module" || json.type === "stack" || json.type === "input" || json.type === "output" ? json.type : "op",
      open: Boolean(child),
      openAs: child ? child.node.kind : null,
      depth,
      lines,
      label: oneLine(lines),
      parent,
      view,
      json,
      pile: json.type === "stack" ? PILE : 0,
      x,
      y,
      width: placed.width,
      height: placed.height,
      block: child ?? null,
    };
    scene.items.push(item);
    if (child) {
      for (const p of child.frame.inPorts) scene.marks.push({ x: x + p.x, y: y + p.y, direction: "in" });
      for (const p of child.frame.outPorts) scene.marks.push({ x: x + p.x, y: y + p.y, direction: "out" });
      place(scene, child, x, y, depth + 1);
    }
  }
  const viewEdges = new Map(view.edges.map((e) => [e.id, e]));
  const inputEdges = new Map(block.input.edges.map((e) => [e.id, e]));
  for (const routed of layout.edges) {
    const drawn = block.edgeOf.get(routed.id) ?? routed.id;
    const json = viewEdges.get(drawn) ?? null;
    const input = inputEdges.get(routed.id);
    const points = routed.points.map((v, i) => v + (i % 2 ? y0 : x0));
    scene.edges.push({
      id: drawn,
      source: input?.source ?? json?.source ?? "",
      target: input?.target ?? json?.target ?? "",
      reversed: json?.reversed ?? false,
      points,
      bounds: pointBounds(points),
      parent,
      json,
    });
  }
}

function boundaryItem(
  port: BoundaryInputJson | BoundaryOutputJson,
  placed: Rect,
  x: number,
  y: number,
  depth: number,
  parent: string,
  view: ViewJson,
): SceneItem {
  const lines = boundaryLines(port);
  return {
    id: `${parent}/${port.id}`,
    type: "boundary",
    open: false,
    openAs: null,
    depth,
    lines,
    label: `${lines.title} ${lines.subtitle}`,
    parent,
    view,
    json: port,
    pile: 0,
    x,
    y,
    width: placed.width,
    height: placed.height,
    block: null,
  };
}

/** In-stubs stand on the top border, out-stubs hang from the bottom one, right-aligned. */
export function placeStubs(item: Rect & { id: string; pile: number }, stubs: readonly PortStubJson[]): ScenePort[] {
  const out: ScenePort[] = [];
  const right = item.x + item.width - item.pile - 12;
  for (const direction of ["in", "out"] as const) {
    let x = right;
    const anchorY = direction === "in" ? item.y : item.y + item.height - item.pile;
    const y = direction === "in" ? anchorY - STUB_LENGTH : anchorY + STUB_LENGTH;
    for (const stub of stubs.filter((s) => s.direction === direction)) {
      const text = direction === "out" && stub.edges.length > 1 ? `${stub.label} ×${stub.edges.length}` : stub.label;
      const textWidth = estimateTextWidth(text, STUB_SIZE);
      x -= textWidth + STUB_RADIUS + 4;
      const markerX = Math.max(item.x + 6, x);
      out.push({
        id: stub.id,
        item: item.id,
        direction,
        x: markerX,
        y,
        anchorY,
        text,
        hit: { x: markerX - 6, y: y - 7, width: textWidth + 16, height: 14 },
        json: stub,
      });
      x -= 10;
    }
  }
  return out;
}

export function pointBounds(points: readonly number[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX > maxX) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function sceneBounds(scene: Scene): Rect {
  let minX = scene.bounds.x;
  let minY = scene.bounds.y;
  let maxX = scene.bounds.x + scene.bounds.width;
  let maxY = scene.bounds.y + scene.bounds.height;
  for (const r of [...scene.items, ...scene.ports.map((p) => p.hit)]) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
