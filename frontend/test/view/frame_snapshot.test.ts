import { describe, expect, it } from "vitest";
import { movedTransform } from "../../src/view/frame_snapshot";
import type { Camera } from "../../src/view/camera";

const screen = (c: Camera, x: number, y: number) => [x * c.scale + c.x, y * c.scale + c.y];

describe("movedTransform", () => {
  it("maps a world point's screen position under one camera to its position under another", () => {
    const from: Camera = { scale: 0.5, x: 10, y: -20 };
    const to: Camera = { scale: 0.6, x: 40, y: 5 };
    const { k, dx, dy } = movedTransform(from, to);
    for (const [x, y] of [[0, 0], [100, 250], [-30, 7]] as const) {
      const [sx, sy] = screen(from, x, y);
      const [tx, ty] = screen(to, x, y);
      expect(k * sx! + dx).toBeCloseTo(tx!);
      expect(k * sy! + dy).toBeCloseTo(ty!);
    }
  });

  it("is the identity for the same camera, a shift for a pan", () => {
    const c: Camera = { scale: 2, x: 3, y: 4 };
    expect(movedTransform(c, c)).toEqual({ k: 1, dx: 0, dy: 0 });
    expect(movedTransform(c, { ...c, x: 13 })).toEqual({ k: 1, dx: 10, dy: 0 });
  });
});
