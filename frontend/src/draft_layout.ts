/**
 * A first drawing of a view too large for ELK to lay out quickly (thousands
 * of direct children take ELK seconds): layered like ELK's drawing, but in one
 * linear pass on the page, so the canvas is never blank while the worker
 * computes the real layout, which replaces this one when it is ready
 * (session.ts). Pure; edges are straight segments between their ends.
 *
 * Layers are longest paths from the sources along the edges as they are laid
 * out (a reversed edge from its target), boundary inputs first and outputs
 * last; within a layer, nodes follow the mean position of their predecessors
 * (one downward sweep), ties in the server's order.
 */

import type { LayoutInput, LayoutResult, PlacedNode, RoutedEdge } from "./protocol";

/** Views with at least this many nodes are drawn as a draft first. */
export const DRAFT_MIN_NODES = 1000;

const PAD_X = 20;
const PAD_Y = 16;
const NODE_GAP = 22;
const LAYER_GAP = 34;

export function draftLayout(input: LayoutInput): LayoutResult {
  const start = typeof performance === "undefined" ? 0 : performance.now();
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const portOwner = new Map<string, { node: number; x: number; y: number }>();
  input.nodes.forEach((n, i) => n.ports?.forEach((p) => portOwner.set(p.id, { node: i, x: p.x, y: p.y })));
  const end = (node: string, port: string | undefined) => (port !== undefined ? portOwner.get(port)?.node : undefined) ?? index.get(node);

  // Edges as laid out: from the upper end to the lower one.
  const n = input.nodes.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Array<number>(n).fill(0);
  for (const e of input.edges) {
    const s = end(e.source, e.sourcePort);
    const t = end(e.target, e.targetPort);
    if (s === undefined || t === undefined || s === t) continue;
    const [from, to] = e.reversed ? [t, s] : [s, t];
    succ[from]!.push(to);
    pred[to]!.push(from);
    indegree[to]! += 1;
  }

  // Longest-path layering (Kahn's order); nodes on a cycle, if any, go below everything else.
  const layer = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  const seen = new Array<boolean>(n).fill(false);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    seen[u] = true;
    for (const v of succ[u]!) {
      layer[v] = Math.max(layer[v]!, layer[u]! + 1);
      if (--indegree[v]! === 0) queue.push(v);
    }
  }
  let deepest = maximum(layer);
  for (let i = 0; i < n; i++) if (!seen[i]) layer[i] = deepest + 1;
  deepest = maximum(layer);
  input.nodes.forEach((node, i) => {
    if (node.layer === "first") layer[i] = 0;
    else if (node.layer === "last") layer[i] = deepest + 1;
  });

  const layers: number[][] = [];
  for (let i = 0; i < n; i++) (layers[layer[i]!] ??= []).push(i);
  const across = input.direction === "RIGHT" ? "height" : "width";
  const along = input.direction === "RIGHT" ? "width" : "height";

  // Place each layer: ordered by the mean position of predecessors already placed, then centred.
  const position = new Array<number>(n).fill(0);
  const spans = layers.map((members = []) => members.reduce((sum, i) => sum + input.nodes[i]![across], 0) + NODE_GAP * Math.max(0, members.length - 1));
  const widest = maximum(spans);
  const placed: PlacedNode[] = new Array(n);
  let depth = input.direction === "RIGHT" ? PAD_X : PAD_Y;
  layers.forEach((members = [], l) => {
    const key = (i: number) => {
      const ps = pred[i]!;
      return ps.length ? ps.reduce((sum, p) => sum + position[p]!, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const ordered = members.map((i) => [key(i), i] as const).sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    let offset = (input.direction === "RIGHT" ? PAD_Y : PAD_X) + (widest - spans[l]!) / 2;
    let thickness = 0;
    for (const [, i] of ordered) {
      const node = input.nodes[i]!;
      position[i] = offset + node[across] / 2;
      const [x, y] = input.direction === "RIGHT" ? [depth, offset] : [offset, depth];
      placed[i] = { id: node.id, x, y, width: node.width, height: node.height };
      offset += node[across] + NODE_GAP;
      thickness = Math.max(thickness, node[along]);
    }
    depth += thickness + LAYER_GAP;
  });

  const edges: RoutedEdge[] = input.edges.map((e) => ({ id: e.id, points: [...anchor(e.source, e.sourcePort, e.target), ...anchor(e.target, e.targetPort, e.source)] }));
  const [width, height] = input.direction === "RIGHT"
    ? [depth - LAYER_GAP + PAD_X, widest + 2 * PAD_Y]
    : [widest + 2 * PAD_X, depth - LAYER_GAP + PAD_Y];
  const ms = (typeof performance === "undefined" ? 0 : performance.now()) - start;
  return { key: input.key, width: Math.max(width, 2 * PAD_X), height: Math.max(height, 2 * PAD_Y), nodes: placed.filter(Boolean), edges, ms };

  /** Where an edge meets node `id`: its port if it has one, else the middle of the side facing `other`. */
  function anchor(id: string, port: string | undefined, other: string): [number, number] {
    const i = index.get(id);
    const box = i === undefined ? undefined : placed[i];
    if (!box) return [0, 0];
    const fixed = port !== undefined ? portOwner.get(port) : undefined;
    if (fixed) return [box.x + fixed.x, box.y + fixed.y];
    const j = index.get(other);
    const facing = j !== undefined && placed[j] ? (input.direction === "RIGHT" ? placed[j]!.x > box.x : placed[j]!.y > box.y) : true;
    return input.direction === "RIGHT"
      ? [facing ? box.x + box.width : box.x, box.y + box.height / 2]
      : [box.x + box.width / 2, facing ? box.y + box.height : box.y];
  }
}

/** The largest of `values`, 0 for none (no spread: a view may have 10^5 nodes). */
function maximum(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
