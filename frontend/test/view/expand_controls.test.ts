import { describe, expect, it } from "vitest";
import { MAX_DEPTH_CHOICE, createExpandControls, expandKey, parseDepth } from "../../src/view/expand_controls";
import { keyAction } from "../../src/view/canvas_input";
import type { CanvasInputTarget } from "../../src/view/canvas_input";

describe("expand controls", () => {
  it("call expand with null (all), the typed depth, and 0 (collapse)", () => {
    const asked: (number | null)[] = [];
    const { element } = createExpandControls((depth) => asked.push(depth));
    const get = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    get("expand-all").click();
    (get("expand-depth") as HTMLInputElement).value = "3";
    get("expand-depth-button").click();
    (get("expand-depth") as HTMLInputElement).value = "0";
    get("expand-depth-button").click(); // not a depth: nothing asked
    get("collapse-all").click();
    expect(asked).toEqual([null, 3, 0]);
  });

  it("parse a depth from 1 to the largest offered", () => {
    expect(parseDepth("1")).toBe(1);
    expect(parseDepth(` ${MAX_DEPTH_CHOICE} `)).toBe(MAX_DEPTH_CHOICE);
    for (const bad of ["", "0", "-2", "2.5", "x", String(MAX_DEPTH_CHOICE + 1)]) expect(parseDepth(bad)).toBeNull();
  });

  it("map keys e, 1–9 and c, and nothing else", () => {
    expect(expandKey("e")).toBeNull();
    expect(expandKey("c")).toBe(0);
    expect(expandKey("4")).toBe(4);
    for (const other of ["0", "f", "E", "Enter", "10"]) expect(expandKey(other)).toBeUndefined();
  });
});

describe("canvas keys", () => {
  function target(): CanvasInputTarget & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      scene: null,
      selection: null,
      size: { width: 100, height: 100 },
      camera: { scale: 1, x: 0, y: 0 },
      redraw: () => calls.push("redraw"),
      zoomBy: (f) => calls.push(`zoom ${f}`),
      fit: () => calls.push("fit"),
      hoverChanged: () => calls.push("hover"),
      select: (id) => calls.push(`select ${id}`),
      toggle: (id) => calls.push(`toggle ${id}`),
      expand: (depth) => calls.push(`expand ${depth}`),
      stubClick: () => calls.push("stub"),
      hover: () => {},
    };
  }

  it("expand, fit, zoom, pan and deselect", () => {
    const t = target();
    for (const key of ["e", "2", "c", "0", "+", "Escape"]) expect(keyAction(key, t)).toBe(true);
    expect(t.calls).toEqual(["expand null", "expand 2", "expand 0", "fit", "zoom 1.25", "select null"]);
    expect(keyAction("ArrowLeft", t)).toBe(true);
    expect(t.camera).toEqual({ scale: 1, x: 60, y: 0 });
    expect(keyAction("q", t)).toBe(false);
  });
});
