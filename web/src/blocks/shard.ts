// The selected shard: the EE-state inspector (every EE's root there, the
// rows its last block changed shown old → new) and its blocks, newest
// first, each expandable to its transactions and receipts.

import type { ShardBlock } from '../core/api';
import { findHooks, h, hexBox, messageOf, plural, replace } from '../ui/dom';
import { badge, renderBlock, rootLine } from '../ui/receipt';
import { inspectControls } from '../ui/inspect';
import { ModelView, type ViewUpdate } from '../ui/view';
import './blocks.css';

const SHOWN_BLOCKS = 50;

export class Inspector extends ModelView {
  private readonly el = findHooks(this.root, { shard: 'inspector-shard', note: 'inspector-note', rows: 'inspector-rows' });

  update(change: ViewUpdate): void {
    if (change.selected || change.shards.has(this.model.selected) || change.ees || change.names) void this.render();
  }

  private async render(): Promise<void> {
    const m = this.model;
    const render = this.scope.startRender();
    const shard = m.selected;
    const count = m.overview.blockCounts[shard] ?? 0;
    let block: ShardBlock | null = null;
    let error = '';
    if (count > 0) {
      try {
        block = await m.getBlock(shard, count - 1);
      } catch (e) {
        error = messageOf(e);
      }
    }
    if (render.stale) return;

    // What the shard's last block did to each EE: first pre, last post.
    const change = new Map<number, { pre: string; post: string }>();
    for (const [i, tx] of (block?.transactions ?? []).entries()) {
      const r = block!.receipts[i];
      const c = change.get(tx.eeIndex);
      change.set(tx.eeIndex, { pre: c ? c.pre : r.preState, post: r.postState });
    }
    const states = m.stateOf(shard);
    this.el.shard.textContent = String(shard);
    const changedRows = [...change].filter(([, c]) => c.pre !== c.post).length;
    this.el.note.textContent = error
      ? `Could not read the last block: ${error}`
      : count === 0
        ? `No blocks on shard ${shard} yet: every EE is at its initial state.`
        : `The last block on this shard (block ${count - 1}) ran ${plural(change.size, 'EE')} and changed ` +
          `${plural(changedRows, 'state')}${changedRows ? ', highlighted' : ''}.`;

    if (!states.length) {
      replace(this.el.rows, h('tr', null, h('td', { colspan: 2, class: 'kit-muted' }, 'No EEs yet.')));
      return;
    }
    replace(
      this.el.rows,
      ...states.map((state, i) => {
        const c = change.get(i);
        const changed = !!c && c.pre !== c.post;
        const initial = m.ees[i]?.initialState;
        return h(
          'tr',
          { 'data-ee-row': i, 'data-changed': changed ? '' : null },
          h('th', { scope: 'row' }, m.label(i)),
          h(
            'td',
            null,
            changed
              ? h(
                  'div',
                  { class: 'blocks-oldnew' },
                  badge(`changed by block ${count - 1}`, 'changed'),
                  rootLine('old', c.pre, 'old state'),
                  rootLine('new', c.post, 'new state'),
                )
              : h(
                  'div',
                  null,
                  state === initial ? badge('initial') : badge('differs from initial', 'differs'),
                  hexBox(state, `state of EE ${i}`),
                ),
          ),
        );
      }),
    );
  }
}

export class BlockList extends ModelView {
  private readonly el = findHooks(this.root, { shard: 'blocks-shard', list: 'block-list' });
  private open = new Set<string>();

  update(change: ViewUpdate): void {
    // Block b of a shard is another block after a reset or an import.
    if (change.reloaded) this.open.clear();
    if (change.selected || change.shards.has(this.model.selected) || change.ees || change.names) this.render();
  }

  private render(): void {
    const m = this.model;
    const shard = m.selected;
    const count = m.overview.blockCounts[shard] ?? 0;
    this.el.shard.textContent = String(shard);
    if (!count) {
      replace(this.el.list, h('p', { class: 'kit-muted' }, 'No blocks yet. Run one with the composer.'));
      return;
    }
    const items: HTMLElement[] = [];
    for (let b = count - 1; b >= Math.max(0, count - SHOWN_BLOCKS); b--) items.push(this.renderBlock(shard, b));
    replace(
      this.el.list,
      h('ol', { class: 'blocks-list', reversed: true }, ...items),
      count > SHOWN_BLOCKS ? h('p', { class: 'kit-muted' }, `${plural(count - SHOWN_BLOCKS, 'older block')} not shown.`) : null,
    );
  }

  private renderBlock(shard: number, b: number): HTMLElement {
    const key = `${shard}/${b}`;
    const body = h('div', { class: 'blocks-body' });
    const info = h('span', { class: 'kit-muted' });
    const details = h('details', { 'data-block': b }, h('summary', null, `Block ${b} `, info), body);
    const load = async () => {
      try {
        const block = await this.model.getBlock(shard, b);
        const changed = block.receipts.filter((r) => r.preState !== r.postState).length;
        info.textContent = `· ${plural(block.transactions.length, 'transaction')} · ${changed} changed a state`;
        if (details.open && !body.firstChild) replace(body, renderBlock(block, this.model, 0, inspectControls(this.model.eeplay, shard, b)));
      } catch (e) {
        replace(body, h('p', { class: 'kit-error-inline' }, messageOf(e)));
      }
    };
    details.addEventListener('toggle', () => {
      if (details.open) this.open.add(key);
      else this.open.delete(key);
      void load();
    });
    if (this.open.has(key)) details.open = true;
    void load();
    return h('li', null, details);
  }
}
