// @vitest-environment node
import { describe, expect, it } from "vitest";
import { itemLines, oneLine } from "../../src/geometry";
import type { SceneItem } from "../../src/scene";
import type { StackItemJson, ViewJson } from "../../src/types";
import { crumbLabel } from "../../src/view/breadcrumbs";
import { HELPER_CLASS } from "../../src/geometry";
import { LAYERS, VIEWS, module } from "../view_fixtures";

function item(json: StackItemJson | ReturnType<typeof module>, view: ViewJson, open = false): SceneItem {
  const lines = itemLines(json);
  return { id: json.id, type: json.type, open, openAs: null, depth: 0, lines, label: oneLine(lines), parent: "m:", view, json, pile: 0, block: null, x: 0, y: 0, width: 1, height: 1 };
}

describe("crumbLabel", () => {
  it("puts the modules that only wrap a stack before it", () => {
    const wrapped = { ...LAYERS, wrappers: ["encoder", "encoder.layer"] };
    expect(crumbLabel(item(wrapped, VIEWS[""]!))).toBe("encoder › layer › BertLayer ×2");
    expect(crumbLabel(item(LAYERS, VIEWS["encoder.layer"]!))).toBe("BertLayer ×2");
  });

  it("names a module by its name, a helper region by what it computes", () => {
    expect(crumbLabel(item(module("encoder", "pkg.BertEncoder"), VIEWS[""]!))).toBe("encoder");
    expect(crumbLabel(item(module("attention mask", HELPER_CLASS), VIEWS[""]!))).toBe("attention mask");
  });
});
