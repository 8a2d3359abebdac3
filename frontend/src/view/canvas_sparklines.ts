/**
 * Sparklines drawn inside closed items on the canvas: an overlay's value
 * across steps, in a strip along the item's bottom edge, the current step
 * marked with a dot. Level of detail: an item gets one only while it is at
 * least {@link SPARK_MIN_WIDTH_PX} × {@link SPARK_MIN_HEIGHT_PX} on screen;
 * the renderer then draws only the item's title (and subtitle, where there
 * is room) above the strip.
 */

import { valueRange } from "../overlay/color_scale";
import type { Rect, SceneItem } from "../scene";
import type { Palette } from "./theme";

/** One item's series and which point is the current step. */
export interface Sparkline {
  values: readonly number[];
  current: number;
}

export const SPARK_MIN_WIDTH_PX = 56;
export const SPARK_MIN_HEIGHT_PX = 30;
/** The strip's height and margins, in world units. */
export const SPARK_STRIP = 14;
const INSET_X = 8;
const INSET_Y = 3;

/** Where `item`'s sparkline goes (world units), or null when the item is too small on screen at `scale`. */
export function sparklineBox(item: SceneItem, scale: number): Rect | null {
  const w = item.width - item.pile;
  const h = item.height - item.pile;
  if (w * scale < SPARK_MIN_WIDTH_PX || h * scale < SPARK_MIN_HEIGHT_PX) return null;
  return { x: item.x + INSET_X, y: item.y + h - SPARK_STRIP + INSET_Y / 2, width: w - 2 * INSET_X, height: SPARK_STRIP - INSET_Y * 1.5 };
}

/**
 * Where each of `values` goes in `box`: evenly spaced left to right, the
 * series' own range bottom to top (a flat series along the middle); y is NaN
 * for a value that is not finite.
 *
 * @example sparklineCoords([0, 1], {x: 0, y: 0, width: 10, height: 4}) // [{x: 0, y: 4}, {x: 10, y: 0}]
 */
export function sparklineCoords(values: readonly number[], box: Rect): { x: number; y: number }[] {
  const [min, max] = valueRange(values) ?? [0, 0];
  return values.map((v, i) => {
    const x = box.x + (values.length > 1 ? (i / (values.length - 1)) * box.width : box.width / 2);
    const t = max > min ? (v - min) / (max - min) : 0.5;
    return { x, y: Number.isFinite(v) ? box.y + box.height * (1 - t) : NaN };
  });
}

/** Draw the sparklines of the closed `items` that are large enough; returns the ids drawn. */
export function drawSparklines(
  ctx: CanvasRenderingContext2D,
  items: readonly SceneItem[],
  sparklines: ReadonlyMap<string, Sparkline>,
  scale: number,
  palette: Palette,
): Set<string> {
  const drawn = new Set<string>();
  const strips = new Path2D();
  const lines = new Path2D();
  const dots = new Path2D();
  const px = 1 / scale;
  for (const item of items) {
    const spark = sparklines.get(item.id);
    const box = spark && spark.values.length > 1 ? sparklineBox(item, scale) : null;
    if (!spark || !box) continue;
    drawn.add(item.id);
    strips.rect(box.x - 2, box.y - 1.5, box.width + 4, box.height + 3);
    const coords = sparklineCoords(spark.values, box);
    coords.filter((c) => Number.isFinite(c.y)).forEach((c, i) => (i ? lines.lineTo(c.x, c.y) : lines.moveTo(c.x, c.y)));
    const at = coords[spark.current];
    if (at && Number.isFinite(at.y)) {
      const r = 2.5 * Math.min(1, 1.5 / scale);
      dots.moveTo(at.x + r, at.y);
      dots.arc(at.x, at.y, r, 0, 2 * Math.PI);
    }
  }
  if (!drawn.size) return drawn;
  ctx.save();
  ctx.globalAlpha = 0.7;
  ctx.fillStyle = palette.background;
  ctx.fill(strips);
  ctx.restore();
  ctx.lineWidth = Math.max(1, 1.2 * px);
  ctx.lineJoin = "round";
  ctx.strokeStyle = palette.text;
  ctx.stroke(lines);
  ctx.fillStyle = palette.selection;
  ctx.fill(dots);
  return drawn;
}
