/**
 * Exports of the current drawing (everything opened, not only the viewport):
 * an SVG document built with DOM calls, so every name goes in as a text node
 * and comes out escaped, and a PNG painted by the same renderer as the page.
 * With an overlay on, both carry its colours and, under the drawing, its
 * legend (title, colour scale with its range, notes, the neutral swatch).
 */

import { FONT_FAMILY, HEADER_HEIGHT, PILE_CARDS, PILE_STEP, STUB_SIZE, SUBTITLE_SIZE, TITLE_SIZE, estimateTextWidth, isHelperModule } from "../geometry";
import type { Scene, SceneItem } from "../scene";
import { isBackwardItem } from "../training";
import { legendStops } from "../overlay/color_scale";
import { formatValue } from "../overlay/filter_metrics";
import type { LegendContent } from "./overlay_bar";
import { drawScene, NO_EMPHASIS } from "./renderer";
import type { OverlayPaint } from "./renderer";
import type { Palette } from "./theme";

const SVG_NS = "http://www.w3.org/2000/svg";
const MARGIN = 20;
const LEGEND_WIDTH = 260;
const LEGEND_LINE = 14;

/** What an export draws of the overlay that is on: its paint and its legend. */
export interface ExportOverlay {
  paint: OverlayPaint | null;
  legend: LegendContent | null;
}

/** The height the legend adds under the drawing (0 without one). */
function legendHeight(legend: LegendContent | null): number {
  return legend ? MARGIN + LEGEND_LINE * (4 + legend.notes.length) + 10 : 0;
}

/** The legend's lines, as both exports write them. */
function legendLines(legend: LegendContent): { min: string; max: string } {
  const format = legend.format ?? formatValue;
  const weak = legend.markWeak ?? true;
  return {
    min: `${format(legend.scale.min)}${weak && legend.scale.weak === "low" ? " (weak)" : ""}`,
    max: `${format(legend.scale.max)}${weak && legend.scale.weak === "high" ? " (weak)" : ""}`,
  };
}

/** The drawing as an SVG document (an <svg> element of `doc`, not attached). */
export function sceneToSvg(scene: Scene, palette: Palette, doc: Document = document, overlay: ExportOverlay | null = null): SVGSVGElement {
  const b = scene.bounds;
  const legend = overlay?.legend ?? null;
  const paint = overlay?.paint ?? null;
  const width = Math.ceil(Math.max(b.width + 2 * MARGIN, legend ? LEGEND_WIDTH + 2 * MARGIN : 0));
  const height = Math.ceil(b.height + 2 * MARGIN + legendHeight(legend));
  const svg = el(doc, "svg", { xmlns: SVG_NS, width, height, viewBox: `${b.x - MARGIN} ${b.y - MARGIN} ${width} ${height}` });
  svg.setAttribute("font-family", FONT_FAMILY);
  const defs = el(doc, "defs", {});
  for (const [id, color] of [["gf-arrow", palette.edge], ["gf-arrow-back", palette.backEdge], ["gf-arrow-grad", palette.gradient]] as const) {
    const marker = el(doc, "marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
    marker.append(el(doc, "path", { d: "M0,0 L10,5 L0,10 z", fill: color }));
    defs.append(marker);
  }
  svg.append(defs);
  svg.append(el(doc, "rect", { x: b.x - MARGIN, y: b.y - MARGIN, width, height, fill: palette.background }));

  for (const item of scene.items) if (item.open) svg.append(frameGroup(doc, item, palette, paint));
  const edges = el(doc, "g", { fill: "none", "stroke-width": 1.25 });
  for (const edge of scene.edges) {
    const d = edge.points.reduce((s, v, i) => s + (i % 2 ? `,${round(v)}` : `${i ? " L" : "M"}${round(v)}`), "");
    edges.append(
      el(doc, "path", {
        d,
        stroke: edge.json?.gradient ? palette.gradient : edge.reversed ? palette.backEdge : palette.edge,
        "stroke-dasharray": edge.reversed ? "6 4" : null,
        "marker-end": `url(#${edge.json?.gradient ? "gf-arrow-grad" : edge.reversed ? "gf-arrow-back" : "gf-arrow"})`,
      }),
    );
  }
  svg.append(edges);
  for (const item of scene.items) if (!item.open) svg.append(itemGroup(doc, item, palette, paint));
  for (const port of scene.ports) {
    const g = el(doc, "g", { fill: palette.stub, stroke: palette.stub });
    g.append(el(doc, "line", { x1: port.x, y1: port.anchorY, x2: port.x, y2: port.y, "stroke-width": 1.25 }));
    g.append(el(doc, "circle", { cx: port.x, cy: port.y, r: 3, stroke: "none" }));
    g.append(text(doc, port.text, port.x + 6, port.y + 3, STUB_SIZE, { stroke: "none" }));
    svg.append(g);
  }
  if (legend) svg.append(legendGroup(doc, legend, palette, b.x, b.y + b.height + MARGIN));
  return svg;
}

function legendGroup(doc: Document, legend: LegendContent, palette: Palette, x: number, y: number): SVGGElement {
  const g = el(doc, "g", { "data-export": "overlay-legend" });
  const id = "gf-legend-ramp";
  const gradient = el(doc, "linearGradient", { id, x1: 0, x2: 1, y1: 0, y2: 0 });
  for (const stop of legendStops(legend.scale, legend.ramp)) gradient.append(el(doc, "stop", { offset: stop.offset, "stop-color": stop.color }));
  const defs = el(doc, "defs", {});
  defs.append(gradient);
  const { min, max } = legendLines(legend);
  g.append(
    defs,
    text(doc, legend.title, x, y + 10, TITLE_SIZE, { fill: palette.text, "font-weight": 600 }),
    el(doc, "rect", { x, y: y + LEGEND_LINE + 2, width: LEGEND_WIDTH, height: 10, fill: `url(#${id})`, "data-export": "overlay-legend-scale" }),
    text(doc, min, x, y + 3 * LEGEND_LINE, SUBTITLE_SIZE, { fill: palette.muted }),
    text(doc, max, x + LEGEND_WIDTH, y + 3 * LEGEND_LINE, SUBTITLE_SIZE, { fill: palette.muted, "text-anchor": "end" }),
  );
  legend.notes.forEach((note, i) => g.append(text(doc, note, x, y + (4 + i) * LEGEND_LINE, SUBTITLE_SIZE, { fill: palette.muted })));
  const last = y + (4 + legend.notes.length) * LEGEND_LINE;
  g.append(el(doc, "rect", { x, y: last - 8, width: 10, height: 10, fill: legend.neutral, stroke: palette.muted }));
  g.append(text(doc, "no statistics", x + 14, last, SUBTITLE_SIZE, { fill: palette.muted }));
  return g;
}

export function svgMarkup(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** A helper region's border is dashed, as on the canvas. */
function helperDash(item: SceneItem): string | null {
  return isHelperModule(item.json) ? "5 3" : null;
}

function frameGroup(doc: Document, item: SceneItem, palette: Palette, paint: OverlayPaint | null): SVGGElement {
  const g = el(doc, "g", {});
  const w = item.width - item.pile;
  const h = item.height - item.pile;
  const stacked = item.pile > 0;
  for (let card = PILE_CARDS; card >= 1 && stacked; card--) {
    g.append(el(doc, "rect", { x: item.x + card * PILE_STEP, y: item.y + card * PILE_STEP, width: w, height: h, rx: 8, fill: palette.stackFill, stroke: palette.stackStroke }));
  }
  g.append(el(doc, "rect", { x: item.x, y: item.y, width: w, height: h, rx: 8, fill: palette.background }));
  g.append(el(doc, "rect", { x: item.x, y: item.y, width: w, height: h, rx: 8, fill: palette.frameFills[item.depth % palette.frameFills.length]!, stroke: stacked ? palette.stackStroke : isBackwardItem(item.json) ? palette.gradient : palette.frameStroke, "stroke-dasharray": helperDash(item) }));
  g.append(el(doc, "rect", { x: item.x + 0.5, y: item.y + 0.5, width: w - 1, height: HEADER_HEIGHT, rx: 8, fill: paint?.fills.get(item.id) ?? (stacked ? palette.stackFill : palette.frameHeader) }));
  const head = [item.lines.title, item.lines.badge, item.lines.subtitle].filter(Boolean).join("  ");
  g.append(text(doc, fit(head, w - 24, TITLE_SIZE), item.x + 12, item.y + HEADER_HEIGHT / 2 + 4, TITLE_SIZE, { fill: palette.text, "font-weight": 600 }));
  return g;
}

function itemGroup(doc: Document, item: SceneItem, palette: Palette, paint: OverlayPaint | null): SVGGElement {
  const g = el(doc, "g", {});
  const w = item.width - item.pile;
  const h = item.height - item.pile;
  const [fill, stroke] =
    paint && (item.type === "op" || item.type === "module" || item.type === "stack") ? [paint.fills.get(item.id) ?? paint.neutralFill, paint.stroke]
    : item.type === "module" && isBackwardItem(item.json) ? [palette.backwardFill, palette.gradient]
    : item.type === "module" ? [palette.moduleFill, palette.moduleStroke]
    : item.type === "stack" ? [palette.stackFill, palette.stackStroke]
    : item.type === "input" || item.type === "output" ? [palette.ioFill, palette.ioStroke]
    : item.type === "boundary" ? [palette.boundaryFill, palette.boundaryStroke]
    : [palette.opFill, palette.opStroke];
  const rx = item.type === "input" || item.type === "output" || item.type === "boundary" ? h / 2 : 6;
  for (let card = PILE_CARDS; card >= 1 && item.pile; card--) {
    g.append(el(doc, "rect", { x: item.x + card * PILE_STEP, y: item.y + card * PILE_STEP, width: w, height: h, rx, fill, stroke }));
  }
  g.append(el(doc, "rect", { x: item.x, y: item.y, width: w, height: h, rx, fill, stroke, "stroke-dasharray": helperDash(item) }));
  const cx = item.x + w / 2;
  if (item.type === "boundary") {
    g.append(text(doc, fit(`${item.lines.title}  ${item.lines.subtitle}`, w - 12, SUBTITLE_SIZE), cx, item.y + h / 2 + 3.5, SUBTITLE_SIZE, { fill: palette.muted, "text-anchor": "middle" }));
    return g;
  }
  const rows = [item.lines.subtitle, item.lines.info].filter(Boolean);
  let y = item.y + h / 2 - (rows.length * 14) / 2 + 4;
  const title = item.lines.badge ? `${item.lines.title} ${item.lines.badge}` : item.lines.title;
  g.append(text(doc, fit(title, w - 16, TITLE_SIZE), cx, y, TITLE_SIZE, { fill: palette.text, "font-weight": 600, "text-anchor": "middle" }));
  for (const row of rows) {
    y += 14;
    g.append(text(doc, fit(row, w - 16, SUBTITLE_SIZE), cx, y, SUBTITLE_SIZE, { fill: palette.muted, "text-anchor": "middle" }));
  }
  return g;
}

/** A <text> element whose content is a text node: markup in `content` stays text. */
function text(doc: Document, content: string, x: number, y: number, size: number, attrs: Record<string, string | number>): SVGTextElement {
  const t = el(doc, "text", { x: round(x), y: round(y), "font-size": size, ...attrs });
  t.textContent = content;
  return t;
}

function el<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string | number | null>): SVGElementTagNameMap[K] {
  const element = doc.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || name === "xmlns") continue;
    element.setAttribute(name, typeof value === "number" ? String(round(value)) : value);
  }
  return element;
}

function fit(content: string, width: number, size: number): string {
  if (estimateTextWidth(content, size) <= width) return content;
  let n = content.length;
  while (n > 0 && estimateTextWidth(`${content.slice(0, n)}…`, size) > width) n--;
  return n ? `${content.slice(0, n)}…` : "";
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The drawing painted at up to 2× onto a canvas no larger than browsers allow. */
export function sceneToCanvas(scene: Scene, palette: Palette, overlay: ExportOverlay | null = null): HTMLCanvasElement {
  const b = scene.bounds;
  const legend = overlay?.legend ?? null;
  const width = Math.max(b.width + 2 * MARGIN, legend ? LEGEND_WIDTH + 2 * MARGIN : 0);
  const height = b.height + 2 * MARGIN + legendHeight(legend);
  const scale = Math.min(2, 16000 / width, 16000 / height, Math.sqrt(120e6 / (width * height)));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.ceil(width * scale));
  canvas.height = Math.max(1, Math.ceil(height * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser cannot paint a canvas for the PNG export");
  drawScene(ctx, {
    scene,
    camera: { scale: 1, x: MARGIN - b.x, y: MARGIN - b.y },
    width,
    height,
    dpr: scale,
    palette,
    emphasis: NO_EMPHASIS,
    overlay: overlay?.paint ?? null,
  });
  if (legend) {
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    paintLegend(ctx, legend, palette, MARGIN, b.height + 2 * MARGIN);
  }
  return canvas;
}

function paintLegend(ctx: CanvasRenderingContext2D, legend: LegendContent, palette: Palette, x: number, y: number): void {
  const { min, max } = legendLines(legend);
  ctx.font = `600 ${TITLE_SIZE}px ${FONT_FAMILY}`;
  ctx.fillStyle = palette.text;
  ctx.textAlign = "left";
  ctx.fillText(legend.title, x, y + 10);
  const gradient = ctx.createLinearGradient(x, 0, x + LEGEND_WIDTH, 0);
  for (const stop of legendStops(legend.scale, legend.ramp)) gradient.addColorStop(stop.offset, stop.color);
  ctx.fillStyle = gradient;
  ctx.fillRect(x, y + LEGEND_LINE + 2, LEGEND_WIDTH, 10);
  ctx.font = `${SUBTITLE_SIZE}px ${FONT_FAMILY}`;
  ctx.fillStyle = palette.muted;
  ctx.fillText(min, x, y + 3 * LEGEND_LINE);
  ctx.textAlign = "right";
  ctx.fillText(max, x + LEGEND_WIDTH, y + 3 * LEGEND_LINE);
  ctx.textAlign = "left";
  legend.notes.forEach((note, i) => ctx.fillText(note, x, y + (4 + i) * LEGEND_LINE));
  const last = y + (4 + legend.notes.length) * LEGEND_LINE;
  ctx.fillStyle = legend.neutral;
  ctx.fillRect(x, last - 8, 10, 10);
  ctx.fillStyle = palette.muted;
  ctx.fillText("no statistics", x + 14, last);
}

/** Offer `blob` as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a graph and module name: letters, digits, dots, dashes and underscores only. */
export function exportName(parts: readonly string[], extension: string): string {
  const tame = (part: string) => part.replace(/[^\w.-]+/g, "_").replace(/^[_.]+|_+$/g, "");
  const stem = parts.map(tame).filter(Boolean).join("-").slice(0, 80);
  return `${stem || "graph"}.${extension}`;
}
