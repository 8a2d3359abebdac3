/**
 * The graph tab: one graph's drawing with its panels. It owns the session
 * (view state, fetched views, layouts), wires the canvas, toolbar, panels and
 * actions (tab_actions.ts) together, writes the deep link, and answers the
 * debug hooks. The page (app.ts) tells it which graph to show.
 *
 * The parts, each with explicit inputs and outputs: tab_toolbar.ts (tools and
 * breadcrumbs), tab_actions.ts (what changes the drawing, queued),
 * progress_indicator.ts, graph_exports.ts, stack_focus.ts, and the panels
 * (details_controller.ts, stack_panel.ts, search_panel.ts,
 * graph_summary_box.ts, overlay_controller.ts).
 */

import { writeHostFragment } from "../host_link";
import { HTTP_OVERLAY_API } from "../api";
import type { GraphApi, GraphKey, OverlayApi } from "../api";
import { encodeDeepLink } from "../deep_link";
import { hiddenNodeOf } from "../hidden_nodes";
import type { LayoutClient } from "../layout_client";
import type { Scene } from "../scene";
import { GraphSession } from "../session";
import type { LocateJson, ViewJson } from "../types";
import type { ViewState } from "../view_state";
import { EMPTY_STATE, memberOf } from "../view_state";
import { crumbsFor } from "./breadcrumbs";
import { debugEdges, debugItems, totalElements } from "./debug_api";
import type { GraphFoldDebug } from "./debug_api";
import { createDetailsController } from "./details_controller";
import { h } from "./dom";
import { exportPng, exportSvg } from "./graph_exports";
import type { ExportSource } from "./graph_exports";
import { createGraphCanvas } from "./graph_canvas";
import { createGraphSummaryBox } from "./graph_summary_box";
import { createMinimap } from "./minimap";
import { createOverlayController } from "./overlay_controller";
import { createProgressIndicator } from "./progress_indicator";
import type { ProgressLabel } from "./progress_indicator";
import type { LayoutStage } from "../protocol";
import { createSearchPanel } from "./search_panel";
import { createStackPanel } from "./stack_panel";
import { enclosingStack, focusedStack, openStackJson } from "./stack_focus";
import { createTabActions } from "./tab_actions";
import { createTabToolbar } from "./tab_toolbar";
import type { Palette } from "./theme";
import { createTooltip } from "./tooltip";

export interface GraphTab {
  stage: HTMLElement;
  side: HTMLElement;
  /** Show graph `key`; `views` are views of it already fetched (`GET start`). */
  show(key: GraphKey, state: ViewState, graphName: string, views?: Readonly<Record<string, ViewJson>>): void;
  clear(): void;
  setPalette(palette: Palette): void;
  /** The layout worker's stage label, for the progress indicator. */
  stageLabel(stage: LayoutStage): void;
  debug: GraphFoldDebug;
}

export function createGraphTab(
  api: GraphApi,
  layout: LayoutClient,
  reportError: (message: string | null) => void,
  overlayApi: OverlayApi = HTTP_OVERLAY_API,
): GraphTab {
  let session: GraphSession | null = null;
  let graphName = "";
  let palette: Palette | null = null;
  let focusStack: string | null = null;
  /** The next scene is framed whole (after an expansion), not kept in place. */
  let refit = false;
  /** The item to keep in place on screen across the next rebuild. */
  let anchors: { id: string; before: { x: number; y: number; width: number; height: number } } | null = null;
  const pending = new Set<Promise<unknown>>();

  const actions = createTabActions({
    session: () => session,
    scene: () => canvas.scene,
    state: current,
    change,
    expanding: async (depth, work) => {
      refit = true;
      try {
        await track(withProgress(work(), { kind: "expand", depth }));
      } finally {
        // A failed expansion draws nothing: the next scene keeps its place as usual.
        refit = false;
      }
    },
    revealing,
    selectAndShow: (id) => {
      select(id);
      canvas.reveal(id);
    },
  });
  const canvas = createGraphCanvas({
    select: (id) => select(id),
    toggle: (id) => void track(actions.toggle(id)).catch(failed),
    expand: (depth) => void track(actions.expand(depth)).catch(failed),
    stubClick: (port) => void track(actions.stubClick(port)),
    hover: (target, x, y) => tooltip.show(target, x, y),
    changed: () => {
      if (palette) minimap.update(canvas.scene, canvas.camera, canvas.size, palette);
    },
  });
  const minimap = createMinimap((x, y) => {
    const c = canvas.camera;
    canvas.setCamera({ ...c, x: canvas.size.width / 2 - x * c.scale, y: canvas.size.height / 2 - y * c.scale });
  });
  const progress = createProgressIndicator();
  const tooltip = createTooltip((id) => overlay.describe(id));
  const overlay = createOverlayController({ api: overlayApi, paint: (paint) => canvas.setOverlay(paint), track, drawnSparklines: () => canvas.counts.drawnSparklines });
  const wrap = h("div", { class: "gf-canvas-wrap" }, canvas.element, minimap.element, overlay.legend, progress.element, tooltip.element);
  const exportSource = (): ExportSource => ({ scene: canvas.scene, palette, key: session?.key ?? null, graphName, overlay: overlay.exported() });
  const toolbar = createTabToolbar({
    zoomBy: (factor) => canvas.zoomBy(factor),
    fit: () => canvas.fit(),
    expand: (depth) => void track(actions.expand(depth)).catch(failed),
    exportSvg: () => exportSvg(exportSource()),
    exportPng: () => exportPng(exportSource(), failed),
    crumb: (id) => {
      if (id === "m:") {
        canvas.fit();
        select(null);
      } else {
        select(id);
        canvas.reveal(id);
      }
    },
  });
  const stage = h("section", { class: "gf-stage" }, toolbar.element, overlay.bar, wrap, overlay.summaryPanel);

  const search = createSearchPanel({
    search: (pattern) => (session ? session.search(pattern) : Promise.reject(new Error("no graph is shown"))),
    choose: (hit) => void track(actions.reveal(() => session!.revealSteps(hit).then(() => hit))),
  });
  const stackPanel = createStackPanel({
    pick: (stack, member) => void track(actions.pickMember(stack.id, member)),
    unstack: (stack, on) => void track(actions.unstack(stack.id, on)).catch(failed),
  });
  const failed = (error: unknown) => reportError(error instanceof Error ? error.message : String(error));
  const details = createDetailsController({ session: () => session, follow: (target) => void track(actions.follow(target)), track, reportError: failed });
  const summary = createGraphSummaryBox({ session: () => session, track, reportError: failed, explainHidden: (text) => search.hint(text) });
  const side = h(
    "aside",
    { class: "gf-side" },
    h("div", { class: "gf-search" }, summary.hiddenLine, search.input, search.results),
    stackPanel.element,
    overlay.layerPanel,
    overlay.dynamicsLayerPanel,
    overlay.planPanel,
    overlay.comparePanel,
    details.element,
    summary.element,
  );

  if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => canvas.resize()).observe(wrap);
  else addEventListener("resize", () => canvas.resize());

  // -- state changes -----------------------------------------------------------------
  function current(): ViewState {
    return session?.state ?? EMPTY_STATE;
  }

  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    const done = () => pending.delete(work);
    work.then(done, done);
    return work;
  }

  function withProgress<T>(work: Promise<T>, label: ProgressLabel = { kind: "views" }): Promise<T> {
    return progress.around(work, label, () => session?.busy ?? false);
  }

  /** Rebuild the drawing for `state`, keeping item `anchor` where it is on screen. */
  function change(state: ViewState, anchor: string | null): Promise<void> {
    if (!session) return Promise.resolve();
    const item = anchor ? canvas.scene?.byId.get(anchor) : undefined;
    anchors = item ? { id: item.id, before: { x: item.x, y: item.y, width: item.width, height: item.height } } : null;
    if (anchor?.startsWith("s:")) focusStack = anchor;
    return track(withProgress(session.show(state, null)));
  }

  /** Run a reveal, then bring the selection into view; a node drawn nowhere gets its details shown. */
  async function revealing(reveal: () => Promise<LocateJson>): Promise<void> {
    if (!session) return;
    let located: LocateJson;
    try {
      located = await track(withProgress(reveal()));
    } catch (error) {
      failed(error);
      return;
    }
    const hidden = hiddenNodeOf(located);
    if (hidden) details.showHidden(hidden);
    const selection = session.state.selection;
    canvas.setSelection(selection);
    if (selection) canvas.reveal(selection);
    const item = selection ? canvas.scene?.byId.get(selection) : undefined;
    if (item) focusStack = enclosingStack(canvas.scene, item) ?? focusStack;
    panels();
  }

  function sceneShown(scene: Scene, state: ViewState, focus: string | null, replacesDraft = false): void {
    if (!canvas.scene) performance.mark?.("graphfold:first-scene");
    // The real layout after a draft, and the result of an expansion, are framed anew, as the first scene was.
    if (replacesDraft || refit) canvas.setScene(null);
    refit = false;
    reportError(null);
    canvas.setScene(scene, anchors);
    overlay.sceneShown(scene);
    anchors = null;
    if (state.selection !== null && !scene.byId.has(state.selection) && !scene.ports.some((p) => p.id === state.selection)) {
      session!.select(null);
    }
    canvas.setSelection(session!.state.selection);
    if (focus && scene.byId.has(focus)) canvas.reveal(focus);
    panels();
  }

  function select(id: string | null): void {
    if (!session) return;
    details.unpin();
    session.select(id);
    canvas.setSelection(id);
    const item = id ? canvas.scene?.byId.get(id) : undefined;
    const stack = item ? enclosingStack(canvas.scene, item) : null;
    if (stack) focusStack = stack;
    panels();
  }

  // -- panels ------------------------------------------------------------------------
  function panels(): void {
    const scene = canvas.scene;
    if (!session || !scene) return;
    const state = session.state;
    writeFragment(session.key, state);
    const selected = (state.selection ? scene.byId.get(state.selection) : undefined) ?? null;
    toolbar.breadcrumbs.show(crumbsFor(scene, selected ? selected.id : null, graphName));
    details.show(selected);
    overlay.selected(selected);
    focusStack = focusedStack(scene, focusStack, selected);
    const stack = openStackJson(scene, focusStack);
    stackPanel.show(stack, stack ? memberOf(state, stack.id) : "", stack ? state.unstacked.has(stack.id) : false);
  }

  // -- debug hooks -------------------------------------------------------------------
  const debug: GraphFoldDebug = {
    async idle() {
      for (;;) {
        while (pending.size) await Promise.allSettled([...pending]);
        await session?.settled();
        await canvas.drawn();
        if (!pending.size && !session?.busy && !actions.queue.size) return;
      }
    },
    items: () => debugItems(canvas.scene, canvas.camera),
    edges: () => debugEdges(canvas.scene, canvas.emphasis.ghosts),
    stats: () => ({
      ...canvas.counts,
      totalElements: totalElements(canvas.scene),
      lastFrameMs: canvas.lastFrameMs,
      layoutMs: session?.layoutMs ?? 0,
    }),
    selection: () => session?.state.selection ?? null,
    async toggle(id) {
      await track(actions.toggle(id));
      await debug.idle();
    },
    async expand(depth = null) {
      await track(actions.expand(depth));
      await debug.idle();
    },
    panZoom: (dx, dy, factor) => canvas.panZoom(dx, dy, factor),
    async unstack(id, on) {
      await track(actions.unstack(id, on));
      await debug.idle();
    },
    ...overlay.hooks,
  };

  return {
    stage,
    side,
    debug,
    show(key, state, name, views = {}) {
      session?.close();
      layout.clear();
      graphName = name;
      focusStack = null;
      refit = false;
      actions.reset();
      search.clear();
      details.unpin();
      canvas.setScene(null);
      const owner = new GraphSession(key, api, layout.layout, {
        scene: (scene, shownState, focus, replacesDraft) => session === owner && sceneShown(scene, shownState, focus, replacesDraft),
        error: (message) => session === owner && reportError(message),
      }, state, layout);
      owner.seedViews(views);
      session = owner;
      overlay.graphShown(key);
      summary.graphShown(owner);
      void track(withProgress(owner.show(state, state.selection)));
    },
    clear() {
      session?.close();
      session = null;
      canvas.setScene(null);
      overlay.clear();
      details.show(null);
      stackPanel.show(null, "", false);
    },
    setPalette(next) {
      palette = next;
      canvas.setPalette(next);
      overlay.setPalette(next);
    },
    stageLabel(stage) {
      progress.show({ kind: "layout", stage });
    },
  };
}

/** The deep link of `state` in the page's own URL (absolute: the iframe has a <base href>)
 * and in TensorBoard's address bar. */
function writeFragment(key: GraphKey, state: ViewState): void {
  const url = new URL(location.href);
  url.hash = encodeDeepLink(key, state);
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  writeHostFragment(url.hash);
}
