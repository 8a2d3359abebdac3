// @vitest-environment node
import { describe, expect, it } from "vitest";
import { newestFirst } from "../../src/worker/newest_first";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("newestFirst", () => {
  it("runs one at a time, the newest waiting first, and every item once", async () => {
    const ran: string[] = [];
    let active = 0;
    let finishRoot!: () => void;
    const enqueue = newestFirst(async (item: string) => {
      active += 1;
      expect(active).toBe(1);
      ran.push(item);
      if (item === "root") await new Promise<void>((resolve) => (finishRoot = resolve));
      active -= 1;
    }, tick, () => {});
    enqueue("root");
    await tick();
    await tick();
    expect(ran).toEqual(["root"]);
    // While the root runs, the views of a newer drawing arrive.
    enqueue("view 1");
    enqueue("view 2");
    enqueue("view 3");
    finishRoot();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(["root", "view 3", "view 2", "view 1"]);
  });

  it("sees what arrives before the next task, and starts again after being idle", async () => {
    const ran: number[] = [];
    const enqueue = newestFirst(async (item: number) => void ran.push(item), tick, () => {});
    enqueue(1);
    enqueue(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([2, 1]);
    enqueue(3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([2, 1, 3]);
  });

  it("hands a failure over and goes on with the others", async () => {
    const ran: number[] = [];
    const failures: [number, unknown][] = [];
    const boom = new Error("boom");
    const enqueue = newestFirst(
      async (item: number) => {
        ran.push(item);
        if (item === 2) throw boom;
      },
      tick,
      (item, error) => failures.push([item, error]),
    );
    enqueue(1);
    enqueue(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    enqueue(3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([2, 1, 3]);
    expect(failures).toEqual([[2, boom]]);
  });
});
