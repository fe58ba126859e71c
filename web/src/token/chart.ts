// The chart comparing the two proof approaches over the token blocks run
// so far: for each accepted block with token transactions, the same
// transfers on the same pre-state, run on the EE with a multiproof and with
// one branch per account. Per transfer, so that blocks of different sizes
// compare; the numbers are also in a table.

import type { TokenComparison, TokenCost } from '../core/api';
import { h, plural } from '../ui/dom';
import { s, title } from '../ui/svg';
import { legend, picture, type Margins } from './figure';
import './token.css';

/** At most this many blocks are charted: the latest ones. The table has all. */
const CHARTED = 40;

interface Metric {
  name: string;
  unit: string;
  of(cost: TokenCost, transfers: number): number;
}

const metrics: Metric[] = [
  { name: 'Proof bytes per transfer', unit: 'proof bytes', of: (c, n) => c.proofBytes / Math.max(n, 1) },
  { name: 'Ticks per transfer', unit: 'ticks', of: (c, n) => c.ticks / Math.max(n, 1) },
];

const approaches = [
  { key: 'multi', label: 'multiproof' },
  { key: 'single', label: 'single branches' },
] as const;

export function drawComparison(comparisons: TokenComparison[]): HTMLElement {
  if (!comparisons.length) {
    return h(
      'p',
      { class: 'kit-muted', 'data-token-chart-empty': true },
      'No token blocks yet. Each accepted block with token transactions is run again with both proof approaches, on the same pre-state, and compared here.',
    );
  }
  const shown = comparisons.slice(-CHARTED);
  return h(
    'div',
    { class: 'token-chart' },
    h('p', { 'data-token-chart-summary': true }, summary(comparisons)),
    legend('kit-legend', ...approaches.map((a) => h('li', null, h('span', { class: `kit-swatch token-${a.key}` }), a.label))),
    h('div', { class: 'token-charts' }, ...metrics.map((m) => chart(m, shown))),
    shown.length < comparisons.length ? h('p', { class: 'kit-muted kit-small' }, `The charts show the last ${shown.length} of ${plural(comparisons.length, 'block')}; the table has them all.`) : null,
    h(
      'details',
      null,
      h('summary', null, 'The numbers'),
      h('div', { class: 'kit-scroll-x' }, table(comparisons)),
    ),
  );
}

function summary(comparisons: TokenComparison[]): string {
  const sum = (f: (c: TokenComparison) => number) => comparisons.reduce((t, c) => t + f(c), 0);
  const transfers = sum((c) => c.transfers);
  const compare = (multi: number, single: number, unit: string) => {
    const diff = single === 0 ? 0 : Math.round((100 * (single - multi)) / single);
    const how = diff === 0 ? 'the same as' : diff > 0 ? `${diff}% fewer than` : `${-diff}% more than`;
    return `${fmt(multi)} ${unit}, ${how} single branches (${fmt(single)})`;
  };
  return (
    `Over ${plural(comparisons.length, 'block')} (${plural(transfers, 'transfer')}), the multiproof took ` +
    `${compare(sum((c) => c.multi.proofBytes), sum((c) => c.single.proofBytes), 'proof bytes')} and ` +
    `${compare(sum((c) => c.multi.ticks), sum((c) => c.single.ticks), 'ticks')}.`
  );
}

const W = 360;
const H = 190;
/** The values' ticks on the left, the blocks' under the plot. */
const MARGINS: Margins = { top: 12, right: 8, bottom: 34, left: 52 };

function chart(metric: Metric, comparisons: TokenComparison[]): HTMLElement {
  const values = comparisons.map((c) => approaches.map((a) => metric.of(c[a.key], c.transfers)));
  const top = niceMax(Math.max(1, ...values.flat()));
  const m = MARGINS;
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const group = plotW / comparisons.length;
  const bar = Math.min(18, (group * 0.8) / 2);
  const yOf = (v: number) => m.top + plotH - (v / top) * plotH;
  const svg = picture(W, H, `${metric.name}, by block: multiproof and single branches`, { class: 'token-bars' });
  for (const v of [0, top / 2, top]) {
    svg.appendChild(s('line', { class: 'token-gridline', x1: m.left, x2: W - m.right, y1: yOf(v), y2: yOf(v) }));
    svg.appendChild(s('text', { class: 'token-tick', x: m.left - 4, y: yOf(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  const every = Math.ceil(comparisons.length / 10);
  comparisons.forEach((c, i) => {
    const x0 = m.left + i * group + group / 2 - bar;
    const g = s('g', { 'data-chart-block': c.blockIndex });
    approaches.forEach((a, j) => {
      const v = values[i][j];
      g.appendChild(
        s(
          'rect',
          { class: `token-bar token-${a.key}`, x: x0 + j * bar, y: yOf(v), width: Math.max(bar - 1, 1), height: Math.max(m.top + plotH - yOf(v), 0.5) },
          title(`Block ${c.blockIndex} (${plural(c.transfers, 'transfer')}), ${a.label}: ${fmt(v)} ${metric.unit} per transfer`),
        ),
      );
    });
    if (i % every === 0) {
      g.appendChild(s('text', { class: 'token-tick', x: m.left + i * group + group / 2, y: H - m.bottom + 14, 'text-anchor': 'middle' }, String(c.blockIndex)));
    }
    svg.appendChild(g);
  });
  svg.appendChild(s('text', { class: 'token-axis', x: m.left + plotW / 2, y: H - 4, 'text-anchor': 'middle' }, 'block'));
  return h('figure', { class: 'token-chartbox', 'data-token-chart-metric': metric.unit }, h('figcaption', null, metric.name), svg);
}

function table(comparisons: TokenComparison[]): HTMLTableElement {
  const pair = (m: number, s: number, format: (n: number) => string = fmt) => [h('td', null, format(m)), h('td', null, format(s))];
  return h(
    'table',
    { class: 'token-numbers' },
    h('caption', null, 'Each token block, run with both approaches on the same pre-state: multiproof, then single branches'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', rowspan: 2 }, 'Block'),
        h('th', { scope: 'col', rowspan: 2 }, 'Transfers'),
        h('th', { scope: 'colgroup', colspan: 2 }, 'Proof bytes'),
        h('th', { scope: 'colgroup', colspan: 2 }, 'Data bytes'),
        h('th', { scope: 'colgroup', colspan: 2 }, 'Ticks'),
        h('th', { scope: 'colgroup', colspan: 2 }, 'Time (ms)'),
      ),
      h('tr', null, ...[0, 1, 2, 3].flatMap(() => [h('th', { scope: 'col' }, 'multi'), h('th', { scope: 'col' }, 'single')])),
    ),
    h(
      'tbody',
      null,
      ...comparisons.map((c) =>
        h(
          'tr',
          { 'data-chart-row': c.blockIndex },
          h('th', { scope: 'row' }, String(c.blockIndex)),
          h('td', null, fmt(c.transfers)),
          ...pair(c.multi.proofBytes, c.single.proofBytes),
          ...pair(c.multi.dataBytes, c.single.dataBytes),
          ...pair(c.multi.ticks, c.single.ticks),
          ...pair(c.multi.milliseconds, c.single.milliseconds, (n) => n.toFixed(2)),
        ),
      ),
    ),
  );
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least v. */
function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 });
}
