/**
 * Feeds the details panel: the selected item, described from its view and,
 * once fetched, its node's details (`GET node`: attributes, exact inputs) and
 * the module's own view (what it hides); with nothing selected, a node drawn nowhere (an unused operator
 * or plumbing, chosen from search) until something is selected again.
 */

import { describeItem } from "../details";
import type { LinkTarget } from "../details";
import { describeHiddenNode, withHiddenCounts } from "../hidden_nodes";
import type { HiddenNode } from "../hidden_nodes";
import type { SceneItem } from "../scene";
import type { GraphSession } from "../session";
import type { HiddenCountsJson } from "../types";
import { memberOf } from "../view_state";
import { createDetailsPanel } from "./details_panel";

export interface DetailsController {
  element: HTMLElement;
  /** The selected item's details; with none, the hidden node shown last, if any. */
  show(item: SceneItem | null): void;
  /** Describe `node`, drawn nowhere, until an item is selected or `unpin()`. */
  showHidden(node: HiddenNode): void;
  unpin(): void;
}

export function createDetailsController(handlers: {
  session(): GraphSession | null;
  follow(target: LinkTarget): void;
  track<T>(work: Promise<T>): Promise<T>;
  reportError(message: string): void;
}): DetailsController {
  const panel = createDetailsPanel(handlers.follow);
  let pinned: HiddenNode | null = null;

  /** Loads node `name`'s details, then calls `render` unless the panel moved on. */
  function withNode(owner: GraphSession, name: string, render: () => void): void {
    void handlers.track(
      owner.node(name).then(render, (error: unknown) => handlers.reportError(`Could not load the details of ${name}: ${messageOf(error)}`)),
    );
  }

  function showItem(item: SceneItem, owner: GraphSession): void {
    let counts: HiddenCountsJson | null = null;
    const current = () => handlers.session() === owner && owner.state.selection === item.id;
    const render = () => {
      if (!current()) return;
      const described = describeItem(item, nodeOf(item, owner));
      panel.show(counts ? withHiddenCounts(described, counts) : described);
    };
    render();
    const name = opName(item);
    if (name !== null && describeItem(item, nodeOf(item, owner)).needsNode) withNode(owner, name, render);
    const path = modulePath(item, owner);
    if (path !== null) {
      void handlers.track(
        owner.view(path).then(
          (view) => {
            counts = view.hidden;
            render();
          },
          (error: unknown) => handlers.reportError(`Could not load the view of ${path || "the root"}: ${messageOf(error)}`),
        ),
      );
    }
  }

  function showPinned(node: HiddenNode, owner: GraphSession): void {
    const described = describeHiddenNode(node, owner.loadedNodes.get(node.name) ?? null);
    panel.show(described);
    if (described.needsNode) {
      withNode(owner, node.name, () => {
        if (pinned === node && handlers.session() === owner && owner.state.selection === null) {
          panel.show(describeHiddenNode(node, owner.loadedNodes.get(node.name) ?? null));
        }
      });
    }
  }

  return {
    element: panel.element,
    show(item) {
      const owner = handlers.session();
      if (item) pinned = null;
      if (!owner) return panel.show(null);
      if (item) return showItem(item, owner);
      return pinned ? showPinned(pinned, owner) : panel.show(null);
    },
    showHidden(node) {
      pinned = node;
      const owner = handlers.session();
      if (owner) showPinned(node, owner);
    },
    unpin() {
      pinned = null;
    },
  };
}

/** The node an operator item draws, whose details `GET node` has; null for modules, stacks and ports. */
function opName(item: SceneItem): string | null {
  const json = item.json;
  return "type" in json && json.type !== "module" && json.type !== "stack" ? json.name : null;
}

function nodeOf(item: SceneItem, owner: GraphSession) {
  const name = opName(item);
  return name === null ? null : (owner.loadedNodes.get(name) ?? null);
}

/** The module whose view says what a module or stack item hides: a stack's shown member, else its representative. */
function modulePath(item: SceneItem, owner: GraphSession): string | null {
  const json = item.json;
  if (!("type" in json)) return null;
  if (json.type === "module") return item.openAs === "unstacked" ? null : json.path;
  if (json.type === "stack") return item.open ? memberOf(owner.state, json.id) : json.representative;
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
