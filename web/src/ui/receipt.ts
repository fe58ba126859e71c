// Renders a block's transactions with their receipts: the root change,
// ticks, logs and deposits (hex), debug output (text), the child modules
// the EE loaded; and the parts a receipt is made of, which other views
// show too: a field list, a root with its label, a badge, a list of child
// modules.

import type { ChildModule, ShardBlock } from '../core/api';
import { toHex } from '../core/bytes';
import { h, hexBox, plural, printable, shortHex, type Attrs, type Child } from './dom';
import './receipt.css';

export interface BlockLabels {
  label(eeIndex: number): string;
}

/** A control for transaction transactionIndex of a stored block, such as its Trace and Profile buttons (inspect.ts). */
export type TransactionControl = (transactionIndex: number) => HTMLElement;

/**
 * Receipts made at once, and again each time "Show more" is pressed: the
 * page takes about a millisecond to lay out each, so a block of a thousand
 * transactions would hold it for a second.
 */
export const RECEIPTS_PAGE = 100;

/**
 * renderBlock renders block's transactions, numbering them from
 * firstIndex, RECEIPTS_PAGE at a time behind a "Show more" button; with
 * control, each gets the control it makes. A rejected block gets none: it
 * was not stored, so it cannot run again.
 */
export function renderBlock(block: ShardBlock, labels: BlockLabels, firstIndex = 0, control?: TransactionControl): HTMLElement {
  const list = h('ol', { class: 'receipt-txs', 'data-txs': true, start: firstIndex + 1 });
  const total = block.transactions.length;
  const more = h('button', { type: 'button', class: 'receipt-more', 'data-txs-more': true });
  let made = 0;
  const showMore = () => {
    const end = Math.min(total, made + RECEIPTS_PAGE);
    const fragment = document.createDocumentFragment();
    for (let j = made; j < end; j++) fragment.appendChild(renderTransaction(block, j, firstIndex + j, labels, control));
    list.appendChild(fragment);
    made = end;
    const left = total - made;
    more.hidden = left === 0;
    more.textContent = `Show ${Math.min(left, RECEIPTS_PAGE).toLocaleString('en-US')} more of ${plural(left, 'transaction')}`;
  };
  showMore();
  if (made === total) return list;
  more.addEventListener('click', showMore);
  return h('div', { class: 'receipt-block' }, list, more);
}

/** renderTransaction renders transaction j of block, numbered i, with its receipt. */
function renderTransaction(block: ShardBlock, j: number, i: number, labels: BlockLabels, control?: TransactionControl): HTMLElement {
  const tx = block.transactions[j];
  const r = block.receipts[j];
  const changed = r.preState !== r.postState;
  const text = printable(tx.data);
  return h(
    'li',
    { class: 'receipt-tx', 'data-tx': i, 'data-changed': changed ? '' : null },
    h('h4', null, `Transaction ${i} · ${labels.label(tx.eeIndex)}`),
    fieldList(
      [
        'Data',
        null,
        h('span', { class: 'kit-muted' }, plural(tx.data.length, 'byte'), text !== null ? ' · as text: ' : ''),
        text !== null ? h('q', { class: 'receipt-text' }, text.length > 200 ? `${text.slice(0, 200)}…` : text) : null,
        tx.data.length ? hexBox(toHex(tx.data), 'data') : null,
      ],
      [
        'State',
        { 'data-state-change': true },
        changed ? badge('changed', 'changed') : badge('unchanged'),
        rootLine('pre', r.preState, 'pre-state'),
        rootLine('post', r.postState, 'post-state'),
      ],
      ['Ticks', { 'data-ticks': true }, r.ticks.toLocaleString('en-US')],
      ['Logs', { 'data-logs': true }, ...byteList(r.logs, 'log')],
      ['Deposits', { 'data-deposits': true }, ...byteList(r.deposits, 'deposit')],
      ['Debug', null, r.debug.length ? debugOutput(r.debug, { 'data-debug': true }) : h('span', { class: 'kit-muted' }, 'none')],
      // Most EEs load none: the field is left out rather than saying "none" in every receipt.
      ...(r.modules.length ? [['Child modules', { 'data-modules': true }, childModules(r.modules)] satisfies Field] : []),
    ),
    control ? control(i) : null,
  );
}

function byteList(items: Uint8Array[], what: string): Node[] {
  if (!items.length) return [h('span', { class: 'kit-muted' }, 'none')];
  return items.map((b, i) => hexBox(toHex(b), `${what} ${i}`));
}

/** A field: its term, the attributes of its description, and what the description holds. */
export type Field = [term: string, attrs: Attrs | null, ...description: Child[]];

/** A list of terms and their descriptions, two columns on wide screens: a receipt, an EE's details. */
export function fieldList(...fields: Field[]): HTMLDListElement {
  return h('dl', { class: 'receipt-fields' }, ...fields.flatMap(([term, attrs, ...description]) => [h('dt', null, term), h('dd', attrs, ...description)]));
}

/** A root with its label before it ("pre", "expected"), in a box with a copy button; what names it for the button. */
export function rootLine(label: string, root: string, what: string): HTMLElement {
  return h('div', { class: 'receipt-root' }, h('span', { class: 'kit-muted' }, label), hexBox(root, what));
}

/** How a badge is coloured: a changed state, a state that differs from its initial one, a pass, a failure. */
export type Tone = 'changed' | 'differs' | 'pass' | 'fail';

/** A small label of a state: "changed", "PASS"; grey without a tone. */
export function badge(text: string, tone?: Tone): HTMLElement {
  return h('span', { class: tone ? `receipt-badge receipt-badge-${tone}` : 'receipt-badge' }, text);
}

/**
 * Debug lines in a box that scrolls past 16rem, focusable so that the
 * keyboard can scroll it too.
 */
export function debugOutput(lines: string[], hooks: Attrs): HTMLElement {
  return h('pre', { class: 'receipt-debug', tabindex: 0, 'aria-label': 'Debug output', ...hooks }, lines.join('\n'));
}

/**
 * The child modules a transaction loaded: wasm the EE loaded from its own
 * memory and called. Each with its slot, size, calls each way and SHA-256,
 * short, the whole of it a click away.
 */
export function childModules(modules: ChildModule[]): HTMLElement {
  return h(
    'div',
    { class: 'receipt-modules' },
    h('p', { class: 'kit-muted' }, 'Wasm the EE loaded from its own memory (eth2_loadModule) and called:'),
    h(
      'ul',
      null,
      ...modules.map((m) =>
        h(
          'li',
          { 'data-module': m.slot },
          h('span', { class: 'receipt-module-slot' }, `Slot ${m.slot}`),
          ` · ${plural(m.size, 'byte')} · `,
          h('span', { 'data-module-calls': true }, childModuleCalls(m)),
          h(
            'details',
            { class: 'receipt-module-hash' },
            h('summary', null, 'SHA-256 ', h('code', { 'data-module-sha256': true }, shortHex(m.sha256))),
            hexBox(m.sha256, `SHA-256 of the child module in slot ${m.slot}`),
          ),
        ),
      ),
    ),
  );
}

/** How a child module was called, each way: "3 calls from the EE, 1 call back". */
export function childModuleCalls(m: Pick<ChildModule, 'calls' | 'callbacks'>): string {
  return `${plural(m.calls, 'call')} from the EE, ${plural(m.callbacks, 'call back', 'calls back')}`;
}
