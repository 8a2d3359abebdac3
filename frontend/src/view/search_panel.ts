/**
 * Search by regular expression over node names, ops, module paths and
 * classes (GET search); choosing a hit reveals it in the drawing.
 */

import { formatCount } from "../format";
import { shortOpName } from "../geometry";
import { hiddenMark } from "../hidden_nodes";
import type { SearchHitJson, SearchJson } from "../types";
import { h, replaceChildren } from "./dom";

export interface SearchPanel {
  input: HTMLInputElement;
  results: HTMLElement;
  clear(): void;
  /** Focus the search box with `text` under it, until the next search. */
  hint(text: string): void;
}

const DEBOUNCE_MS = 300;

export function createSearchPanel(handlers: {
  search(pattern: string): Promise<SearchJson>;
  choose(hit: SearchHitJson): void;
}): SearchPanel {
  const input = h("input", {
    type: "search",
    class: "gf-search-input",
    "data-testid": "search-input",
    placeholder: "Search (regex): name, op, module, class",
    "aria-label": "Search the graph by regular expression",
    spellcheck: "false",
    autocomplete: "off",
  });
  const results = h("div", { class: "gf-search-results", "data-testid": "search-results", role: "list", hidden: true });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  async function run(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const pattern = input.value.trim();
    const mine = ++generation;
    if (!pattern) {
      results.hidden = true;
      replaceChildren(results);
      return;
    }
    results.hidden = false;
    replaceChildren(results, h("p", { class: "gf-muted" }, "Searching…"));
    try {
      const found = await handlers.search(pattern);
      if (mine !== generation) return;
      const matches = `${formatCount(found.total)} match${found.total === 1 ? "" : "es"}`;
      const summary = found.truncated ? `first ${found.hits.length} of ${matches}` : matches;
      replaceChildren(results, h("p", { class: "gf-muted" }, summary), ...found.hits.map(hitButton));
    } catch (error) {
      if (mine !== generation) return;
      replaceChildren(results, h("p", { class: "gf-search-error", role: "alert" }, error instanceof Error ? error.message : String(error)));
    }
  }

  function hitButton(hit: SearchHitJson): HTMLButtonElement {
    const where = hit.embedded_in ? `${hit.hidden === "check" ? "check" : hit.kind} of ${hit.embedded_in}` : hit.module || "(root)";
    const mark = hiddenMark(hit.hidden);
    const button = h(
      "button",
      { type: "button", class: "gf-hit", "data-testid": "search-hit", role: "listitem", title: `${hit.name}\n${hit.op}\n${hit.module}` },
      h("span", { class: "gf-hit-name" }, hit.name),
      h(
        "span",
        { class: "gf-note" },
        mark ? h("span", { class: "gf-hidden-mark", title: "Not drawn; choose it to see its details" }, `hidden: ${mark}`) : null,
        `${mark ? " " : ""}${shortOpName(hit.op)} · ${where}`,
      ),
    );
    button.addEventListener("click", () => handlers.choose(hit));
    return button;
  }

  input.addEventListener("input", () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void run();
    } else if (event.key === "Escape") {
      input.value = "";
      void run();
    }
  });

  return {
    input,
    results,
    clear() {
      input.value = "";
      generation++;
      results.hidden = true;
      replaceChildren(results);
    },
    hint(text) {
      if (timer) clearTimeout(timer);
      generation++;
      results.hidden = false;
      replaceChildren(results, h("p", { class: "gf-muted", "data-testid": "search-hint" }, text));
      input.focus();
    },
  };
}
