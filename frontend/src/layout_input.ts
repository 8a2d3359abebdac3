/**
 * One module view as the layout worker's input: boundary inputs first,
 * children at their sizes (an opened child at the size of its own laid-out
 * frame, with its boundary as fixed ports), boundary outputs last, and the
 * edges between them. Pure.
 *
 * An edge into or out of an opened child ends on the child's boundary port for
 * the tensor it carries, so the outer layout lines up with the inner one; an
 * edge whose tensors the child does not list ends on the child's middle port.
 */

import { boundaryLines, boundarySize, closedSize } from "./geometry";
import type { LayoutEdgeInput, LayoutInput, LayoutNodeInput, LayoutPortInput } from "./protocol";
import type { ViewJson } from "./types";

/** A point on an opened item's border where one tensor crosses it, relative to the item. */
export interface BoxPort {
  id: string;
  /** "node:output" of the tensor. */
  tensor: string;
  x: number;
  y: number;
}

/** What the outer layout needs of an opened child. */
export interface OpenedBox {
  width: number;
  height: number;
  inPorts: BoxPort[];
  outPorts: BoxPort[];
  /** Where edges whose tensor has no port of its own end. */
  middleIn: BoxPort;
  middleOut: BoxPort;
}

export interface BuiltInput {
  input: LayoutInput;
  /** Layout edge id -> the view's edge id (or boundary port id) it draws. */
  edgeOf: Map<string, string>;
}

export function tensorKey(tensor: { node: string; output: number }): string {
  return `${tensor.node}:${tensor.output}`;
}

export function buildLayoutInput(
  view: ViewJson,
  opened: ReadonlyMap<string, OpenedBox>,
  key: string,
  label = view.module.path || "the root",
): BuiltInput {
  const nodes: LayoutNodeInput[] = [];
  for (const port of view.boundary.inputs) nodes.push({ id: port.id, ...boundarySize(boundaryLines(port)), layer: "first" });
  for (const child of view.children) {
    const box = opened.get(child.id);
    if (!box) {
      nodes.push({ id: child.id, ...closedSize(child) });
      continue;
    }
    const ports: LayoutPortInput[] = [
      ...[...box.inPorts, box.middleIn].map((p): LayoutPortInput => ({ id: p.id, x: p.x, y: p.y, side: "north" })),
      ...[...box.outPorts, box.middleOut].map((p): LayoutPortInput => ({ id: p.id, x: p.x, y: p.y, side: "south" })),
    ];
    nodes.push({ id: child.id, width: box.width, height: box.height, ports });
  }
  for (const port of view.boundary.outputs) nodes.push({ id: port.id, ...boundarySize(boundaryLines(port)), layer: "last" });

  const edges: LayoutEdgeInput[] = [];
  const edgeOf = new Map<string, string>();
  const add = (drawn: string, edge: Omit<LayoutEdgeInput, "id">, index: number) => {
    const id = index ? `${drawn}#${index}` : drawn;
    edges.push({ id, ...edge });
    edgeOf.set(id, drawn);
  };
  for (const edge of view.edges) {
    if (edge.source === edge.target && opened.has(edge.source)) continue;
    const ends = new Map<string, [string | undefined, string | undefined]>();
    for (const tensor of edge.tensors) {
      const key = tensorKey(tensor);
      const end: [string | undefined, string | undefined] = [
        portFor(opened.get(edge.source), key, "out"),
        portFor(opened.get(edge.target), key, "in"),
      ];
      ends.set(end.join("\u0000"), end);
    }
    if (!ends.size) ends.set("", [portFor(opened.get(edge.source), "", "out"), portFor(opened.get(edge.target), "", "in")]);
    [...ends.values()].forEach(([sourcePort, targetPort], index) =>
      add(edge.id, { source: edge.source, target: edge.target, sourcePort, targetPort, reversed: edge.reversed }, index),
    );
  }
  for (const port of view.boundary.inputs) {
    for (const target of port.targets) {
      const targetPort = portFor(opened.get(target), tensorKey(port), "in");
      add(`${port.id}->${target}`, { source: port.id, target, targetPort, reversed: false }, 0);
    }
  }
  for (const port of view.boundary.outputs) {
    const sourcePort = portFor(opened.get(port.source), tensorKey(port), "out");
    add(`${port.source}->${port.id}`, { source: port.source, target: port.id, sourcePort, reversed: false }, 0);
  }
  return { input: { key, label, nodes, edges }, edgeOf };
}

/** The port of opened `box` that `tensor` crosses, its middle port when none, or no port for a closed item. */
function portFor(box: OpenedBox | undefined, tensor: string, direction: "in" | "out"): string | undefined {
  if (!box) return undefined;
  const ports = direction === "in" ? box.inPorts : box.outPorts;
  return (ports.find((p) => p.tensor === tensor) ?? (direction === "in" ? box.middleIn : box.middleOut)).id;
}
