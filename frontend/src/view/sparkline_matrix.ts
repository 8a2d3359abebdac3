/**
 * The layer panel's sparkline matrix, as SVG: C×C cells for C classes. The
 * diagonal cell c draws a[c, ·] across the filters; the off-diagonal cell
 * (r, c) draws a[r, ·] − a[c, ·] around a zero line, on one scale shared by
 * all off-diagonal cells, over a background as strong as the layer separates
 * the pair (mean |a[r, ·] − a[c, ·]|, relative to the best-separated pair).
 * Filters run left to right in the panel's order. Class names go in as text,
 * a cell's tooltip included (made when the pointer first reaches the cell).
 * With many classes the matrix shows the classes the panel picked (at most
 * {@link MAX_MATRIX_CLASSES}); cells carry class indices, not positions. A
 * sparkline has at most two points per unit of its width: rows are averaged
 * over runs of filters first, and a cell draws the difference of two such rows.
 */

import { downsample, maxAbsDifference, separationMatrix } from "../overlay/class_pairs";
import type { ClassRows } from "../overlay/class_pairs";
import { formatValue } from "../overlay/filter_metrics";
import { svg } from "./dom";

/** The matrix's width in SVG units (it scales to the panel). */
export const MATRIX_WIDTH = 300;
/** Above this many classes the matrix draws the classes the user picks (at most this many). */
export const MAX_MATRIX_CLASSES = 32;
const LABEL_WIDTH = 34;
const LABEL_HEIGHT = 14;

export interface MatrixInput {
  /** `class_means_normalized`: a[c][f] in [0, 1]. */
  a: ClassRows;
  classNames: readonly string[];
  /** The classes drawn, in order (default: all, when there are at most MAX_MATRIX_CLASSES). */
  classes?: readonly number[];
  /** Filter indices in drawing order. */
  order: readonly number[];
  /** The picked pair (baseline row class A, column class B), or null. */
  pair: readonly [number, number] | null;
  /** The class the activation view shows, outlined on the diagonal. */
  activeClass: number;
}

/** Draw the matrix; a click on a cell calls `pick(row, col)`. */
export function sparklineMatrix(input: MatrixInput, pick: (row: number, col: number) => void): SVGSVGElement {
  const shown = (input.classes ?? input.a.map((_, c) => c)).slice(0, MAX_MATRIX_CLASSES);
  const classes = shown.length;
  const cell = (MATRIX_WIDTH - LABEL_WIDTH) / Math.max(1, classes);
  const height = LABEL_HEIGHT + cell * classes;
  const separation = separationMatrix(input.a, shown);
  const maxSeparation = Math.max(0, ...separation.flat()) || 1;
  const diffScale = maxAbsDifference(input.a, shown) || 1;
  const points = Math.max(2, Math.floor(cell * 2));
  // Each shown row in the panel's order, downsampled once; a cell's difference is that of two
  // downsampled rows (32 classes of 2,048 filters: 32 rows to reduce, not 1,024 cells).
  const rows = new Map(shown.map((c) => [c, downsample(input.order.map((f) => input.a[c]?.[f] ?? NaN), points)]));
  const root = svg("svg", {
    class: "gf-matrix",
    "data-testid": "sparkline-matrix",
    viewBox: `0 0 ${MATRIX_WIDTH} ${height}`,
    role: "grid",
    "aria-label": "Class-pair sparkline matrix",
  });
  for (let i = 0; i < classes; i++) {
    const c = shown[i]!;
    const name = input.classNames[c] ?? String(c);
    const x = LABEL_WIDTH + i * cell + cell / 2;
    root.append(svg("text", { class: "gf-matrix-label", x, y: LABEL_HEIGHT - 3, "text-anchor": "middle" }, shortName(name, cell), svg("title", {}, name)));
    root.append(
      svg("text", { class: "gf-matrix-label", x: LABEL_WIDTH - 3, y: LABEL_HEIGHT + i * cell + cell / 2 + 3, "text-anchor": "end" }, shortName(name, LABEL_WIDTH), svg("title", {}, name)),
    );
  }
  // Per cell a group and its background; the sparklines of all cells are one path, their zero lines
  // another, and a cell's tooltip is made when the pointer first reaches it (32 classes are 1,024
  // cells: 2,000 elements instead of 5,000 for the panel's first drawing to build, style and lay out).
  const zeros: string[] = [];
  const sparks: string[] = [];
  const cells = svg("g", {});
  for (let ri = 0; ri < classes; ri++) {
    for (let ci = 0; ci < classes; ci++) {
      const r = shown[ri]!;
      const c = shown[ci]!;
      const x = LABEL_WIDTH + ci * cell;
      const y = LABEL_HEIGHT + ri * cell;
      const rowR = rows.get(r)!;
      const rowC = rows.get(c)!;
      const diagonal = r === c;
      const picked = input.pair !== null && input.pair[0] === r && input.pair[1] === c;
      const g = svg("g", {
        class: `gf-matrix-cell${diagonal ? " gf-diagonal" : ""}${picked ? " gf-picked" : ""}${diagonal && r === input.activeClass ? " gf-active" : ""}`,
        "data-testid": "matrix-cell",
        "data-row": r,
        "data-col": c,
        role: "gridcell",
        "aria-selected": picked ? "true" : null,
      });
      const background = svg("rect", { class: "gf-cell-bg", x: x + 0.5, y: y + 0.5, width: cell - 1, height: cell - 1 });
      if (!diagonal) background.setAttribute("fill-opacity", String(0.06 + 0.5 * ((separation[ri]?.[ci] ?? 0) / maxSeparation)));
      g.append(background);
      cells.append(g);
      const pad = Math.min(2, cell / 8);
      const top = y + pad;
      const span = cell - 2 * pad;
      if (!diagonal) zeros.push(`M${round(x + pad)} ${round(top + span / 2)}H${round(x + cell - pad)}`);
      // A line through the finite points, broken where a point is not finite.
      let command = "M";
      for (let i = 0; i < rowR.length; i++) {
        const v = diagonal ? rowR[i]! : rowR[i]! - rowC[i]!;
        if (!Number.isFinite(v)) {
          command = "M";
          continue;
        }
        const px = x + pad + (rowR.length > 1 ? (i / (rowR.length - 1)) * span : span / 2);
        const py = diagonal ? top + span * (1 - v) : top + span / 2 - (v / diffScale) * (span / 2);
        sparks.push(`${command}${round(px)} ${round(py)}`);
        command = "L";
      }
    }
  }
  const tooltip = (r: number, c: number): string => {
    const rowName = input.classNames[r] ?? String(r);
    const colName = input.classNames[c] ?? String(c);
    if (r === c) return `a[${rowName}, ·]: class ${rowName}'s normalised mean activation per filter`;
    const separated = separation[shown.indexOf(r)]?.[shown.indexOf(c)] ?? 0;
    return `a[${rowName}, ·] − a[${colName}, ·]; mean |difference| ${formatValue(separated)}. Click for the CPD of this pair.`;
  };
  const cellOf = (event: Event): [SVGGElement, number, number] | null => {
    const g = (event.target as Element | null)?.closest?.('[data-testid="matrix-cell"]');
    return g instanceof SVGGElement ? [g, Number(g.dataset.row), Number(g.dataset.col)] : null;
  };
  cells.addEventListener("pointerover", (event) => {
    const found = cellOf(event);
    if (found && !found[0].querySelector("title")) found[0].prepend(svg("title", {}, tooltip(found[1], found[2])));
  });
  cells.addEventListener("click", (event) => {
    const found = cellOf(event);
    if (found) pick(found[1], found[2]);
  });
  root.append(
    cells,
    svg("path", { class: "gf-zero", d: zeros.join(""), "pointer-events": "none" }),
    svg("path", { class: "gf-spark", "data-testid": "matrix-sparklines", d: sparks.join(""), "pointer-events": "none" }),
  );
  return root;
}

/** A class name cut to what fits in `width` units at the label size. */
function shortName(name: string, width: number): string {
  const chars = Math.max(1, Math.floor(width / 5.5));
  return name.length <= chars ? name : `${name.slice(0, Math.max(1, chars - 1))}…`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
