/**
 * window.__graphfold: the hooks browser tests and benchmarks use
 * (docs/ui_contract.md). They read the drawing's model, never pixels.
 */

import type { Scene } from "../scene";
import type { OverlayHooks } from "./overlay_controller";
import type { Camera } from "./camera";
import { toScreen } from "./camera";
import type { Ghost } from "./renderer";

export type DebugItemType = "op" | "input" | "output" | "module" | "stack" | "port";

export interface DebugItem {
  id: string;
  type: DebugItemType;
  label: string;
  open: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DebugEdge {
  id: string;
  reversed: boolean;
  highlighted: boolean;
  /** Carries a gradient of a training-step graph (drawn in the gradient colour). */
  gradient: boolean;
}

export interface DebugStats {
  drawnNodes: number;
  drawnEdges: number;
  drawnPorts: number;
  /** Items drawn with an overlay sparkline (training dynamics). */
  drawnSparklines: number;
  totalElements: number;
  lastFrameMs: number;
  layoutMs: number;
}

/** The graph's hooks, and the pruning overlay's (overlay, plan, layer, selectFilters). */
export interface GraphFoldDebug extends OverlayHooks {
  idle(): Promise<void>;
  items(): DebugItem[];
  edges(): DebugEdge[];
  stats(): DebugStats;
  selection(): string | null;
  toggle(id: string): Promise<void>;
  /** Open every module and stack down to `depth` (null or absent: all; 0: close everything), stacks on their
   *  representative, in one request and one layout; resolves when drawn. Queued after actions in flight, as toggle is. */
  expand(depth?: number | null): Promise<void>;
  panZoom(dx: number, dy: number, factor: number): void;
  unstack(id: string, on: boolean): Promise<void>;
}

/** Every item of the drawing (boundary chips aside) and every stub, in canvas CSS pixels. */
export function debugItems(scene: Scene | null, camera: Camera): DebugItem[] {
  if (!scene) return [];
  const out: DebugItem[] = [];
  for (const item of scene.items) {
    if (item.type === "boundary") continue;
    const r = toScreen(camera, item);
    out.push({ id: item.id, type: item.type, label: item.label, open: item.open, x: r.x, y: r.y, width: r.width, height: r.height });
  }
  for (const port of scene.ports) {
    const r = toScreen(camera, port.hit);
    out.push({ id: port.id, type: "port", label: port.text, open: false, x: r.x, y: r.y, width: r.width, height: r.height });
  }
  return out;
}

/** Drawn edges once each (an edge split over several ports is one edge), then a hovered stub's connectors. */
export function debugEdges(scene: Scene | null, ghosts: readonly Ghost[]): DebugEdge[] {
  if (!scene) return [];
  const seen = new Map<string, DebugEdge>();
  for (const edge of scene.edges) {
    if (!seen.has(edge.id)) seen.set(edge.id, { id: edge.id, reversed: edge.reversed, highlighted: false, gradient: edge.json?.gradient ?? false });
  }
  for (const ghost of ghosts) seen.set(ghost.id, { id: ghost.id, reversed: false, highlighted: true, gradient: false });
  return [...seen.values()];
}

/** Items (boundary chips aside), distinct edges and stubs. */
export function totalElements(scene: Scene | null): number {
  if (!scene) return 0;
  const items = scene.items.filter((i) => i.type !== "boundary").length;
  return items + new Set(scene.edges.map((e) => e.id)).size + scene.ports.length;
}
