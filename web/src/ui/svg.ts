// SVG elements, built like dom.ts builds HTML: attributes with
// setAttribute, text with text nodes, never markup.

import type { Child } from './dom';

const NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element; attributes as in h (true means "", null and false are left out). */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string | number | boolean | null | undefined> | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === true) el.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A <title>, which browsers show on hover and screen readers read. */
export function title(text: string): SVGTitleElement {
  return s('title', null, text);
}
