import { describe, expect, it, vi } from "vitest";
import { PROGRESS_DELAY_MS, createProgressIndicator, progressText } from "../../src/view/progress_indicator";

describe("progress indicator", () => {
  it("says what is awaited", () => {
    expect(progressText({ kind: "views" })).toBe("Loading module views…");
    expect(progressText({ kind: "expand", depth: null })).toBe("Expanding every module…");
    expect(progressText({ kind: "expand", depth: 3 })).toBe("Expanding to depth 3…");
    expect(progressText({ kind: "expand", depth: 0 })).toBe("Collapsing…");
    expect(progressText({ kind: "layout", stage: { step: "placing", label: "encoder" } })).toBe("Placing encoder");
    expect(progressText({ kind: "layout", stage: { step: "preparing", label: "encoder", nodes: 4, edges: 3 } })).toBe(
      "Preparing encoder: 4 items, 3 edges",
    );
    expect(progressText({ kind: "layout", stage: { step: "laying-out", label: "encoder", edges: 3 } })).toBe(
      "Laying out encoder: layering, ordering and routing 3 edges",
    );
  });

  it("shows only for work slower than a moment, and hides after it", async () => {
    vi.useFakeTimers();
    try {
      const progress = createProgressIndicator();
      let finish!: () => void;
      const work = progress.around(new Promise<void>((resolve) => (finish = resolve)), { kind: "expand", depth: 2 }, () => false);
      vi.advanceTimersByTime(PROGRESS_DELAY_MS - 1);
      expect(progress.element.hidden).toBe(true);
      vi.advanceTimersByTime(1);
      expect(progress.element.hidden).toBe(false);
      expect(progress.element.textContent).toBe("Expanding to depth 2…");
      finish();
      await work;
      expect(progress.element.hidden).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
