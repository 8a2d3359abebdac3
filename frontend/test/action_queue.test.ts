// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createActionQueue } from "../src/action_queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("createActionQueue", () => {
  it("starts each action only once the one before has settled, in order", async () => {
    const queue = createActionQueue();
    const log: string[] = [];
    const slow = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run(slow("a")), queue.run(slow("b")), queue.run(slow("c"))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("sees what the action before it did", async () => {
    const queue = createActionQueue();
    let state = 0;
    const seen: number[] = [];
    const bump = async () => {
      const before = state;
      seen.push(before);
      await tick();
      state = before + 1;
    };
    await Promise.all([queue.run(bump), queue.run(bump), queue.run(bump)]);
    // Run concurrently, all three would read 0 and the result would be 1.
    expect(seen).toEqual([0, 1, 2]);
    expect(state).toBe(3);
  });

  it("runs the next action after one that failed, and rejects only the failed one", async () => {
    const queue = createActionQueue();
    const failed = queue.run(async () => {
      await tick();
      throw new Error("no item m:x is drawn");
    });
    const next = queue.run(() => "ran");
    await expect(failed).rejects.toThrow("no item m:x is drawn");
    await expect(next).resolves.toBe("ran");
  });

  it("counts actions queued or running", async () => {
    const queue = createActionQueue();
    expect(queue.size).toBe(0);
    const a = queue.run(tick);
    const b = queue.run(tick);
    expect(queue.size).toBe(2);
    await a;
    await b;
    await tick();
    expect(queue.size).toBe(0);
  });
});
