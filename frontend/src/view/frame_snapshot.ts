/**
 * Pan and zoom over a large drawing at the screen's frame rate: while the
 * camera moves, a frame is the last full frame's pixels moved and scaled to
 * the new camera (one image copy), and the full drawing follows once the
 * camera has held still for SETTLE_MS. Rasterising ten thousand paths is what
 * costs a frame without a GPU, not issuing them; copying one image is cheap.
 * Only drawings of at least SNAPSHOT_MIN_ELEMENTS use it; anything but the
 * camera changing (scene, selection, hover, overlay, palette, size) makes the
 * kept frame stale and the next frame a full one.
 */

import type { Camera } from "./camera";

/** A full frame that drew fewer elements than this is drawn in full on every frame. */
export const SNAPSHOT_MIN_ELEMENTS = 2000;
/** How long the camera holds still before the full drawing replaces the moved snapshot. */
export const SETTLE_MS = 120;

/** The transform from screen points under camera `from` to screen points under camera `to`: x' = k·x + dx. */
export function movedTransform(from: Camera, to: Camera): { k: number; dx: number; dy: number } {
  const k = to.scale / from.scale;
  return { k, dx: to.x - from.x * k, dy: to.y - from.y * k };
}

export interface FrameSnapshot {
  /** Keep `source`'s pixels, drawn with `camera` for content `version`. */
  keep(source: HTMLCanvasElement, camera: Camera, version: number): void;
  /** Draw the kept pixels moved to `camera` on `ctx`; false (nothing drawn) when none is kept for `version`. */
  drawMoved(ctx: CanvasRenderingContext2D, camera: Camera, version: number, dpr: number, background: string): boolean;
  forget(): void;
}

export function createFrameSnapshot(): FrameSnapshot {
  let canvas: HTMLCanvasElement | null = null;
  let kept: { camera: Camera; version: number } | null = null;
  return {
    keep(source, camera, version) {
      canvas ??= document.createElement("canvas");
      if (canvas.width !== source.width || canvas.height !== source.height) {
        canvas.width = source.width;
        canvas.height = source.height;
      }
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(source, 0, 0);
      kept = { camera, version };
    },
    drawMoved(ctx, camera, version, dpr, background) {
      if (!canvas || !kept || kept.version !== version) return false;
      const { k, dx, dy } = movedTransform(kept.camera, camera);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.setTransform(k, 0, 0, k, dx * dpr, dy * dpr);
      ctx.drawImage(canvas, 0, 0);
      return true;
    },
    forget() {
      kept = null;
    },
  };
}
