/**
 * What the summary panel shows about one graph: read from `GET stats`
 * (summaryFromStats; the server counts the graph it has decoded anyway), or
 * computed from a whole graph's JSON (summarizeGraph, for exports and
 * scripts that have one). Pure functions: they never change their input.
 */

import { phaseGroupTitle } from "./training";
import type { CaptureMethod, GraphJson, ModuleJson, NodeJson, SourceFormat, StatsJson } from "./types";

export interface ClassCount {
  /** Fully qualified class name; "" for modules of unknown class. */
  className: string;
  count: number;
}

export interface TopLevelModule {
  path: string;
  className: string;
  /** Nodes in this module and all of its descendants. */
  nodeCount: number;
}

export interface GraphSummary {
  name: string;
  sourceFormat: SourceFormat;
  producer: string;
  /** How the graph was captured; "" when the log does not say. */
  capture: CaptureMethod;
  nodeCount: number;
  edgeCount: number;
  moduleCount: number;
  parameterCount: number;
  classCounts: ClassCount[];
  topLevelModules: TopLevelModule[];
  /** Nodes owned by the root module itself (graph inputs, outputs...). */
  rootNodeCount: number;
}

/** The summary `GET stats` carries, in the panel's terms; the tab never downloads the whole graph for it. */
export function summaryFromStats(stats: StatsJson): GraphSummary {
  const s = stats.summary;
  return {
    name: stats.graph.name,
    sourceFormat: stats.graph.source_format,
    producer: s.producer,
    capture: stats.graph.capture ?? "",
    nodeCount: s.node_count,
    edgeCount: s.edge_count,
    moduleCount: s.module_count,
    parameterCount: s.parameter_count,
    classCounts: s.class_counts.map(([className, count]) => ({ className, count })),
    topLevelModules: s.top_level_modules.map((m) => ({ path: m.path, className: m.class_name, nodeCount: m.node_count })),
    rootNodeCount: s.root_node_count,
  };
}

export function summarizeGraph(graph: GraphJson): GraphSummary {
  const { topLevel, rootNodeCount } = topLevelModules(graph.modules, graph.nodes);
  return {
    name: graph.name,
    sourceFormat: graph.source_format,
    producer: graph.producer,
    capture: graph.capture ?? "",
    nodeCount: graph.nodes.length,
    edgeCount: edgeCount(graph.nodes),
    moduleCount: graph.modules.length,
    parameterCount: parameterCount(graph.nodes),
    classCounts: classCounts(graph.modules),
    topLevelModules: topLevel,
    rootNodeCount,
  };
}

/** Data edges: one per node input, as `ir.Graph.edge_count` counts them. */
export function edgeCount(nodes: readonly NodeJson[]): number {
  return nodes.reduce((sum, node) => sum + node.inputs.length, 0);
}

/** Parameters held by parameter nodes, as `ir.Graph.parameter_count` counts them. */
export function parameterCount(nodes: readonly NodeJson[]): number {
  return nodes.reduce((sum, node) => sum + (node.kind === "parameter" ? node.parameter_count : 0), 0);
}

/** Module instances per class, most frequent first, ties by name. */
export function classCounts(modules: readonly ModuleJson[]): ClassCount[] {
  const counts = new Map<string, number>();
  for (const module of modules) counts.set(module.class_name, (counts.get(module.class_name) ?? 0) + 1);
  return [...counts]
    .map(([className, count]) => ({ className, count }))
    .sort((a, b) => b.count - a.count || compareText(a.className, b.className));
}

/**
 * The root's children, in module order, each with the number of nodes under it.
 * A node whose module is missing from `modules` still counts, under its first
 * path segment.
 */
export function topLevelModules(
  modules: readonly ModuleJson[],
  nodes: readonly NodeJson[],
): { topLevel: TopLevelModule[]; rootNodeCount: number } {
  const byPath = new Map<string, TopLevelModule>();
  for (const module of modules) {
    if (module.path && !module.path.includes(".")) {
      byPath.set(module.path, { path: module.path, className: module.class_name, nodeCount: 0 });
    }
  }
  let rootNodeCount = 0;
  for (const node of nodes) {
    if (!node.module) {
      rootNodeCount += 1;
      continue;
    }
    const path = topSegment(node.module);
    let entry = byPath.get(path);
    if (!entry) byPath.set(path, (entry = { path, className: "", nodeCount: 0 }));
    entry.nodeCount += 1;
  }
  return { topLevel: [...byPath.values()], rootNodeCount };
}

/** "transformers.models.bert.modeling_bert.BertModel" -> "BertModel"; a training graph's group: "∇ BertLayer". */
export function shortClassName(className: string): string {
  return phaseGroupTitle(className) ?? className.slice(className.lastIndexOf(".") + 1);
}

function topSegment(path: string): string {
  const dot = path.indexOf(".");
  return dot < 0 ? path : path.slice(0, dot);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
