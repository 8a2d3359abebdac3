/**
 * The graph tab: one graph's drawing with its panels. It owns the session
 * (view state, fetched views, layouts), feeds the canvas, the details, stack,
 * search and breadcrumb panels, writes the deep link, and answers the debug
 * hooks. The page (app.ts) tells it which graph to show.
 */

import { writeHostFragment } from "../host_link";
import { HTTP_OVERLAY_API } from "../api";
import type { GraphApi, GraphKey, OverlayApi } from "../api";
import { encodeDeepLink } from "../deep_link";
import type { LinkTarget } from "../details";
import { hiddenNodeOf } from "../hidden_nodes";
import type { LayoutClient } from "../layout_client";
import type { Scene, SceneItem, ScenePort } from "../scene";
import { GraphSession } from "../session";
import type { LocateJson, StackItemJson, ViewJson } from "../types";
import type { ViewState } from "../view_state";
import { memberOf, toggled, withMember, withMemberFollowed, withSelection, withUnstacked } from "../view_state";
import { createBreadcrumbs, crumbsFor } from "./breadcrumbs";
import { debugEdges, debugItems, totalElements } from "./debug_api";
import type { GraphFoldDebug } from "./debug_api";
import { createDetailsController } from "./details_controller";
import { h } from "./dom";
import { download, exportName, sceneToCanvas, sceneToSvg, svgMarkup } from "./export";
import { createGraphCanvas } from "./graph_canvas";
import { createGraphSummaryBox } from "./graph_summary_box";
import { createMinimap } from "./minimap";
import { createOverlayController } from "./overlay_controller";
import { createSearchPanel } from "./search_panel";
import { createStackPanel } from "./stack_panel";
import type { Palette } from "./theme";
import { createTooltip } from "./tooltip";

/** The progress indicator appears only for layouts that take longer than this. */
const PROGRESS_DELAY_MS = 150;

export interface GraphTab {
  stage: HTMLElement;
  side: HTMLElement;
  /** Show graph `key`; `views` are views of it already fetched (`GET start`). */
  show(key: GraphKey, state: ViewState, graphName: string, views?: Readonly<Record<string, ViewJson>>): void;
  clear(): void;
  setPalette(palette: Palette): void;
  /** The layout worker's stage label, for the progress indicator. */
  stageLabel(stage: string): void;
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
  const pending = new Set<Promise<unknown>>();
  const stubTurns = new Map<string, number>();

  const canvas = createGraphCanvas({
    select: (id) => select(id),
    toggle: (id) => void toggle(id),
    stubClick: (port) => void stubClick(port),
    hover: (target, x, y) => tooltip.show(target, x, y),
    changed: () => {
      if (palette) minimap.update(canvas.scene, canvas.camera, canvas.size, palette);
    },
  });
  const minimap = createMinimap((x, y) => {
    const c = canvas.camera;
    canvas.setCamera({ ...c, x: canvas.size.width / 2 - x * c.scale, y: canvas.size.height / 2 - y * c.scale });
  });
  const progress = h("div", { class: "gf-progress", "data-testid": "layout-progress", role: "status", hidden: true });
  const tooltip = createTooltip((id) => overlay.describe(id));
  const overlay = createOverlayController({ api: overlayApi, paint: (paint) => canvas.setOverlay(paint), track, drawnSparklines: () => canvas.counts.drawnSparklines });
  const wrap = h("div", { class: "gf-canvas-wrap" }, canvas.element, minimap.element, overlay.legend, progress, tooltip.element);
  const breadcrumbs = createBreadcrumbs((id) => {
    if (id === "m:") {
      canvas.fit();
      select(null);
    } else {
      select(id);
      canvas.reveal(id);
    }
  });
  const toolbar = h(
    "div",
    { class: "gf-toolbar" },
    breadcrumbs.element,
    h(
      "div",
      { class: "gf-tools" },
      tool("zoom-out", "−", "Zoom out (-)", () => canvas.zoomBy(0.8)),
      tool("zoom-in", "+", "Zoom in (+)", () => canvas.zoomBy(1.25)),
      tool("fit-button", "Fit", "Fit to screen (0)", () => canvas.fit()),
      tool("export-svg", "SVG", "Download the drawing as SVG", exportSvg),
      tool("export-png", "PNG", "Download the drawing as PNG", exportPng),
    ),
  );
  const stage = h("section", { class: "gf-stage" }, toolbar, overlay.bar, wrap, overlay.summaryPanel);

  const search = createSearchPanel({
    search: (pattern) => (session ? session.search(pattern) : Promise.reject(new Error("no graph is shown"))),
    choose: (hit) => void navigate(() => session!.revealSteps(hit).then(() => hit)),
  });
  const stackPanel = createStackPanel({
    pick: (stack, member) => void change(withMemberFollowed(current(), stack.id, member), stack.id),
    unstack: (stack, on) => void change(withUnstacked(current(), stack.id, on), stack.id),
  });
  const failed = (message: string) => reportError(message);
  const details = createDetailsController({ session: () => session, follow: (target) => void follow(target), track, reportError: failed });
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
    return session?.state ?? { open: new Set(), members: new Map(), unstacked: new Set(), selection: null };
  }

  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    const done = () => pending.delete(work);
    work.then(done, done);
    return work;
  }

  /** The item to keep in place on screen across the next rebuild. */
  let anchors: { id: string; before: { x: number; y: number; width: number; height: number } } | null = null;

  /** Rebuild the drawing for `state`, keeping item `anchor` where it is on screen. */
  function change(state: ViewState, anchor: string | null): Promise<void> {
    if (!session) return Promise.resolve();
    const item = anchor ? canvas.scene?.byId.get(anchor) : undefined;
    anchors = item ? { id: item.id, before: { x: item.x, y: item.y, width: item.width, height: item.height } } : null;
    if (anchor?.startsWith("s:")) focusStack = anchor;
    return track(withProgress(session.show(state, null)));
  }

  async function withProgress<T>(work: Promise<T>): Promise<T> {
    const timer = setTimeout(() => {
      progress.hidden = false;
      if (!progress.textContent) progress.textContent = "Loading module views…";
    }, PROGRESS_DELAY_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
      if (!session?.busy) {
        progress.hidden = true;
        progress.textContent = "";
      }
    }
  }

  function sceneShown(scene: Scene, state: ViewState, focus: string | null, replacesDraft = false): void {
    if (!canvas.scene) performance.mark?.("graphfold:first-scene");
    // The real layout after a draft is framed anew, as the first scene was.
    if (replacesDraft) canvas.setScene(null);
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
    const stack = item ? enclosingStack(item) : null;
    if (stack) focusStack = stack;
    panels();
  }

  async function toggle(id: string): Promise<void> {
    const scene = canvas.scene;
    if (!session || !scene) return;
    // A module opened through (the only child of an opened module) toggles the box it is drawn in.
    const item = scene.byId.get(id) ?? scene.items.find((i) => i.block?.node.chain.slice(1).some((v) => `m:${v.module.path}` === id));
    if (!item) throw new Error(`no item ${id} is drawn; drawn items: ${[...scene.byId.keys()].slice(0, 20).join(", ")}`);
    const parent = scene.byId.get(item.parent);
    if (parent?.openAs === "unstacked" && "type" in parent.json && parent.json.type === "stack") {
      // A member of an unstacked stack opens as the stack showing that member.
      const state = withSelection(withMember(current(), parent.id, id.slice(2)), parent.id);
      return change(state, parent.id);
    }
    if (item.type !== "module" && item.type !== "stack") return;
    const members = "type" in item.json && item.json.type === "stack" ? item.json.members : [];
    return change(withSelection(toggled(current(), item.id, members), item.id), item.id);
  }

  async function unstack(id: string, on: boolean): Promise<void> {
    const item = canvas.scene?.byId.get(id);
    if (!item || !("type" in item.json) || item.json.type !== "stack") throw new Error(`no stack ${id} is drawn`);
    return change(withUnstacked(current(), id, on), id);
  }

  /** Run a reveal, then bring the selection into view; a node drawn nowhere gets its details shown. */
  async function navigate(reveal: () => Promise<LocateJson>): Promise<void> {
    if (!session) return;
    let located: LocateJson;
    try {
      located = await track(withProgress(reveal()));
    } catch (error) {
      reportError(error instanceof Error ? error.message : String(error));
      return;
    }
    const hidden = hiddenNodeOf(located);
    if (hidden) details.showHidden(hidden);
    const selection = session.state.selection;
    canvas.setSelection(selection);
    if (selection) canvas.reveal(selection);
    const item = selection ? canvas.scene?.byId.get(selection) : undefined;
    if (item) focusStack = enclosingStack(item) ?? focusStack;
    panels();
  }

  function stubClick(port: ScenePort): void {
    if (!session) return;
    let name = port.json.node;
    if (port.direction === "out") {
      const consumers = [...new Set(port.json.edges.map((e) => e[2]))];
      const turn = stubTurns.get(port.id) ?? 0;
      stubTurns.set(port.id, turn + 1);
      name = consumers[turn % consumers.length] ?? name;
    }
    void navigate(() => session!.reveal(name));
  }

  async function follow(target: LinkTarget): Promise<void> {
    switch (target.kind) {
      case "node":
        return navigate(() => session!.reveal(target.name));
      case "item":
        select(target.id);
        canvas.reveal(target.id);
        return;
      case "member":
        return change(withSelection(withMember(current(), target.stack, target.member), target.stack), target.stack);
    }
  }

  // -- panels ------------------------------------------------------------------------
  function panels(): void {
    const scene = canvas.scene;
    if (!session || !scene) return;
    const state = session.state;
    writeFragment(session.key, state);
    const selected = state.selection ? scene.byId.get(state.selection) : undefined;
    breadcrumbs.show(crumbsFor(scene, selected ? selected.id : null, graphName));
    details.show(selected ?? null);
    overlay.selected(selected ?? null);
    const focused = focusStack ? scene.byId.get(focusStack) : undefined;
    if (!focused?.open) {
      // The stack holding the selection, else the innermost open one.
      focusStack = (selected && enclosingStack(selected)) ?? [...scene.items].reverse().find((i) => i.open && i.json && "type" in i.json && i.json.type === "stack")?.id ?? null;
    }
    const stackItem = focusStack ? scene.byId.get(focusStack) : undefined;
    const stack = stackItem?.open && "type" in stackItem.json && stackItem.json.type === "stack" ? (stackItem.json as StackItemJson) : null;
    stackPanel.show(stack, stack ? memberOf(state, stack.id) : "", stack ? state.unstacked.has(stack.id) : false);
  }

  function enclosingStack(item: SceneItem): string | null {
    for (let it: SceneItem | undefined = item; it; it = canvas.scene?.byId.get(it.parent)) {
      if (it.open && (it.openAs === "stack" || it.openAs === "unstacked")) return it.id;
    }
    return null;
  }

  // -- exports -----------------------------------------------------------------------
  function exportBase(): string[] {
    const key = session?.key;
    return key ? [graphName || key.tag, `step${key.step}`] : ["graph"];
  }

  function exportSvg(): void {
    if (!canvas.scene || !palette) return;
    const markup = svgMarkup(sceneToSvg(canvas.scene, palette));
    download(new Blob([markup], { type: "image/svg+xml" }), exportName(exportBase(), "svg"));
  }

  function exportPng(): void {
    if (!canvas.scene || !palette) return;
    try {
      sceneToCanvas(canvas.scene, palette).toBlob((blob) => {
        if (blob) download(blob, exportName(exportBase(), "png"));
        else reportError("The PNG export failed: the drawing is too large for one image; export SVG instead.");
      }, "image/png");
    } catch (error) {
      reportError(error instanceof Error ? error.message : String(error));
    }
  }

  // -- debug hooks -------------------------------------------------------------------
  const debug: GraphFoldDebug = {
    async idle() {
      for (;;) {
        while (pending.size) await Promise.allSettled([...pending]);
        await session?.settled();
        await canvas.drawn();
        if (!pending.size && !session?.busy) return;
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
      await toggle(id);
      await debug.idle();
    },
    panZoom: (dx, dy, factor) => canvas.panZoom(dx, dy, factor),
    async unstack(id, on) {
      await unstack(id, on);
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
      stubTurns.clear();
      search.clear();
      details.unpin();
      canvas.setScene(null);
      const owner = new GraphSession(key, api, layout.layout, {
        scene: (scene, shownState, focus, replacesDraft) => session === owner && sceneShown(scene, shownState, focus, replacesDraft),
        error: (message) => session === owner && reportError(message),
      }, state, layout.peek);
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
      progress.textContent = stage;
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

function tool(testid: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "gf-tool", "data-testid": testid, title, "aria-label": title }, text);
  b.addEventListener("click", onClick);
  return b;
}
