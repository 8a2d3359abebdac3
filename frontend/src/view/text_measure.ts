/**
 * Real text widths for sizing boxes: the canvas's own measureText in the
 * fonts the renderer draws with, cached per string. Without a canvas (jsdom)
 * boxes keep the estimate of geometry.ts.
 */

import { FONT_FAMILY, setTextMeasurer } from "../geometry";

export function installCanvasTextMeasurer(): void {
  if (/jsdom/i.test(globalThis.navigator?.userAgent ?? "")) return;
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return;
  const cache = new Map<string, number>();
  setTextMeasurer((text, size, bold) => {
    const key = `${size}${bold ? "b" : ""}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      ctx.font = `${bold ? "600 " : ""}${size}px ${FONT_FAMILY}`;
      width = ctx.measureText(text).width;
      if (cache.size > 50_000) cache.clear();
      cache.set(key, width);
    }
    return width;
  });
}
