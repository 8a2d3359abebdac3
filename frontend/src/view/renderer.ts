/**
 * Draws a scene on a 2D canvas for one camera. Only what meets the viewport
 * is drawn; items and edges of one style are batched into one Path2D each, so
 * a frame costs a few dozen fill/stroke calls however many items it shows;
 * text and decorations are dropped as they become too small to read.
 */

import { FONT_FAMILY, HEADER_HEIGHT, PILE_CARDS, PILE_STEP, STUB_SIZE, SUBTITLE_SIZE, TITLE_SIZE, isHelperModule } from "../geometry";
import type { ItemLines } from "../geometry";
import type { Scene, SceneEdge, SceneItem, ScenePort } from "../scene";
import { isBackwardItem } from "../training";
import type { Camera } from "./camera";
import { SPARK_STRIP, drawSparklines } from "./canvas_sparklines";
import type { Sparkline } from "./canvas_sparklines";
import { isTiny, levelOfDetail, visibleSet } from "./culling";
import type { LevelOfDetail } from "./culling";
import type { Palette } from "./theme";

/** A connector drawn while a stub is hovered, from one stub (or item) to another. */
export interface Ghost {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface Emphasis {
  selection: string | null;
  hover: string | null;
  /** Stubs and items lit by a hovered stub, and connectors between them. */
  ports: ReadonlySet<string>;
  items: ReadonlySet<string>;
  ghosts: readonly Ghost[];
}

/**
 * Colours the overlay paints: items in `fills` with their colour, every other
 * operator, module and stack with the neutral fill (inputs, outputs and
 * boundary chips keep theirs). Open items show their colour in the title bar.
 * Closed items in `sparklines` that are large enough on screen also get a
 * sparkline along their bottom edge, and only their title above it.
 */
export interface OverlayPaint {
  fills: ReadonlyMap<string, string>;
  neutralFill: string;
  stroke: string;
  sparklines?: ReadonlyMap<string, Sparkline>;
}

export const NO_EMPHASIS: Emphasis = { selection: null, hover: null, ports: new Set(), items: new Set(), ghosts: [] };

export interface RenderTarget {
  scene: Scene;
  camera: Camera;
  /** Viewport size in CSS px, and device pixels per CSS px. */
  width: number;
  height: number;
  dpr: number;
  palette: Palette;
  emphasis: Emphasis;
  overlay?: OverlayPaint | null;
}

export interface FrameCounts {
  drawnNodes: number;
  drawnEdges: number;
  drawnPorts: number;
  /** Items that got an overlay sparkline. */
  drawnSparklines: number;
}

const TITLE_FONT = `600 ${TITLE_SIZE}px ${FONT_FAMILY}`;
const SUBTITLE_FONT = `${SUBTITLE_SIZE}px ${FONT_FAMILY}`;
const BADGE_FONT = `700 ${SUBTITLE_SIZE}px ${FONT_FAMILY}`;
const STUB_FONT = `${STUB_SIZE}px ${FONT_FAMILY}`;
const RADIUS = 6;
/** The dashes of a helper region's border: grouped by GraphFold, no module of the model. */
const HELPER_DASH = [5, 3];

export function drawScene(ctx: CanvasRenderingContext2D, target: RenderTarget): FrameCounts {
  const { scene, camera, width, height, dpr, palette, emphasis } = target;
  const overlay = target.overlay ?? null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.setTransform(dpr * camera.scale, 0, 0, dpr * camera.scale, dpr * camera.x, dpr * camera.y);

  const lod = levelOfDetail(camera.scale);
  const visible = visibleSet(scene, camera, width, height);
  const px = 1 / camera.scale;
  const frames = visible.items.filter((item) => item.open);
  const closed = visible.items.filter((item) => !item.open);

  for (const frame of frames) drawFrame(ctx, frame, palette, lod, px, overlay?.fills.get(frame.id));
  drawEdges(ctx, visible.edges, palette, lod, px, emphasis);
  drawClosedItems(ctx, closed, palette, lod, camera.scale, px, overlay);
  const sparked = overlay?.sparklines ? drawSparklines(ctx, closed, overlay.sparklines, camera.scale, palette) : new Set<string>();
  drawMarks(ctx, scene, palette, lod, px);
  drawOutlines(ctx, visible.items, palette, px, emphasis);
  if (lod.stubs) drawStubs(ctx, visible.ports, palette, px, emphasis);
  if (lod.titles) for (const item of closed) if (!isTiny(item, camera.scale)) drawItemText(ctx, item, palette, lod, sparked.has(item.id));
  drawGhosts(ctx, emphasis.ghosts, palette, px);
  return { drawnNodes: visible.items.length, drawnEdges: visible.edges.length, drawnPorts: visible.ports.length, drawnSparklines: sparked.size };
}

function drawFrame(
  ctx: CanvasRenderingContext2D,
  item: SceneItem,
  palette: Palette,
  lod: LevelOfDetail,
  px: number,
  overlayFill: string | undefined,
): void {
  const w = item.width - item.pile;
  const h = item.height - item.pile;
  const stacked = item.pile > 0;
  ctx.lineWidth = Math.max(1, px);
  if (stacked && lod.shapes) {
    for (let card = PILE_CARDS; card >= 1; card--) {
      const path = new Path2D();
      roundRect(path, item.x + card * PILE_STEP, item.y + card * PILE_STEP, w, h, 8);
      ctx.fillStyle = palette.stackFill;
      ctx.fill(path);
      ctx.strokeStyle = palette.stackStroke;
      ctx.stroke(path);
    }
  }
  const body = new Path2D();
  roundRect(body, item.x, item.y, w, h, lod.shapes ? 8 : 0);
  ctx.fillStyle = palette.background;
  ctx.fill(body);
  ctx.fillStyle = palette.frameFills[item.depth % palette.frameFills.length]!;
  ctx.fill(body);
  const header = new Path2D();
  roundRect(header, item.x, item.y, w, Math.min(HEADER_HEIGHT, h), lod.shapes ? [8, 8, 0, 0] : 0);
  ctx.fillStyle = overlayFill ?? (stacked ? palette.stackFill : palette.frameHeader);
  ctx.fill(header);
  ctx.strokeStyle = stacked ? palette.stackStroke : isBackwardItem(item.json) ? palette.gradient : palette.frameStroke;
  ctx.setLineDash(isHelperModule(item.json) ? HELPER_DASH : []);
  ctx.stroke(body);
  ctx.setLineDash([]);
  if (lod.titles) drawHeaderText(ctx, item, w, palette, lod);
}

function drawHeaderText(ctx: CanvasRenderingContext2D, item: SceneItem, w: number, palette: Palette, lod: LevelOfDetail): void {
  const y = item.y + HEADER_HEIGHT / 2 + 4;
  let x = item.x + 12;
  const right = item.x + w - 12;
  const { lines } = item;
  ctx.textAlign = "left";
  ctx.font = TITLE_FONT;
  ctx.fillStyle = palette.text;
  const title = fitText(ctx, lines.title, Math.max(0, right - x));
  ctx.fillText(title, x, y);
  x += ctx.measureText(title).width + 8;
  if (lines.badge) x += drawBadge(ctx, lines.badge, x, y - 4, palette) + 8;
  if (!lod.subtitles) return;
  ctx.font = SUBTITLE_FONT;
  ctx.fillStyle = palette.muted;
  const infoWidth = lines.info ? ctx.measureText(lines.info).width : 0;
  if (lines.info && x + infoWidth < right) {
    ctx.textAlign = "right";
    ctx.fillText(lines.info, right, y);
    ctx.textAlign = "left";
  }
  const room = right - x - (infoWidth ? infoWidth + 12 : 0);
  if (room > 20) ctx.fillText(fitText(ctx, lines.subtitle, room), x, y);
}

/** A "×N" pill with its left end at x, centred on y; returns its width. */
function drawBadge(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, palette: Palette): number {
  ctx.font = BADGE_FONT;
  const width = ctx.measureText(text).width + 10;
  const pill = new Path2D();
  roundRect(pill, x, y - 8, width, 16, 8);
  ctx.fillStyle = palette.badgeFill;
  ctx.fill(pill);
  ctx.fillStyle = palette.badgeText;
  ctx.textAlign = "center";
  ctx.fillText(text, x + width / 2, y + 3.5);
  ctx.textAlign = "left";
  return width;
}

function drawEdges(
  ctx: CanvasRenderingContext2D,
  edges: readonly SceneEdge[],
  palette: Palette,
  lod: LevelOfDetail,
  px: number,
  emphasis: Emphasis,
): void {
  const styles = { normal: new Path2D(), back: new Path2D(), grad: new Path2D(), gradBack: new Path2D(), lit: new Path2D(), litBack: new Path2D() };
  const heads = { normal: new Path2D(), back: new Path2D(), grad: new Path2D(), gradBack: new Path2D(), lit: new Path2D(), litBack: new Path2D() };
  const selected = emphasis.selection;
  const corner = lod.shapes ? 5 : 0;
  for (const edge of edges) {
    const lit = selected !== null && (edge.source === selected || edge.target === selected);
    // Back edges stay dashed when lit, so they never pass for forward ones.
    // A training graph's gradients keep their colour, reversed or not (a reversed one is dashed).
    const plain = edge.json?.gradient ? (edge.reversed ? "gradBack" : "grad") : edge.reversed ? "back" : "normal";
    const style = lit ? (edge.reversed ? "litBack" : "lit") : plain;
    polyline(styles[style], edge.points, corner);
    if (lod.arrows) arrowHead(heads[style], edge.points, 7);
  }
  const draw = (style: keyof typeof styles, color: string, dashed: boolean) => {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.setLineDash(dashed ? [6, 4] : []);
    ctx.stroke(styles[style]);
    ctx.setLineDash([]);
    ctx.fill(heads[style]);
  };
  ctx.lineWidth = Math.max(1.25, 0.8 * px);
  ctx.lineJoin = "round";
  draw("normal", palette.edge, false);
  draw("back", palette.backEdge, true);
  draw("grad", palette.gradient, false);
  draw("gradBack", palette.gradient, true);
  ctx.lineWidth = Math.max(2, 1.5 * px);
  draw("lit", palette.selection, false);
  draw("litBack", palette.selection, true);
}

function drawClosedItems(
  ctx: CanvasRenderingContext2D,
  items: readonly SceneItem[],
  palette: Palette,
  lod: LevelOfDetail,
  scale: number,
  px: number,
  overlay: OverlayPaint | null,
): void {
  const kinds = ["op", "io", "module", "helper", "backward", "stack", "boundary"] as const;
  const bodies = Object.fromEntries(kinds.map((k) => [k, new Path2D()])) as Record<(typeof kinds)[number], Path2D>;
  const piles = new Path2D();
  const tiny = Object.fromEntries(kinds.map((k) => [k, new Path2D()])) as Record<(typeof kinds)[number], Path2D>;
  // The overlay's colours are quantised, so one path per colour stays a few dozen fills.
  const painted = new Map<string, Path2D>();
  for (const item of items) {
    const kind = item.type === "input" || item.type === "output" ? "io" : isHelperModule(item.json) ? "helper"
      : item.type === "module" && isBackwardItem(item.json) ? "backward" : item.type;
    const w = item.width - item.pile;
    const h = item.height - item.pile;
    if (overlay && (kind === "op" || kind === "module" || kind === "helper" || kind === "backward" || kind === "stack")) {
      const color = overlay.fills.get(item.id) ?? overlay.neutralFill;
      let path = painted.get(color);
      if (!path) painted.set(color, (path = new Path2D()));
      if (isTiny(item, scale) || !lod.shapes) {
        path.rect(item.x, item.y, w, h);
        continue;
      }
      for (let card = PILE_CARDS; card >= 1 && item.pile; card--) {
        roundRect(piles, item.x + card * PILE_STEP, item.y + card * PILE_STEP, w, h, RADIUS);
      }
      roundRect(path, item.x, item.y, w, h, RADIUS);
      continue;
    }
    if (isTiny(item, scale) || !lod.shapes) {
      tiny[kind].rect(item.x, item.y, w, h);
      continue;
    }
    for (let card = PILE_CARDS; card >= 1 && item.pile; card--) {
      roundRect(piles, item.x + card * PILE_STEP, item.y + card * PILE_STEP, w, h, RADIUS);
    }
    const radius = kind === "io" || kind === "boundary" ? h / 2 : RADIUS;
    roundRect(bodies[kind], item.x, item.y, w, h, radius);
  }
  const fills = {
    op: [palette.opFill, palette.opStroke],
    io: [palette.ioFill, palette.ioStroke],
    module: [palette.moduleFill, palette.moduleStroke],
    helper: [palette.moduleFill, palette.moduleStroke],
    backward: [palette.backwardFill, palette.gradient],
    stack: [palette.stackFill, palette.stackStroke],
    boundary: [palette.boundaryFill, palette.boundaryStroke],
  } as const;
  ctx.lineWidth = Math.max(1, px);
  ctx.fillStyle = palette.stackFill;
  ctx.strokeStyle = palette.stackStroke;
  ctx.fill(piles);
  ctx.stroke(piles);
  for (const kind of kinds) {
    const [fill, stroke] = fills[kind];
    ctx.fillStyle = fill;
    ctx.strokeStyle = stroke;
    ctx.fill(bodies[kind]);
    ctx.setLineDash(kind === "helper" ? HELPER_DASH : []);
    ctx.stroke(bodies[kind]);
    ctx.setLineDash([]);
    // Tiny items are filled with their border colour: a pale fill would vanish against the background.
    ctx.fillStyle = stroke;
    ctx.fill(tiny[kind]);
  }
  if (!overlay) return;
  ctx.strokeStyle = overlay.stroke;
  for (const [color, path] of painted) {
    ctx.fillStyle = color;
    ctx.fill(path);
    ctx.stroke(path);
  }
}

function drawMarks(ctx: CanvasRenderingContext2D, scene: Scene, palette: Palette, lod: LevelOfDetail, px: number): void {
  if (!lod.arrows || !scene.marks.length) return;
  const marks = new Path2D();
  const r = Math.max(3, 2 * px);
  for (const mark of scene.marks) {
    marks.moveTo(mark.x + r, mark.y);
    marks.arc(mark.x, mark.y, r, 0, 2 * Math.PI);
  }
  ctx.fillStyle = palette.frameStroke;
  ctx.fill(marks);
}

function drawOutlines(
  ctx: CanvasRenderingContext2D,
  items: readonly SceneItem[],
  palette: Palette,
  px: number,
  emphasis: Emphasis,
): void {
  for (const item of items) {
    const selected = item.id === emphasis.selection;
    const lit = emphasis.items.has(item.id);
    const hovered = item.id === emphasis.hover;
    if (!selected && !lit && !hovered) continue;
    const path = new Path2D();
    const radius = item.type === "input" || item.type === "output" || item.type === "boundary" ? (item.height - item.pile) / 2 : RADIUS;
    roundRect(path, item.x - 2 * px, item.y - 2 * px, item.width - item.pile + 4 * px, item.height - item.pile + 4 * px, radius);
    ctx.lineWidth = selected || lit ? 2.5 * px : 1.5 * px;
    ctx.strokeStyle = selected ? palette.selection : lit ? palette.highlight : palette.muted;
    ctx.stroke(path);
  }
}

function drawStubs(
  ctx: CanvasRenderingContext2D,
  ports: readonly ScenePort[],
  palette: Palette,
  px: number,
  emphasis: Emphasis,
): void {
  const lines = new Path2D();
  const dots = new Path2D();
  for (const port of ports) {
    lines.moveTo(port.x, port.anchorY);
    lines.lineTo(port.x, port.y);
    const r = emphasis.ports.has(port.id) ? 4.5 : 3;
    dots.moveTo(port.x + r, port.y);
    dots.arc(port.x, port.y, r, 0, 2 * Math.PI);
  }
  ctx.lineWidth = Math.max(1.25, px);
  ctx.strokeStyle = palette.stub;
  ctx.fillStyle = palette.stub;
  ctx.stroke(lines);
  ctx.fill(dots);
  ctx.font = STUB_FONT;
  ctx.textAlign = "left";
  for (const port of ports) {
    ctx.fillStyle = emphasis.ports.has(port.id) ? palette.highlight : palette.stub;
    ctx.fillText(port.text, port.x + 6, port.y + 3);
  }
}

/** `sparkline`: the item's bottom strip holds a sparkline, so only its title (and subtitle, if there is room) goes above it. */
function drawItemText(ctx: CanvasRenderingContext2D, item: SceneItem, palette: Palette, lod: LevelOfDetail, sparkline = false): void {
  const w = item.width - item.pile;
  const h = item.height - item.pile - (sparkline ? SPARK_STRIP : 0);
  const cx = item.x + w / 2;
  const fitted = fittedLines(ctx, item, w - 16);
  ctx.textAlign = "center";
  if (item.type === "boundary") {
    ctx.font = SUBTITLE_FONT;
    ctx.fillStyle = palette.muted;
    ctx.fillText(fitted.title + (lod.subtitles && fitted.subtitle ? `  ${fitted.subtitle}` : ""), cx, item.y + h / 2 + 3.5);
    return;
  }
  // Above a sparkline there is room for the subtitle (a module's name) at most.
  const rows = !lod.subtitles ? [] : sparkline ? [fitted.subtitle].filter((row) => row && h >= 36) : [fitted.subtitle, fitted.info].filter(Boolean);
  const lineGap = 14;
  let y = item.y + h / 2 - (rows.length * lineGap) / 2 + 4;
  ctx.font = TITLE_FONT;
  ctx.fillStyle = palette.text;
  if (item.lines.badge) {
    const titleWidth = ctx.measureText(fitted.title).width;
    ctx.font = BADGE_FONT;
    const badgeWidth = ctx.measureText(item.lines.badge).width + 10;
    const left = cx - (titleWidth + 6 + badgeWidth) / 2;
    ctx.font = TITLE_FONT;
    ctx.textAlign = "left";
    ctx.fillText(fitted.title, left, y);
    drawBadge(ctx, item.lines.badge, left + titleWidth + 6, y - 4, palette);
    ctx.textAlign = "center";
  } else {
    ctx.fillText(fitted.title, cx, y);
  }
  ctx.font = SUBTITLE_FONT;
  ctx.fillStyle = palette.muted;
  for (const row of rows) {
    y += lineGap;
    ctx.fillText(row, cx, y);
  }
}

function drawGhosts(ctx: CanvasRenderingContext2D, ghosts: readonly Ghost[], palette: Palette, px: number): void {
  if (!ghosts.length) return;
  const path = new Path2D();
  for (const { from, to } of ghosts) {
    path.moveTo(from.x, from.y);
    const bend = Math.max(40, Math.abs(to.y - from.y) / 3);
    path.bezierCurveTo(from.x + bend, from.y, to.x + bend, to.y, to.x, to.y);
  }
  ctx.setLineDash([4 * px, 3 * px]);
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = palette.highlight;
  ctx.stroke(path);
  ctx.setLineDash([]);
}

const fitCache = new WeakMap<SceneItem, ItemLines & { width: number }>();

/** The item's lines shortened to `width`, measured once per item. */
function fittedLines(ctx: CanvasRenderingContext2D, item: SceneItem, width: number): ItemLines {
  const cached = fitCache.get(item);
  if (cached && cached.width === width) return cached;
  const badge = item.lines.badge ? item.lines.badge.length * 7 + 22 : 0;
  ctx.font = TITLE_FONT;
  const title = fitText(ctx, item.lines.title, width - badge);
  ctx.font = SUBTITLE_FONT;
  const fitted = { width, title, subtitle: fitText(ctx, item.lines.subtitle, width), info: fitText(ctx, item.lines.info, width) };
  fitCache.set(item, fitted);
  return fitted;
}

/** `text`, cut with an ellipsis to fit `width` in the context's current font. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (!text || ctx.measureText(text).width <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) low = mid;
    else high = mid - 1;
  }
  return low ? `${text.slice(0, low)}…` : "";
}

function roundRect(path: Path2D, x: number, y: number, w: number, h: number, r: number | number[]): void {
  if (typeof path.roundRect === "function") path.roundRect(x, y, w, h, r);
  else path.rect(x, y, w, h);
}

/** An orthogonal polyline with rounded corners. */
export function polyline(path: Path2D, points: readonly number[], corner: number): void {
  const n = points.length / 2;
  if (n < 2) return;
  path.moveTo(points[0]!, points[1]!);
  for (let i = 1; i < n - 1; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (corner > 0) path.arcTo(x, y, points[2 * i + 2]!, points[2 * i + 3]!, corner);
    else path.lineTo(x, y);
  }
  path.lineTo(points[2 * n - 2]!, points[2 * n - 1]!);
}

/** A filled triangle at the polyline's last point, along its last segment. */
export function arrowHead(path: Path2D, points: readonly number[], size: number): void {
  const n = points.length;
  if (n < 4) return;
  const x = points[n - 2]!;
  const y = points[n - 1]!;
  const dx = x - points[n - 4]!;
  const dy = y - points[n - 3]!;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  path.moveTo(x, y);
  path.lineTo(x - ux * size - uy * size * 0.45, y - uy * size + ux * size * 0.45);
  path.lineTo(x - ux * size + uy * size * 0.45, y - uy * size - ux * size * 0.45);
  path.closePath();
}
