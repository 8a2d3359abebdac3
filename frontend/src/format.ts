/**
 * Number formatting for labels. Fixed to English digit grouping so labels
 * (and tests) do not change with the browser's locale.
 */

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 2390 -> "2,390". */
export function formatCount(n: number): string {
  return grouped.format(n);
}

const COMPACT_UNITS = ["", "K", "M", "B", "T"] as const;

/**
 * Parameter counts and other large numbers, one decimal at most:
 * 109482240 -> "109.5M", 1500 -> "1.5K", 2000000 -> "2M", 512 -> "512".
 */
export function formatCompact(n: number): string {
  return scaled(n, 1000, COMPACT_UNITS, "");
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/**
 * Sizes in binary units; a decimal only below 10: 187310 -> "183 KB",
 * 5000 -> "4.9 KB", 900 -> "900 B".
 */
export function formatBytes(n: number): string {
  return scaled(n, 1024, BYTE_UNITS, " ", (v) => (v < 10 ? 1 : 0));
}

function scaled(
  n: number,
  base: number,
  units: readonly string[],
  separator: string,
  decimals: (value: number) => number = () => 1,
): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  let value = Math.abs(n);
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  if (unit === 0) return `${sign}${Math.round(value)}${separator}${units[0]}`.trimEnd();
  let text = value.toFixed(decimals(value));
  // Rounding can reach the next unit: 999,960 is "1M", not "1000.0K".
  if (Number(text) >= base && unit < units.length - 1) {
    unit += 1;
    text = (Number(text) / base).toFixed(decimals(Number(text) / base));
  }
  return `${sign}${text.replace(/\.0$/, "")}${separator}${units[unit]}`;
}

/** 1 -> "1 node", 2390 -> "2,390 nodes". */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The change from `before` to `after` as a signed percentage of `before`:
 * (100, 85) -> "−15.0%", (100, 105) -> "+5.0%"; "0%" for none, "—" when
 * `before` is not a positive total.
 */
export function formatChange(before: number, after: number): string {
  if (!(before > 0)) return "—";
  if (after === before) return "0%";
  const percent = (100 * (after - before)) / before;
  return `${percent < 0 ? "−" : "+"}${Math.abs(percent).toFixed(1)}%`;
}
