/**
 * Lays out an expanded tree bottom-up: every opened item's view on its own,
 * its opened children first (their frames become fixed-size nodes with fixed
 * ports), then the item itself. A layout is asked for by key, the view and its
 * opened children's frames, so a cached layout is reused wherever nothing
 * inside it changed: opening a module lays out only it and its ancestors.
 */

import { contentView } from "./expansion";
import type { Expanded } from "./expansion";
import {
  HEADER_HEIGHT,
  PILE,
  headerWidth,
  helperLines,
  isHelperModule,
  memberName,
  shortClasses,
  sizeInfo,
  stackTitle,
} from "./geometry";
import type { ItemLines } from "./geometry";
import { buildLayoutInput, tensorKey } from "./layout_input";
import type { BoxPort, OpenedBox } from "./layout_input";
import type { LayoutInput, LayoutResult, PlacedNode } from "./protocol";
import type { ViewJson } from "./types";
import { stackBadge } from "./variants";

export type LayoutFn = (input: LayoutInput) => Promise<LayoutResult>;

/** An opened item's frame: its size, where its content sits, and its boundary ports. */
export interface Frame extends OpenedBox {
  contentX: number;
  contentY: number;
  /** The title bar's text (empty for the root, which has no frame). */
  lines: ItemLines;
}

export interface Block {
  node: Expanded;
  view: ViewJson;
  input: LayoutInput;
  edgeOf: Map<string, string>;
  layout: LayoutResult;
  frame: Frame;
  children: Map<string, Block>;
}

export async function layoutTree(node: Expanded, layout: LayoutFn): Promise<Block> {
  const entries = await Promise.all(
    [...node.children].map(async ([id, child]) => [id, await layoutTree(child, layout)] as const),
  );
  const children = new Map(entries);
  const view = contentView(node);
  const key = layoutKey(node, children);
  const { input, edgeOf } = buildLayoutInput(
    view,
    new Map([...children].map(([id, block]) => [id, block.frame])),
    key,
    node.member ?? (view.module.path || "the root"),
  );
  // Unstacked members stand side by side: laid out left to right along the edges between them,
  // or in a plain row when no edge joins them.
  const result =
    node.kind !== "unstacked"
      ? await layout(input)
      : view.edges.length
        ? await layout({ ...input, direction: "RIGHT" })
        : rowLayout(input);
  return { node, view, input, edgeOf, layout: result, frame: frameOf(node, view, result), children };
}

/** The view, how it is shown, and every opened child's size and layout. */
export function layoutKey(node: Expanded, children: ReadonlyMap<string, Block>): string {
  const view = contentView(node);
  const inner = [...children]
    .map(([id, block]) => `${id}=${block.frame.width}x${block.frame.height}(${block.layout.key})`)
    .sort()
    .join(",");
  return `${node.kind === "unstacked" ? "row" : "view"}:${view.module.path}[${inner}]`;
}

export function frameLines(node: Expanded): ItemLines {
  const outer = node.chain[0]?.module;
  const stack = node.stack;
  switch (node.kind) {
    case "root":
      return { title: "", subtitle: "", info: "" };
    case "module":
      if (outer && isHelperModule(outer)) return helperLines(outer);
      return {
        title: shortClasses(outer?.class_name ?? "") || outer?.name || "",
        subtitle: node.chain.map((v) => v.module.name).join(" › "),
        info: outer ? sizeInfo(outer.parameter_count, outer.node_count) : "",
      };
    case "stack": {
      const member = node.chain[0]!.module;
      const chain = node.chain.slice(1).map((v) => v.module.name);
      return {
        title: stack ? stackTitle(stack) : "",
        badge: stack ? stackBadge(stack) : undefined,
        subtitle: [memberName(node.member ?? ""), ...chain].join(" › "),
        info: sizeInfo(member.parameter_count, member.node_count),
      };
    }
    case "unstacked":
      return {
        title: stack ? stackTitle(stack) : "",
        badge: stack ? stackBadge(stack) : undefined,
        subtitle: "members side by side",
        info: stack ? sizeInfo(stack.parameter_count, stack.node_count * stack.count) : "",
      };
  }
}

export function frameOf(node: Expanded, view: ViewJson, layout: LayoutResult): Frame {
  const lines = frameLines(node);
  const root = node.kind === "root";
  const header = root ? 0 : HEADER_HEIGHT;
  const pile = node.kind === "stack" || node.kind === "unstacked" ? PILE : 0;
  const mainWidth = Math.max(layout.width, root ? 0 : headerWidth(`${lines.title} ${lines.badge ?? ""}  ${lines.subtitle}`, lines.info));
  const mainHeight = header + layout.height;
  const contentX = Math.round((mainWidth - layout.width) / 2);
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const port = (id: string, tensor: string, y: number): BoxPort | null => {
    const n = placed.get(id);
    return n ? { id: `${node.itemId}\u0001${id}`, tensor, x: contentX + n.x + n.width / 2, y } : null;
  };
  const inPorts = view.boundary.inputs.flatMap((b) => port(b.id, tensorKey(b), 0) ?? []);
  const outPorts = view.boundary.outputs.flatMap((b) => port(b.id, tensorKey(b), mainHeight) ?? []);
  return {
    width: mainWidth + pile,
    height: mainHeight + pile,
    contentX,
    contentY: header,
    inPorts,
    outPorts,
    middleIn: { id: `${node.itemId}\u0001in`, tensor: "", x: mainWidth / 2, y: 0 },
    middleOut: { id: `${node.itemId}\u0001out`, tensor: "", x: mainWidth / 2, y: mainHeight },
    lines,
  };
}

const ROW_GAP = 20;
const ROW_PAD = 20;
const ROW_MAX = 12;

/** Members side by side, at most ROW_MAX to a row; no worker needed. */
export function rowLayout(input: LayoutInput): LayoutResult {
  const nodes: PlacedNode[] = [];
  let x = ROW_PAD;
  let y = ROW_PAD;
  let rowHeight = 0;
  let width = 0;
  input.nodes.forEach((node, index) => {
    if (index && index % ROW_MAX === 0) {
      x = ROW_PAD;
      y += rowHeight + ROW_GAP;
      rowHeight = 0;
    }
    nodes.push({ id: node.id, x, y, width: node.width, height: node.height });
    x += node.width + ROW_GAP;
    width = Math.max(width, x - ROW_GAP + ROW_PAD);
    rowHeight = Math.max(rowHeight, node.height);
  });
  return { key: input.key, width, height: y + rowHeight + ROW_PAD, nodes, edges: [], ms: 0 };
}
