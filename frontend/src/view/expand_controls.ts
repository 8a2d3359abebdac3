/**
 * "Expand all", "Expand to depth N" and "Collapse all": the toolbar's tools
 * (and, through the canvas, keys e, 1–9 and c) that open a whole model, or
 * its first N levels, in one layout.
 */

import { h, toolButton as button } from "./dom";

/** The deepest level the depth box offers; deeper is "Expand all". */
export const MAX_DEPTH_CHOICE = 20;

export interface ExpandControls {
  element: HTMLElement;
}

/** `expand(depth)`: null for everything, 0 to close everything. */
export function createExpandControls(expand: (depth: number | null) => void): ExpandControls {
  const depth = h("input", {
    type: "number",
    class: "gf-depth",
    "data-testid": "expand-depth",
    min: 1,
    max: MAX_DEPTH_CHOICE,
    step: 1,
    value: 2,
    title: "Depth to expand to (keys 1–9)",
    "aria-label": "Depth to expand to",
  });
  const toDepth = button("expand-depth-button", "Depth", "Expand to the depth on the left, closing what is deeper (keys 1–9)", () => {
    const value = parseDepth(depth.value);
    if (value !== null) expand(value);
  });
  const all = button("expand-all", "Expand all", "Open every module and stack (stacks on their representative) (e)", () => expand(null));
  const none = button("collapse-all", "Collapse", "Close everything (c)", () => expand(0));
  return { element: h("div", { class: "gf-expand" }, all, depth, toDepth, none) };
}

/** The depth typed in the box, or null when it is not a whole number from 1 to MAX_DEPTH_CHOICE. */
export function parseDepth(text: string): number | null {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 1 && value <= MAX_DEPTH_CHOICE && text.trim() !== "" ? value : null;
}

/** The expand action of a key pressed on the canvas: e (all), 1–9 (that depth), c (collapse); undefined for other keys. */
export function expandKey(key: string): number | null | undefined {
  if (key === "e") return null;
  if (key === "c") return 0;
  return /^[1-9]$/.test(key) ? Number(key) : undefined;
}
