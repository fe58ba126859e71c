// The shard overview: 64 cells, each with the shard number and its block
// count; marked when the shard has blocks, when an EE state there differs
// from the EE's initial state, and when the last block ran there. Arrow
// keys move between cells; click or Enter selects.

import { findHooks, h, plural } from '../ui/dom';
import type { Model } from '../ui/model';
import { ModelView, type ViewUpdate } from '../ui/view';
import './blocks.css';

const COLUMNS = 8;

export class ShardGrid extends ModelView {
  private readonly el = findHooks(this.root, { grid: 'shard-grid', summary: 'grid-summary' });
  private readonly cells: HTMLButtonElement[] = [];

  constructor(root: HTMLElement, model: Model) {
    super(root, model);
    for (let s = 0; s < model.limits.shardCount; s++) {
      const cell = h(
        'button',
        { type: 'button', class: 'blocks-cell', 'data-shard': s, tabindex: s === 0 ? 0 : -1 },
        // The name is the visible text with words around it, so a voice
        // command saying what it sees ("5") finds the cell.
        h('span', { class: 'kit-sr-only' }, 'Shard '),
        h('span', { class: 'blocks-num' }, s),
        h('span', { class: 'kit-sr-only' }, ' with '),
        h('span', { class: 'blocks-count', 'data-count': true }, '0'),
        h('span', { class: 'kit-sr-only', 'data-notes': true }),
      );
      this.scope.listen(cell, 'click', () => void model.select(s));
      this.cells.push(cell);
      this.el.grid.appendChild(cell);
    }
    this.scope.listen(this.el.grid, 'keydown', (ev) => this.key(ev));
  }

  update(change: ViewUpdate): void {
    // A cell is marked by its block count, its changed states (against the EEs' initial states), the last block and the selection.
    if (change.overview || change.shards.size || change.ees || change.lastBlock || change.selected) this.render();
  }

  private key(ev: KeyboardEvent): void {
    const from = this.cells.indexOf(document.activeElement as HTMLButtonElement);
    if (from < 0) return;
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -COLUMNS, ArrowDown: COLUMNS };
    let to: number;
    if (ev.key in step) to = from + step[ev.key];
    else if (ev.key === 'Home') to = 0;
    else if (ev.key === 'End') to = this.cells.length - 1;
    else return;
    ev.preventDefault();
    if (to < 0 || to >= this.cells.length) return;
    this.cells[from].tabIndex = -1;
    this.cells[to].tabIndex = 0;
    this.cells[to].focus();
  }

  private render(): void {
    const m = this.model;
    const counts = m.overview.blockCounts;
    let withBlocks = 0;
    let changed = 0;
    const focused = this.cells.indexOf(document.activeElement as HTMLButtonElement);
    for (let s = 0; s < this.cells.length; s++) {
      const cell = this.cells[s];
      const count = counts[s] ?? 0;
      const isChanged = m.changed(s);
      const isLast = m.lastBlock?.shardIndex === s;
      if (count) withBlocks++;
      if (isChanged) changed++;
      cell.querySelector('[data-count]')!.textContent = String(count);
      toggle(cell, 'blocks', count > 0);
      toggle(cell, 'changed', isChanged);
      toggle(cell, 'last', isLast);
      cell.setAttribute('aria-pressed', String(s === m.selected));
      cell.tabIndex = (focused >= 0 ? s === focused : s === m.selected) ? 0 : -1;
      const notes = [count === 1 ? ' block' : ' blocks'];
      if (isChanged) notes.push('state changed');
      if (isLast) notes.push('last block');
      cell.querySelector('[data-notes]')!.textContent = notes.join(', ');
      cell.title = `Shard ${s}: ${count}${notes.join(', ')}`;
    }
    this.el.summary.textContent =
      `${plural(m.overview.slot, 'block')} in all; ${plural(withBlocks, 'shard')} with blocks, ` +
      `${changed} with changed state.`;
  }
}

function toggle(el: HTMLElement, name: string, on: boolean): void {
  if (on) el.dataset[name] = '';
  else delete el.dataset[name];
}
