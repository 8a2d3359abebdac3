/**
 * Controls of the opened stack in focus: which member it shows (variant
 * members marked), unstacking it into a row of members, and what differs
 * between members: values, and the nodes a variant adds or lacks.
 */

import { formatDifference } from "../details";
import { memberName, stackTitle } from "../geometry";
import type { StackItemJson } from "../types";
import { memberOptionLabel, stackBadge, variantLines } from "../variants";
import { h, option, replaceChildren } from "./dom";

export interface StackPanel {
  element: HTMLElement;
  /** Show the controls of `stack` (null hides them). */
  show(stack: StackItemJson | null, member: string, unstacked: boolean): void;
}

export function createStackPanel(handlers: {
  pick(stack: StackItemJson, member: string): void;
  unstack(stack: StackItemJson, on: boolean): void;
}): StackPanel {
  const title = h("h2", { class: "gf-stack-title" });
  const picker = h("select", { "data-testid": "member-picker", "aria-label": "Member shown" });
  const unstack = h("button", { type: "button", class: "gf-button", "data-testid": "unstack-button" }, "Unstack");
  const differences = h("div", { class: "gf-differences", "data-testid": "stack-differences" });
  const element = h(
    "section",
    { class: "gf-stack", "aria-label": "Opened stack", hidden: true },
    title,
    h("div", { class: "gf-stack-controls" }, h("label", {}, "Member", picker), unstack),
    differences,
  );
  let current: StackItemJson | null = null;
  let isUnstacked = false;
  picker.addEventListener("change", () => {
    if (current) handlers.pick(current, picker.value);
  });
  unstack.addEventListener("click", () => {
    if (current) handlers.unstack(current, !isUnstacked);
  });

  function show(stack: StackItemJson | null, member: string, unstacked: boolean): void {
    element.hidden = stack === null;
    if (!stack) {
      current = null;
      return;
    }
    if (current?.id !== stack.id) {
      replaceChildren(
        picker,
        ...stack.members.map((m, i) => option(m, memberOptionLabel(stack, i, memberName(m)), { title: m })),
      );
      const variants = stack.variants;
      const count = stack.differences.length + variants.length;
      replaceChildren(
        differences,
        h("h3", {}, count ? `What differs between members (${count})` : "What differs between members"),
        variants.length
          ? h(
              "ul",
              { class: "gf-diffs", "data-testid": "stack-variants" },
              ...variants.map((v) => {
                const lines = variantLines(v);
                return h("li", { "data-member": v.member }, lines.title, lines.adds ? h("div", {}, lines.adds) : null, lines.lacks ? h("div", {}, lines.lacks) : null);
              }),
            )
          : null,
        stack.differences.length
          ? h("ul", { class: "gf-diffs" }, ...stack.differences.map((d) => h("li", {}, formatDifference(d))))
          : variants.length
            ? null
            : h("p", { class: "gf-muted" }, "Nothing: every member has the same shapes, dtypes and attributes."),
      );
    }
    current = stack;
    isUnstacked = unstacked;
    replaceChildren(title, `${stackTitle(stack)} ${stackBadge(stack)}`);
    picker.value = member;
    picker.disabled = unstacked;
    unstack.textContent = unstacked ? "Stack again" : "Unstack";
    unstack.setAttribute("aria-pressed", String(unstacked));
  }

  return { element, show };
}
