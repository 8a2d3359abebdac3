/**
 * Pure translation between the layout protocol and ELK's JSON graph: one
 * module view becomes one flat ELK graph (layered, top to bottom, orthogonal
 * edges), and ELK's answer becomes a LayoutResult.
 *
 * Back edges (reversed by the server's cycle removal) are given to ELK target
 * first, so every view is acyclic as laid out, and handed back source first so
 * the drawing can put the arrow head where the data arrives.
 */

import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from "elkjs/lib/elk-api";
import type { LayoutEdgeInput, LayoutInput, LayoutResult, PlacedNode, RoutedEdge } from "../protocol";

/** Views above this many nodes get ELK's cheaper strategies, so they lay out in seconds, not minutes. */
export const LARGE_VIEW = 400;

/** Space around a view's content, and between consecutive layers (chain_layout.ts relies on both too). */
export const ELK_PADDING = { top: 16, left: 20, bottom: 16, right: 20 } as const;
export const ELK_LAYER_SPACING = 34;

export function graphOptions(nodeCount: number, direction: "DOWN" | "RIGHT" = "DOWN"): LayoutOptions {
  const large = nodeCount > LARGE_VIEW;
  return {
    "elk.algorithm": "layered",
    "elk.direction": direction,
    // Large views get straight polyline edges: far fewer routing tracks between layers than orthogonal ones.
    "elk.edgeRouting": large ? "POLYLINE" : "ORTHOGONAL",
    "elk.padding": `[top=${ELK_PADDING.top},left=${ELK_PADDING.left},bottom=${ELK_PADDING.bottom},right=${ELK_PADDING.right}]`,
    "elk.spacing.nodeNode": "22",
    "elk.spacing.edgeNode": "14",
    "elk.spacing.edgeEdge": "8",
    "elk.layered.spacing.nodeNodeBetweenLayers": String(ELK_LAYER_SPACING),
    "elk.layered.spacing.edgeNodeBetweenLayers": "14",
    "elk.layered.spacing.edgeEdgeBetweenLayers": "8",
    // Keep the server's child order where it does not cost crossings: stable pictures across opens.
    "elk.layered.considerModelOrder.strategy": large ? "NONE" : "NODES_AND_EDGES",
    "elk.layered.nodePlacement.strategy": large ? "SIMPLE" : "BRANDES_KOEPF",
    "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
    "elk.layered.thoroughness": large ? "1" : "7",
    "elk.layered.crossingMinimization.greedySwitch.type": large ? "OFF" : "TWO_SIDED",
    // Unconnected parts side by side, in the server's order: the one holding the graph inputs first.
    "elk.separateConnectedComponents": "true",
    "elk.layered.considerModelOrder.components": large ? "NONE" : "MODEL_ORDER",
    "elk.spacing.componentComponent": "40",
  };
}

/** The ELK graph of one view. Never changes `input`. */
export function buildElkGraph(input: LayoutInput): ElkNode {
  const children: ElkNode[] = input.nodes.map((node) => {
    const elk: ElkNode = { id: node.id, width: node.width, height: node.height };
    const options: LayoutOptions = {};
    if (node.ports?.length) {
      options["elk.portConstraints"] = "FIXED_POS";
      elk.ports = node.ports.map(
        (port): ElkPort => ({
          id: port.id,
          x: port.x,
          y: port.y,
          width: 0,
          height: 0,
          layoutOptions: { "elk.port.side": port.side === "north" ? "NORTH" : "SOUTH" },
        }),
      );
    }
    if (node.layer) options["elk.layered.layering.layerConstraint"] = node.layer === "first" ? "FIRST" : "LAST";
    if (Object.keys(options).length) elk.layoutOptions = options;
    return elk;
  });
  return {
    id: "root",
    layoutOptions: graphOptions(input.nodes.length, input.direction),
    children,
    edges: input.edges.map(elkEdge),
  };
}

function elkEdge(edge: LayoutEdgeInput): ElkExtendedEdge {
  const source = edge.sourcePort ?? edge.source;
  const target = edge.targetPort ?? edge.target;
  return edge.reversed
    ? { id: edge.id, sources: [target], targets: [source] }
    : { id: edge.id, sources: [source], targets: [target] };
}

/** ELK's laid-out graph as a LayoutResult; edge points run from each input edge's source to its target. */
export function readElkLayout(input: LayoutInput, laidOut: ElkNode, ms: number): LayoutResult {
  const nodes: PlacedNode[] = (laidOut.children ?? []).map((n) => ({
    id: n.id,
    x: n.x ?? 0,
    y: n.y ?? 0,
    width: n.width ?? 0,
    height: n.height ?? 0,
  }));
  const reversed = new Set(input.edges.filter((e) => e.reversed).map((e) => e.id));
  const edges: RoutedEdge[] = (laidOut.edges ?? []).map((edge) => {
    const points = edgePoints(edge as ElkExtendedEdge);
    return { id: edge.id, points: reversed.has(edge.id) ? reversePoints(points) : points };
  });
  return { key: input.key, width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes, edges, ms };
}

function edgePoints(edge: ElkExtendedEdge): number[] {
  const points: number[] = [];
  for (const section of edge.sections ?? []) {
    for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
      const n = points.length;
      // Sections of one edge meet at a shared point; keep it once.
      if (n >= 2 && points[n - 2] === p.x && points[n - 1] === p.y) continue;
      points.push(p.x, p.y);
    }
  }
  return points;
}

/** [x0, y0, x1, y1, ...] in the opposite order. */
export function reversePoints(points: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = points.length - 2; i >= 0; i -= 2) out.push(points[i]!, points[i + 1]!);
  return out;
}
