/**
 * The class picker of a layer panel with many classes: the classes the
 * sparkline matrix shows, as removable chips, a search box over every class
 * name with the matches to add, and a reset to the layer's default (the
 * classes of its best- and worst-separated pairs). Names go in as text.
 */

import { matchingClasses } from "../overlay/class_pairs";
import { h, replaceChildren } from "./dom";

/** Matches listed under the search box. */
export const PICKER_MATCHES = 40;

export interface ClassPickerInput {
  names: readonly string[];
  picked: readonly number[];
  /** The most classes that can be picked. */
  limit: number;
  query: string;
}

export interface ClassPickerHandlers {
  /** The picked classes are now `classes`. */
  pick(classes: number[]): void;
  /** The search text is now `query` (kept by the panel across renders). */
  search(query: string): void;
  /** Back to the layer's default classes. */
  reset(): void;
}

export function classPicker(input: ClassPickerInput, handlers: ClassPickerHandlers): HTMLElement {
  const name = (c: number) => input.names[c] ?? String(c);
  const chips = input.picked.map((c) => {
    const remove = h("button", { type: "button", class: "gf-chip-remove", "data-testid": "class-unpick", "data-class": c, title: `Remove ${name(c)}` }, "✕");
    remove.addEventListener("click", () => handlers.pick(input.picked.filter((x) => x !== c)));
    return h("li", { class: "gf-chip", "data-testid": "class-picked", "data-class": c }, name(c), " ", remove);
  });
  const box = h("input", { type: "search", class: "gf-search", "data-testid": "class-search", placeholder: `Search ${input.names.length} classes`, "aria-label": "Search classes", value: input.query });
  const matches = h("ul", { class: "gf-class-matches", "data-testid": "class-matches" });
  const full = input.picked.length >= input.limit;
  function showMatches(query: string): void {
    const found = query.trim() ? matchingClasses(input.names, query, PICKER_MATCHES) : [];
    replaceChildren(
      matches,
      ...found.map((c) => {
        const add = h("button", { type: "button", class: "gf-button", "data-testid": "class-match", "data-class": c, disabled: full || input.picked.includes(c) }, name(c));
        add.addEventListener("click", () => handlers.pick([...input.picked, c]));
        return h("li", {}, add);
      }),
    );
  }
  box.addEventListener("input", () => {
    handlers.search(box.value);
    showMatches(box.value);
  });
  showMatches(input.query);
  const reset = h("button", { type: "button", class: "gf-button", "data-testid": "class-reset" }, "Best and worst pairs");
  reset.addEventListener("click", () => handlers.reset());
  return h(
    "div",
    { class: "gf-class-picker", "data-testid": "class-picker" },
    h("ul", { class: "gf-chips" }, ...chips),
    h("div", { class: "gf-row" }, box, reset),
    full ? h("p", { class: "gf-note" }, `At most ${input.limit} classes; remove one to add another.`) : null,
    matches,
  );
}
