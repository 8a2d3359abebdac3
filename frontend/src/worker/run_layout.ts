/**
 * One layout, start to finish, reporting its stages for the progress indicator.
 * Runs in the worker (layout_worker.ts) and, in unit tests, directly in Node.
 */

import type { ELK } from "elkjs/lib/elk-api";
import type { LayoutInput, LayoutResult, LayoutStage } from "../protocol";
import { buildElkGraph, readElkLayout } from "./elk_graph";

export async function runLayout(
  elk: ELK,
  input: LayoutInput,
  onStage: (stage: LayoutStage) => void = () => {},
): Promise<LayoutResult> {
  const label = input.label || "the graph";
  onStage({ step: "preparing", label, nodes: input.nodes.length, edges: input.edges.length });
  const graph = buildElkGraph(input);
  onStage({ step: "laying-out", label, edges: input.edges.length });
  const start = performance.now();
  const laidOut = await elk.layout(graph);
  const ms = performance.now() - start;
  onStage({ step: "placing", label });
  return readElkLayout(input, laidOut, ms);
}
