/**
 * The hover tooltip: full names of the item or stub under the pointer (the
 * canvas shortens them), and for a stub the pruned edges it stands for.
 */

import { formatTensor } from "../geometry";
import type { SceneItem, ScenePort } from "../scene";
import { h, replaceChildren } from "./dom";

const MAX_EDGES = 8;

export function tooltipLines(target: { item: SceneItem } | { port: ScenePort }): string[] {
  if ("port" in target) {
    const stub = target.port.json;
    const lines = [
      stub.direction === "in" ? `Pruned input ${stub.node}:${stub.output} (${stub.reason})` : `Pruned output ${stub.node}:${stub.output} (${stub.reason})`,
      formatTensor(stub),
      ...stub.edges.slice(0, MAX_EDGES).map(([p, o, c, i]) => `${p}:${o} → ${c} [input ${i}]`),
    ];
    if (stub.edges.length > MAX_EDGES) lines.push(`… ${stub.edges.length - MAX_EDGES} more`);
    lines.push(stub.direction === "in" ? "Click to go to the producer" : "Click to go to a consumer (again for the next)");
    return lines;
  }
  const { item } = target;
  const json = item.json;
  if (!("type" in json)) return [`${json.node}:${json.output}`, formatTensor(json)];
  switch (json.type) {
    case "module":
      return [json.path, json.class_name || "(unknown class)", item.lines.info, item.open ? "Double-click to close" : "Double-click to open"];
    case "stack":
      return [`${json.count} × ${json.class_name}`, `${json.members[0]} … ${json.members[json.members.length - 1]}`, item.lines.info, item.open ? "Double-click to close" : "Double-click to open"];
    default:
      return [json.name, json.op, ...json.outputs.map(formatTensor)];
  }
}

/** `extra` adds a line for an item (the overlay's value), or null for none. */
export function createTooltip(extra: (id: string) => string | null = () => null): {
  element: HTMLElement;
  show(target: { item: SceneItem } | { port: ScenePort } | null, clientX: number, clientY: number): void;
} {
  const element = h("div", { class: "gf-tooltip", role: "tooltip", hidden: true });
  let shown: unknown = null;
  return {
    element,
    show(target, clientX, clientY) {
      if (!target || ("item" in target && target.item.type !== "boundary" && target.item.open)) {
        element.hidden = true;
        shown = null;
        return;
      }
      const key = "port" in target ? target.port : target.item;
      if (key !== shown) {
        shown = key;
        const more = "item" in target ? extra(target.item.id) : null;
        const lines = more ? [...tooltipLines(target), more] : tooltipLines(target);
        replaceChildren(element, ...lines.map((line, i) => h("div", { class: i ? "gf-note" : "gf-tip-title" }, line)));
      }
      element.hidden = false;
      const parent = element.parentElement?.getBoundingClientRect();
      if (!parent) return;
      const x = clientX - parent.left + 14;
      const y = clientY - parent.top + 16;
      element.style.left = `${Math.min(x, parent.width - element.offsetWidth - 8)}px`;
      element.style.top = `${Math.min(y, parent.height - element.offsetHeight - 8)}px`;
    },
  };
}
