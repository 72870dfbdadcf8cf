/**
 * The only way the webview builds DOM: elements from a tag name, attributes set one by one with
 * setAttribute, and children appended as nodes or text nodes. Catalog strings therefore always
 * end up as text (or as plain attribute values), never parsed as markup. Attributes that could
 * run code or load something (event handlers, URLs, inline styles) are refused outright.
 */

import { ICON_PATHS } from './generated/icons';
import type { IconName } from './iconNames';

export type Child = Node | string | number | false | null | undefined | Child[];
export type Attrs = Record<string, string | number | boolean | undefined>;

const FORBIDDEN = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$|data$|poster$|background$)/i;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (FORBIDDEN.test(name)) throw new Error(`refusing to set attribute ${name}`);
      if (value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (typeof c === 'string' || typeof c === 'number') parent.appendChild(document.createTextNode(String(c)));
    else parent.appendChild(c);
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** One drawn SVG per icon name, cloned for every use. */
const drawnIcons = new Map<IconName, SVGSVGElement>();

/**
 * A codicon, drawn as inline SVG from the icon's own path data (decorative: hidden from screen
 * readers). No icon font: the page has nothing to load before its first frame. It takes the text
 * colour (fill: currentColor) and is sized by CSS (svg.codicon: 16 px, as the font drew it).
 */
export function icon(name: IconName, extra = ''): SVGSVGElement {
  let drawn = drawnIcons.get(name);
  if (!drawn) {
    drawn = document.createElementNS(SVG_NS, 'svg');
    const art = ICON_PATHS.get(name);
    drawn.setAttribute('viewBox', art?.viewBox ?? '0 0 16 16');
    drawn.setAttribute('aria-hidden', 'true');
    drawn.setAttribute('focusable', 'false');
    for (const attrs of art?.paths ?? []) {
      const path = document.createElementNS(SVG_NS, 'path');
      for (const [k, v] of attrs) path.setAttribute(k, v);
      drawn.appendChild(path);
    }
    drawnIcons.set(name, drawn);
  }
  const el = drawn.cloneNode(true) as SVGSVGElement;
  el.setAttribute('class', `codicon codicon-${name}${extra ? ` ${extra}` : ''}`);
  return el;
}

/** Text only screen readers announce. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only' }, text);
}

export function on<K extends keyof HTMLElementEventMap>(el: HTMLElement, type: K, listener: (ev: HTMLElementEventMap[K]) => void): HTMLElement {
  el.addEventListener(type, listener);
  return el;
}
