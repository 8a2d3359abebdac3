/**
 * The groups of a training-step graph (`tb_plugin.log_training_graph`): a module's backward group has the
 * class `graphfold.Backward/<class of the forward module>` (tb_plugin/capture/training.py BACKWARD_CLASS), the
 * optimizer's update of a module's parameters `graphfold.Optimizer/<class>` (training_optimizer.py
 * OPTIMIZER_CLASS). The tab titles them "∇ BertLayer" and "Δ Linear" and draws backward groups and
 * gradient edges in their own colour. This module imports nothing, so that every other one may import it.
 */

export const BACKWARD_CLASS = "graphfold.Backward";
export const OPTIMIZER_CLASS = "graphfold.Optimizer";

const MARKS: readonly (readonly [string, string])[] = [
  [BACKWARD_CLASS, "∇"],
  [OPTIMIZER_CLASS, "Δ"],
];

/** "graphfold.Backward/a.b.BertLayer" -> "∇ BertLayer", "graphfold.Optimizer/torch.optim.adamw.AdamW" -> "Δ AdamW"; null for other classes. */
export function phaseGroupTitle(className: string): string | null {
  for (const [prefix, mark] of MARKS) {
    if (className === prefix) return mark;
    if (className.startsWith(`${prefix}/`)) {
      const forward = className.slice(prefix.length + 1);
      return `${mark} ${forward.slice(forward.lastIndexOf(".") + 1)}`;
    }
  }
  return null;
}

/** Whether a class (a stack's: "A | B") is a backward group's. */
export function isBackwardClass(className: string): boolean {
  return className.split(" | ").every((c) => c === BACKWARD_CLASS || c.startsWith(`${BACKWARD_CLASS}/`));
}

/** Whether a view item, or a view's module, is a backward group (or a stack of them). */
export function isBackwardItem(json: object): boolean {
  return "type" in json && (json.type === "module" || json.type === "stack") && "class_name" in json &&
    typeof json.class_name === "string" && isBackwardClass(json.class_name);
}
