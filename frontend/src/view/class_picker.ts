/**
 * The class picker of a layer panel with many classes: the classes the
 * sparkline matrix shows, as removable chips, a search box over every class
 * name with the matches to add, and a reset to the layer's default (the
 * classes of its best- and worst-separated pairs). Also the one-class
 * choosers of such a panel (CPD classes A and B, the activation view's
 * class): a text box suggesting every class name from one shared
 * `<datalist>`, where three `<select>`s of 1,000 options each cost the
 * panel's first drawing 150 ms of style and layout. Names go in as text.
 */

import { classNamed, matchingClasses } from "../overlay/class_pairs";
import { h, option, replaceChildren } from "./dom";

/** The id of the `<datalist>` of every class name that class choosers suggest from. */
export const CLASS_NAMES_LIST = "gf-class-names";
const datalists = new WeakMap<readonly string[], HTMLDataListElement>();

/**
 * The `<datalist>` of `names`, built once per names list (the panel puts it
 * into the page with its choosers).
 */
export function classNamesList(names: readonly string[]): HTMLDataListElement {
  let list = datalists.get(names);
  if (!list) {
    list = h("datalist", { id: CLASS_NAMES_LIST });
    replaceChildren(list, ...names.map((n) => option(n, n)));
    datalists.set(names, list);
  }
  return list;
}

/**
 * A text box choosing one class by name, suggesting from {@link classNamesList}.
 * A name is taken when a suggestion is picked or the text is committed
 * (Enter, leaving the box); text that names no class is marked invalid and
 * changes nothing.
 */
export function classChooser(testid: string, label: string, names: readonly string[], value: number | null, pick: (c: number) => void): HTMLInputElement {
  const box = h("input", {
    type: "text", class: "gf-class-chooser", list: CLASS_NAMES_LIST, "data-testid": testid, "aria-label": label,
    placeholder: `one of ${names.length} classes`, value: value === null ? "" : (names[value] ?? String(value)), autocomplete: "off",
  });
  const take = () => {
    const c = classNamed(names, box.value);
    box.setAttribute("aria-invalid", c === null ? "true" : "false");
    box.title = c === null ? `No class is named "${box.value}"` : "";
    if (c !== null && c !== value) pick(c);
  };
  box.addEventListener("change", take);
  // A suggestion picked from the list: taken at once (typed text waits for Enter, so typing "cat" does not stop at "ca").
  box.addEventListener("input", (event) => {
    if (!(event instanceof InputEvent) || event.inputType === "insertReplacementText") take();
  });
  return box;
}

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
