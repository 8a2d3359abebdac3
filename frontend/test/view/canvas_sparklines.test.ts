import { describe, expect, it } from "vitest";
import { SPARK_MIN_HEIGHT_PX, SPARK_MIN_WIDTH_PX, SPARK_STRIP, sparklineBox, sparklineCoords } from "../../src/view/canvas_sparklines";
import type { SceneItem } from "../../src/scene";

const ITEM = { x: 100, y: 50, width: 120, height: 54, pile: 0 } as SceneItem;

describe("sparklineCoords", () => {
  const box = { x: 10, y: 20, width: 30, height: 6 };

  it("spaces points evenly and maps the series' own range bottom to top", () => {
    expect(sparklineCoords([2, 4, 3, 6], box)).toEqual([
      { x: 10, y: 26 },
      { x: 20, y: 23 },
      { x: 30, y: 24.5 },
      { x: 40, y: 20 },
    ]);
  });

  it("draws a flat series along the middle and leaves gaps as NaN", () => {
    expect(sparklineCoords([5, NaN, 5], box)).toEqual([{ x: 10, y: 23 }, { x: 25, y: NaN }, { x: 40, y: 23 }]);
  });
});

describe("sparklineBox", () => {
  it("is a strip along the item's bottom edge", () => {
    const box = sparklineBox(ITEM, 1)!;
    expect(box.x).toBe(108);
    expect(box.width).toBe(104);
    expect(box.y).toBeGreaterThanOrEqual(50 + 54 - SPARK_STRIP);
    expect(box.y + box.height).toBeLessThanOrEqual(50 + 54);
  });

  it("is null while the item is too small on screen", () => {
    expect(sparklineBox(ITEM, (SPARK_MIN_WIDTH_PX - 1) / 120)).toBeNull();
    expect(sparklineBox(ITEM, (SPARK_MIN_HEIGHT_PX - 1) / 54)).toBeNull();
    expect(sparklineBox(ITEM, SPARK_MIN_HEIGHT_PX / 54 + 0.01)).not.toBeNull();
  });
});
