/**
 * The layout worker's ELK: elkjs's API over its GWT-compiled engine, run in
 * this thread (the engine's own in-thread "fake worker"), with only the
 * layered algorithm registered.
 *
 * It is built from the two halves rather than through elk.bundled.js, whose
 * constructor first tries `require.resolve("web-worker")`: in a browser bundle
 * that throws a TypeError, and V8 words the message "… is not a function" by
 * re-parsing the function around the call, here the 1.6 MB engine and the
 * whole script, which Chromium's traces of the worker show as 0.2–0.3 s of
 * CollectSourcePositions before the first layout.
 */

import ElkApi from "elkjs/lib/elk-api.js";
import type { ELK } from "elkjs/lib/elk-api";
import { Worker as ElkEngine } from "elkjs/lib/elk-worker.min.js";

export function createElk(): ELK {
  return new ElkApi({ algorithms: ["layered"], workerFactory: (url) => new ElkEngine(url) });
}
