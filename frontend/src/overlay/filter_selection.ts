/**
 * Filter selections in the layer panel: the range a brush covers, and the
 * selections made under each metric combined into one. Indices are filter
 * indices of one layer; results are sorted ascending. Pure.
 */

export type CombineMode = "union" | "intersection";

/**
 * The filters a brush from `x0` to `x1` covers, on bars laid out evenly over
 * `width` in `order` (position i shows filter order[i]): every bar the range
 * touches.
 *
 * @example brushedFilters(0, 30, [3, 1, 0, 2], 100) // [1, 3]
 */
export function brushedFilters(x0: number, x1: number, order: readonly number[], width: number): number[] {
  if (!order.length || width <= 0) return [];
  const lo = Math.max(0, Math.min(x0, x1));
  const hi = Math.min(width, Math.max(x0, x1));
  if (hi < lo) return [];
  const bar = width / order.length;
  const first = Math.min(order.length - 1, Math.floor(lo / bar));
  const last = Math.min(order.length - 1, Math.max(first, Math.ceil(hi / bar) - 1));
  return sortedUnique(order.slice(first, last + 1));
}

/**
 * The selections made under each metric combined: their union, or the
 * intersection of those that are not empty (an empty selection means "no
 * choice made under that metric", not "nothing").
 *
 * @example combineSelections([[1, 2, 3], [], [2, 3, 4]], "intersection") // [2, 3]
 */
export function combineSelections(selections: readonly (readonly number[])[], mode: CombineMode): number[] {
  const made = selections.filter((s) => s.length > 0);
  if (!made.length) return [];
  if (mode === "union") return sortedUnique(made.flat());
  const [first, ...rest] = made;
  const others = rest.map((s) => new Set(s));
  return sortedUnique(first!.filter((f) => others.every((s) => s.has(f))));
}

/** `indices` toggled: `index` added when absent, removed when present. */
export function toggledFilter(indices: readonly number[], index: number): number[] {
  return indices.includes(index) ? indices.filter((i) => i !== index) : sortedUnique([...indices, index]);
}

export function sortedUnique(indices: readonly number[]): number[] {
  return [...new Set(indices)].sort((a, b) => a - b);
}
