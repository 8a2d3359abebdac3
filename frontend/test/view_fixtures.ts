/**
 * Module views shaped like GET view answers (docs/http_api.md) for a tiny
 * BERT-like graph: the root holds an input, a mask op, a closed encoder and
 * an output; the encoder's only child is "encoder.layer" (opened through),
 * which holds a stack of two layers; each layer holds two ops, one edge of
 * them reversed. Plus an in-process layout worker running real ELK.
 */

import ELK from "elkjs/lib/elk.bundled.js";
import type { GraphApi, GraphKey } from "../src/api";
import type { OpenedBox } from "../src/layout_input";
import type { WorkerLike } from "../src/layout_client";
import type { FromWorker, ToWorker } from "../src/protocol";
import { onlyModuleChild } from "../src/expansion";
import type {
  ExpandJson,
  LocateJson,
  ModuleItemJson,
  OpItemJson,
  PortStubJson,
  SearchJson,
  StackItemJson,
  StatsJson,
  TensorRefJson,
  ViewEdgeJson,
  ViewItemJson,
  ViewJson,
} from "../src/types";
import { runLayout } from "../src/worker/run_layout";
import { EVIL, TINY_BERT, detailsOf, node as wholeNode, summaryJsonOf } from "./fixtures";

export const KEY: GraphKey = { run: "demo", tag: "bert", source: "graphfold", step: 0 };

export function tensor(node: string, output = 0, shape: number[] = [1, 8]): TensorRefJson {
  return { node, output, shape, dtype: "float32" };
}

export function op(name: string, overrides: Partial<OpItemJson> = {}): OpItemJson {
  return { id: `n:${name}`, type: "op", name, op: "aten.add.Tensor", outputs: [tensor(name)], embedded: [], checks: [], parameter_count: 0, ...overrides };
}

export function module(path: string, className = "torch.nn.modules.linear.Linear", overrides: Partial<ModuleItemJson> = {}): ModuleItemJson {
  return { id: `m:${path}`, type: "module", path, name: path.split(".").pop() ?? path, class_name: className, parameter_count: 64, node_count: 2, ...overrides };
}

export function edge(source: string, target: string, tensors: TensorRefJson[], reversed = false): ViewEdgeJson {
  return { id: `e:${source}->${target}`, source, target, count: tensors.length, tensors, tensor_count: tensors.length, reversed };
}

export function view(path: string, children: ViewItemJson[], rest: Partial<ViewJson> = {}): ViewJson {
  return {
    module: { ...module(path, "pkg.Block"), stack: null },
    children,
    edges: [],
    boundary: { inputs: [], outputs: [] },
    ports: [],
    accounting: { drawn: 0, boundary: 0, pruned: 0, embedded: 0, collapsed: 0, dead: 0, check: 0, contracted: 0, through: 0 },
    hidden: { dead: 0, check: 0, plumbing: 0 },
    ...rest,
  };
}

export const LAYERS: StackItemJson = {
  id: "s:encoder.layer.0",
  type: "stack",
  class_name: "transformers.models.bert.modeling_bert.BertLayer",
  count: 2,
  representative: "encoder.layer.0",
  members: ["encoder.layer.0", "encoder.layer.1"],
  member_parameter_counts: [100, 100],
  parameter_count: 200,
  node_count: 2,
  differences: [{ module: "blocks.1", node: "mul_0", member_node: "mul_1", field: "attrs.alpha", representative: 1, member: 2 }],
  variants: [],
  member_edges: [
    {
      source: "m:encoder.layer.0",
      target: "m:encoder.layer.1",
      count: 1,
      tensors: [{ node: "add_1", output: 0, shape: [1, 16, 32], dtype: "float32" }],
      tensor_count: 1,
    },
  ],
};

const WHERE_OUT: PortStubJson = {
  ...tensor("where"),
  id: "p:out:n:where:where:0",
  item: "n:where",
  direction: "out",
  label: "where",
  reason: "fan_out",
  edges: [["where", 0, "mul_0", 1], ["where", 0, "mul_1", 1]],
  peers: ["encoder.layer.0", "encoder.layer.1"],
};

const WHERE_IN: PortStubJson = { ...WHERE_OUT, id: "p:in:m:encoder:where:0", item: "m:encoder", direction: "in", peers: [""] };

function layerView(i: number): ViewJson {
  const input = i === 0 ? "x" : "add_0";
  return view(`encoder.layer.${i}`, [op(`mul_${i}`, { op: "aten.mul.Tensor" }), op(`add_${i}`)], {
    module: { ...module(`encoder.layer.${i}`, LAYERS.class_name, { parameter_count: 100 }), stack: LAYERS.id },
    edges: [edge(`n:mul_${i}`, `n:add_${i}`, [tensor(`mul_${i}`)]), edge(`n:add_${i}`, `n:mul_${i}`, [tensor(`add_${i}`)], true)],
    boundary: {
      inputs: [{ ...tensor(input), id: `in:${input}:0`, targets: [`n:mul_${i}`], count: 1 }],
      outputs: [{ ...tensor(`add_${i}`), id: `out:add_${i}:0`, source: `n:add_${i}`, count: 1 }],
    },
  });
}

export const VIEWS: Record<string, ViewJson> = {
  "": view("", [op("x", { type: "input", op: "input" }), op("where", { op: "aten.where.self" }), module("encoder", "pkg.BertEncoder", { node_count: 4 }), op("out", { type: "output", op: "output", outputs: [] })], {
    module: { ...module("", "pkg.BertModel"), name: "", stack: null },
    edges: [edge("n:x", "m:encoder", [tensor("x")]), edge("n:x", "n:where", [tensor("x")]), edge("m:encoder", "n:out", [tensor("add_1")])],
    ports: [WHERE_OUT, WHERE_IN],
    hidden: { dead: 1, check: 0, plumbing: 0 },
  }),
  encoder: view("encoder", [module("encoder.layer", "torch.nn.modules.container.ModuleList", { node_count: 4 })], {
    boundary: {
      inputs: [{ ...tensor("x"), id: "in:x:0", targets: ["m:encoder.layer"], count: 1 }],
      outputs: [{ ...tensor("add_1"), id: "out:add_1:0", source: "m:encoder.layer", count: 1 }],
    },
  }),
  "encoder.layer": view("encoder.layer", [LAYERS], {
    boundary: {
      inputs: [{ ...tensor("x"), id: "in:x:0", targets: [LAYERS.id], count: 1 }],
      outputs: [{ ...tensor("add_1"), id: "out:add_1:0", source: LAYERS.id, count: 1 }],
    },
  }),
  "encoder.layer.0": layerView(0),
  "encoder.layer.1": layerView(1),
};

/** A node name that is markup, in a view of its own. */
export const EVIL_VIEW = view("", [op(EVIL), module(`${EVIL}.m`, `pkg.${EVIL}`)], {
  module: { ...module("", `pkg.${EVIL}`), name: "", stack: null },
  edges: [edge(`n:${EVIL}`, `m:${EVIL}.m`, [tensor(EVIL)])],
});

/** An unused operator of the root: hidden, drawn nowhere. */
export const DEAD = "arange_1";
/** An unused operator inside layer 1: hidden, its module is opened to show it. */
export const DEAD_IN_LAYER = "unsqueeze_1";

/** Where each node of the fixture is: as GET locate answers. */
export function locate(node: string): LocateJson {
  const layer = node.endsWith("_1") ? 1 : 0;
  if (node === "x" || node === "where" || node === "out") return { node, embedded_in: null, hidden: null, reveal: [{ view: "", item: `n:${node}` }] };
  if (node === DEAD) return { node, embedded_in: null, hidden: "dead", reveal: [{ view: "", item: null }] };
  const dead = node === DEAD_IN_LAYER;
  return {
    node,
    embedded_in: null,
    hidden: dead ? "dead" : null,
    reveal: [
      { view: "", item: "m:encoder" },
      { view: "encoder", item: "m:encoder.layer" },
      layer ? { view: "encoder.layer", item: LAYERS.id, member: "encoder.layer.1" } : { view: "encoder.layer", item: LAYERS.id },
      { view: `encoder.layer.${layer}`, item: dead ? null : `n:${node}` },
    ],
  };
}

/** GET stats of the fixture graph, as docs/http_api.md shapes it. */
export const STATS: StatsJson = {
  graph: { name: "BertModel", source_format: "torch_export", modules: 5, parameters: 200 },
  default_view: { original_nodes: 12, original_edges: 14, original_elements: 26, simplified_nodes: 4, simplified_edges: 3, ports: 2, simplified_elements: 9, reduction: 0.6538 },
  expanded_view: { original_nodes: 12, original_edges: 14, original_elements: 26, simplified_nodes: 9, simplified_edges: 8, ports: 2, simplified_elements: 19, reduction: 0.2692 },
  edges: { original: 14, drawn: 10, pruned: 2, embedded: 0, contracted: 0, dead: 2, check: 0, through: 0, reversed: 1 },
  hidden_nodes: { dead: 2, check: 0, plumbing: 0 },
  stacks: [{ module_class: LAYERS.class_name, count: 2, parent: "encoder.layer", members: LAYERS.members }],
  passes: {},
  seconds: 0.01,
  summary: summaryJsonOf(TINY_BERT),
};

/** `GET expand` over fixture views, walked as tb_plugin/expand_views.py walks them (open-through chains are one box). */
export function expandFixture(views: Record<string, ViewJson>, depth: number | null): ExpandJson {
  const found: Record<string, ViewJson> = {};
  const load = (path: string): ViewJson => {
    const view = views[path];
    if (!view) throw new Error(`no module '${path}'`);
    return (found[path] = structuredClone(view));
  };
  const content = (path: string): ViewJson => {
    let view = load(path);
    for (let only = onlyModuleChild(view); only; only = onlyModuleChild(view)) view = load(only.path);
    return view;
  };
  const open: string[] = [];
  let closed = 0;
  let level = [""];
  for (let at = 1; level.length; at++) {
    const below: string[] = [];
    for (const path of level) {
      for (const child of content(path).children) {
        if (child.type !== "module" && child.type !== "stack") continue;
        if (depth !== null && at > depth) closed++;
        else {
          open.push(child.id);
          below.push(child.type === "module" ? child.path : child.representative);
        }
      }
    }
    if (depth !== null && at > depth) break;
    level = below;
  }
  return { depth, open, views: found, closed };
}

/** A GraphApi answering from the fixtures, recording what was asked. */
export function fixtureApi(views: Record<string, ViewJson> = VIEWS): GraphApi & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async view(_key, path) {
      asked.push(`view ${path}`);
      const found = views[path];
      if (!found) throw new Error(`no module '${path}'`);
      return structuredClone(found);
    },
    async expand(_key, depth) {
      asked.push(`expand ${depth ?? "all"}`);
      return expandFixture(views, depth);
    },
    async graph() {
      asked.push("graph");
      return TINY_BERT;
    },
    async node(_key, name) {
      asked.push(`node ${name}`);
      return TINY_BERT.nodes.some((n) => n.name === name)
        ? detailsOf(TINY_BERT, name)
        : { ...wholeNode(name, "", name === DEAD ? { op: "aten.arange.default" } : {}), class_name: "", producers: [], consumers: [] };
    },
    async search(_key, pattern): Promise<SearchJson> {
      asked.push(`search ${pattern}`);
      const hit = { ...locate("add_1"), name: "add_1", op: "aten.add.Tensor", kind: "op" as const, module: "encoder.layer.1", class_name: LAYERS.class_name };
      const dead = { ...locate(DEAD), name: DEAD, op: "aten.arange.default", kind: "op" as const, module: "", class_name: "pkg.BertModel" };
      const hits = pattern.includes("arange") ? [dead] : [hit];
      return { pattern, total: hits.length, truncated: false, hits };
    },
    async locate(_key, node) {
      asked.push(`locate ${node}`);
      return locate(node);
    },
    async stats() {
      asked.push("stats");
      return STATS;
    },
  };
}

/** The layout worker, in this process: the same runLayout over real ELK, answering asynchronously. */
export function inProcessWorker(): WorkerLike & { requests: ToWorker[] } {
  const elk = new ELK();
  const requests: ToWorker[] = [];
  const worker: WorkerLike & { requests: ToWorker[] } = {
    requests,
    onmessage: null,
    onerror: null,
    postMessage(message: ToWorker) {
      requests.push(message);
      if (message.type !== "layout") return;
      const post = (answer: FromWorker) => setTimeout(() => worker.onmessage?.({ data: answer } as MessageEvent<FromWorker>), 0);
      runLayout(elk, message.input, (stage) => post({ type: "progress", id: message.id, stage })).then(
        (result) => post({ type: "done", id: message.id, result }),
        (error: Error) => post({ type: "failed", id: message.id, message: error.message }),
      );
    },
    terminate() {},
  };
  return worker;
}

/** The encoder drawn open: 300 × 200, the tensor x entering at (100, 0), add_1 leaving at (150, 200). */
export const OPEN_ENCODER: OpenedBox = {
  width: 300,
  height: 200,
  inPorts: [{ id: "m:encoder\u0001in:x:0", tensor: "x:0", x: 100, y: 0 }],
  outPorts: [{ id: "m:encoder\u0001out:add_1:0", tensor: "add_1:0", x: 150, y: 200 }],
  middleIn: { id: "m:encoder\u0001in", tensor: "", x: 150, y: 0 },
  middleOut: { id: "m:encoder\u0001out", tensor: "", x: 150, y: 200 },
};
