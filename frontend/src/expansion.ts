/**
 * Which module views the drawing needs, fetched: the tree of opened items
 * from the root down, as a ViewState says. Each opened item knows the views
 * it shows; nothing here is laid out yet.
 */

import type { ModuleItemJson, StackItemJson, ViewItemJson, ViewJson } from "./types";
import { isOpen, memberOf } from "./view_state";
import type { ViewState } from "./view_state";

export type ExpandedKind = "root" | "module" | "stack" | "unstacked";

export interface Expanded {
  /** The drawn item this opens; "m:" for the root. */
  itemId: string;
  kind: ExpandedKind;
  /**
   * The views opened, outermost first; the last one's children are drawn.
   * A module whose only child is a module opens through it ("encoder" shows
   * "encoder.layer"), so there can be several.
   */
  chain: ViewJson[];
  /** An opened or unstacked stack, and the member it shows. */
  stack: StackItemJson | null;
  member: string | null;
  /** Opened children of the drawn view, by item id. */
  children: Map<string, Expanded>;
}

export type ViewLoader = (path: string) => Promise<ViewJson>;

/** The drawn view of an expanded item. */
export function contentView(node: Expanded): ViewJson {
  const view = node.chain[node.chain.length - 1];
  if (!view) throw new Error(`opened item ${node.itemId} has no view`);
  return view;
}

/** Fetch every view `state` opens, from the root down; sibling views load in parallel. */
export async function expandTree(state: ViewState, load: ViewLoader): Promise<Expanded> {
  return expandModule(state, load, "m:", "root", "", null, null);
}

async function expandModule(
  state: ViewState,
  load: ViewLoader,
  itemId: string,
  kind: ExpandedKind,
  path: string,
  stack: StackItemJson | null,
  member: string | null,
): Promise<Expanded> {
  const chain = [await load(path)];
  for (let only = onlyModuleChild(chain[0]!); only; only = onlyModuleChild(chain[chain.length - 1]!)) {
    chain.push(await load(only.path));
  }
  const content = chain[chain.length - 1]!;
  const opened = await Promise.all(
    content.children.filter((child) => isOpen(state, child.id)).map((child) => expandChild(state, load, child)),
  );
  return { itemId, kind, chain, stack, member, children: new Map(opened.map((node) => [node.itemId, node])) };
}

function expandChild(state: ViewState, load: ViewLoader, child: ViewItemJson): Promise<Expanded> {
  switch (child.type) {
    case "module":
      return expandModule(state, load, child.id, "module", child.path, null, null);
    case "stack":
      if (state.unstacked.has(child.id)) return Promise.resolve(unstackedNode(child));
      return expandModule(state, load, child.id, "stack", memberOf(state, child.id), child, memberOf(state, child.id));
    default:
      throw new Error(`item ${child.id} is an operator and cannot be opened`);
  }
}

/** A module with exactly one child, a module, opens through it. */
export function onlyModuleChild(view: ViewJson): ModuleItemJson | null {
  const [only, ...rest] = view.children;
  return only && !rest.length && only.type === "module" && only.node_count > 0 ? only : null;
}

/** An unstacked stack: its members as closed modules in a view of their own, with the edges
 * between them (a chain of layers reads top to bottom; parallel members stand side by side). */
export function unstackedNode(stack: StackItemJson): Expanded {
  const className = stack.class_name.split(" | ")[0] ?? "";
  const children: ModuleItemJson[] = stack.members.map((path, index) => ({
    id: `m:${path}`,
    type: "module",
    path,
    name: path.slice(Math.max(path.lastIndexOf("."), path.lastIndexOf("/")) + 1),
    class_name: className,
    parameter_count: stack.member_parameter_counts[index] ?? 0,
    node_count: stack.node_count,
  }));
  const view: ViewJson = {
    module: {
      id: stack.id,
      type: "module",
      path: stack.representative,
      name: stack.representative,
      class_name: stack.class_name,
      parameter_count: stack.parameter_count,
      node_count: stack.node_count * stack.count,
      stack: stack.id,
    },
    children,
    // Edges between members are inside the stack while it is stacked; unstacked, they are drawn.
    edges: (stack.member_edges ?? []).map((edge) => ({ ...edge, id: `e:${edge.source}->${edge.target}`, reversed: false })),
    boundary: { inputs: [], outputs: [] },
    ports: [],
    // A view of the client's making: it accounts for no edge and hides nothing of its own.
    accounting: { drawn: 0, boundary: 0, pruned: 0, embedded: 0, collapsed: 0, dead: 0, check: 0, contracted: 0, through: 0 },
    hidden: { dead: 0, check: 0, plumbing: 0 },
  };
  return { itemId: stack.id, kind: "unstacked", chain: [view], stack, member: null, children: new Map() };
}
