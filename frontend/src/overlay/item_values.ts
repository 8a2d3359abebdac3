/**
 * Which drawn items an overlay colours, and with what value. A layer (a
 * filter_stats or weight_graph entry) is matched by module path: an operator
 * listed in the layer's own module view, or a module box (an unstacked member
 * included) whose path is the layer's. A module or stack shows the aggregate
 * of every layer inside it: the layers' values weighted by their weight
 * (filter count for the pruning overlay, so the mean over all their filters;
 * node count for training dynamics). Items that hold no layer get no value.
 * A module called more than once is drawn once per call (`relu`, `relu@1`;
 * `encoder.group.0@3.ffn`): every call shows its module's layers. Pure.
 */

import type { Scene, SceneItem } from "../scene";
import type { LayerValue } from "./filter_metrics";

/** What one item covers: the layer of an operator, or every layer under a module or stack. */
export interface OverlayTarget {
  id: string;
  kind: "layer" | "aggregate";
  /** The layer module (kind "layer"), or the module paths whose subtrees count (kind "aggregate"). */
  paths: string[];
}

export interface ItemValue {
  id: string;
  value: number;
  /** The layers that made the value, and their total weight (filters, or nodes). */
  layers: number;
  weight: number;
}

/**
 * The overlay target of each drawn item that can hold a layer: operators,
 * modules (open or closed) and stacks. Graph inputs, outputs and boundary
 * chips hold none.
 */
export function overlayTargets(scene: Scene): OverlayTarget[] {
  return scene.items.flatMap((item) => {
    const target = targetOf(item);
    return target ? [target] : [];
  });
}

function targetOf(item: SceneItem): OverlayTarget | null {
  const json = item.json;
  if (!("type" in json)) return null;
  switch (json.type) {
    case "module":
      return { id: item.id, kind: "aggregate", paths: [modulePath(json.path)] };
    case "stack":
      return { id: item.id, kind: "aggregate", paths: json.members.map(modulePath) };
    case "op":
      // Operators are listed in the view of the module they belong to.
      return { id: item.id, kind: "layer", paths: [modulePath(item.view.module.path)] };
    default:
      return null;
  }
}

/**
 * The value of each target that holds at least one layer of `layers`.
 *
 * @example
 * itemValues([{id: "m:a", kind: "aggregate", paths: ["a"]}],
 *            [{module: "a.0", value: 1, weight: 1}, {module: "a.1", value: 4, weight: 3}])
 * // [{id: "m:a", value: 3.25, layers: 2, weight: 4}]
 */
export function itemValues(targets: readonly OverlayTarget[], layers: readonly LayerValue[]): ItemValue[] {
  const byModule = new Map(layers.map((layer) => [layer.module, layer]));
  const out: ItemValue[] = [];
  for (const target of targets) {
    const inside =
      target.kind === "layer"
        ? target.paths.flatMap((p) => (byModule.has(p) ? [byModule.get(p)!] : []))
        : layers.filter((layer) => target.paths.some((p) => contains(p, layer.module)));
    const value = weightedMean(inside);
    if (value !== null) out.push({ id: target.id, ...value });
  }
  return out;
}

/**
 * The path of the module that a drawn module is a call of: the server draws a
 * module's second, third... call as `<path>@1`, `<path>@2`.
 *
 * @example
 * modulePath("encoder.group.0@3.layers.0.ffn") // "encoder.group.0.layers.0.ffn"
 */
export function modulePath(instance: string): string {
  return instance.replace(/@\d+(?=\.|$)/g, "");
}

/** Whether module `path` is `module` or one of its ancestors ("" holds everything). */
export function contains(path: string, module: string): boolean {
  return path === "" || module === path || module.startsWith(`${path}.`);
}

/** The weighted mean of `layers`' values, or null for none (or no weight). */
export function weightedMean(layers: readonly LayerValue[]): { value: number; layers: number; weight: number } | null {
  let sum = 0;
  let weight = 0;
  for (const layer of layers) {
    sum += layer.value * layer.weight;
    weight += layer.weight;
  }
  return weight > 0 ? { value: sum / weight, layers: layers.length, weight } : null;
}
