/**
 * What the tab says about nodes the server does not draw (`hidden` in
 * docs/http_api.md): unused operators (dead code of the capture), export
 * checks (shown in the details of the node they check) and container
 * plumbing (drawn as the edges through it). Search finds them all; one drawn
 * nowhere is described from its search hit and its node (`GET node`). Pure.
 */

import { nodeInputs, formatAttr } from "./details";
import type { DetailLink, Details } from "./details";
import { formatCount } from "./format";
import { formatTensor } from "./geometry";
import type { HiddenCountsJson, HiddenReason, LocateJson, NodeDetailsJson, NodeKind, SearchHitJson } from "./types";

const NOUNS: Record<HiddenReason, [string, string]> = {
  dead: ["unused operator", "unused operators"],
  check: ["export check", "export checks"],
  plumbing: ["plumbing operator", "plumbing operators"],
};

/** Why each kind of node is not drawn. */
export const HIDDEN_WHY: Record<HiddenReason, string> = {
  dead: "unused operator — its result reaches no graph output",
  check: "export check — listed in the details of the node it checks",
  plumbing: "plumbing (a container op, or a reshape or cast that changes nothing) — drawn as the edges through it",
};

/** Where the user finds hidden nodes. */
export const HIDDEN_HELP =
  "Hidden nodes are not drawn, but search finds them: search a name or op (e.g. arange); " +
  "choosing a hit marked hidden opens its module and shows its details. " +
  "Export checks are listed in the details of the node they check.";

const REASONS: readonly HiddenReason[] = ["dead", "check", "plumbing"];

/** "8 unused operators", "1 export check". */
export function hiddenCount(reason: HiddenReason, n: number): string {
  const [one, many] = NOUNS[reason];
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "8 unused operators hidden · 1 export check hidden": the non-zero counts; "" when nothing is hidden. */
export function hiddenSummary(counts: HiddenCountsJson): string {
  return REASONS.filter((r) => counts[r] > 0)
    .map((r) => `${hiddenCount(r, counts[r])} hidden`)
    .join(" · ");
}

/** `details` with a fact naming what its module hides directly ("2 unused operators · 1 export check"); unchanged when nothing. */
export function withHiddenCounts(details: Details, counts: HiddenCountsJson): Details {
  const text = REASONS.filter((r) => counts[r] > 0)
    .map((r) => hiddenCount(r, counts[r]))
    .join(" · ");
  return text ? { ...details, facts: [...details.facts, ["Hidden directly in it", text]] } : details;
}

/** The search hit's mark: "unused", "check", "plumbing", or null for a drawn node. */
export function hiddenMark(reason: HiddenReason | null): string | null {
  return reason === null ? null : reason === "dead" ? "unused" : reason;
}

/** What is known of a hidden node before its details arrive: its locate answer, maybe a search hit's fields. */
export interface HiddenNode {
  name: string;
  hidden: HiddenReason;
  op?: string;
  kind?: NodeKind;
  module?: string;
  class_name?: string;
}

/**
 * The node a reveal led to when it is drawn nowhere (its path ends in its
 * module's view with no item), with what a search hit knew of it; else null.
 */
export function hiddenNodeOf(located: LocateJson & Partial<SearchHitJson>): HiddenNode | null {
  const last = located.reveal[located.reveal.length - 1];
  if (!last || last.item !== null || located.hidden === null) return null;
  const { op, kind, module, class_name } = located;
  return { name: located.node, hidden: located.hidden, op, kind, module, class_name };
}

/** The details of a node drawn nowhere; inputs, outputs, consumers and attributes come from its node's details. */
export function describeHiddenNode(hidden: HiddenNode, details: NodeDetailsJson | null): Details {
  const node = details?.name === hidden.name ? details : null;
  const module = node?.module ?? hidden.module;
  const className = hidden.class_name ?? node?.class_name;
  const facts: [string, string][] = [];
  const op = node?.op ?? hidden.op;
  if (op !== undefined) facts.push(["Op", op]);
  facts.push(["Kind", node?.kind ?? hidden.kind ?? "op"]);
  if (module !== undefined) facts.push(["Module", module || "(root)"]);
  if (className) facts.push(["Class", className]);
  const outputs: DetailLink[] = (node?.outputs ?? []).map((t, i) => ({ text: i ? `${hidden.name}:${i}` : hidden.name, note: formatTensor(t), target: null }));
  for (const [consumer, index] of node?.consumers ?? []) {
    outputs.push({ text: consumer, note: `input ${index}`, target: { kind: "node", name: consumer } });
  }
  return {
    heading: hidden.name,
    kind: `Hidden ${NOUNS[hidden.hidden][0]}`,
    note: `Hidden: ${HIDDEN_WHY[hidden.hidden]}`,
    facts,
    inputs: node ? nodeInputs(node) : [],
    outputs,
    attributes: node ? Object.entries(node.attrs).map(([k, v]) => [k, formatAttr(v)]) : [],
    embedded: [],
    checks: [],
    differences: [],
    needsNode: node === null,
  };
}
