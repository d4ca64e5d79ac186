/**
 * The desk builds every element with createElement and every text with a text node: no string from
 * a document, a file name or a result ever reaches innerHTML or an HTML parser (trust.md §4). Text is
 * also escaped for display (controls, bidi and invisible characters shown as `\u…`), as the CLI does.
 */
import { escapeForDisplay } from "../core/display.js";

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  id?: string;
  class?: string;
  /** Plain attributes (names are the desk's own; values may be anything: setAttribute never parses HTML). */
  attrs?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** A text node showing `text` as it is, control and bidi characters made visible. */
export function text(value: string | number): Text {
  return document.createTextNode(typeof value === "number" ? String(value) : escapeForDisplay(value));
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props?.id) element.id = props.id;
  if (props?.class) element.className = props.class;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) element.setAttribute(name, value);
  for (const [type, listener] of Object.entries(props?.on ?? {}))
    element.addEventListener(type, listener as EventListener);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? text(child) : child);
  }
}

/** Empties `element` and fills it with `children`. */
export function replace(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, ...children);
}

/** A table with a caption, a header row and one row per entry (cells are text or nodes). */
export function table(
  caption: string | undefined,
  headers: readonly string[],
  rows: readonly (readonly Child[])[],
  props: Props = {},
): HTMLTableElement {
  return h(
    "table",
    props,
    caption ? h("caption", null, caption) : null,
    h("thead", null, h("tr", null, ...headers.map((label) => h("th", { attrs: { scope: "col" } }, label)))),
    h("tbody", null, ...rows.map((cells) => h("tr", null, ...cells.map((cell) => h("td", null, cell))))),
  );
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
