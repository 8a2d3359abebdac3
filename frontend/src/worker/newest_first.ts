/**
 * The worker's requests, run one at a time, the newest waiting one first.
 *
 * A drawing asks for its views' layouts together, and asks for the next ones
 * only when they are done; so when the user (or a script) wants a new state
 * while ELK still works, or before it has even started, the layouts of the
 * state given up wait behind those of the state now wanted instead of ahead
 * of them. Every request still runs, later: its layout stays cached.
 */

/**
 * `run` for each item given to the returned function, one after another,
 * newest first; each waits for `nextTask()` before it starts, so that items
 * sent meanwhile are seen. An item whose run fails goes to `failed`, and the
 * others still run.
 */
export function newestFirst<T>(
  run: (item: T) => Promise<void>,
  nextTask: () => Promise<void>,
  failed: (item: T, error: unknown) => void,
): (item: T) => void {
  const waiting: T[] = [];
  let running = false;
  async function drain(): Promise<void> {
    running = true;
    try {
      while (waiting.length) {
        await nextTask();
        const item = waiting.pop()!;
        await run(item).catch((error: unknown) => failed(item, error));
      }
    } finally {
      running = false;
    }
  }
  return (item) => {
    waiting.push(item);
    if (!running) void drain();
  };
}
