/**
 * The graph canvas: owns the scene, camera, selection, hover emphasis and
 * overlay paint, and redraws on the next animation frame only when something
 * changed (frame_scheduler.ts). Pointer, wheel and keyboard input is
 * canvas_input.ts's, which moves the camera and calls `CanvasHandlers`.
 */

import type { Rect, Scene, SceneItem, ScenePort } from "../scene";
import type { Camera } from "./camera";
import { fitRect, panBy, toScreen, zoomAt } from "./camera";
import { attachCanvasInput } from "./canvas_input";
import type { HoverTarget } from "./canvas_input";
import { h } from "./dom";
import { createFrameScheduler } from "./frame_scheduler";
import { SETTLE_MS, SNAPSHOT_MIN_ELEMENTS, createFrameSnapshot } from "./frame_snapshot";
import { NO_EMPHASIS, drawScene } from "./renderer";
import type { Emphasis, FrameCounts, OverlayPaint } from "./renderer";
import { stubEmphasis } from "./stub_highlight";
import { LIGHT } from "./theme";
import type { Palette } from "./theme";

export interface CanvasHandlers {
  select(id: string | null): void;
  toggle(id: string): void;
  /** Open everything down to `depth` (null: all; 0: close everything): keys e, 1–9, c. */
  expand(depth: number | null): void;
  stubClick(port: ScenePort): void;
  hover(target: HoverTarget, clientX: number, clientY: number): void;
  /** The camera or the drawing changed (minimap, breadcrumbs). */
  changed(): void;
}

export interface GraphCanvas {
  element: HTMLCanvasElement;
  readonly scene: Scene | null;
  readonly camera: Camera;
  readonly size: { width: number; height: number };
  readonly counts: FrameCounts;
  readonly lastFrameMs: number;
  readonly emphasis: Emphasis;
  setScene(scene: Scene | null, anchor?: { id: string; before: Rect } | null): void;
  setSelection(id: string | null): void;
  setPalette(palette: Palette): void;
  /** Colour items by the overlay (null: the usual colours). */
  setOverlay(overlay: OverlayPaint | null): void;
  setCamera(camera: Camera): void;
  fit(): void;
  /** Bring item `id` into view at a readable zoom. */
  reveal(id: string): void;
  zoomBy(factor: number): void;
  panZoom(dx: number, dy: number, factor: number): void;
  /** Resolves after the next frame is drawn (at once when nothing is waiting to be drawn). */
  drawn(): Promise<void>;
  resize(): void;
}

export function createGraphCanvas(handlers: CanvasHandlers): GraphCanvas {
  const element = h("canvas", { class: "gf-canvas", "data-testid": "graph-canvas", tabindex: 0, "aria-label": "Model graph" });
  const ctx = getContext(element);
  let scene: Scene | null = null;
  let camera: Camera = { scale: 1, x: 0, y: 0 };
  let size = { width: 0, height: 0 };
  let palette = LIGHT;
  let selection: string | null = null;
  let hover: HoverTarget = null;
  let emphasis: Emphasis = NO_EMPHASIS;
  let overlay: OverlayPaint | null = null;
  let counts: FrameCounts = { drawnNodes: 0, drawnEdges: 0, drawnPorts: 0, drawnSparklines: 0 };
  let lastFrameMs = 0;
  const frames = createFrameScheduler(draw);
  /** Bumped by every change but the camera's: a kept frame of an older version is stale. */
  let version = 0;
  let drawnCamera: Camera | null = null;
  const snapshot = createFrameSnapshot();
  let settle: ReturnType<typeof setTimeout> | null = null;
  let settled: (() => void)[] = [];
  const requestDraw = () => frames.request();
  /** Something other than the camera changed: the next frame is drawn in full. */
  const contentChanged = () => {
    version += 1;
    requestDraw();
  };

  function draw(): void {
    const start = performance.now();
    if (scene && ctx && size.width > 0 && size.height > 0) {
      const moving = drawnCamera !== null && drawnCamera !== camera;
      if (moving && snapshot.drawMoved(ctx, camera, version, dpr(), palette.background)) {
        // Moved pixels now; the full drawing once the camera holds still.
        if (settle) clearTimeout(settle);
        settle = setTimeout(settleNow, SETTLE_MS);
      } else {
        counts = drawScene(ctx, { scene, camera, width: size.width, height: size.height, dpr: dpr(), palette, emphasis, overlay });
        drawnCamera = camera;
        if (counts.drawnNodes + counts.drawnEdges + counts.drawnPorts >= SNAPSHOT_MIN_ELEMENTS) snapshot.keep(element, camera, version);
        else snapshot.forget();
      }
    } else if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = palette.background;
      ctx.fillRect(0, 0, element.width, element.height);
      counts = { drawnNodes: 0, drawnEdges: 0, drawnPorts: 0, drawnSparklines: 0 };
    }
    lastFrameMs = performance.now() - start;
    handlers.changed();
  }

  function settleNow(): void {
    settle = null;
    drawnCamera = null; // the next frame is a full one
    requestDraw();
    const done = settled;
    settled = [];
    for (const resolve of done) resolve();
  }

  function resize(): void {
    const rect = element.getBoundingClientRect();
    const width = Math.max(0, Math.round(rect.width));
    const height = Math.max(0, Math.round(rect.height));
    if (width === size.width && height === size.height) return;
    const first = size.width === 0 || size.height === 0;
    size = { width, height };
    element.width = Math.round(width * dpr());
    element.height = Math.round(height * dpr());
    if (first && scene) fit();
    contentChanged();
  }

  function fit(): void {
    if (!scene || !size.width) return;
    camera = fitRect(scene.bounds, size.width, size.height, 24, 1.2);
    requestDraw();
  }

  function setEmphasis(): void {
    const stub = hover && "port" in hover ? hover.port : null;
    const base = stub && scene ? stubEmphasis(scene, stub) : { ports: new Set<string>(), items: new Set<string>(), ghosts: [] };
    emphasis = { ...base, selection, hover: hover && "item" in hover ? hover.item.id : null };
  }

  function zoomBy(factor: number): void {
    camera = zoomAt(camera, factor, size.width / 2, size.height / 2);
    requestDraw();
  }

  const input = attachCanvasInput(element, {
    get scene() {
      return scene;
    },
    get selection() {
      return selection;
    },
    get size() {
      return size;
    },
    get camera() {
      return camera;
    },
    set camera(next) {
      camera = next;
    },
    redraw: requestDraw,
    zoomBy,
    fit,
    hoverChanged(next) {
      hover = next;
      setEmphasis();
      contentChanged();
    },
    select: (id) => handlers.select(id),
    toggle: (id) => handlers.toggle(id),
    expand: (depth) => handlers.expand(depth),
    stubClick: (port) => handlers.stubClick(port),
    hover: (target, x, y) => handlers.hover(target, x, y),
  });

  return {
    element,
    get scene() {
      return scene;
    },
    get camera() {
      return camera;
    },
    get size() {
      return size;
    },
    get counts() {
      return counts;
    },
    get lastFrameMs() {
      return lastFrameMs;
    },
    get emphasis() {
      return emphasis;
    },
    setScene(next, anchor = null) {
      const first = scene === null;
      scene = next;
      hover = null;
      input.forgetHover();
      handlers.hover(null, 0, 0);
      const after = next && anchor ? next.byId.get(anchor.id) : undefined;
      if (anchor && after) {
        // Keep the opened or closed item where it was on screen; show it whole if it grew off-screen.
        camera = { ...camera, x: camera.x + (anchor.before.x - after.x) * camera.scale, y: camera.y + (anchor.before.y - after.y) * camera.scale };
        const screen = toScreen(camera, after);
        if (screen.x < 0 || screen.y < 0 || screen.x + screen.width > size.width || screen.y + screen.height > size.height) {
          camera = fitRect(after, size.width, size.height, 32, camera.scale);
        }
      } else if (first) {
        fit();
      }
      setEmphasis();
      contentChanged();
    },
    setSelection(id) {
      selection = id;
      setEmphasis();
      contentChanged();
    },
    setPalette(next) {
      palette = next;
      contentChanged();
    },
    setOverlay(next) {
      overlay = next;
      contentChanged();
    },
    setCamera(next) {
      camera = next;
      requestDraw();
    },
    fit,
    reveal(id) {
      const item = scene?.byId.get(id);
      if (!item || !size.width) return;
      const screen = toScreen(camera, item);
      const readable = camera.scale >= 0.6;
      const inside = screen.x >= 0 && screen.y >= 0 && screen.x + screen.width <= size.width && screen.y + screen.height <= size.height;
      if (readable && inside) return;
      const pad = 80;
      camera = fitRect({ x: item.x - pad, y: item.y - pad, width: item.width + 2 * pad, height: item.height + 2 * pad }, size.width, size.height, 16, 1.2);
      requestDraw();
    },
    zoomBy,
    panZoom(dx, dy, factor) {
      camera = zoomAt(panBy(camera, dx, dy), factor, size.width / 2, size.height / 2);
      requestDraw();
    },
    async drawn() {
      await frames.drawn();
      // A moved snapshot is on screen until the camera settles: wait for the full frame after it.
      while (settle) {
        await new Promise<void>((resolve) => settled.push(resolve));
        await frames.drawn();
      }
    },
    resize,
  };
}

function dpr(): number {
  return Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
}

function getContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  // jsdom has no canvas; the page then keeps its model and hooks without pixels.
  if (typeof navigator !== "undefined" && /jsdom/i.test(navigator.userAgent)) return null;
  try {
    return canvas.getContext("2d", { alpha: false });
  } catch {
    return null;
  }
}
