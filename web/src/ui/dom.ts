// Small DOM helpers. Everything is built with createElement and
// textContent: text from EEs (debug lines, logs, errors) is never HTML.

import './kit.css';

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((ev: Event) => void)>;

/** Creates an element. Attributes set with setAttribute (true means ""),
 * `on*` functions become listeners, children are nodes or text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (value === true) {
        el.setAttribute(key, '');
      } else if (value !== false && value !== null && value !== undefined) {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces all children. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

/** Finds the element with attribute data-NAME under root; throws when the
 * markup lacks it, so a broken page fails loudly at start. */
export function find<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const el = root.querySelector<T>(`[data-${name}]`);
  if (!el) throw new Error(`eeplay page: no element [data-${name}]`);
  return el;
}

/** A hook's name, or its name and the type its element must have. */
export type Hook = string | readonly [name: string, type: abstract new () => HTMLElement];

/** The elements findHooks finds, by the keys it was given. */
export type Hooks<H extends Record<string, Hook>> = {
  readonly [K in keyof H]: H[K] extends readonly [string, abstract new () => infer E] ? E : HTMLElement;
};

/** Finds the element of each hook under root, as find does: { note: 'inspector-note' }
 * gives { note: <the [data-inspector-note] element> }; a hook given with a
 * type, ['composer-shard', HTMLInputElement], must have that type. */
export function findHooks<const H extends Record<string, Hook>>(root: ParentNode, hooks: H): Hooks<H> {
  const found: Record<string, HTMLElement> = {};
  for (const [key, hook] of Object.entries(hooks)) {
    const [name, type] = typeof hook === 'string' ? [hook, HTMLElement] : hook;
    const el: Element = find(root, name);
    if (!(el instanceof type)) throw new Error(`eeplay page: [data-${name}] is a <${el.localName}>, not a ${type.name}`);
    found[key] = el;
  }
  return found as Hooks<H>;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** Longer text is cut in the box; Copy still copies all of it. */
const SHOWN_CHARS = 4096;

/** A wrapping monospace box with a copy button, for long hex. */
export function hexBox(text: string, label?: string): HTMLElement {
  const code =
    text.length > SHOWN_CHARS
      ? h(
          'code',
          { 'data-hex-cut': true },
          text.slice(0, SHOWN_CHARS),
          h('span', { class: 'kit-hexbox-more' }, `… ${(text.length - SHOWN_CHARS).toLocaleString('en-US')} more characters; Copy copies all`),
        )
      : h('code', { 'data-hex': true }, text);
  const button = h('button', { type: 'button', class: 'kit-hexbox-copy', 'aria-label': `Copy ${label ?? 'value'}` }, 'Copy');
  button.addEventListener('click', () => {
    void copyText(text, code).then((ok) => {
      button.textContent = ok ? 'Copied' : 'Selected';
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  });
  return h('div', { class: 'kit-hexbox' }, code, button);
}

async function copyText(text: string, el: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // No clipboard (insecure context or no permission): select instead.
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  return false;
}

/** A short form of a root for tight places: 0x1234…cdef. */
export function shortHex(hex: string): string {
  return hex.length > 18 ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : hex;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : words}`;
}

/** items as a sentence's list: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An inline error next to a form: an aria-live paragraph. */
export class InlineError {
  constructor(private readonly el: HTMLElement) {
    el.hidden = true;
  }
  show(message: string): void {
    this.el.textContent = message;
    this.el.hidden = false;
  }
  clear(): void {
    this.el.textContent = '';
    this.el.hidden = true;
  }
}

/** Reads a File into bytes. */
export async function fileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Offers bytes as a download. */
export function download(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Runs action with the button disabled and relabelled while it runs. */
export async function busy<T>(button: HTMLButtonElement, label: string, action: () => Promise<T>): Promise<T> {
  const old = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = old;
  }
}

/** Makes el accept dropped files (until signal, if given, aborts); onFiles
 * gets them. Stops the page-wide handler from seeing the same drop. */
export function dropZone(el: HTMLElement, onFiles: (files: File[]) => void, signal?: AbortSignal): void {
  el.addEventListener(
    'dragover',
    (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      el.dataset.dragging = '';
    },
    { signal },
  );
  el.addEventListener('dragleave', () => delete el.dataset.dragging, { signal });
  el.addEventListener(
    'drop',
    (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      delete el.dataset.dragging;
      const files = [...(ev.dataTransfer?.files ?? [])];
      if (files.length) onFiles(files);
    },
    { signal },
  );
}

/** Text for bytes when they are printable UTF-8, else null. */
export function printable(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Printable means no control characters but tab and newline.
    return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}
