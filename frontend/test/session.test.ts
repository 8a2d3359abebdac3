// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createLayoutClient } from "../src/layout_client";
import type { LayoutStage } from "../src/protocol";
import type { Scene } from "../src/scene";
import { GraphSession } from "../src/session";
import { EMPTY_STATE, closed, opened } from "../src/view_state";
import type { ViewState } from "../src/view_state";
import { DEAD_IN_LAYER, KEY, LAYERS, STATS, VIEWS, fixtureApi, inProcessWorker } from "./view_fixtures";

function setUp(initial: ViewState = EMPTY_STATE, views = VIEWS) {
  const api = fixtureApi(views);
  const worker = inProcessWorker();
  const stages: LayoutStage[] = [];
  const client = createLayoutClient(worker, (s) => stages.push(s));
  const shown: { scene: Scene; state: ViewState }[] = [];
  const errors: string[] = [];
  const session = new GraphSession(KEY, api, client.layout, { scene: (scene, state) => shown.push({ scene, state }), error: (m) => errors.push(m) }, initial);
  const layouts = () => worker.requests.filter((r) => r.type === "layout").map((r) => (r.type === "layout" ? r.input.label : ""));
  return { api, session, shown, errors, stages, layouts };
}

describe("GraphSession", () => {
  it("lays out only what an open changes, and reuses layouts", async () => {
    const { session, layouts, stages } = setUp();
    await session.show(EMPTY_STATE);
    expect(layouts()).toEqual(["the root"]);
    expect(stages.some((s) => s.label === "the root")).toBe(true);
    const encoder = opened(EMPTY_STATE, "m:encoder");
    await session.show(encoder);
    // encoder.layer is a chain (its stack between its input and output): laid out in the page, not by the worker.
    expect(layouts()).toEqual(["the root", "the root"]);
    const stack = opened(encoder, LAYERS.id);
    await session.show(stack);
    expect(layouts().slice(2)).toEqual(["encoder.layer.0", "the root"]);
    // Closing the stack again brings back layouts already made: nothing new is laid out.
    await session.show(closed(stack, LAYERS.id, LAYERS.members));
    expect(layouts()).toHaveLength(4);
    expect(session.scene!.byId.get(LAYERS.id)!.open).toBe(false);
  });

  it("opens what the root view suggests on the first showing only", async () => {
    const views = { ...VIEWS, "": { ...VIEWS[""]!, open: ["m:encoder", "m:encoder.layer"] } };
    const { session, shown } = setUp(EMPTY_STATE, views);
    await session.show(EMPTY_STATE);
    expect([...session.state.open]).toEqual(["encoder", "encoder.layer"]);
    expect([...shown[0]!.state.open]).toEqual(["encoder", "encoder.layer"]);
    // Closed again by the user, it stays closed.
    await session.show(EMPTY_STATE);
    expect(session.state.open.size).toBe(0);
  });

  it("leaves a deep link's state as it is", async () => {
    const views = { ...VIEWS, "": { ...VIEWS[""]!, open: ["m:encoder", "m:encoder.layer"] } };
    const linked = opened(EMPTY_STATE, "m:encoder");
    const { session } = setUp(linked, views);
    await session.show(linked);
    expect([...session.state.open]).toEqual(["encoder"]);
  });

  it("fetches each view once", async () => {
    const { api, session } = setUp();
    const state = opened(opened(EMPTY_STATE, "m:encoder"), LAYERS.id);
    await session.show(state);
    await session.show(EMPTY_STATE);
    await session.show(state);
    expect(api.asked.filter((a) => a.startsWith("view"))).toEqual(["view ", "view encoder", "view encoder.layer", "view encoder.layer.0"]);
  });

  it("reveals a node: opens the modules and stacks on its path, picks the member, selects it", async () => {
    const { api, session, shown } = setUp();
    await session.show(EMPTY_STATE);
    const located = await session.reveal("add_1");
    expect(located.reveal).toHaveLength(4);
    expect(api.asked).toContain("locate add_1");
    const state = session.state;
    expect([...state.open].sort()).toEqual(["encoder", "encoder.layer", "encoder.layer.0"]);
    expect(state.members.get(LAYERS.id)).toBe("encoder.layer.1");
    expect(state.selection).toBe("n:add_1");
    // The member's view was fetched and drawn in place of the representative's.
    expect(api.asked).toContain("view encoder.layer.1");
    const scene = shown[shown.length - 1]!.scene;
    expect(scene.byId.get("n:add_1")!.parent).toBe(LAYERS.id);
    expect(scene.byId.has("n:add_0")).toBe(false);
  });

  it("reveals a node drawn nowhere: its module opened, nothing selected", async () => {
    const { session } = setUp();
    await session.show(EMPTY_STATE);
    const located = await session.reveal(DEAD_IN_LAYER);
    expect(located.hidden).toBe("dead");
    expect(session.state.selection).toBeNull();
    expect(session.state.members.get(LAYERS.id)).toBe("encoder.layer.1");
    expect(session.scene!.byId.get(LAYERS.id)!.open).toBe(true);
  });

  it("fetches the stats once", async () => {
    const { api, session } = setUp();
    await session.show(EMPTY_STATE);
    expect(await session.stats()).toEqual(STATS);
    await session.stats();
    expect(api.asked.filter((a) => a === "stats")).toHaveLength(1);
  });

  it("asks for the stats only once the first scene is drawn", async () => {
    const { api, session } = setUp();
    const drawing = session.show(EMPTY_STATE);
    const stats = session.stats();
    await Promise.resolve();
    expect(api.asked).not.toContain("stats");
    await drawing;
    expect(await stats).toEqual(STATS);
    expect(api.asked.indexOf("stats")).toBeGreaterThan(api.asked.indexOf("view "));
  });

  it("fetches one node's details on demand, once, and never the whole graph", async () => {
    const { api, session } = setUp();
    await session.show(EMPTY_STATE);
    const [first, again] = await Promise.all([session.node("add_1"), session.node("add_1")]);
    expect(first).toBe(again);
    expect(session.loadedNodes.get("add_1")).toBe(first);
    expect(api.asked.filter((a) => a.startsWith("node"))).toEqual(["node add_1"]);
    expect(api.asked).not.toContain("graph");
  });

  it("draws from seeded views without asking for them", async () => {
    const { api, session } = setUp();
    session.seedViews({ "": VIEWS[""]!, encoder: VIEWS.encoder!, "encoder.layer": VIEWS["encoder.layer"]! });
    await session.show(EMPTY_STATE);
    expect(session.scene).not.toBeNull();
    expect(api.asked.filter((a) => a === "view " || a === "view encoder")).toEqual([]);
  });

  it("reveals a search hit the same way", async () => {
    const { session } = setUp();
    await session.show(EMPTY_STATE);
    const { hits } = await session.search("add");
    await session.revealSteps(hits[0]!);
    expect(session.state.selection).toBe("n:add_1");
    expect(session.scene!.byId.has("n:add_1")).toBe(true);
  });

  it("shows only the newest of states asked for in a row", async () => {
    const { session, shown } = setUp();
    const a = session.show(EMPTY_STATE);
    const b = session.show(opened(EMPTY_STATE, "m:encoder"));
    await Promise.all([a, b]);
    expect(shown.at(-1)!.state.open.has("encoder")).toBe(true);
    expect(session.busy).toBe(false);
  });

  it("reports a view that cannot be fetched and keeps the last scene", async () => {
    const { session, errors } = setUp();
    await session.show(EMPTY_STATE);
    const before = session.scene;
    const api = fixtureApi({});
    const broken = new GraphSession(KEY, api, async () => { throw new Error("never"); }, { scene: () => {}, error: (m) => errors.push(m) });
    await broken.show(EMPTY_STATE);
    expect(errors).toEqual(["no module ''"]);
    expect(session.scene).toBe(before);
  });
});

describe("GraphSession.expand", () => {
  it("opens everything in one request and one rebuild, stacks on their representative", async () => {
    const { api, session, shown, layouts } = setUp();
    await session.show(EMPTY_STATE);
    const before = api.asked.length;
    const scenes = shown.length;
    await session.expand(null);
    expect(api.asked.slice(before)).toEqual(["expand all"]);
    expect(shown).toHaveLength(scenes + 1);
    expect([...session.state.open].sort()).toEqual(["encoder", "encoder.layer.0"]);
    expect(session.state.members.size).toBe(0);
    expect(session.scene!.byId.get(LAYERS.id)!.open).toBe(true);
    expect(session.scene!.byId.has("n:mul_0")).toBe(true);
    // Each view laid out once, innermost first, in the one rebuild (encoder.layer, a chain, in the page).
    expect(layouts().slice(1)).toEqual(["encoder.layer.0", "the root"]);
  });

  it("opens to a depth, and depth 0 closes everything without a request", async () => {
    const { api, session } = setUp();
    await session.show(EMPTY_STATE);
    await session.expand(1);
    expect([...session.state.open]).toEqual(["encoder"]);
    expect(session.scene!.byId.get(LAYERS.id)!.open).toBe(false);
    const asked = api.asked.length;
    await session.expand(0);
    expect(session.state.open.size).toBe(0);
    expect(api.asked).toHaveLength(asked);
  });

  it("forgets picked members and unstacked stacks, keeps the selection", async () => {
    const state: ViewState = { ...opened(opened(EMPTY_STATE, "m:encoder"), LAYERS.id, "encoder.layer.1"), selection: "m:encoder" };
    const { session } = setUp(state);
    await session.show(state);
    await session.expand(null);
    expect(session.state.members.size).toBe(0);
    expect(session.state.selection).toBe("m:encoder");
    expect(session.scene!.byId.has("n:mul_0")).toBe(true);
  });

  it("refuses a depth that is not a whole number", async () => {
    const { session } = setUp();
    await expect(session.expand(-1)).rejects.toThrow("expand depth must be a whole number ≥ 0 or null (all), got -1");
    await expect(session.expand(1.5)).rejects.toThrow("got 1.5");
  });
});
