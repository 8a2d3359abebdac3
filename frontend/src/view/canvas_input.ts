/**
 * The canvas's input: pointer drags pan, the wheel zooms (shift pans
 * sideways), a click selects or follows a stub, a double-click opens or
 * closes, keys pan, zoom, fit, open the selection and expand (e, 1–9, c).
 * Hover is tracked for highlighting and the tooltip. It changes nothing
 * itself: it reads and sets the camera and calls `CanvasInputTarget`.
 */

import type { Scene, SceneItem, ScenePort } from "../scene";
import type { Camera } from "./camera";
import { panBy, toWorld, zoomAt } from "./camera";
import { expandKey } from "./expand_controls";
import { hitTest } from "./hit_test";
import type { Hit } from "./hit_test";

export type HoverTarget = { item: SceneItem } | { port: ScenePort } | null;

/** What the input acts on: the canvas's camera and scene, and the tab's handlers. */
export interface CanvasInputTarget {
  readonly scene: Scene | null;
  readonly selection: string | null;
  readonly size: { width: number; height: number };
  camera: Camera;
  /** The camera changed, or anything else that needs a new frame. */
  redraw(): void;
  zoomBy(factor: number): void;
  fit(): void;
  /** The hovered item or stub changed (null: nothing). */
  hoverChanged(target: HoverTarget): void;
  select(id: string | null): void;
  toggle(id: string): void;
  expand(depth: number | null): void;
  stubClick(port: ScenePort): void;
  hover(target: HoverTarget, clientX: number, clientY: number): void;
}

const CLICK_SLOP = 4;
const KEY_PAN = 60;

export interface CanvasInput {
  /** Forget the hovered target without reporting it (the scene was replaced). */
  forgetHover(): void;
}

export function attachCanvasInput(element: HTMLCanvasElement, target: CanvasInputTarget): CanvasInput {
  let press: { x: number; y: number; camera: Camera; dragged: boolean; id: number } | null = null;
  let hover: HoverTarget = null;

  function hitAt(clientX: number, clientY: number): Hit {
    if (!target.scene) return null;
    const rect = element.getBoundingClientRect();
    const world = toWorld(target.camera, clientX - rect.left, clientY - rect.top);
    return hitTest(target.scene, world.x, world.y, target.camera.scale >= 0.3);
  }

  function setHover(next: HoverTarget): void {
    const key = (t: HoverTarget) => (t === null ? "" : "port" in t ? `p${t.port.id}` : `i${t.item.id}`);
    if (key(next) === key(hover)) return;
    hover = next;
    target.hoverChanged(hover);
  }

  element.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    element.focus({ preventScroll: true });
    press = { x: event.clientX, y: event.clientY, camera: target.camera, dragged: false, id: event.pointerId };
    target.hover(null, 0, 0);
    element.setPointerCapture?.(event.pointerId);
  });
  element.addEventListener("pointermove", (event) => {
    if (press && press.id === event.pointerId) {
      const dx = event.clientX - press.x;
      const dy = event.clientY - press.y;
      if (!press.dragged && Math.hypot(dx, dy) > CLICK_SLOP) {
        press.dragged = true;
        element.classList.add("gf-dragging");
      }
      if (press.dragged) {
        target.camera = panBy(press.camera, dx, dy);
        target.redraw();
      }
      return;
    }
    const hit = hitAt(event.clientX, event.clientY);
    setHover(hit?.kind === "port" ? { port: hit.port } : hit?.kind === "item" ? { item: hit.item } : null);
    element.style.cursor = hit?.kind === "port" ? "pointer" : "";
    target.hover(hover, event.clientX, event.clientY);
  });
  element.addEventListener("pointerup", (event) => {
    if (!press || press.id !== event.pointerId) return;
    const wasDrag = press.dragged;
    press = null;
    element.classList.remove("gf-dragging");
    if (wasDrag) return;
    const hit = hitAt(event.clientX, event.clientY);
    if (hit?.kind === "port") target.stubClick(hit.port);
    else target.select(hit?.kind === "item" && hit.item.type !== "boundary" ? hit.item.id : null);
  });
  element.addEventListener("pointercancel", () => {
    press = null;
    element.classList.remove("gf-dragging");
  });
  element.addEventListener("pointerleave", () => {
    if (!press && hover) {
      setHover(null);
      target.hover(null, 0, 0);
    }
  });
  element.addEventListener("dblclick", (event) => {
    const hit = hitAt(event.clientX, event.clientY);
    if (hit?.kind === "item" && (hit.item.type === "module" || hit.item.type === "stack")) {
      event.preventDefault();
      target.toggle(hit.item.id);
    }
  });
  element.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? target.size.height : 1;
      const delta = event.deltaY * unit;
      if (event.shiftKey && !event.ctrlKey) {
        target.camera = panBy(target.camera, -delta, 0);
      } else {
        const factor = Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015));
        target.camera = zoomAt(target.camera, factor, event.clientX - rect.left, event.clientY - rect.top);
      }
      target.redraw();
    },
    { passive: false },
  );
  element.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (keyAction(event.key, target)) event.preventDefault();
  });

  return {
    forgetHover() {
      hover = null;
    },
  };
}

/** Do what key `key` does; false for keys the canvas leaves alone. */
export function keyAction(key: string, target: CanvasInputTarget): boolean {
  const depth = expandKey(key);
  if (depth !== undefined) {
    target.expand(depth);
    return true;
  }
  switch (key) {
    case "Enter":
    case " ": {
      const selected = target.selection ? target.scene?.byId.get(target.selection) : undefined;
      if (selected && (selected.type === "module" || selected.type === "stack")) target.toggle(selected.id);
      return true;
    }
    case "Escape":
      target.select(null);
      return true;
    case "+":
    case "=":
      target.zoomBy(1.25);
      return true;
    case "-":
    case "_":
      target.zoomBy(0.8);
      return true;
    case "0":
    case "f":
      target.fit();
      return true;
    case "ArrowLeft":
      return pan(target, KEY_PAN, 0);
    case "ArrowRight":
      return pan(target, -KEY_PAN, 0);
    case "ArrowUp":
      return pan(target, 0, KEY_PAN);
    case "ArrowDown":
      return pan(target, 0, -KEY_PAN);
    default:
      return false;
  }
}

function pan(target: CanvasInputTarget, dx: number, dy: number): true {
  target.camera = panBy(target.camera, dx, dy);
  target.redraw();
  return true;
}
