// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  EMPTY_STATE,
  closed,
  isDescendant,
  isOpen,
  memberOf,
  opened,
  revealFocus,
  revealed,
  toggled,
  withMember,
  withMemberFollowed,
  withSelection,
  withUnstacked,
} from "../src/view_state";
import { DEAD, DEAD_IN_LAYER, LAYERS, locate } from "./view_fixtures";

describe("opened / closed / toggled", () => {
  it("opens modules and stacks by path", () => {
    const state = opened(opened(EMPTY_STATE, "m:encoder"), LAYERS.id);
    expect([...state.open]).toEqual(["encoder", "encoder.layer.0"]);
    expect(isOpen(state, "m:encoder") && isOpen(state, LAYERS.id)).toBe(true);
    expect(opened(EMPTY_STATE, "n:add")).toBe(EMPTY_STATE);
  });

  it("forgets what was opened inside a closed item, members included", () => {
    let state = opened(EMPTY_STATE, "m:encoder");
    state = withMember(state, LAYERS.id, "encoder.layer.1");
    state = opened(state, "m:encoder.layer.1.attention");
    state = opened(state, "m:encoder2");
    const after = closed(state, "m:encoder");
    expect([...after.open]).toEqual(["encoder2"]);
    expect(after.members.size).toBe(0);
    const stackClosed = closed(state, LAYERS.id, LAYERS.members);
    expect([...stackClosed.open].sort()).toEqual(["encoder", "encoder2"]);
  });

  it("toggles", () => {
    const once = toggled(EMPTY_STATE, "m:a");
    expect(isOpen(once, "m:a")).toBe(true);
    expect(isOpen(toggled(once, "m:a"), "m:a")).toBe(false);
  });

  it("picks members and unstacks", () => {
    const picked = withMember(EMPTY_STATE, LAYERS.id, "encoder.layer.1");
    expect(isOpen(picked, LAYERS.id)).toBe(true);
    expect(memberOf(picked, LAYERS.id)).toBe("encoder.layer.1");
    expect(memberOf(withMember(picked, LAYERS.id, "encoder.layer.0"), LAYERS.id)).toBe("encoder.layer.0");
    const row = withUnstacked(picked, LAYERS.id, true);
    expect(row.unstacked.has(LAYERS.id)).toBe(true);
    expect(withUnstacked(row, LAYERS.id, false).unstacked.has(LAYERS.id)).toBe(false);
    // Picking a member stacks it again.
    expect(withMember(row, LAYERS.id, "encoder.layer.1").unstacked.has(LAYERS.id)).toBe(false);
  });

  it("moves a selected module to its twin in the member picked", () => {
    const state = withSelection(withMember(EMPTY_STATE, LAYERS.id, "encoder.layer.1"), "m:encoder.layer.1.attention");
    expect(withMemberFollowed(state, LAYERS.id, "encoder.layer.0").selection).toBe("m:encoder.layer.0.attention");
    const op = withSelection(state, "n:add_1");
    expect(withMemberFollowed(op, LAYERS.id, "encoder.layer.0").selection).toBe("n:add_1");
  });

  it("never changes the state it is given", () => {
    const state = opened(EMPTY_STATE, "m:a");
    const copy = structuredClone(state);
    closed(state, "m:a");
    withUnstacked(state, "s:b", true);
    expect(state).toEqual(copy);
  });
});

describe("revealed", () => {
  it("opens every step but the last, picks members, and selects the last item", () => {
    const state = revealed(EMPTY_STATE, locate("add_1").reveal);
    expect([...state.open].sort()).toEqual(["encoder", "encoder.layer", "encoder.layer.0"]);
    expect(state.members.get(LAYERS.id)).toBe("encoder.layer.1");
    expect(state.selection).toBe("n:add_1");
  });

  it("selects a root item without opening anything", () => {
    const state = revealed(EMPTY_STATE, locate("where").reveal);
    expect(state.open.size).toBe(0);
    expect(state.selection).toBe("n:where");
  });

  it("opens the module of a node drawn nowhere, member picked, and selects nothing", () => {
    const selected = withSelection(EMPTY_STATE, "n:where");
    const state = revealed(selected, locate(DEAD_IN_LAYER).reveal);
    expect([...state.open].sort()).toEqual(["encoder", "encoder.layer", "encoder.layer.0"]);
    expect(state.members.get(LAYERS.id)).toBe("encoder.layer.1");
    expect(state.selection).toBeNull();
    const root = revealed(selected, locate(DEAD).reveal);
    expect(root.open.size).toBe(0);
    expect(root.selection).toBeNull();
  });

  it("refuses a path with no item before its last step", () => {
    expect(() => revealed(EMPTY_STATE, [{ view: "", item: null }, { view: "a", item: "n:b" }])).toThrow(/no item/);
  });
});

describe("revealFocus", () => {
  it("is the last item, else the opened item showing the hidden node's module, else nothing (the root)", () => {
    expect(revealFocus(locate("add_1").reveal)).toBe("n:add_1");
    expect(revealFocus(locate(DEAD_IN_LAYER).reveal)).toBe(LAYERS.id);
    expect(revealFocus(locate(DEAD).reveal)).toBeNull();
    expect(revealFocus([])).toBeNull();
  });
});

describe("isDescendant", () => {
  it("follows dotted and slashed paths", () => {
    expect(isDescendant("a.b", "a")).toBe(true);
    expect(isDescendant("a/b", "a")).toBe(true);
    expect(isDescendant("ab", "a")).toBe(false);
    expect(isDescendant("a", "a")).toBe(false);
    expect(isDescendant("a", "")).toBe(true);
  });
});
