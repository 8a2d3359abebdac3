/**
 * What a hovered stub lights up: the stubs of the same tensor elsewhere in the
 * drawing, the items at the other ends of its pruned edges (the operator when
 * drawn, else the innermost drawn module holding it), and connectors to them.
 * Pure.
 */

import type { Scene, SceneItem, ScenePort } from "../scene";
import { isDescendant } from "../view_state";
import type { Ghost } from "./renderer";

export interface StubEmphasis {
  ports: Set<string>;
  items: Set<string>;
  ghosts: Ghost[];
}

export function stubEmphasis(scene: Scene, stub: ScenePort): StubEmphasis {
  const { node, output } = stub.json;
  const same = scene.ports.filter((p) => p.json.node === node && p.json.output === output);
  const ports = new Set(same.map((p) => p.id));
  const ghosts: Ghost[] = [];
  const counterparts = same.filter((p) => p.direction !== stub.direction);
  for (const other of counterparts) {
    const [from, to] = stub.direction === "out" ? [stub, other] : [other, stub];
    ghosts.push({ id: `g:${from.id}->${to.id}`, from: { x: from.x, y: from.y }, to: { x: to.x, y: to.y } });
  }
  const items = new Set<string>();
  const withStub = new Set(same.map((p) => p.item));
  for (const item of otherEnds(scene, stub)) {
    items.add(item.id);
    if (withStub.has(item.id) || item.id === stub.item) continue;
    const y = stub.direction === "out" ? item.y : item.y + item.height - item.pile;
    const at = { x: item.x + (item.width - item.pile) / 2, y };
    ghosts.push(stub.direction === "out"
      ? { id: `g:${stub.id}->${item.id}`, from: { x: stub.x, y: stub.y }, to: at }
      : { id: `g:${item.id}->${stub.id}`, from: at, to: { x: stub.x, y: stub.y } });
  }
  return { ports, items, ghosts };
}

/** The drawn items holding the other ends of the stub's edges. */
export function otherEnds(scene: Scene, stub: ScenePort): SceneItem[] {
  const names = stub.direction === "in" ? [stub.json.node] : stub.json.edges.map((e) => e[2]);
  const found = new Map<string, SceneItem>();
  const unresolved: string[] = [];
  for (const name of new Set(names)) {
    const item = scene.byId.get(`n:${name}`);
    if (item) found.set(item.id, item);
    else unresolved.push(name);
  }
  if (unresolved.length) {
    for (const peer of stub.json.peers) {
      const holder = innermostHolder(scene, peer);
      if (holder && holder.id !== stub.item) found.set(holder.id, holder);
    }
  }
  return [...found.values()];
}

/** The innermost drawn module or stack whose module (or one of whose members) is `path` or holds it. */
export function innermostHolder(scene: Scene, path: string): SceneItem | null {
  let best: SceneItem | null = null;
  for (const item of scene.items) {
    const json = item.json;
    const paths = "type" in json && json.type === "module" ? [json.path] : "type" in json && json.type === "stack" ? json.members : [];
    if (paths.some((p) => p === path || isDescendant(path, p)) && (!best || item.depth >= best.depth)) best = item;
  }
  return best;
}
