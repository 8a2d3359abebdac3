/**
 * The one way view code builds elements. Children given as strings become
 * text nodes, so names from the log (runs, tags, modules, classes) can never
 * be parsed as HTML. A test checks that no source file parses strings as HTML.
 */

type Child = Node | string | null | undefined | false;

/** Attributes set with setAttribute; event handlers are attached with addEventListener instead. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attrs, "h");
  append(element, ...children);
  return element;
}

function setAttributes(element: Element, attrs: Attrs, caller: string): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`${caller}(): set "${name}" with addEventListener, not as an attribute`);
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replace all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** An <option> whose label is set as text. */
/** A toolbar button (`gf-tool`) whose title is also its accessible name. */
export function toolButton(testid: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "gf-tool", "data-testid": testid, title, "aria-label": title }, text);
  b.addEventListener("click", onClick);
  return b;
}

export function option(value: string, label: string, props: { disabled?: boolean; title?: string } = {}): HTMLOptionElement {
  const element = new Option(label, value);
  element.disabled = props.disabled ?? false;
  if (props.title) element.title = props.title;
  return element;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element; string children become text nodes, as with h(). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attrs, "svg");
  append(element, ...children);
  return element;
}
