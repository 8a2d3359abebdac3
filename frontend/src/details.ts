/**
 * What the details panel says about one drawn item, from the view that lists
 * it and, once fetched, its node (`GET node`: attributes and the exact input
 * list of an operator). Pure.
 */

import { formatCompact, formatCount } from "./format";
import { OPS_CLASS, OUTPUTS_CLASS, formatTensor, isHelperModule, memberName, shortClasses, shortOpName } from "./geometry";
import type { SceneItem } from "./scene";
import type {
  AttrJson,
  NodeDetailsJson,
  OpItemJson,
  StackDifferenceJson,
  TensorRefJson,
  ViewItemJson,
  ViewJson,
} from "./types";
import { stackBadge, variantOf } from "./variants";

/** Where a link in the panel leads: a node (located through the server) or an item of the drawing. */
export type LinkTarget =
  | { kind: "node"; name: string }
  | { kind: "item"; id: string }
  | { kind: "member"; stack: string; member: string };

export interface DetailLink {
  text: string;
  /** Shape and dtype, or why the tensor is not drawn as an edge. */
  note: string;
  target: LinkTarget | null;
}

export interface Details {
  heading: string;
  kind: string;
  /** A line that stands out: why a node is not drawn. */
  note: string | null;
  facts: [string, string][];
  inputs: DetailLink[];
  outputs: DetailLink[];
  attributes: [string, string][];
  embedded: DetailLink[];
  /** The hidden export checks that read an operator. */
  checks: DetailLink[];
  differences: StackDifferenceJson[];
  /** Attributes come from the node's details (`GET node`), fetched on demand. */
  needsNode: boolean;
}

/** `node`: the selected operator's details once fetched; ignored unless it is that operator's. */
export function describeItem(item: SceneItem, node: NodeDetailsJson | null = null): Details {
  const json = item.json;
  const view = item.view;
  if (!("type" in json)) return boundaryDetails(item, json);
  switch (json.type) {
    case "module":
    case "stack":
      return containerDetails(json, view);
    default:
      return opDetails(json, view, node?.name === json.name ? node : null);
  }
}

function opDetails(op: OpItemJson, view: ViewJson, node: NodeDetailsJson | null): Details {
  const facts: [string, string][] = [
    ["Op", op.op],
    ["Kind", op.type],
    ["Module", view.module.path || "(root)"],
    ["Class", view.module.class_name || "(unknown)"],
  ];
  if (op.parameter_count) facts.push(["Parameters", formatCount(op.parameter_count)]);
  return {
    heading: op.name,
    note: null,
    kind: op.type === "op" ? "Operator" : op.type === "input" ? "Graph input" : op.type === "output" ? "Graph output" : op.type,
    facts,
    inputs: node ? nodeInputs(node) : viewInputs(op.id, view),
    outputs: [...op.outputs.map((t) => tensorLink(t, null)), ...consumers(op.id, view)],
    attributes: node ? Object.entries(node.attrs).map(([k, v]) => [k, formatAttr(v)]) : [],
    embedded: op.embedded.map((e) => ({
      text: e.node,
      // A shape read (`sym_size`) feeding the operator is an op: its op says what it is.
      note: `${e.kind === "op" ? shortOpName(e.op) : e.kind} → input ${e.input}: ${formatTensor(e)}${e.parameter_count ? ` · ${formatCompact(e.parameter_count)} params` : ""}`,
      target: null,
    })),
    checks: op.checks.map((c) => ({ text: c.name, note: shortOpName(c.op), target: null })),
    differences: [],
    needsNode: node === null,
  };
}

function containerDetails(json: Exclude<ViewItemJson, OpItemJson>, view: ViewJson): Details {
  const facts: [string, string][] = [];
  const helper = json.type === "module" && isHelperModule(json);
  if (helper) {
    const grouped = json.class_name === OUTPUTS_CLASS
      ? "graph outputs under one field (a key/value cache, say)"
      : json.class_name === OPS_CLASS
        ? "operators of the model's own forward, outside its modules"
        : "computations beside the model (masks, position ids) that feed its layers";
    facts.push(["Path", json.path], ["Grouped", grouped]);
    facts.push(["Nodes", formatCount(json.node_count)]);
  } else if (json.type === "module") {
    facts.push(["Path", json.path], ["Class", json.class_name || "(unknown)"]);
    facts.push(["Parameters", formatCount(json.parameter_count)], ["Nodes", formatCount(json.node_count)]);
  } else {
    facts.push(["Class", json.class_name || "(unknown)"], ["Members", formatCount(json.count)]);
    facts.push(["Representative", json.representative]);
    const each = json.variants.length ? "in the representative" : "each";
    facts.push(["Parameters", `${formatCount(json.parameter_count)} in all`], ["Nodes", `${formatCount(json.node_count)} ${each}`]);
  }
  if (json.wrappers?.length) facts.push(["Wrapped by", json.wrappers.join(" › ")]);
  facts.push(["In module", view.module.path || "(root)"]);
  const title = json.type === "module" ? json.path : `${shortClasses(json.class_name)} ${stackBadge(json)}`;
  return {
    heading: title || "(root)",
    kind: helper ? "Helper region (grouped by GraphFold, not a module of the model)" : json.type === "module" ? "Module" : "Stack of isomorphic modules",
    note: null,
    facts,
    inputs: viewInputs(json.id, view),
    outputs: consumers(json.id, view),
    attributes: [],
    embedded:
      json.type === "stack"
        ? json.members.map((m, i) => ({
            text: memberName(m),
            note: `${m} · ${formatCompact(json.member_parameter_counts[i] ?? 0)} params${variantOf(json, m) ? " · variant" : ""}`,
            target: { kind: "member", stack: json.id, member: m },
          }))
        : [],
    checks: [],
    differences: json.type === "stack" ? json.differences : [],
    needsNode: false,
  };
}

function boundaryDetails(item: SceneItem, port: TensorRefJson & { id: string }): Details {
  const incoming = port.id.startsWith("in:");
  return {
    heading: port.output ? `${port.node}:${port.output}` : port.node,
    kind: incoming ? `Input of ${item.view.module.path || "the root"}` : `Output of ${item.view.module.path || "the root"}`,
    note: null,
    facts: [["Tensor", formatTensor(port)]],
    inputs: incoming ? [tensorLink(port, { kind: "node", name: port.node })] : [],
    outputs: incoming ? [] : [tensorLink(port, { kind: "node", name: port.node })],
    attributes: [],
    embedded: [],
    checks: [],
    differences: [],
    needsNode: false,
  };
}

/** Inputs as the view shows them: drawn edges, boundary inputs and pruned stubs. */
function viewInputs(id: string, view: ViewJson): DetailLink[] {
  const links: DetailLink[] = [];
  for (const edge of view.edges) {
    if (edge.target !== id) continue;
    for (const t of edge.tensors) links.push(tensorLink(t, { kind: "node", name: t.node }));
    if (edge.tensor_count > edge.tensors.length) {
      links.push({ text: `… ${edge.tensor_count - edge.tensors.length} more from ${edge.source}`, note: "", target: { kind: "item", id: edge.source } });
    }
  }
  for (const port of view.boundary.inputs) {
    if (port.targets.includes(id)) links.push({ ...tensorLink(port, { kind: "node", name: port.node }), note: `${formatTensor(port)} · from outside ${view.module.path || "the root"}` });
  }
  for (const stub of view.ports) {
    if (stub.item === id && stub.direction === "in") {
      links.push({ ...tensorLink(stub, { kind: "node", name: stub.node }), note: `${formatTensor(stub)} · pruned (${stub.reason})` });
    }
  }
  return links;
}

/** The exact inputs of a node, in order, from its details. */
export function nodeInputs(node: NodeDetailsJson): DetailLink[] {
  return node.producers.map(({ node: producer, output, kind, ...tensor }) => {
    const embedded = kind === "parameter" || kind === "buffer" || kind === "constant";
    return {
      text: output ? `${producer}:${output}` : producer,
      note: [kind !== null ? formatTensor(tensor) : "", embedded ? kind : ""].filter(Boolean).join(" · "),
      target: { kind: "node", name: producer },
    };
  });
}

/** Where an item's outputs go: drawn edges, boundary outputs and pruned stubs. */
function consumers(id: string, view: ViewJson): DetailLink[] {
  const links: DetailLink[] = [];
  for (const edge of view.edges) {
    if (edge.source !== id) continue;
    links.push({ text: edge.target.slice(2), note: `${edge.count} edge${edge.count === 1 ? "" : "s"}`, target: { kind: "item", id: edge.target } });
  }
  for (const port of view.boundary.outputs) {
    if (port.source === id) links.push({ text: `leaves ${view.module.path || "the root"}`, note: formatTensor(port), target: null });
  }
  for (const stub of view.ports) {
    if (stub.item !== id || stub.direction !== "out") continue;
    for (const [, , consumer, input] of stub.edges) {
      links.push({ text: consumer, note: `input ${input} · pruned (${stub.reason})`, target: { kind: "node", name: consumer } });
    }
  }
  return links;
}

function tensorLink(t: TensorRefJson, target: LinkTarget | null): DetailLink {
  return { text: t.output ? `${t.node}:${t.output}` : t.node, note: formatTensor(t), target };
}

export function formatAttr(value: AttrJson): string {
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

/** "shape: [30522, 768] → [2, 768]" for one stack difference. */
export function formatDifference(d: StackDifferenceJson): string {
  const show = (v: unknown) => (v === null || v === undefined ? "(absent)" : Array.isArray(v) ? `[${v.join(", ")}]` : String(v));
  return `${d.module}: ${d.member_node} ${d.field} ${show(d.representative)} → ${show(d.member)} (representative: ${d.node})`;
}
