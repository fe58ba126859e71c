// The Profile view of a stored transaction: where it spent its time and
// ticks, as a flame graph of its call tree and a table of its functions,
// both from one profileTransaction (wazero's function listeners).

import type { Eeplay, Profile, ProfiledTransaction, TransactionPosition } from '../core/api';
import { disclosure, type Disclosure } from './disclosure';
import { h, plural, replace, type Child } from './dom';
import { flameFrames, formatNanos, sortFunctions, total, type Column, type Weight } from './profile-layout';
import './profile.css';

/** Frames narrower than this share of the graph are left out: too thin to see or to press. */
const MIN_FRAME = 0.004;

/** profileDisclosure returns the button that opens the profile of the transaction at position, and the panel it opens. */
export function profileDisclosure(eeplay: Pick<Eeplay, 'profileTransaction'>, position: TransactionPosition): Disclosure {
  return disclosure({
    label: `Profile transaction ${position.transactionIndex}`,
    hook: 'profile',
    index: position.transactionIndex,
    panelClass: 'profile',
    status: 'Profiling: running the transaction again, several times…',
    load: async () => {
      const profiled = await eeplay.profileTransaction(position);
      return () => new ProfileView(profiled, position).nodes;
    },
  });
}

/** The table's columns: heading, and how a cell shows its value. */
const COLUMNS: { column: Exclude<Column, 'name'>; heading: string; cell: (n: number) => string }[] = [
  { column: 'calls', heading: 'Calls', cell: (n) => n.toLocaleString('en-US') },
  { column: 'selfNanos', heading: 'Self time', cell: formatNanos },
  { column: 'totalNanos', heading: 'Total time', cell: formatNanos },
  { column: 'selfTicks', heading: 'Self ticks', cell: (n) => n.toLocaleString('en-US') },
  { column: 'totalTicks', heading: 'Total ticks', cell: (n) => n.toLocaleString('en-US') },
];

/** breakable is name with a line-break opportunity after each /, : or #, where a long name in a narrow column reads best broken. */
function breakable(name: string): Child[] {
  return name.split(/(?<=[/:#])/).flatMap((part, i) => (i ? [h('wbr'), part] : [part]));
}

/** The profile of one transaction: what was measured, the flame graph, the table. */
class ProfileView {
  readonly nodes: Child[];
  private readonly profile: Profile;
  private weight: Weight = 'time';
  private focus: number | null = null;
  private column: Column = 'selfNanos';
  private readonly graph = h('div', { class: 'profile-flame', 'data-profile-flame': true });
  private readonly detail = h('p', { class: 'profile-detail kit-small', 'data-profile-detail': true, 'aria-live': 'polite' });
  private readonly whole = h('button', { type: 'button', 'data-profile-whole': true, hidden: true }, 'Show the whole transaction');
  private readonly body = h('tbody', { 'data-profile-rows': true });
  private readonly headings = new Map<Column, HTMLButtonElement>();

  constructor(profiled: ProfiledTransaction, position: TransactionPosition) {
    this.profile = profiled.profile;
    const { profile } = this;
    const id = `profile-weight-${position.shardIndex}-${position.blockIndex}-${position.transactionIndex}`;
    const weight = h(
      'select',
      { id, 'data-profile-weight': true },
      h('option', { value: 'time' }, 'time'),
      h('option', { value: 'ticks' }, 'ticks charged'),
    );
    weight.addEventListener('change', () => {
      this.weight = weight.value === 'ticks' ? 'ticks' : 'time';
      this.drawGraph();
    });
    this.whole.addEventListener('click', () => {
      this.focus = null;
      this.drawGraph();
    });
    this.nodes = [
      h('h4', null, `Profile of transaction ${position.transactionIndex}: ${plural(profile.functions.length, 'function')}`),
      h('p', { class: 'kit-muted kit-small', 'data-profile-measure': true }, 'Measured: ', profile.measure, '. Calls and ticks are exact and the same on every engine.'),
      profile.cut ? h('p', { class: 'disclosure-cut' }, h('strong', null, 'Cut short: '), h('span', { 'data-profile-cut': true }, profile.cut)) : null,
      h('h5', null, 'Flame graph'),
      h('p', { class: 'kit-hint' }, 'Each bar is a function, under the function that called it, as wide as its share. Press a bar to zoom into it.'),
      h('div', { class: 'kit-actions' }, h('label', { for: id }, 'Size bars by'), weight, this.whole),
      this.graph,
      this.detail,
      h('h5', null, 'Functions'),
      h('div', { class: 'kit-scroll-x profile-table-wrap' }, this.table()),
    ];
    this.drawGraph();
    this.drawTable();
  }

  private drawGraph(): void {
    const { tree } = this.profile;
    const frames = flameFrames(tree, this.weight, this.focus, MIN_FRAME);
    this.whole.hidden = this.focus === null;
    if (!frames.length) {
      replace(this.graph, h('p', { class: 'kit-muted', 'data-profile-empty': true }, this.weight === 'ticks' ? 'No function charged ticks.' : 'No time was measured.'));
      this.detail.textContent = '';
      return;
    }
    // Shares are of the whole transaction, zoomed or not.
    const whole = tree.reduce((sum, node) => (node.caller < 0 ? sum + total(node, this.weight) : sum), 0);
    const depth = frames[frames.length - 1].depth + 1;
    const fragment = document.createDocumentFragment();
    for (const frame of frames) {
      const node = tree[frame.node];
      const share = total(node, this.weight) / whole;
      const label = `${node.name}: ${this.amount(total(node, this.weight))} in all (${(share * 100).toFixed(1)}% of the transaction), ${this.amount(this.weight === 'time' ? node.selfNanos : node.selfTicks)} itself, ${plural(node.calls, 'call')}`;
      const bar = h(
        'button',
        {
          type: 'button',
          class: 'profile-frame',
          'data-profile-frame': node.name,
          'data-library': node.name.startsWith('~lib') ? '' : null,
          'aria-label': label,
          title: label,
        },
        node.name,
      );
      bar.style.setProperty('--left', String(frame.start));
      bar.style.setProperty('--width', String(frame.width));
      bar.style.setProperty('--depth', String(frame.depth));
      const show = () => (this.detail.textContent = label);
      bar.addEventListener('mouseenter', show);
      bar.addEventListener('focus', show);
      bar.addEventListener('click', () => {
        this.focus = frame.node;
        this.drawGraph();
      });
      fragment.appendChild(bar);
    }
    replace(this.graph, fragment);
    this.graph.style.setProperty('--depths', String(depth));
    this.detail.textContent = 'Point at or focus a bar for its numbers.';
  }

  private amount(value: number): string {
    return this.weight === 'time' ? formatNanos(value) : plural(value, 'tick');
  }

  private table(): HTMLTableElement {
    const heading = (column: Column, text: string) => {
      const button = h('button', { type: 'button', class: 'profile-sort', 'data-profile-sort': column }, text);
      button.addEventListener('click', () => {
        this.column = column;
        this.drawTable();
      });
      this.headings.set(column, button);
      return h('th', { scope: 'col' }, button);
    };
    return h(
      'table',
      { class: 'profile-table', 'data-profile-table': true },
      h('caption', { class: 'kit-sr-only' }, 'Functions of the transaction; press a heading to sort by it'),
      h('thead', null, h('tr', null, heading('name', 'Function'), ...COLUMNS.map((c) => heading(c.column, c.heading)))),
      this.body,
    );
  }

  private drawTable(): void {
    for (const [column, button] of this.headings) {
      const th = button.parentElement!;
      if (column === this.column) th.setAttribute('aria-sort', column === 'name' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    const fragment = document.createDocumentFragment();
    for (const f of sortFunctions(this.profile.functions, this.column)) {
      fragment.appendChild(
        h(
          'tr',
          { 'data-profile-function': f.name },
          h('th', { scope: 'row' }, h('code', null, ...breakable(f.name))),
          ...COLUMNS.map((c) => h('td', { 'data-profile-cell': c.column }, c.cell(f[c.column]))),
        ),
      );
    }
    replace(this.body, fragment);
  }
}
