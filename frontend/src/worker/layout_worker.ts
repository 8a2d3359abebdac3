/**
 * The layout worker's entry, built on its own to tb_plugin/static/assets/layout_worker.js
 * (TensorBoard's CSP allows workers only from 'self' URLs, not blob: or data:).
 * Requests run one at a time, the newest waiting one first (newest_first.ts);
 * each reports its stages, then its result.
 */

import type { FromWorker, LayoutInput, ToWorker } from "../protocol";
import { createElk } from "./create_elk";
import { newestFirst } from "./newest_first";
import { runLayout } from "./run_layout";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
};

const elk = createElk();
/** Whether ELK has laid something out: then it has started, and the warm-up is not needed. */
let started = false;

/**
 * A small view using every feature real ones use (layer constraints, fixed
 * ports, a back edge, two components), laid out while the page still fetches
 * its first view: most of ELK's first-run cost is compiling its code, and this
 * pays it early.
 */
const WARM_UP: LayoutInput = {
  key: "warm-up",
  label: "warm-up",
  nodes: [
    { id: "in", width: 60, height: 20, layer: "first" },
    { id: "a", width: 80, height: 38 },
    { id: "b", width: 80, height: 38 },
    { id: "open", width: 160, height: 120, ports: [{ id: "open/in", x: 80, y: 0, side: "north" }, { id: "open/out", x: 80, y: 120, side: "south" }] },
    { id: "c", width: 80, height: 38 },
    { id: "lone", width: 80, height: 38 },
    { id: "out", width: 60, height: 20, layer: "last" },
  ],
  edges: [
    { id: "1", source: "in", target: "a", reversed: false },
    { id: "2", source: "a", target: "b", reversed: false },
    { id: "3", source: "a", target: "open", targetPort: "open/in", reversed: false },
    { id: "4", source: "open", target: "c", sourcePort: "open/out", reversed: false },
    { id: "5", source: "c", target: "a", reversed: true },
    { id: "6", source: "b", target: "out", reversed: false },
  ],
};
// elkjs's engine, seeing a worker scope, installs its own self.onmessage when
// its module loads; ours replaces it, after that (ELK itself runs on an
// in-thread fake worker and does not need it).
// handle() answers a failed layout itself; what else fails (the warm-up) is ELK itself, and the layouts after it say so.
const enqueue = newestFirst(handle, freshTask, (message, error) => console.error(`layout worker: ${message.type} failed`, error));
scope.onmessage = (event) => enqueue(event.data);

/**
 * Resolves in a task of its own (a message, not a timer). elkjs passes every
 * layout through two setTimeout(0) hops; run from the previous layout's timer
 * callback, they would nest deeper and deeper, and browsers hold nested timers
 * back to 4 ms each: 8 ms of idling per layout, most of a small view's time
 * (Chromium, 40 layouts of a 5-node view in a row: 0.95–1.15 s, and
 * 0.65–0.80 s with each started from a task of its own).
 */
const tasks = new MessageChannel();
const waitingForTask: (() => void)[] = [];
tasks.port1.onmessage = () => waitingForTask.shift()?.();
function freshTask(): Promise<void> {
  return new Promise((resolve) => {
    waitingForTask.push(resolve);
    tasks.port2.postMessage(null);
  });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "layout": {
      const { id, input } = message;
      try {
        const result = await runLayout(elk, input, (stage) => scope.postMessage({ type: "progress", id, stage }));
        started = true;
        scope.postMessage({ type: "done", id, result });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        scope.postMessage({ type: "failed", id, message: `layout of ${input.label || "the graph"} failed: ${reason}` });
      }
      return;
    }
    case "warm-up":
      // Sent first, it runs after any layout already waiting (newest first), which warms ELK up as well.
      try {
        if (!started) await runLayout(elk, WARM_UP);
        started = true;
      } finally {
        scope.postMessage({ type: "ready" });
      }
      return;
  }
}
