/**
 * The graph canvas: owns the camera, turns pointer, wheel and keyboard input
 * into pan, zoom, selection, open/close and stub clicks, and redraws on the
 * next animation frame only when something changed.
 */

import type { Rect, Scene, SceneItem, ScenePort } from "../scene";
import type { Camera } from "./camera";
import { fitRect, panBy, toScreen, toWorld, zoomAt } from "./camera";
import { h } from "./dom";
import { hitTest } from "./hit_test";
import { NO_EMPHASIS, drawScene } from "./renderer";
import type { Emphasis, FrameCounts, OverlayPaint } from "./renderer";
import { stubEmphasis } from "./stub_highlight";
import { LIGHT } from "./theme";
import type { Palette } from "./theme";

export interface CanvasHandlers {
  select(id: string | null): void;
  toggle(id: string): void;
  stubClick(port: ScenePort): void;
  hover(target: { item: SceneItem } | { port: ScenePort } | null, clientX: number, clientY: number): void;
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

const CLICK_SLOP = 4;

export function createGraphCanvas(handlers: CanvasHandlers): GraphCanvas {
  const element = h("canvas", { class: "gf-canvas", "data-testid": "graph-canvas", tabindex: 0, "aria-label": "Model graph" });
  const ctx = getContext(element);
  let scene: Scene | null = null;
  let camera: Camera = { scale: 1, x: 0, y: 0 };
  let size = { width: 0, height: 0 };
  let palette = LIGHT;
  let selection: string | null = null;
  let hover: { item: SceneItem } | { port: ScenePort } | null = null;
  let emphasis: Emphasis = NO_EMPHASIS;
  let overlay: OverlayPaint | null = null;
  let counts: FrameCounts = { drawnNodes: 0, drawnEdges: 0, drawnPorts: 0, drawnSparklines: 0 };
  let lastFrameMs = 0;
  let frameRequested = false;
  let waiters: (() => void)[] = [];

  function requestDraw(): void {
    if (frameRequested) return;
    frameRequested = true;
    const run = () => {
      frameRequested = false;
      draw();
    };
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
    else setTimeout(run, 16);
  }

  function draw(): void {
    const start = performance.now();
    if (scene && ctx && size.width > 0 && size.height > 0) {
      counts = drawScene(ctx, { scene, camera, width: size.width, height: size.height, dpr: dpr(), palette, emphasis, overlay });
    } else if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = palette.background;
      ctx.fillRect(0, 0, element.width, element.height);
      counts = { drawnNodes: 0, drawnEdges: 0, drawnPorts: 0, drawnSparklines: 0 };
    }
    lastFrameMs = performance.now() - start;
    handlers.changed();
    const done = waiters;
    waiters = [];
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
    requestDraw();
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

  // -- input -----------------------------------------------------------------------
  let press: { x: number; y: number; camera: Camera; dragged: boolean; id: number } | null = null;

  element.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    element.focus({ preventScroll: true });
    press = { x: event.clientX, y: event.clientY, camera, dragged: false, id: event.pointerId };
    handlers.hover(null, 0, 0);
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
        camera = panBy(press.camera, dx, dy);
        requestDraw();
      }
      return;
    }
    updateHover(event.clientX, event.clientY);
  });
  element.addEventListener("pointerup", (event) => {
    if (!press || press.id !== event.pointerId) return;
    const wasDrag = press.dragged;
    press = null;
    element.classList.remove("gf-dragging");
    if (wasDrag) return;
    const hit = hitAt(event.clientX, event.clientY);
    if (hit?.kind === "port") handlers.stubClick(hit.port);
    else handlers.select(hit?.kind === "item" && hit.item.type !== "boundary" ? hit.item.id : null);
  });
  element.addEventListener("pointercancel", () => {
    press = null;
    element.classList.remove("gf-dragging");
  });
  element.addEventListener("pointerleave", () => {
    if (!press && hover) {
      hover = null;
      setEmphasis();
      handlers.hover(null, 0, 0);
      requestDraw();
    }
  });
  element.addEventListener("dblclick", (event) => {
    const hit = hitAt(event.clientX, event.clientY);
    if (hit?.kind === "item" && (hit.item.type === "module" || hit.item.type === "stack")) {
      event.preventDefault();
      handlers.toggle(hit.item.id);
    }
  });
  element.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? size.height : 1;
      const delta = event.deltaY * unit;
      if (event.shiftKey && !event.ctrlKey) {
        camera = panBy(camera, -delta, 0);
      } else {
        const factor = Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015));
        camera = zoomAt(camera, factor, event.clientX - rect.left, event.clientY - rect.top);
      }
      requestDraw();
    },
    { passive: false },
  );
  element.addEventListener("keydown", (event) => {
    const step = 60;
    switch (event.key) {
      case "Enter":
      case " ":
        if (selection && scene?.byId.get(selection)?.type.match(/^(module|stack)$/)) handlers.toggle(selection);
        break;
      case "Escape":
        handlers.select(null);
        break;
      case "+":
      case "=":
        zoomBy(1.25);
        break;
      case "-":
      case "_":
        zoomBy(0.8);
        break;
      case "0":
      case "f":
        fit();
        break;
      case "ArrowLeft":
        camera = panBy(camera, step, 0);
        break;
      case "ArrowRight":
        camera = panBy(camera, -step, 0);
        break;
      case "ArrowUp":
        camera = panBy(camera, 0, step);
        break;
      case "ArrowDown":
        camera = panBy(camera, 0, -step);
        break;
      default:
        return;
    }
    event.preventDefault();
    requestDraw();
  });

  function hitAt(clientX: number, clientY: number) {
    if (!scene) return null;
    const rect = element.getBoundingClientRect();
    const world = toWorld(camera, clientX - rect.left, clientY - rect.top);
    return hitTest(scene, world.x, world.y, camera.scale >= 0.3);
  }

  function updateHover(clientX: number, clientY: number): void {
    const hit = hitAt(clientX, clientY);
    const next = hit?.kind === "port" ? { port: hit.port } : hit?.kind === "item" ? { item: hit.item } : null;
    const key = (t: typeof hover) => (t === null ? "" : "port" in t ? `p${t.port.id}` : `i${t.item.id}`);
    if (key(next) !== key(hover)) {
      hover = next;
      setEmphasis();
      requestDraw();
    }
    element.style.cursor = hit?.kind === "port" ? "pointer" : "";
    handlers.hover(hover, clientX, clientY);
  }

  function zoomBy(factor: number): void {
    camera = zoomAt(camera, factor, size.width / 2, size.height / 2);
    requestDraw();
  }

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
      requestDraw();
    },
    setSelection(id) {
      selection = id;
      setEmphasis();
      requestDraw();
    },
    setPalette(next) {
      palette = next;
      requestDraw();
    },
    setOverlay(next) {
      overlay = next;
      requestDraw();
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
    drawn() {
      if (!frameRequested) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
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
