// The Trace view of a stored transaction: a line that sums it up, then a
// row per host call, nested calls indented under the call they ran in,
// each opening onto the bytes it moved. Rows are made 2,000 at a time, and
// a row's bytes only once it is opened, so that a trace of 100,000 calls
// does not freeze the page.

import type { Eeplay, MemoryBytes, TracedTransaction, TransactionPosition } from '../core/api';
import { disclosure, type Disclosure } from './disclosure';
import { h, plural, printable, replace, type Child } from './dom';
import { callText, flatten, hexLines, matches, moved, summarize, type TraceRow } from './trace-summary';
import './trace.css';

/** Rows made at once, and again each time "Show more" is pressed. */
export const TRACE_PAGE = 2000;

/** The most bytes of one piece the hex view shows; the rest is counted. */
const SHOWN_BYTES = 4096;

/** traceDisclosure returns the button that opens the trace of the transaction at position, and the panel it opens. */
export function traceDisclosure(eeplay: Pick<Eeplay, 'traceTransaction'>, position: TransactionPosition): Disclosure {
  return disclosure({
    label: `Trace transaction ${position.transactionIndex}`,
    hook: 'trace',
    index: position.transactionIndex,
    panelClass: 'trace',
    status: 'Tracing: running the transaction again…',
    load: async () => {
      const traced = await eeplay.traceTransaction(position);
      return () => new TraceView(traced, position).nodes;
    },
  });
}

/** The trace of one transaction, with its search box and its rows. */
class TraceView {
  readonly nodes: Child[];
  private readonly rows: TraceRow[];
  private shown: TraceRow[] = [];
  /** How many of shown have rows. */
  private made = 0;
  private readonly list = h('ol', { class: 'trace-calls', 'data-trace-calls': true });
  private readonly count = h('p', { class: 'kit-muted trace-count', 'data-trace-count': true, 'aria-live': 'polite' });
  private readonly more = h('button', { type: 'button', 'data-trace-more': true, hidden: true });
  private readonly search: HTMLInputElement;

  constructor(traced: TracedTransaction, position: TransactionPosition) {
    const { trace } = traced;
    this.rows = flatten(trace);
    const id = `trace-search-${position.shardIndex}-${position.blockIndex}-${position.transactionIndex}`;
    this.search = h('input', { type: 'search', id, 'data-trace-search': true, autocomplete: 'off', spellcheck: 'false' });
    this.search.addEventListener('input', () => this.filter());
    this.more.addEventListener('click', () => this.showMore());
    this.nodes = [
      h('h4', null, `Trace of transaction ${position.transactionIndex}: ${plural(this.rows.length, 'host call')}`),
      h('p', { class: 'trace-summary', 'data-trace-summary': true }, summarize(trace)),
      trace.cut ? h('p', { class: 'disclosure-cut' }, h('strong', null, 'Cut short: '), h('span', { 'data-trace-cut': true }, trace.cut)) : null,
      h('div', { class: 'trace-search' }, h('label', { for: id }, 'Filter calls by function'), this.search),
      this.count,
      this.list,
      this.more,
    ];
    this.filter();
  }

  private filter(): void {
    const query = this.search.value;
    this.shown = this.rows.filter((row) => matches(row, query));
    replace(this.list);
    this.made = 0;
    this.showMore();
  }

  private showMore(): void {
    const rows = this.shown.slice(this.made, this.made + TRACE_PAGE);
    const fragment = document.createDocumentFragment();
    for (const row of rows) {
      fragment.appendChild(callRow(row));
      if (row.call.error !== undefined) fragment.appendChild(errorRow(row));
    }
    this.list.appendChild(fragment);
    this.made += rows.length;
    const made = this.made;
    const total = this.rows.length;
    this.count.textContent =
      this.shown.length === total ? `Showing ${made.toLocaleString('en-US')} of ${plural(total, 'call')}.` : `Showing ${made.toLocaleString('en-US')} of ${this.shown.length.toLocaleString('en-US')} matching calls (${plural(total, 'call')} in all).`;
    const left = this.shown.length - made;
    this.more.hidden = left === 0;
    this.more.textContent = `Show ${Math.min(left, TRACE_PAGE).toLocaleString('en-US')} more of ${left.toLocaleString('en-US')}`;
  }
}

/** A call's row: its text, result and ticks; when it moved bytes, a details element whose bytes are made once it opens. */
function callRow(row: TraceRow): HTMLElement {
  const { call } = row;
  const line = [
    h('span', { class: 'trace-index kit-muted' }, `#${row.index}`),
    h('code', { class: 'trace-text', 'data-trace-text': true }, callText(call)),
    call.result !== undefined ? h('span', { class: 'trace-result', 'data-trace-result': true }, `→ ${call.result}`) : null,
    h('span', { class: 'trace-ticks kit-muted' }, `ticks ${call.ticks.toLocaleString('en-US')}`),
  ];
  const bytes = moved(call.read) + moved(call.written);
  const li = h('li', { class: 'trace-call', 'data-trace-call': call.function, 'data-depth': row.depth });
  li.style.setProperty('--trace-depth', String(Math.min(row.depth, 8)));
  if (!bytes) {
    li.append(h('div', { class: 'trace-line' }, ...line));
    return li;
  }
  const body = h('div', { class: 'trace-bytes' });
  const details = h('details', null, h('summary', { class: 'trace-line' }, ...line, h('span', { class: 'trace-moved kit-muted' }, `${plural(bytes, 'byte')} moved`)), body);
  details.addEventListener('toggle', () => {
    if (details.open && !body.firstChild) replace(body, ...pieces('read', call.read), ...pieces('written', call.written));
  });
  li.append(details);
  return li;
}

function errorRow(row: TraceRow): HTMLElement {
  const li = h('li', { class: 'trace-call trace-failed', 'data-trace-failed': true, 'data-depth': row.depth }, `${row.call.function} failed: ${row.call.error}`);
  li.style.setProperty('--trace-depth', String(Math.min(row.depth, 8)));
  return li;
}

/**
 * The pieces of memory a call read or wrote: where, how many bytes, the
 * bytes 32 to a line, and the text they spell when they do. A piece of 32
 * bytes, a root's size (a state root saved, a hash, a 256-bit word), is
 * marked: in an EE's trace those are what the work is about.
 */
function pieces(how: 'read' | 'written', list: MemoryBytes[]): HTMLElement[] {
  return list.map((piece) => {
    const shown = piece.bytes.subarray(0, SHOWN_BYTES);
    const text = printable(piece.bytes);
    const root = piece.bytes.length === 32;
    return h(
      'div',
      { class: 'trace-piece', 'data-trace-piece': how, 'data-trace-root': root ? '' : null },
      h(
        'p',
        { class: 'kit-muted' },
        `${how} ${plural(piece.bytes.length, 'byte')} at 0x${piece.offset.toString(16)}`,
        root ? h('span', { class: 'trace-root' }, 'a root’s size') : null,
      ),
      h('pre', { class: 'trace-hex', 'data-trace-hex': true, tabindex: 0, 'aria-label': `Bytes ${how} at 0x${piece.offset.toString(16)}` }, hexLines(shown).join('\n')),
      piece.bytes.length > SHOWN_BYTES ? h('p', { class: 'kit-muted' }, `… ${plural(piece.bytes.length - SHOWN_BYTES, 'more byte')}`) : null,
      text !== null ? h('p', { class: 'trace-ascii' }, 'as text: ', h('q', { 'data-trace-ascii': true }, text.length > 500 ? `${text.slice(0, 500)}…` : text)) : null,
    );
  });
}
