/**
 * Breadcrumbs: the chain of opened items down to the selection (or to the
 * innermost opened item), each a button that brings it into view.
 */

import { isHelperModule, wrapperTrail } from "../geometry";
import type { Scene, SceneItem } from "../scene";
import { h, replaceChildren } from "./dom";

export interface Crumb {
  /** The item to show; "m:" for the whole graph. */
  id: string;
  label: string;
}

/** The opened items holding `id` (outermost first), then `id` itself. */
export function crumbsFor(scene: Scene, id: string | null, graphName: string): Crumb[] {
  const crumbs: Crumb[] = [];
  let item: SceneItem | undefined = id ? scene.byId.get(id) : undefined;
  while (item) {
    crumbs.unshift({ id: item.id, label: crumbLabel(item) });
    item = scene.byId.get(item.parent);
  }
  crumbs.unshift({ id: "m:", label: graphName || "graph" });
  return crumbs;
}

/** A module's or stack's crumb, after the modules that only wrap it: "h › GPT2Block ×12 (h.0)". */
export function crumbLabel(item: SceneItem): string {
  if (item.type === "module" || item.type === "stack") {
    const own = isHelperModule(item.json)
      ? item.lines.title
      : item.lines.badge ? `${item.lines.title} ${item.lines.badge}${item.open ? ` (${item.lines.subtitle})` : ""}` : item.lines.subtitle || item.lines.title;
    const wrappers = "wrappers" in item.json ? item.json.wrappers : undefined;
    return wrappers?.length ? `${wrapperTrail(wrappers, item.view.module.path)} › ${own}` : own;
  }
  return item.lines.subtitle || item.lines.title;
}

export function createBreadcrumbs(onCrumb: (id: string) => void): { element: HTMLElement; show(crumbs: Crumb[]): void } {
  const element = h("nav", { class: "gf-breadcrumbs", "data-testid": "breadcrumbs", "aria-label": "Module path" });
  let shown = "";
  return {
    element,
    show(crumbs) {
      const key = crumbs.map((c) => `${c.id}\u0000${c.label}`).join("\u0001");
      if (key === shown) return;
      shown = key;
      const parts: (Node | string)[] = [];
      crumbs.forEach((crumb, index) => {
        if (index) parts.push(h("span", { class: "gf-crumb-sep", "aria-hidden": "true" }, "›"));
        const button = h("button", { type: "button", class: "gf-crumb", title: crumb.id === "m:" ? "Show the whole graph" : crumb.id.slice(2) }, crumb.label);
        button.addEventListener("click", () => onCrumb(crumb.id));
        parts.push(button);
      });
      replaceChildren(element, ...parts);
    },
  };
}
