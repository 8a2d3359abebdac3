import { describe, expect, it, vi } from "vitest";
import { MATRIX_WIDTH, sparklineMatrix } from "../../src/view/sparkline_matrix";
import { EVIL } from "../fixtures";

// Three classes of three filters; class 1's row is not loaded (the panel leaves it out of `classes`).
const A = [Float32Array.of(0, 0.5, 1), undefined, Float32Array.of(1, NaN, 0)];
const NAMES = ["cat", "dog", EVIL];

function draw(pick = vi.fn()) {
  const root = sparklineMatrix({ a: A, classNames: NAMES, classes: [0, 2], order: [0, 1, 2], pair: [0, 2], activeClass: 2 }, pick);
  document.body.replaceChildren(root);
  return { root, pick };
}

describe("sparklineMatrix", () => {
  it("draws one cell per pair of the classes given, with class indices", () => {
    const { root } = draw();
    const cells = [...root.querySelectorAll<SVGGElement>('[data-testid="matrix-cell"]')];
    expect(cells.map((g) => [g.dataset.row, g.dataset.col])).toEqual([["0", "0"], ["0", "2"], ["2", "0"], ["2", "2"]]);
    expect(cells.map((g) => g.getAttribute("class"))).toEqual([
      "gf-matrix-cell gf-diagonal", "gf-matrix-cell gf-picked", "gf-matrix-cell", "gf-matrix-cell gf-diagonal gf-active",
    ]);
    expect(cells[1]!.getAttribute("aria-selected")).toBe("true");
    expect(root.getAttribute("viewBox")).toBe(`0 0 ${MATRIX_WIDTH} ${14 + 2 * 133}`);
  });

  it("draws every sparkline in one path, broken where a value is not finite", () => {
    const d = draw().root.querySelector('[data-testid="matrix-sparklines"]')!.getAttribute("d")!;
    // Four cells of three points; class 2's middle value is NaN in three of them.
    const moves = d.match(/M/g)!.length;
    const lines = d.match(/L/g)!.length;
    expect(moves + lines).toBe(3 + 2 + 2 + 2);
    expect(moves).toBe(1 + 2 + 2 + 2);
    // The diagonal cell of class 0 runs from a = 0 at the bottom to a = 1 at the top.
    expect(d.startsWith("M36 145L100.5 80.5L165 16")).toBe(true);
  });

  it("makes a cell's tooltip, names as text, when the pointer first reaches it, and reports clicks", () => {
    const { root, pick } = draw();
    const cell = root.querySelector('[data-row="0"][data-col="2"]')!;
    expect(cell.querySelector("title")).toBeNull();
    cell.firstElementChild!.dispatchEvent(new MouseEvent("pointerover", { bubbles: true }));
    cell.firstElementChild!.dispatchEvent(new MouseEvent("pointerover", { bubbles: true }));
    expect([...cell.querySelectorAll("title")].map((t) => t.textContent)).toEqual([
      expect.stringContaining(`a[cat, ·] − a[${EVIL}, ·]; mean |difference|`),
    ]);
    expect(root.querySelector("img, script")).toBeNull();
    cell.firstElementChild!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(pick).toHaveBeenCalledWith(0, 2);
  });
});
