/**
 * The overlay's sequential colour scale: a value between the scale's min and
 * max becomes a colour on a three-stop ramp, the intense end at the weak end
 * (so the weakest layers stand out whichever way their metric points).
 * Colours are quantised into {@link LEVELS} steps, so the renderer batches a
 * whole overlay into a few dozen fills. Pure.
 */

/** Three colours, from pale (strong) to intense (weak). */
export type Ramp = readonly [string, string, string];

/** Light theme: orange-red on white, dark text stays readable on every stop. */
export const LIGHT_RAMP: Ramp = ["#fef0d9", "#fdbb84", "#e34a33"];
/** Dark theme: from the canvas's grey to a deep orange, light text stays readable. */
export const DARK_RAMP: Ramp = ["#3c3d41", "#8a4416", "#c2461c"];

/** How many distinct colours the scale draws. */
export const LEVELS = 32;

export interface ColorScale {
  min: number;
  max: number;
  /** Which end of the range is weak, and so drawn intense. */
  weak: "low" | "high";
  /** Intensity in [0, 1] of `value`: 0 at the strong end, 1 at the weak end, quantised. */
  intensity(value: number): number;
  color(value: number): string;
}

/**
 * A scale over [min, max]; values outside are clamped. An empty range
 * (min = max) draws everything at half intensity.
 *
 * @example sequentialScale(0, 10, "high", LIGHT_RAMP).color(10) // "#e34a33"
 */
export function sequentialScale(min: number, max: number, weak: "low" | "high", ramp: Ramp): ColorScale {
  const intensity = (value: number): number => {
    const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0.5;
    return Math.round((weak === "high" ? t : 1 - t) * (LEVELS - 1)) / (LEVELS - 1);
  };
  return { min, max, weak, intensity, color: (value) => rampColor(ramp, intensity(value)) };
}

/** The colour at `t` (0..1) along `ramp`, interpolated in sRGB. */
export function rampColor(ramp: Ramp, t: number): string {
  const x = Math.min(1, Math.max(0, t)) * 2;
  const [from, to, f] = x <= 1 ? [ramp[0], ramp[1], x] : [ramp[1], ramp[2], x - 1];
  const a = parseHex(from);
  const b = parseHex(to);
  return `#${a.map((c, i) => Math.round(c + (b[i]! - c) * f).toString(16).padStart(2, "0")).join("")}`;
}

/** Colours of the legend's gradient from `min` (left) to `max` (right): `count` evenly spaced stops. */
export function legendStops(scale: ColorScale, ramp: Ramp, count = 5): { offset: number; color: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const offset = count > 1 ? i / (count - 1) : 0;
    const t = scale.weak === "high" ? offset : 1 - offset;
    return { offset, color: rampColor(ramp, t) };
  });
}

/** The range of `values` (finite ones), or null when there is none. */
export function valueRange(values: readonly number[]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`rampColor: "${color}" is not a #rrggbb colour`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}
