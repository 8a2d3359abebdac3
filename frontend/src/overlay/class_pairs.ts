/**
 * Class-pair computations over one layer's normalised class means
 * `a[c][f]` (`class_means_normalized` of `GET filter_stats`): the class
 * pairwise difference (CPD) a[A, f] − a[B, f] of a baseline class A and a
 * class B, how well the layer separates a pair, the picker's default and
 * matching classes, and the downsampling of sparklines. Pure. Rows are any array-like of numbers (the tab holds
 * them as Float32Array views of `GET filter_layer`'s buffers), `undefined`
 * for a class whose row is not loaded: asking for its values throws.
 */

/** `a[c][f]`: one row of normalised class means per class (`undefined`: not loaded). */
export type ClassRows = readonly (ArrayLike<number> | undefined)[];

/**
 * The classes of `classes` whose rows `a` lacks, once each, in the order given.
 *
 * @example missingClasses([[0.5], undefined, undefined], [2, 0, 2, 1]) // [2, 1]
 */
export function missingClasses(a: ClassRows, classes: Iterable<number>): number[] {
  const out: number[] = [];
  for (const c of classes) if (a[c] === undefined && !out.includes(c)) out.push(c);
  return out;
}

/**
 * CPD: per filter, a[A, f] − a[B, f] for baseline class `A` and class `B`.
 *
 * @example classDifference([[0.2, 1], [0.5, 0.25]], 0, 1) // [-0.3, 0.75]
 */
export function classDifference(a: ClassRows, A: number, B: number): number[] {
  const rowA = row(a, A);
  const rowB = row(a, B);
  return Array.from(rowA, (v, f) => v - (rowB[f] ?? NaN));
}

/**
 * How well the layer separates classes `r` and `c`: the mean over filters of
 * |a[r, f] − a[c, f]| (0 on the diagonal).
 *
 * @example pairSeparation([[0.2, 1], [0.5, 0.25]], 0, 1) // 0.525
 */
export function pairSeparation(a: ClassRows, r: number, c: number): number {
  const rowA = row(a, r);
  const rowB = row(a, c);
  let sum = 0;
  let count = 0;
  for (let f = 0; f < rowA.length; f++) {
    const d = rowA[f]! - (rowB[f] ?? NaN);
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count ? sum / count : 0;
}

/** `pairSeparation` of every pair of `classes` (default: all): a symmetric matrix with a zero diagonal, in `classes`' order. */
export function separationMatrix(a: ClassRows, classes: readonly number[] = a.map((_, c) => c)): number[][] {
  const m = classes.map(() => classes.map(() => 0));
  // Symmetric: each pair once (32 picked classes of 2,048 filters are half a million differences).
  for (let i = 0; i < classes.length; i++) {
    for (let j = i + 1; j < classes.length; j++) m[i]![j] = m[j]![i] = pairSeparation(a, classes[i]!, classes[j]!);
  }
  return m;
}

/** The largest |a[r, f] − a[c, f]| over pairs of `classes` (default: all) and filters: the shared scale of the difference sparklines. */
export function maxAbsDifference(a: ClassRows, classes: readonly number[] = a.map((_, c) => c)): number {
  let best = 0;
  const rows = classes.map((c) => row(a, c));
  for (let f = 0; f < (rows[0]?.length ?? 0); f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const values of rows) {
      const v = values[f];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > best) best = hi - lo;
  }
  return best;
}

/**
 * `values` shortened to at most `n` points by averaging equal runs, so a
 * sparkline never draws more points than it has pixels.
 *
 * @example downsample([1, 3, 5, 7], 2) // [2, 6]
 */
export function downsample(values: readonly number[], n: number): number[] {
  if (values.length <= n || n < 1) return [...values];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor((i * values.length) / n);
    const end = Math.floor(((i + 1) * values.length) / n);
    let sum = 0;
    let count = 0;
    for (let j = start; j < end; j++) {
      const v = values[j]!;
      if (Number.isFinite(v)) {
        sum += v;
        count += 1;
      }
    }
    out.push(count ? sum / count : NaN);
  }
  return out;
}

function row(a: ClassRows, index: number): ArrayLike<number> {
  const values = a[index];
  if (!values) {
    throw new RangeError(index >= 0 && index < a.length ? `class ${index}'s class means are not loaded` : `class ${index} is out of range: the layer has ${a.length} classes`);
  }
  return values;
}

/**
 * The classes a matrix of many classes shows by default: those of the
 * layer's best-separated pairs, then of its worst, first come first, at most `limit`.
 *
 * @example defaultClasses({ best: [[0, 5, 0.9]], worst: [[2, 3, 0.01]] }, 8) // [0, 5, 2, 3]
 */
export function defaultClasses(pairs: { best: readonly (readonly number[])[]; worst: readonly (readonly number[])[] }, limit: number): number[] {
  const out: number[] = [];
  for (const [r, c] of [...pairs.best, ...pairs.worst]) {
    for (const cls of [r, c]) if (cls !== undefined && !out.includes(cls) && out.length < limit) out.push(cls);
  }
  return out;
}

/**
 * Class indices whose name contains `query` (case-insensitive), in class order, at most `limit`.
 *
 * @example matchingClasses(["cat", "dog", "Catfish"], "cat", 5) // [0, 2]
 */
export function matchingClasses(names: readonly string[], query: string, limit: number): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < names.length && out.length < limit; i++) if (!q || names[i]!.toLowerCase().includes(q)) out.push(i);
  return out;
}

/**
 * The class named `text`: the first whose name is `text` exactly, else the
 * one whose name matches it ignoring case and surrounding spaces (null when
 * none does, or when several do).
 *
 * @example classNamed(["cat", "dog", "Dog"], " CAT") // 0
 */
export function classNamed(names: readonly string[], text: string): number | null {
  const exact = names.indexOf(text);
  if (exact >= 0) return exact;
  const wanted = text.trim().toLowerCase();
  let found: number | null = null;
  for (let i = 0; i < names.length; i++) {
    if (names[i]!.trim().toLowerCase() !== wanted) continue;
    if (found !== null) return null;
    found = i;
  }
  return found;
}
