/**
 * One graph on screen: its view state, the views fetched for it, and the
 * scene rebuilt from them whenever the state changes (fetch what is opened,
 * lay out what changed, compose). Rebuilds run one after another; a state set
 * while one waits for its layouts is built at once (the layouts already asked
 * for still run and stay cached), and only the newest scene is shown.
 *
 * Only what the drawing needs is fetched before the first scene: views may be
 * handed over already fetched (`GET start`, see seedViews), the stats wait
 * until the first scene is drawn, and a node's details are fetched when it is
 * selected, never the whole graph.
 *
 * A draft (draft_layout.ts) is drawn first, and the real layout replaces it
 * when the worker is done, in three cases: a view with thousands of direct
 * children (ELK takes seconds over it) or a drawing of many opened views at
 * once (an expansion: one ELK run per view that is not a chain, one after
 * another; layout_client.ts lays chains out at once) whose layout
 * is not ready soon, and any drawing asked for before ELK has started in the
 * worker (its start-up is most of a first drawing's time) whose layout is
 * not kept in the browser's cache. The canvas is never blank while ELK
 * works; overlays and the selection are applied to each scene as it is shown.
 */

import type { GraphApi, GraphKey } from "./api";
import { DRAFT_MIN_NODES, draftLayout } from "./draft_layout";
import { contentView, expandTree } from "./expansion";
import type { Expanded } from "./expansion";
import type { LayoutInput, LayoutResult } from "./protocol";
import { layoutTree } from "./layout_tree";
import type { LayoutFn } from "./layout_tree";
import { composeScene } from "./scene";
import type { Scene } from "./scene";
import type { GraphJson, LocateJson, NodeDetailsJson, SearchJson, StatsJson, ViewJson } from "./types";
import { EMPTY_STATE, opened, revealFocus, revealed, withOnlyOpen } from "./view_state";
import type { ViewState } from "./view_state";

export interface SessionListener {
  /** A new scene for `state`; `focus` is an item to bring into view; `replacesDraft`: the scene before it was a draft. */
  scene(scene: Scene, state: ViewState, focus: string | null, replacesDraft: boolean): void;
  /** A rebuild failed; the previous scene stays. */
  error(message: string): void;
}

/** How long a large view's real layout may take before its draft is drawn. */
export const DRAFT_AFTER_MS = 120;
/**
 * Before ELK has started, how long a layout may take before a draft is drawn:
 * enough for one kept in the browser's cache (IndexedDB) to arrive, so a
 * revisit draws the real layout directly.
 */
export const COLD_DRAFT_AFTER_MS = 40;

/** Where drafts come from: finished layouts (layout_client.ts: peek), and whether ELK has started. */
export interface DraftSource {
  peek(input: LayoutInput): LayoutResult | undefined;
  readonly ready: boolean;
}

/** A drawing of at least this many opened views (an expansion) gets a draft when its layouts are not ready soon. */
export const DRAFT_MIN_VIEWS = 16;

/** How many views the tree draws: its own and every opened child's, nested. */
export function viewCount(node: Expanded): number {
  let count = 1;
  for (const child of node.children.values()) count += viewCount(child);
  return count;
}

/** Whether any view the tree draws has so many children that ELK takes seconds over it. */
export function hasLargeView(node: Expanded): boolean {
  return contentView(node).children.length >= DRAFT_MIN_NODES || [...node.children.values()].some(hasLargeView);
}

export class GraphSession {
  state: ViewState;
  scene: Scene | null = null;
  /** Milliseconds the last rebuild spent waiting for layouts. */
  layoutMs = 0;
  private views = new Map<string, Promise<ViewJson>>();
  private graphJson: Promise<GraphJson> | null = null;
  private statsJson: Promise<StatsJson> | null = null;
  private nodes = new Map<string, Promise<NodeDetailsJson>>();
  /** Node details that have arrived, by name (see node()). */
  readonly loadedNodes = new Map<string, NodeDetailsJson>();
  /** Resolves when the first scene has been handed to the listener (or the session closed). */
  readonly firstScene: Promise<void>;
  private markFirstScene!: () => void;
  private wanted: { state: ViewState; focus: string | null } | null = null;
  private running: Promise<void> | null = null;
  private closedFlag = false;
  /** The scene shown last is a draft, to be replaced by the real layout. */
  private draftShown = false;
  /** Ends the wait of the rebuild in progress (see superseded()): a newer state is wanted, or the session closed. */
  private wake: (() => void) | null = null;
  /** Until the first rebuild: open what the root view suggests (`open`) if nothing else is open. */
  private autoOpen = true;

  constructor(
    readonly key: GraphKey,
    private readonly api: GraphApi,
    private readonly layout: LayoutFn,
    private readonly listener: SessionListener,
    initial: ViewState = EMPTY_STATE,
    /** With it, large views and drawings before ELK has started get a draft first (null: never). */
    private readonly drafts: DraftSource | null = null,
  ) {
    this.state = initial;
    this.firstScene = new Promise((resolve) => (this.markFirstScene = resolve));
  }

  /** Views already fetched for this graph (`GET start`): used instead of asking for them again. */
  seedViews(views: Readonly<Record<string, ViewJson>>): void {
    for (const [path, view] of Object.entries(views)) if (!this.views.has(path)) this.views.set(path, Promise.resolve(view));
  }

  /** Show `state`; resolves when it (or a newer state) is drawn. */
  show(state: ViewState, focus: string | null = null): Promise<void> {
    this.wanted = { state, focus };
    this.wake?.();
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Open every module and stack down to `depth` (null: all; 0 closes
   * everything), stacks on their representative: one request (`GET expand`)
   * brings every view, then one rebuild lays the whole tree out.
   * Resolves when drawn.
   */
  async expand(depth: number | null): Promise<void> {
    if (depth !== null && (!Number.isInteger(depth) || depth < 0)) throw new Error(`expand depth must be a whole number ≥ 0 or null (all), got ${depth}`);
    if (depth === 0) return this.show(withOnlyOpen(this.state, []));
    const expanded = await this.api.expand(this.key, depth);
    this.seedViews(expanded.views);
    return this.show(withOnlyOpen(this.state, expanded.open));
  }

  /** Only the selection changed: no refetch, no relayout. */
  select(selection: string | null): void {
    this.state = { ...this.state, selection };
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves when no rebuild is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closedFlag = true;
    this.wake?.();
    this.markFirstScene();
  }

  view(path: string): Promise<ViewJson> {
    let view = this.views.get(path);
    if (!view) {
      view = this.api.view(this.key, path);
      this.views.set(path, view);
      view.catch(() => this.views.delete(path));
    }
    return view;
  }

  /** The whole graph, fetched once, when first asked for: for summaries and scripts, not for one node's details. */
  graph(): Promise<GraphJson> {
    if (!this.graphJson) {
      this.graphJson = this.api.graph(this.key);
      this.graphJson.catch(() => (this.graphJson = null));
    }
    return this.graphJson;
  }

  /** Node `name`'s details (`GET node`: attributes, input tensors, consumers), fetched once each. */
  node(name: string): Promise<NodeDetailsJson> {
    let node = this.nodes.get(name);
    if (!node) {
      node = this.api.node(this.key, name);
      this.nodes.set(name, node);
      node.then(
        (details) => this.loadedNodes.set(name, details),
        () => this.nodes.delete(name),
      );
    }
    return node;
  }

  search(pattern: string): Promise<SearchJson> {
    return this.api.search(this.key, pattern);
  }

  /** The simplification stats, fetched once, when first asked for, but not before the first scene is drawn. */
  stats(): Promise<StatsJson> {
    if (!this.statsJson) {
      // Before the first scene, the stats would compete with it for the server.
      this.statsJson = this.firstScene.then(() => this.api.stats(this.key));
      this.statsJson.catch(() => (this.statsJson = null));
    }
    return this.statsJson;
  }

  /**
   * Open everything down to node `name` and select it (or the operator it is
   * embedded in); a node drawn nowhere gets its module opened and brought into view.
   */
  async reveal(name: string): Promise<LocateJson> {
    const located = await this.api.locate(this.key, name);
    await this.revealSteps(located);
    return located;
  }

  revealSteps(located: Pick<LocateJson, "reveal">): Promise<void> {
    return this.show(revealed(this.state, located.reveal), revealFocus(located.reveal));
  }

  private showScene(scene: Scene, state: ViewState, focus: string | null, draft = false): void {
    const replacesDraft = this.draftShown;
    this.draftShown = draft;
    performance.mark?.("graphfold:scene", { detail: { draft } });
    this.scene = scene;
    this.state = state;
    this.listener.scene(scene, state, focus, replacesDraft);
    this.markFirstScene();
  }

  /** Resolves when show() or close() is called next; a rebuild stops waiting for its layouts then. */
  private superseded(): Promise<typeof SUPERSEDED> {
    return new Promise((resolve) => (this.wake = () => resolve(SUPERSEDED)));
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.closedFlag) {
      let { state } = this.wanted;
      const { focus } = this.wanted;
      this.wanted = null;
      try {
        if (this.autoOpen) {
          this.autoOpen = false;
          if (state.open.size === 0) state = (await this.view("")).open?.reduce((s, id) => opened(s, id), state) ?? state;
        }
        const tree = await expandTree(state, (path) => this.view(path));
        const start = performance.now();
        const final = layoutTree(tree, this.layout);
        final.catch(() => {}); // awaited below, unless a newer state replaces this one first
        const drafts = this.drafts;
        const cold = drafts !== null && !drafts.ready;
        const slow = hasLargeView(tree) || viewCount(tree) >= DRAFT_MIN_VIEWS;
        if (drafts && (cold || slow) && !(await settlesWithin(final, cold ? COLD_DRAFT_AFTER_MS : DRAFT_AFTER_MS))) {
          const draft = await layoutTree(tree, async (input) => drafts.peek(input) ?? draftLayout(input));
          if (this.closedFlag || this.wanted) continue;
          this.showScene(composeScene(draft), state, focus, true);
        }
        if (this.closedFlag || this.wanted) continue;
        const block = await Promise.race([final, this.superseded()]);
        this.wake = null;
        if (block === SUPERSEDED || this.closedFlag || this.wanted) continue;
        this.layoutMs = performance.now() - start;
        this.showScene(composeScene(block), state, focus);
      } catch (error) {
        if (this.closedFlag) return;
        this.markFirstScene();
        this.listener.error(error instanceof Error ? error.message : String(error));
      }
    }
  }
}

const SUPERSEDED = Symbol("superseded");

/** Whether `work` settles (either way) within `ms`. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}
