/**
 * What the user (or `window.__graphfold`) does to the drawing: open and
 * close items, unstack, pick a member, expand to a depth, follow a link,
 * reveal a node. Each action runs in one queue (action_queue.ts): it starts
 * from the scene the action before it drew, and its promise resolves when its
 * own result is drawn, so actions asked for in quick succession all happen.
 */

import { createActionQueue } from "../action_queue";
import type { ActionQueue } from "../action_queue";
import type { LinkTarget } from "../details";
import type { Scene, ScenePort } from "../scene";
import type { GraphSession } from "../session";
import type { LocateJson } from "../types";
import type { ViewState } from "../view_state";
import { toggled, withMember, withMemberFollowed, withSelection, withUnstacked } from "../view_state";

export interface TabActionsContext {
  session(): GraphSession | null;
  scene(): Scene | null;
  /** The shown state (an empty one before any graph). */
  state(): ViewState;
  /** Rebuild for `state`, keeping item `anchor` in place on screen; resolves when drawn. */
  change(state: ViewState, anchor: string | null): Promise<void>;
  /** Run a whole-tree expansion (`session.expand`) with its progress shown, the result framed anew. */
  expanding(depth: number | null, work: () => Promise<void>): Promise<void>;
  /** Run a reveal with its progress shown, then bring what it located into view. */
  revealing(reveal: () => Promise<LocateJson>): Promise<void>;
  /** Select item `id` and bring it into view. */
  selectAndShow(id: string): void;
}

export interface TabActions {
  toggle(id: string): Promise<void>;
  unstack(id: string, on: boolean): Promise<void>;
  /** Everything down to `depth` (null: all; 0: close everything), stacks on their representative. */
  expand(depth: number | null): Promise<void>;
  pickMember(stack: string, member: string): Promise<void>;
  follow(target: LinkTarget): Promise<void>;
  reveal(reveal: () => Promise<LocateJson>): Promise<void>;
  /** A click on a port stub: reveal its node, or (an output stub) its consumers in turn. */
  stubClick(port: ScenePort): Promise<void>;
  /** Forget per-graph memory (which consumer a stub showed last). */
  reset(): void;
  readonly queue: ActionQueue;
}

export function createTabActions(ctx: TabActionsContext): TabActions {
  const queue = createActionQueue();
  const stubTurns = new Map<string, number>();

  /** The drawn item `id`, or the box a module opened through is drawn in. */
  function drawnItem(scene: Scene, id: string) {
    const item = scene.byId.get(id) ?? scene.items.find((i) => i.block?.node.chain.slice(1).some((v) => `m:${v.module.path}` === id));
    if (!item) throw new Error(`no item ${id} is drawn; drawn items: ${[...scene.byId.keys()].slice(0, 20).join(", ")}`);
    return item;
  }

  function toggleNow(id: string): Promise<void> {
    const scene = ctx.scene();
    if (!ctx.session() || !scene) return Promise.resolve();
    const item = drawnItem(scene, id);
    const parent = scene.byId.get(item.parent);
    if (parent?.openAs === "unstacked" && "type" in parent.json && parent.json.type === "stack") {
      // A member of an unstacked stack opens as the stack showing that member.
      return ctx.change(withSelection(withMember(ctx.state(), parent.id, id.slice(2)), parent.id), parent.id);
    }
    if (item.type !== "module" && item.type !== "stack") return Promise.resolve();
    const members = "type" in item.json && item.json.type === "stack" ? item.json.members : [];
    return ctx.change(withSelection(toggled(ctx.state(), item.id, members), item.id), item.id);
  }

  function unstackNow(id: string, on: boolean): Promise<void> {
    const item = ctx.scene()?.byId.get(id);
    if (!item || !("type" in item.json) || item.json.type !== "stack") throw new Error(`no stack ${id} is drawn`);
    return ctx.change(withUnstacked(ctx.state(), id, on), id);
  }

  function followNow(target: LinkTarget): Promise<void> {
    const session = ctx.session();
    switch (target.kind) {
      case "node":
        return session ? ctx.revealing(() => session.reveal(target.name)) : Promise.resolve();
      case "item":
        ctx.selectAndShow(target.id);
        return Promise.resolve();
      case "member":
        return ctx.change(withSelection(withMember(ctx.state(), target.stack, target.member), target.stack), target.stack);
    }
  }

  function stubNode(port: ScenePort): string {
    if (port.direction !== "out") return port.json.node;
    const consumers = [...new Set(port.json.edges.map((e) => e[2]))];
    const turn = stubTurns.get(port.id) ?? 0;
    stubTurns.set(port.id, turn + 1);
    return consumers[turn % consumers.length] ?? port.json.node;
  }

  return {
    queue,
    toggle: (id) => queue.run(() => toggleNow(id)),
    unstack: (id, on) => queue.run(() => unstackNow(id, on)),
    expand(depth) {
      return queue.run(() => {
        const session = ctx.session();
        return session ? ctx.expanding(depth, () => session.expand(depth)) : undefined;
      });
    },
    pickMember: (stack, member) => queue.run(() => ctx.change(withMemberFollowed(ctx.state(), stack, member), stack)),
    follow: (target) => queue.run(() => followNow(target)),
    reveal: (reveal) => queue.run(() => ctx.revealing(reveal)),
    stubClick(port) {
      return queue.run(() => {
        const session = ctx.session();
        if (!session) return;
        const name = stubNode(port);
        return ctx.revealing(() => session.reveal(name));
      });
    },
    reset() {
      stubTurns.clear();
    },
  };
}
