// Renders a block's transactions with their receipts: the root change,
// ticks, logs and deposits (hex), debug output (text).

import type { ShardBlock } from '../core/api';
import { toHex } from '../core/bytes';
import { h, hexBox, plural, printable } from './dom';

export interface BlockLabels {
  label(eeIndex: number): string;
}

/** renderBlock renders block's transactions, numbering them from firstIndex. */
export function renderBlock(block: ShardBlock, labels: BlockLabels, firstIndex = 0): HTMLElement {
  return h(
    'ol',
    { class: 'txs', 'data-txs': true, start: firstIndex + 1 },
    ...block.transactions.map((tx, j) => {
      const i = firstIndex + j;
      const r = block.receipts[j];
      const changed = r.preState !== r.postState;
      const text = printable(tx.data);
      return h(
        'li',
        { class: 'tx', 'data-tx': i, 'data-changed': changed ? '' : null },
        h('h4', null, `Transaction ${i} · ${labels.label(tx.eeIndex)}`),
        h(
          'dl',
          { class: 'receipt' },
          h('dt', null, 'Data'),
          h(
            'dd',
            null,
            h('span', { class: 'muted' }, plural(tx.data.length, 'byte'), text !== null ? ' · as text: ' : ''),
            text !== null ? h('q', { class: 'text' }, text.length > 200 ? `${text.slice(0, 200)}…` : text) : null,
            tx.data.length ? hexBox(toHex(tx.data), 'data') : null,
          ),
          h('dt', null, 'State'),
          h(
            'dd',
            { 'data-state-change': true },
            h('span', { class: changed ? 'badge changed' : 'badge' }, changed ? 'changed' : 'unchanged'),
            h('div', { class: 'rootchange' }, h('span', { class: 'muted' }, 'pre'), hexBox(r.preState, 'pre-state')),
            h(
              'div',
              { class: 'rootchange' },
              h('span', { class: 'muted' }, 'post'),
              hexBox(r.postState, 'post-state'),
            ),
          ),
          h('dt', null, 'Ticks'),
          h('dd', { 'data-ticks': true }, r.ticks.toLocaleString('en-US')),
          h('dt', null, 'Logs'),
          h('dd', { 'data-logs': true }, ...byteList(r.logs, 'log')),
          h('dt', null, 'Deposits'),
          h('dd', { 'data-deposits': true }, ...byteList(r.deposits, 'deposit')),
          h('dt', null, 'Debug'),
          h(
            'dd',
            null,
            r.debug.length
              ? h('pre', { class: 'debug', 'data-debug': true }, r.debug.join('\n'))
              : h('span', { class: 'muted' }, 'none'),
          ),
        ),
      );
    }),
  );
}

function byteList(items: Uint8Array[], what: string): Node[] {
  if (!items.length) return [h('span', { class: 'muted' }, 'none')];
  return items.map((b, i) => hexBox(toHex(b), `${what} ${i}`));
}
