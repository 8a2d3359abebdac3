import { describe, expect, it } from "vitest";
import {
  classDifference,
  classNamed,
  defaultClasses,
  downsample,
  matchingClasses,
  maxAbsDifference,
  missingClasses,
  pairSeparation,
  separationMatrix,
} from "../../src/overlay/class_pairs";
import { DOCS_CLASS_MEANS } from "../overlay_fixtures";

// class_means_normalized of the docs sample: 3 classes × 4 filters.
const A = DOCS_CLASS_MEANS;

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

describe("rows as Float32Array views (GET filter_layer)", () => {
  it("give what number rows give", () => {
    const buffer = new Float32Array(A.flat());
    const rows = [0, 1, 2].map((c) => buffer.subarray(c * 4, (c + 1) * 4));
    close(classDifference(rows, 0, 2), classDifference(A.map((r) => r.map(Math.fround)), 0, 2));
    expect(pairSeparation(rows, 1, 2)).toBeCloseTo(0.82 / 4, 6);
  });
});

describe("separationMatrix and maxAbsDifference of picked classes", () => {
  it("are in the picked order", () => {
    const m = separationMatrix(A, [2, 0]);
    expect(m[0]![1]).toBeCloseTo(pairSeparation(A, 2, 0), 12);
    expect(m).toHaveLength(2);
    // filters over classes 1 and 2 only: filter 0 spans 0.4..1.0
    expect(maxAbsDifference(A, [1, 2])).toBeCloseTo(0.6, 12);
  });
});

describe("defaultClasses", () => {
  it("takes the classes of the best pairs, then the worst, once each, up to the limit", () => {
    const pairs = { best: [[0, 5, 0.9], [5, 7, 0.8]], worst: [[2, 3, 0.01], [0, 9, 0.02]] };
    expect(defaultClasses(pairs, 8)).toEqual([0, 5, 7, 2, 3, 9]);
    expect(defaultClasses(pairs, 4)).toEqual([0, 5, 7, 2]);
    expect(defaultClasses({ best: [], worst: [] }, 4)).toEqual([]);
  });
});

describe("matchingClasses", () => {
  it("finds names containing the query, any case, in class order, up to the limit", () => {
    const names = ["cat", "dog", "Catfish", "bobcat"];
    expect(matchingClasses(names, "CAT", 5)).toEqual([0, 2, 3]);
    expect(matchingClasses(names, "cat", 2)).toEqual([0, 2]);
    expect(matchingClasses(names, "  ", 2)).toEqual([0, 1]);
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

describe("rows not loaded", () => {
  const partial = [A[0]!, undefined, A[2]!];

  it("are listed once each, in the order asked", () => {
    expect(missingClasses(partial, [1, 2, 1, 0])).toEqual([1]);
    expect(missingClasses(partial, [])).toEqual([]);
    expect(missingClasses([undefined, undefined], [1, 0])).toEqual([1, 0]);
  });

  it("are not read as values: asking for them names the class", () => {
    close(classDifference(partial, 2, 0), [0.76, 0, -0.4, 0]);
    expect(() => classDifference(partial, 0, 1)).toThrow("class 1's class means are not loaded");
    expect(() => pairSeparation(partial, 5, 0)).toThrow("class 5 is out of range: the layer has 3 classes");
  });
});

describe("classNamed", () => {
  const names = ["cat", "dog", "Dog", " Emu ", "<b>x</b>"];

  it("takes an exact name first", () => {
    expect(classNamed(names, "Dog")).toBe(2);
    expect(classNamed(names, "<b>x</b>")).toBe(4);
  });

  it("else a unique match ignoring case and spaces", () => {
    expect(classNamed(names, " CAT")).toBe(0);
    expect(classNamed(names, "emu")).toBe(3);
  });

  it("is null for no match and for several", () => {
    expect(classNamed(names, "DOG")).toBeNull();
    expect(classNamed(names, "ca")).toBeNull();
    expect(classNamed(names, "")).toBeNull();
  });
});
