/**
 * What every drawn item says and how big it is, in world units (CSS pixels at
 * zoom 1). Sizes come from an estimate of text width, not from a canvas, so
 * the same numbers hold on the page, in the worker's input and in tests; the
 * renderer shortens any text that would still overflow.
 */

import { formatCompact, formatCount } from "./format";
import { shortClassName } from "./summary";
import type { BoundaryInputJson, BoundaryOutputJson, Dim, StackItemJson, TensorJson, ViewItemJson } from "./types";
import { stackBadge } from "./variants";

/** The class of a helper region: mask and position-id computations the server groups beside the model. */
export const HELPER_CLASS = "graphfold.Helper";
/** The class of a group of graph outputs under one field (tb_plugin.passes.helper_regions.OUTPUTS_CLASS). */
export const OUTPUTS_CLASS = "graphfold.Outputs";
/** The class of a group of the root's loose operators (tb_plugin.passes.helper_regions.OPS_CLASS). */
export const OPS_CLASS = "graphfold.Ops";
const GROUP_CLASSES: readonly string[] = [HELPER_CLASS, OUTPUTS_CLASS, OPS_CLASS];

export const FONT_FAMILY = 'Roboto, "Segoe UI", system-ui, sans-serif';
export const TITLE_SIZE = 12;
export const SUBTITLE_SIZE = 10;
export const STUB_SIZE = 9;

export const OP_HEIGHT = 38;
export const IO_HEIGHT = 34;
export const MODULE_HEIGHT = 54;
export const BOUNDARY_HEIGHT = 20;
/** Height of an opened item's title bar; its content starts below. */
export const HEADER_HEIGHT = 30;
/** Offset of each card drawn behind a stack, and how many there are. */
export const PILE_STEP = 5;
export const PILE_CARDS = 2;
export const PILE = PILE_STEP * PILE_CARDS;

const PAD_X = 12;
const MIN_OP_WIDTH = 64;
const MIN_MODULE_WIDTH = 112;
const MAX_WIDTH = 260;

/** The text of an item: a bold title, a subtitle, for modules and stacks a size line, for stacks a "×N" badge. */
export interface ItemLines {
  title: string;
  subtitle: string;
  info: string;
  badge?: string;
}

/** The item's text on one line: "BertLayer ×12 · layer.0 … layer.11". */
export function oneLine(lines: ItemLines): string {
  const head = lines.badge ? `${lines.title} ${lines.badge}` : lines.title;
  return [head, lines.subtitle].filter(Boolean).join(" · ");
}

export type TextMeasurer = (text: string, size: number, bold: boolean) => number;

let measurer: TextMeasurer | null = null;

/** Size boxes by real text widths from now on (the page passes a canvas's measureText). */
export function setTextMeasurer(measure: TextMeasurer | null): void {
  measurer = measure;
}

/**
 * The width of `text` at `size` px: measured when the page gave a measurer,
 * else a rough estimate (tests, and the worker, have no fonts).
 */
export function estimateTextWidth(text: string, size: number, bold = false): number {
  if (measurer) return measurer(text, size, bold);
  let units = 0;
  for (const ch of text) units += /[ilj.,:;'|!()[\]{} ]/.test(ch) ? 0.32 : /[A-Z_mwMW@%]/.test(ch) ? 0.72 : 0.56;
  return units * size * (bold ? 1.06 : 1);
}

/** "aten.linear.default" -> "linear", "prim::DictConstruct" -> "DictConstruct", "Conv" -> "Conv". */
export function shortOpName(op: string): string {
  if (op.startsWith("aten.")) return op.split(".")[1] || op;
  const colons = op.lastIndexOf("::");
  return colons >= 0 ? op.slice(colons + 2) : op;
}

/** A stack's class, short: "a.B | c.D" -> "B | D". */
export function shortClasses(className: string): string {
  return className
    .split(" | ")
    .map((c) => shortClassName(c))
    .join(" | ");
}

/** [1, 128, 768] -> "1×128×768"; unknown rank -> "?"; a scalar -> "scalar". */
export function formatShape(shape: readonly Dim[] | null): string {
  if (shape === null) return "?";
  return shape.length ? shape.join("×") : "scalar";
}

export function formatTensor(tensor: TensorJson): string {
  return `${formatShape(tensor.shape)} ${tensor.dtype}`.trim();
}

/** The last segment of each member, with the parent's when it is only an index: "layer.0 … layer.11". */
export function memberRange(members: readonly string[]): string {
  const names = members.map(memberName);
  if (names.length <= 3) return names.join(", ");
  return `${names[0]} … ${names[names.length - 1]}`;
}

export function memberName(path: string): string {
  const parts = path.split(".");
  const last = parts[parts.length - 1] ?? path;
  return /^\d+$/.test(last) && parts.length > 1 ? `${parts[parts.length - 2]}.${last}` : last;
}

export function stackTitle(stack: StackItemJson): string {
  return shortClasses(stack.class_name) || memberName(stack.representative);
}

/**
 * Whether a view item, or a view's module, is a group GraphFold made (a helper region or a group of
 * outputs): drawn dashed, since it is no module of the model.
 */
export function isHelperModule(json: object): boolean {
  return "type" in json && json.type === "module" && "class_name" in json &&
    GROUP_CLASSES.includes(json.class_name as string);
}

/** A group's text, closed or open: "attention mask · 8 ops", "cache · 160 outputs". */
export function helperLines(module: { name: string; node_count: number; class_name: string }): ItemLines {
  const noun = module.class_name === OUTPUTS_CLASS ? "output" : "op";
  const info = module.class_name === OUTPUTS_CLASS ? "outputs" : module.class_name === OPS_CLASS ? "loose ops" : "helper";
  return { title: module.name, subtitle: `${formatCount(module.node_count)} ${noun}${module.node_count === 1 ? "" : "s"}`, info };
}

/**
 * The wrappers of an item as one trail, each path relative to the one outside
 * it: ["encoder", "encoder.layer"] in the root -> "encoder › layer".
 */
export function wrapperTrail(wrappers: readonly string[], parentPath: string): string {
  const names: string[] = [];
  let outer = parentPath;
  for (const path of wrappers) {
    const inside = outer !== "" && path.length > outer.length + 1 && path.startsWith(outer) && /[./]/.test(path[outer.length]!);
    names.push(inside ? path.slice(outer.length + 1) : path);
    outer = path;
  }
  return names.join(" › ");
}

export function sizeInfo(parameters: number, nodes: number): string {
  const parts = [];
  if (parameters > 0) parts.push(`${formatCompact(parameters)} params`);
  parts.push(`${formatCount(nodes)} node${nodes === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

export function itemLines(item: ViewItemJson): ItemLines {
  switch (item.type) {
    case "module": {
      if (isHelperModule(item)) return helperLines(item);
      const short = shortClassName(item.class_name);
      return {
        title: short || item.name,
        subtitle: short ? item.name : "",
        info: sizeInfo(item.parameter_count, item.node_count),
      };
    }
    case "stack":
      return {
        title: stackTitle(item),
        subtitle: memberRange(item.members),
        info: sizeInfo(item.parameter_count, item.node_count * item.count),
        badge: stackBadge(item),
      };
    case "input":
    case "output": {
      const tensor = item.outputs[0];
      return { title: item.name, subtitle: tensor ? formatTensor(tensor) : item.type, info: "" };
    }
    default: {
      const short = shortOpName(item.op);
      return { title: short, subtitle: short === item.name ? "" : item.name, info: "" };
    }
  }
}

export function boundaryLines(port: BoundaryInputJson | BoundaryOutputJson): ItemLines {
  const name = port.output ? `${port.node}:${port.output}` : port.node;
  return { title: name, subtitle: formatShape(port.shape), info: "" };
}

/** The size of an item drawn closed. */
export function closedSize(item: ViewItemJson, lines: ItemLines = itemLines(item)): { width: number; height: number } {
  const badge = lines.badge ? estimateTextWidth(lines.badge, SUBTITLE_SIZE, true) + 18 : 0;
  const text = Math.max(
    estimateTextWidth(lines.title, TITLE_SIZE, true) + badge,
    estimateTextWidth(lines.subtitle, SUBTITLE_SIZE),
    estimateTextWidth(lines.info, SUBTITLE_SIZE),
  );
  const module = item.type === "module" || item.type === "stack";
  const min = module ? MIN_MODULE_WIDTH : MIN_OP_WIDTH;
  const width = clamp(Math.ceil(text + 2 * PAD_X), min, MAX_WIDTH);
  const height = module ? MODULE_HEIGHT : item.type === "input" || item.type === "output" ? IO_HEIGHT : OP_HEIGHT;
  const pile = item.type === "stack" ? PILE : 0;
  return { width: width + pile, height: height + pile };
}

export function boundarySize(lines: ItemLines): { width: number; height: number } {
  const text = estimateTextWidth(lines.title, SUBTITLE_SIZE, true) + 6 + estimateTextWidth(lines.subtitle, SUBTITLE_SIZE);
  return { width: clamp(Math.ceil(text + 16), 40, MAX_WIDTH), height: BOUNDARY_HEIGHT };
}

/** The width an opened item's title bar needs. */
export function headerWidth(title: string, info: string): number {
  return Math.ceil(estimateTextWidth(title, TITLE_SIZE, true) + estimateTextWidth(info, SUBTITLE_SIZE) + 3 * PAD_X + 24);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
