/**
 * The minimap: the whole drawing in miniature, with the viewport outlined;
 * click or drag on it to move there. Shown only when the drawing does not fit
 * the viewport. The miniature is painted once per scene and palette.
 */

import type { Rect, Scene } from "../scene";
import type { Camera } from "./camera";
import { visibleWorld } from "./camera";
import { h } from "./dom";
import type { Palette } from "./theme";

const WIDTH = 200;
const HEIGHT = 140;

export interface Minimap {
  element: HTMLCanvasElement;
  update(scene: Scene | null, camera: Camera, viewport: { width: number; height: number }, palette: Palette): void;
}

/** The transform that puts `bounds` whole into the minimap. */
export function minimapTransform(bounds: Rect): { scale: number; x: number; y: number } {
  const scale = Math.min((WIDTH - 8) / Math.max(1, bounds.width), (HEIGHT - 8) / Math.max(1, bounds.height));
  return {
    scale,
    x: (WIDTH - bounds.width * scale) / 2 - bounds.x * scale,
    y: (HEIGHT - bounds.height * scale) / 2 - bounds.y * scale,
  };
}

/** Whether the drawing spills out of the viewport, so a minimap helps. */
export function needsMinimap(scene: Scene, camera: Camera, viewport: { width: number; height: number }): boolean {
  const view = visibleWorld(camera, viewport.width, viewport.height);
  const b = scene.bounds;
  return b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.width || b.y + b.height > view.y + view.height;
}

export function createMinimap(moveTo: (worldX: number, worldY: number) => void): Minimap {
  const element = h("canvas", { class: "gf-minimap", "data-testid": "minimap", width: WIDTH, height: HEIGHT, "aria-label": "Minimap", hidden: true });
  const dpr = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
  element.width = WIDTH * dpr;
  element.height = HEIGHT * dpr;
  const ctx = /jsdom/i.test(globalThis.navigator?.userAgent ?? "") ? null : element.getContext("2d");
  let painted: { scene: Scene; palette: Palette; image: HTMLCanvasElement } | null = null;
  let current: Scene | null = null;

  function pointer(event: PointerEvent): void {
    if (!current) return;
    const rect = element.getBoundingClientRect();
    const t = minimapTransform(current.bounds);
    const sx = ((event.clientX - rect.left) / rect.width) * WIDTH;
    const sy = ((event.clientY - rect.top) / rect.height) * HEIGHT;
    moveTo((sx - t.x) / t.scale, (sy - t.y) / t.scale);
  }
  element.addEventListener("pointerdown", (event) => {
    element.setPointerCapture?.(event.pointerId);
    pointer(event);
  });
  element.addEventListener("pointermove", (event) => {
    if (event.buttons & 1) pointer(event);
  });

  function paint(scene: Scene, palette: Palette): HTMLCanvasElement {
    const image = document.createElement("canvas");
    image.width = WIDTH * dpr;
    image.height = HEIGHT * dpr;
    const g = image.getContext("2d");
    if (!g) return image;
    const t = minimapTransform(scene.bounds);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = palette.background;
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setTransform(dpr * t.scale, 0, 0, dpr * t.scale, dpr * t.x, dpr * t.y);
    const frames = new Path2D();
    const items = new Path2D();
    for (const item of scene.items) (item.open ? frames : items).rect(item.x, item.y, item.width, item.height);
    g.fillStyle = palette.frameHeader;
    g.fill(frames);
    g.fillStyle = palette.moduleStroke;
    g.fill(items);
    return image;
  }

  return {
    element,
    update(scene, camera, viewport, palette) {
      current = scene;
      const show = scene !== null && needsMinimap(scene, camera, viewport);
      element.hidden = !show;
      if (!show || !ctx || !scene) return;
      if (!painted || painted.scene !== scene || painted.palette !== palette) painted = { scene, palette, image: paint(scene, palette) };
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(painted.image, 0, 0);
      const t = minimapTransform(scene.bounds);
      const view = visibleWorld(camera, viewport.width, viewport.height);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.strokeStyle = palette.selection;
      ctx.lineWidth = 1.5;
      ctx.fillStyle = palette.dark ? "rgba(138, 180, 248, 0.12)" : "rgba(26, 115, 232, 0.08)";
      const r = { x: view.x * t.scale + t.x, y: view.y * t.scale + t.y, w: view.width * t.scale, h: view.height * t.scale };
      ctx.fillRect(r.x, r.y, r.w, r.h);
      ctx.strokeRect(r.x, r.y, r.w, r.h);
    },
  };
}
