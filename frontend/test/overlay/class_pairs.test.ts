import { describe, expect, it } from "vitest";
import {
  cellSeries,
  classDifference,
  downsample,
  maxAbsDifference,
  pairSeparation,
  separationMatrix,
} from "../../src/overlay/class_pairs";
import { DOCS_SAMPLE } from "../overlay_fixtures";

// class_means_normalized of the docs sample: 3 classes × 4 filters.
const A = DOCS_SAMPLE.layers[0]!.class_means_normalized;

function close(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
}

describe("classDifference (CPD)", () => {
  it("is a[A, f] − a[B, f] with A the baseline", () => {
    close(classDifference(A, 0, 1), [-0.16, -0.02, 0.6, 0]);
    close(classDifference(A, 1, 0), [0.16, 0.02, -0.6, 0]);
  });

  it("is zero for a class against itself", () => {
    close(classDifference(A, 2, 2), [0, 0, 0, 0]);
  });

  it("names a class out of range", () => {
    expect(() => classDifference(A, 0, 3)).toThrow("class 3 is out of range: the layer has 3 classes");
  });
});

describe("pairSeparation", () => {
  it("is the mean absolute difference over filters", () => {
    expect(pairSeparation(A, 0, 1)).toBeCloseTo(0.78 / 4, 12);
    expect(pairSeparation(A, 0, 2)).toBeCloseTo(1.16 / 4, 12);
    expect(pairSeparation(A, 1, 2)).toBeCloseTo(0.82 / 4, 12);
  });
});

describe("separationMatrix", () => {
  it("is symmetric with a zero diagonal", () => {
    const m = separationMatrix(A);
    expect(m).toHaveLength(3);
    for (let r = 0; r < 3; r++) {
      expect(m[r]![r]).toBe(0);
      for (let c = 0; c < 3; c++) expect(m[r]![c]).toBeCloseTo(m[c]![r]!, 12);
    }
  });
});

describe("maxAbsDifference", () => {
  it("is the widest spread of one filter over classes", () => {
    // filter 0 runs from 0.24 to 1.0
    expect(maxAbsDifference(A)).toBeCloseTo(0.76, 12);
  });

  it("is 0 for no classes", () => {
    expect(maxAbsDifference([])).toBe(0);
  });
});

describe("cellSeries", () => {
  it("draws a row on the diagonal and a difference elsewhere, in the given order", () => {
    close(cellSeries(A, 1, 1, [2, 0]), [0.2, 0.4]);
    close(cellSeries(A, 0, 2, [0, 2]), [-0.76, 0.4]);
  });
});

describe("downsample", () => {
  it("averages equal runs", () => {
    expect(downsample([1, 3, 5, 7], 2)).toEqual([2, 6]);
  });

  it("keeps short series", () => {
    expect(downsample([1, 2], 5)).toEqual([1, 2]);
  });

  it("skips missing values inside a run", () => {
    expect(downsample([1, NaN, 3], 1)).toEqual([2]);
  });
});
