/**
 * Pan and zoom: screen = world × scale + offset, in CSS pixels. Pure.
 */

import type { Rect } from "../scene";

export interface Camera {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.002;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zoom by `factor` keeping the world point under screen point (sx, sy) in place. */
export function zoomAt(camera: Camera, factor: number, sx: number, sy: number): Camera {
  const scale = clampScale(camera.scale * factor);
  const k = scale / camera.scale;
  return { scale, x: sx - (sx - camera.x) * k, y: sy - (sy - camera.y) * k };
}

export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { ...camera, x: camera.x + dx, y: camera.y + dy };
}

/** The camera that shows `rect` whole and centred in a `width` × `height` viewport, never above `maxScale`. */
export function fitRect(rect: Rect, width: number, height: number, margin = 24, maxScale = 1): Camera {
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, height - 2 * margin);
  const scale = clampScale(Math.min(maxScale, w / Math.max(1, rect.width), h / Math.max(1, rect.height)));
  return {
    scale,
    x: width / 2 - (rect.x + rect.width / 2) * scale,
    y: height / 2 - (rect.y + rect.height / 2) * scale,
  };
}

/** The world rectangle a `width` × `height` viewport shows. */
export function visibleWorld(camera: Camera, width: number, height: number): Rect {
  return { x: -camera.x / camera.scale, y: -camera.y / camera.scale, width: width / camera.scale, height: height / camera.scale };
}

export function toScreen(camera: Camera, rect: Rect): Rect {
  return {
    x: rect.x * camera.scale + camera.x,
    y: rect.y * camera.scale + camera.y,
    width: rect.width * camera.scale,
    height: rect.height * camera.scale,
  };
}

export function toWorld(camera: Camera, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - camera.x) / camera.scale, y: (sy - camera.y) / camera.scale };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

export function contains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x <= rect.x + rect.width && y >= rect.y && y <= rect.y + rect.height;
}
