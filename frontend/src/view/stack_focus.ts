/**
 * Which opened stack the stack panel shows: the one holding the selection,
 * else the one focused last while it stays open, else the innermost open one.
 * Pure functions of the scene.
 */

import type { Scene, SceneItem } from "../scene";
import type { StackItemJson } from "../types";

/** The innermost open stack (or unstacked stack) holding `item`, the item itself included; null if none. */
export function enclosingStack(scene: Scene | null, item: SceneItem): string | null {
  for (let it: SceneItem | undefined = item; it; it = scene?.byId.get(it.parent)) {
    if (it.open && (it.openAs === "stack" || it.openAs === "unstacked")) return it.id;
  }
  return null;
}

/** The stack to focus now: `focus` while it is drawn open, else the selection's stack, else the innermost open stack. */
export function focusedStack(scene: Scene, focus: string | null, selected: SceneItem | null): string | null {
  const focused = focus ? scene.byId.get(focus) : undefined;
  if (focused?.open) return focus;
  return (selected && enclosingStack(scene, selected)) ?? [...scene.items].reverse().find((i) => i.open && isStack(i))?.id ?? null;
}

/** The stack JSON of open stack item `id`, or null when it is not an open stack. */
export function openStackJson(scene: Scene, id: string | null): StackItemJson | null {
  const item = id ? scene.byId.get(id) : undefined;
  return item?.open && isStack(item) ? (item.json as StackItemJson) : null;
}

function isStack(item: SceneItem): boolean {
  return Boolean(item.json && "type" in item.json && item.json.type === "stack");
}
