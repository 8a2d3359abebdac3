/** Small wire-format samples shaped like docs/http_api.md, shared by the tests. */

import { summarizeGraph } from "../src/summary";
import type { GraphJson, GraphListing, GraphSummaryJson, ModuleJson, NodeDetailsJson, NodeJson, ReadableStep } from "../src/types";

export const EVIL = "<img src=x onerror=alert(1)>";

export function readableStep(step: number, overrides: Partial<ReadableStep> = {}): ReadableStep {
  return {
    step,
    wall_time: 1795000000.5,
    name: "BertModel",
    source_format: "torch_export",
    node_count: 2390,
    edge_count: 3201,
    module_count: 207,
    parameter_count: 109482240,
    blob_bytes: 187310,
    blob_bytes_uncompressed: 1290381,
    error: null,
    ...overrides,
  };
}

export const LISTINGS: GraphListing[] = [
  {
    run: "demo",
    tag: "bert",
    source: "graphfold",
    steps: [
      readableStep(0),
      { step: 1, wall_time: 1795000002, error: "graph blob does not decompress: the log is corrupt" },
      readableStep(2, { node_count: 1 }),
    ],
  },
  { run: "demo", tag: "__run_graph__", source: "graphdef", steps: [readableStep(0, { source_format: "graphdef" })] },
  { run: "other", tag: "mlp", source: "graphfold", steps: [readableStep(5)] },
];

export function node(name: string, module: string, overrides: Partial<NodeJson> = {}): NodeJson {
  return {
    name,
    op: "aten.linear.default",
    kind: "op",
    module,
    inputs: [],
    outputs: [{ shape: [1, 4], dtype: "float32" }],
    attrs: {},
    parameter_count: 0,
    ...overrides,
  };
}

export function graph(modules: ModuleJson[], nodes: NodeJson[], overrides: Partial<GraphJson> = {}): GraphJson {
  return {
    schema_version: 1,
    name: "BertModel",
    source_format: "torch_export",
    producer: "torch 2.13.0",
    modules,
    nodes,
    ...overrides,
  };
}

/** What `GET node` answers for node `name` of `whole` (tb_plugin/node_details.py), for tests that stub the server. */
export function detailsOf(whole: GraphJson, name: string): NodeDetailsJson {
  const byName = new Map(whole.nodes.map((n) => [n.name, n]));
  const found = byName.get(name);
  if (!found) throw new Error(`no node named '${name}'`);
  return {
    ...found,
    class_name: whole.modules.find((m) => m.path === found.module)?.class_name ?? "",
    producers: found.inputs.map(([producer, output]) => {
      const p = byName.get(producer);
      const tensor = p?.outputs[output];
      return { node: producer, output, kind: p?.kind ?? null, shape: tensor?.shape ?? null, dtype: tensor?.dtype ?? "" };
    }),
    consumers: whole.nodes.flatMap((c) => c.inputs.flatMap(([producer], index): [string, number][] => (producer === name ? [[c.name, index]] : []))),
  };
}

/** What `GET stats`' summary holds for `whole` (tb_plugin/graph_summary.py), from the page's own counting. */
export function summaryJsonOf(whole: GraphJson): GraphSummaryJson {
  const s = summarizeGraph(whole);
  return {
    producer: s.producer,
    node_count: s.nodeCount,
    edge_count: s.edgeCount,
    module_count: s.moduleCount,
    parameter_count: s.parameterCount,
    class_counts: s.classCounts.map((c) => [c.className, c.count]),
    top_level_modules: s.topLevelModules.map((m) => ({ path: m.path, class_name: m.className, node_count: m.nodeCount })),
    root_node_count: s.rootNodeCount,
  };
}

/** A tiny BERT-shaped graph: two top-level modules, two Linear layers. */
export const TINY_BERT = graph(
  [
    { path: "", class_name: "transformers.models.bert.modeling_bert.BertModel" },
    { path: "embeddings", class_name: "transformers.models.bert.modeling_bert.BertEmbeddings" },
    { path: "encoder", class_name: "transformers.models.bert.modeling_bert.BertEncoder" },
    { path: "encoder.q", class_name: "torch.nn.Linear" },
    { path: "encoder.k", class_name: "torch.nn.Linear" },
  ],
  [
    node("input_ids", "", { op: "input", kind: "input" }),
    node("embed", "embeddings", { inputs: [["input_ids", 0]] }),
    node("encoder.q.weight", "encoder.q", { op: "parameter", kind: "parameter", parameter_count: 16 }),
    node("q", "encoder.q", { inputs: [["embed", 0], ["encoder.q.weight", 0]] }),
    node("k", "encoder.k", { inputs: [["embed", 0]] }),
    node("output", "", { op: "output", kind: "output", inputs: [["q", 0], ["k", 0]] }),
  ],
);

/** A fetch stub answering JSON bodies by URL; unknown URLs answer 404. */
export function jsonFetch(routes: Record<string, { status?: number; body: unknown }>) {
  return async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    // A table without its own `start` answers it from `graphs`, with no views: the page then fetches them itself.
    if (url.split("?")[0] === "start" && !routes[url]) {
      const listing = routes.graphs;
      if (!listing) return jsonResponse(404, { error: { code: 404, message: "no route graphs" } });
      return jsonResponse(listing.status ?? 200, (listing.status ?? 200) < 400 ? { ...(listing.body as object), graph: null, views: {} } : listing.body);
    }
    const route = routes[url];
    if (!route) return jsonResponse(404, { error: { code: 404, message: `no route ${url}` } });
    return jsonResponse(route.status ?? 200, route.body);
  };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
