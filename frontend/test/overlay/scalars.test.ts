import { describe, expect, it } from "vitest";
import { defaultScalarTag, describeScalarPick, finalScalar, scalarAt, scalarTags } from "../../src/overlay/scalars";

describe("scalarTags", () => {
  it("is the sorted union of the runs' tags", () => {
    expect(scalarTags([{ run: "a", scalars: { loss: [], accuracy: [] } }, { run: "b", scalars: { accuracy: [], lr: [] } }])).toEqual(["accuracy", "loss", "lr"]);
    expect(scalarTags([])).toEqual([]);
  });
});

describe("defaultScalarTag", () => {
  it("takes the first tag matching /acc/i", () => {
    expect(defaultScalarTag(["loss", "Top1_ACC", "val_accuracy"])).toBe("Top1_ACC");
  });

  it("keeps the current tag while it is listed", () => {
    expect(defaultScalarTag(["accuracy", "loss"], "loss")).toBe("loss");
    expect(defaultScalarTag(["accuracy", "loss"], "gone")).toBe("accuracy");
  });

  it("falls back to the first tag, else null", () => {
    expect(defaultScalarTag(["loss", "lr"])).toBe("loss");
    expect(defaultScalarTag([])).toBeNull();
  });
});

describe("scalarAt", () => {
  const points: [number, number][] = [[0, 0.5], [4, 0.8], [4, 0.85], [10, 0.9]];

  it("takes the value at the step, the last one when logged twice", () => {
    expect(scalarAt(points, 4)).toEqual({ value: 0.85, step: 4, exact: true });
  });

  it("else the run's last value", () => {
    expect(scalarAt(points, 3)).toEqual({ value: 0.9, step: 10, exact: false });
    expect(scalarAt([], 3)).toBeNull();
  });
});

describe("finalScalar", () => {
  it("is the last point", () => {
    expect(finalScalar([[0, 0.5], [10, 0.9]])).toEqual({ value: 0.9, step: 10, exact: true });
    expect(finalScalar([])).toBeNull();
  });
});

describe("describeScalarPick", () => {
  it("says whether the value is the step's or the run's last", () => {
    expect(describeScalarPick("accuracy", { value: 1, step: 4, exact: true }, 4)).toBe("accuracy at step 4");
    expect(describeScalarPick("accuracy", { value: 1, step: 7, exact: false }, 4)).toBe("accuracy: the run's last value (step 7); none logged at step 4");
  });
});
