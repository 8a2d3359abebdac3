/**
 * One layout, start to finish, with stage labels for the progress indicator.
 * Runs in the worker (layout_worker.ts) and, in unit tests, directly in Node.
 */

import type { ELK } from "elkjs/lib/elk-api";
import type { LayoutInput, LayoutResult } from "../protocol";
import { buildElkGraph, readElkLayout } from "./elk_graph";

export async function runLayout(
  elk: ELK,
  input: LayoutInput,
  onStage: (stage: string) => void = () => {},
): Promise<LayoutResult> {
  const name = input.label || "the graph";
  onStage(`Preparing ${name}: ${input.nodes.length} items, ${input.edges.length} edges`);
  const graph = buildElkGraph(input);
  onStage(`Laying out ${name}: layering, ordering and routing ${input.edges.length} edges`);
  const start = performance.now();
  const laidOut = await elk.layout(graph);
  const ms = performance.now() - start;
  onStage(`Placing ${name}`);
  return readElkLayout(input, laidOut, ms);
}
