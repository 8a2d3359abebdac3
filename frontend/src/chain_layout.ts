/**
 * The layout of a view that is one chain (each node feeds the next, nothing
 * branches), computed directly: ELK's layered layout of a chain, with this
 * project's options (worker/elk_graph.ts), is one node per layer, top to
 * bottom, each node shifted so that every edge runs straight down from its
 * source port to its target port. Pure; no worker, no waiting for ELK.
 *
 * Most views of an expanded model are chains (a Conv2d module holds one
 * operator between its input and its output; a Sequential of such modules
 * is a chain of opened boxes), and ELK spends 10–30 ms on each even when
 * warm. The unit tests compare this module's answers with ELK's own on real
 * chains: the drawing is the one ELK would give, only sooner.
 */

import type { LayoutInput, LayoutNodeInput, LayoutResult, PlacedNode, RoutedEdge } from "./protocol";
import { ELK_PADDING, ELK_LAYER_SPACING, LARGE_VIEW } from "./worker/elk_graph";

/**
 * The nodes of `input` in chain order, or null when it is not a chain that
 * chainLayout lays out as ELK would: laid out downwards, every node but the
 * last with exactly one edge out, to the next, no back edges, a "first"
 * layer only on the head and a "last" only on the tail, and an edge that
 * ends on a node with ports ends on one of them.
 */
export function chainOrder(input: LayoutInput): LayoutNodeInput[] | null {
  const { nodes, edges } = input;
  if ((input.direction ?? "DOWN") !== "DOWN" || nodes.length === 0 || nodes.length > LARGE_VIEW) return null;
  if (edges.length !== nodes.length - 1) return null;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const next = new Map<string, string>();
  const hasIn = new Set<string>();
  for (const edge of edges) {
    if (edge.reversed || edge.source === edge.target || !byId.has(edge.source) || !byId.has(edge.target)) return null;
    if (next.has(edge.source) || hasIn.has(edge.target)) return null;
    if (!portOn(byId.get(edge.source)!, edge.sourcePort, "south") || !portOn(byId.get(edge.target)!, edge.targetPort, "north")) return null;
    next.set(edge.source, edge.target);
    hasIn.add(edge.target);
  }
  const heads = nodes.filter((node) => !hasIn.has(node.id));
  if (heads.length !== 1) return null;
  const order: LayoutNodeInput[] = [];
  for (let node: LayoutNodeInput | undefined = heads[0]; node; node = byId.get(next.get(node.id) ?? "")) order.push(node);
  if (order.length !== nodes.length) return null;
  if (order.some((node, index) => (node.layer === "first" && index !== 0) || (node.layer === "last" && index !== order.length - 1))) return null;
  return order;
}

/** Whether an edge end on `node` is one ELK places where chainLayout does: the node's own port on `side`, or its middle (no ports). */
function portOn(node: LayoutNodeInput, port: string | undefined | null, side: "north" | "south"): boolean {
  if (!node.ports?.length) return port == null;
  return port != null && node.ports.some((p) => p.id === port && p.side === side);
}

/** The layout of a chain (see chainOrder), or null when `input` is not one. */
export function chainLayout(input: LayoutInput): LayoutResult | null {
  const order = chainOrder(input);
  if (!order) return null;
  const byId = new Map(order.map((node) => [node.id, node]));
  const byEnds = new Map(input.edges.map((edge) => [edge.source, edge]));
  const portX = (node: LayoutNodeInput, port: string | undefined | null): number =>
    node.ports?.find((p) => p.id === port)?.x ?? node.width / 2;

  // Each node's left edge relative to the head's, so that every edge is vertical.
  const left: number[] = [0];
  for (let i = 1; i < order.length; i++) {
    const edge = byEnds.get(order[i - 1]!.id)!;
    left.push(left[i - 1]! + portX(order[i - 1]!, edge.sourcePort) - portX(order[i]!, edge.targetPort));
  }
  const minLeft = Math.min(...left);
  const maxRight = Math.max(...order.map((node, i) => left[i]! + node.width));
  const placed: PlacedNode[] = [];
  let y = ELK_PADDING.top;
  order.forEach((node, i) => {
    placed.push({ id: node.id, x: ELK_PADDING.left + left[i]! - minLeft, y, width: node.width, height: node.height });
    y += node.height + ELK_LAYER_SPACING;
  });
  const at = new Map(placed.map((node) => [node.id, node]));
  const edges: RoutedEdge[] = input.edges.map((edge) => {
    const source = at.get(edge.source)!;
    const target = at.get(edge.target)!;
    const x = source.x + portX(byId.get(edge.source)!, edge.sourcePort);
    // From the source's bottom border to the target's top border, as ELK routes it, wherever on the side the port lies.
    return { id: edge.id, points: [x, source.y + source.height, x, target.y] };
  });
  return {
    key: input.key,
    width: maxRight - minLeft + ELK_PADDING.left + ELK_PADDING.right,
    height: y - ELK_LAYER_SPACING + ELK_PADDING.bottom,
    nodes: input.nodes.map((node) => at.get(node.id)!),
    edges,
    ms: 0,
  };
}
