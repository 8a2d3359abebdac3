import { describe, expect, it } from "vitest";
import { brushedFilters, combineSelections, sortedUnique, toggledFilter } from "../../src/overlay/filter_selection";

describe("brushedFilters", () => {
  const order = [3, 1, 0, 2];

  it("takes every bar the range touches, as filter indices", () => {
    // bars are 25 wide: 0..30 touches positions 0 and 1, filters 3 and 1
    expect(brushedFilters(0, 30, order, 100)).toEqual([1, 3]);
  });

  it("does not care about the drag direction", () => {
    expect(brushedFilters(30, 0, order, 100)).toEqual([1, 3]);
  });

  it("clamps to the chart", () => {
    expect(brushedFilters(-10, 500, order, 100)).toEqual([0, 1, 2, 3]);
  });

  it("takes the one bar under a point", () => {
    expect(brushedFilters(50, 50, order, 100)).toEqual([0]);
    expect(brushedFilters(100, 100, order, 100)).toEqual([2]);
  });

  it("is empty without bars", () => {
    expect(brushedFilters(0, 10, [], 100)).toEqual([]);
  });
});

describe("combineSelections", () => {
  it("unites", () => {
    expect(combineSelections([[3, 1], [2, 1]], "union")).toEqual([1, 2, 3]);
  });

  it("intersects the selections that were made", () => {
    expect(combineSelections([[1, 2, 3], [], [2, 3, 4]], "intersection")).toEqual([2, 3]);
    expect(combineSelections([[1], [2]], "intersection")).toEqual([]);
  });

  it("is empty when nothing was selected", () => {
    expect(combineSelections([], "union")).toEqual([]);
    expect(combineSelections([[], []], "intersection")).toEqual([]);
  });
});

describe("toggledFilter", () => {
  it("adds and removes", () => {
    expect(toggledFilter([1, 3], 2)).toEqual([1, 2, 3]);
    expect(toggledFilter([1, 3], 3)).toEqual([1]);
  });
});

describe("sortedUnique", () => {
  it("sorts numerically", () => {
    expect(sortedUnique([10, 2, 2, 1])).toEqual([1, 2, 10]);
  });
});
