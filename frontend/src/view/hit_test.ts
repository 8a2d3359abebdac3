/**
 * What is under a point of the world: a stub, else the innermost item. Pure.
 */

import type { Scene, SceneItem, ScenePort } from "../scene";
import { contains } from "./camera";

export type Hit = { kind: "port"; port: ScenePort } | { kind: "item"; item: SceneItem } | null;

/** Stubs first (they sit on item borders), then items from the top of the drawing down. */
export function hitTest(scene: Scene, x: number, y: number, stubs = true): Hit {
  if (stubs) {
    for (let i = scene.ports.length - 1; i >= 0; i--) {
      const port = scene.ports[i]!;
      if (contains(port.hit, x, y)) return { kind: "port", port };
    }
  }
  const item = hitItem(scene, x, y);
  return item ? { kind: "item", item } : null;
}

/** The innermost item containing (x, y): items are stored parents first, so the last match wins. */
export function hitItem(scene: Scene, x: number, y: number): SceneItem | null {
  for (let i = scene.items.length - 1; i >= 0; i--) {
    const item = scene.items[i]!;
    if (contains(item, x, y)) return item;
  }
  return null;
}
