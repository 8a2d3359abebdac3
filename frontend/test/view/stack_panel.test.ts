import { describe, expect, it } from "vitest";
import type { StackItemJson } from "../../src/types";
import { createStackPanel } from "../../src/view/stack_panel";
import { EVIL } from "../fixtures";
import { LAYERS } from "../view_fixtures";

const VARIANT = { member: "encoder.layer.1", adds: ["gelu_1", EVIL], lacks: ["dropout_1"], adds_count: 60, lacks_count: 1, edits: 61 };

describe("the stack panel", () => {
  it("marks variant members in the picker and lists what each adds and lacks", () => {
    const picked: string[] = [];
    const panel = createStackPanel({ pick: (_s, m) => picked.push(m), unstack: () => {} });
    const stack: StackItemJson = { ...LAYERS, variants: [VARIANT] };
    panel.show(stack, "encoder.layer.0", false);
    const title = panel.element.querySelector("h2")!.textContent;
    expect(title).toBe("BertLayer ×2 · 1 variant");
    const options = [...panel.element.querySelectorAll("option")].map((o) => o.textContent);
    expect(options).toEqual(["layer.0 · 100 params", "layer.1 · 100 params · variant (+60 −1 nodes)"]);
    const variants = panel.element.querySelector('[data-testid="stack-variants"]')!;
    expect(variants.querySelector("li")!.dataset.member).toBe("encoder.layer.1");
    expect(variants.textContent).toContain(`Adds gelu_1, ${EVIL} and 58 more`);
    expect(variants.textContent).toContain("Lacks dropout_1");
    expect(panel.element.querySelector("img")).toBeNull();
    // the value differences are still listed below
    expect(panel.element.querySelector('[data-testid="stack-differences"]')!.textContent).toContain("attrs.alpha");

    const picker = panel.element.querySelector<HTMLSelectElement>('[data-testid="member-picker"]')!;
    picker.value = "encoder.layer.1";
    picker.dispatchEvent(new Event("change"));
    expect(picked).toEqual(["encoder.layer.1"]);
  });

  it("says nothing differs in an exact stack", () => {
    const panel = createStackPanel({ pick: () => {}, unstack: () => {} });
    panel.show({ ...LAYERS, differences: [], variants: [] }, "encoder.layer.0", false);
    expect(panel.element.querySelector('[data-testid="stack-differences"]')!.textContent).toContain("Nothing: every member");
    expect(panel.element.querySelector('[data-testid="stack-variants"]')).toBeNull();
  });
});
