import { describe, expect, it } from "vitest";
import type { Scene, SceneItem } from "../../src/scene";
import { exportBase } from "../../src/view/graph_exports";
import { enclosingStack, focusedStack, openStackJson } from "../../src/view/stack_focus";
import { createTabToolbar } from "../../src/view/tab_toolbar";
import { KEY, LAYERS, module } from "../view_fixtures";

/** A scene of the root, the open stack `s:encoder.layer.0` in it, and a module inside the stack. */
function scene(stackOpen = true): Scene {
  const items = [
    { id: LAYERS.id, parent: "m:", open: stackOpen, openAs: stackOpen ? "stack" : undefined, json: LAYERS },
    { id: "m:encoder.layer.0.attention", parent: LAYERS.id, open: false, json: module("encoder.layer.0.attention") },
    { id: "m:pooler", parent: "m:", open: false, json: module("pooler") },
  ] as unknown as SceneItem[];
  return { items, byId: new Map(items.map((i) => [i.id, i])) } as unknown as Scene;
}

describe("stack focus", () => {
  it("finds the open stack holding an item", () => {
    const s = scene();
    expect(enclosingStack(s, s.byId.get("m:encoder.layer.0.attention")!)).toBe(LAYERS.id);
    expect(enclosingStack(s, s.byId.get("m:pooler")!)).toBeNull();
  });

  it("keeps the focus while it is open, else falls back to the innermost open stack", () => {
    const s = scene();
    expect(focusedStack(s, LAYERS.id, s.byId.get("m:pooler")!)).toBe(LAYERS.id);
    expect(focusedStack(s, "s:gone", null)).toBe(LAYERS.id);
    expect(focusedStack(scene(false), LAYERS.id, null)).toBeNull();
    expect(openStackJson(s, LAYERS.id)).toBe(LAYERS);
    expect(openStackJson(scene(false), LAYERS.id)).toBeNull();
    expect(openStackJson(s, "m:pooler")).toBeNull();
  });
});

describe("the toolbar", () => {
  it("turns clicks into its actions", () => {
    const calls: string[] = [];
    const toolbar = createTabToolbar({
      zoomBy: (f) => calls.push(`zoom ${f}`),
      fit: () => calls.push("fit"),
      expand: (d) => calls.push(`expand ${d}`),
      exportSvg: () => calls.push("svg"),
      exportPng: () => calls.push("png"),
      crumb: (id) => calls.push(`crumb ${id}`),
    });
    for (const id of ["zoom-in", "zoom-out", "fit-button", "expand-all", "collapse-all", "export-svg", "export-png"]) {
      toolbar.element.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.click();
    }
    expect(calls).toEqual(["zoom 1.25", "zoom 0.8", "fit", "expand null", "expand 0", "svg", "png"]);
    toolbar.breadcrumbs.show([{ id: "m:", label: "BertModel" }]);
    toolbar.element.querySelector<HTMLElement>('[data-testid="breadcrumbs"] button')!.click();
    expect(calls.at(-1)).toBe("crumb m:");
  });
});

describe("export names", () => {
  it("name the graph and step, else the tag", () => {
    const base = { scene: null, palette: null };
    expect(exportBase({ ...base, key: KEY, graphName: "BertModel" })).toEqual(["BertModel", "step0"]);
    expect(exportBase({ ...base, key: KEY, graphName: "" })).toEqual(["bert", "step0"]);
    expect(exportBase({ ...base, key: null, graphName: "x" })).toEqual(["graph"]);
  });
});
