// The selected shard: the EE-state inspector (every EE's root there, the
// rows its last block changed shown old → new) and its blocks, newest
// first, each expandable to its transactions and receipts.

import type { ShardBlock } from '../core/api';
import { find, h, hexBox, messageOf, plural, replace } from '../ui/dom';
import type { Model } from '../ui/model';
import { renderBlock } from '../ui/receipt';
import { ViewScope, type View, type ViewUpdate } from '../ui/view';

const SHOWN_BLOCKS = 50;

export class Inspector implements View {
  private readonly scope = new ViewScope();
  private readonly title: HTMLElement;
  private readonly note: HTMLElement;
  private readonly rows: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly model: Model,
  ) {
    this.title = find(root, 'inspector-shard');
    this.note = find(root, 'inspector-note');
    this.rows = find(root, 'inspector-rows');
  }

  update(change: ViewUpdate): void {
    if (change.selected || change.shards.has(this.model.selected) || change.ees || change.names) void this.render();
  }

  destroy(): void {
    this.scope.close();
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
    this.title.textContent = String(shard);
    const changedRows = [...change].filter(([, c]) => c.pre !== c.post).length;
    this.note.textContent = error
      ? `Could not read the last block: ${error}`
      : count === 0
        ? `No blocks on shard ${shard} yet: every EE is at its initial state.`
        : `The last block on this shard (block ${count - 1}) ran ${plural(change.size, 'EE')} and changed ` +
          `${plural(changedRows, 'state')}${changedRows ? ', highlighted' : ''}.`;

    if (!states.length) {
      replace(this.rows, h('tr', null, h('td', { colspan: 2, class: 'muted' }, 'No EEs yet.')));
      return;
    }
    replace(
      this.rows,
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
                  { class: 'oldnew' },
                  h('span', { class: 'badge changed' }, `changed by block ${count - 1}`),
                  h('div', { class: 'rootchange' }, h('span', { class: 'muted' }, 'old'), hexBox(c.pre, 'old state')),
                  h('div', { class: 'rootchange' }, h('span', { class: 'muted' }, 'new'), hexBox(c.post, 'new state')),
                )
              : h(
                  'div',
                  null,
                  state === initial ? h('span', { class: 'badge' }, 'initial') : h('span', { class: 'badge differs' }, 'differs from initial'),
                  hexBox(state, `state of EE ${i}`),
                ),
          ),
        );
      }),
    );
  }
}

export class BlockList implements View {
  private readonly title: HTMLElement;
  private readonly list: HTMLElement;
  private open = new Set<string>();

  constructor(
    root: HTMLElement,
    private readonly model: Model,
  ) {
    this.title = find(root, 'blocks-shard');
    this.list = find(root, 'block-list');
  }

  update(change: ViewUpdate): void {
    // Block b of a shard is another block after a reset or an import.
    if (change.reloaded) this.open.clear();
    if (change.selected || change.shards.has(this.model.selected) || change.ees || change.names) this.render();
  }

  private render(): void {
    const m = this.model;
    const shard = m.selected;
    const count = m.overview.blockCounts[shard] ?? 0;
    this.title.textContent = String(shard);
    if (!count) {
      replace(this.list, h('p', { class: 'muted' }, 'No blocks yet. Run one with the composer.'));
      return;
    }
    const items: HTMLElement[] = [];
    for (let b = count - 1; b >= Math.max(0, count - SHOWN_BLOCKS); b--) items.push(this.renderBlock(shard, b));
    replace(
      this.list,
      h('ol', { class: 'blocks', reversed: true }, ...items),
      count > SHOWN_BLOCKS ? h('p', { class: 'muted' }, `${plural(count - SHOWN_BLOCKS, 'older block')} not shown.`) : null,
    );
  }

  private renderBlock(shard: number, b: number): HTMLElement {
    const key = `${shard}/${b}`;
    const body = h('div', { class: 'blockbody' });
    const info = h('span', { class: 'muted' });
    const details = h('details', { 'data-block': b }, h('summary', null, `Block ${b} `, info), body);
    const load = async () => {
      try {
        const block = await this.model.getBlock(shard, b);
        const changed = block.receipts.filter((r) => r.preState !== r.postState).length;
        info.textContent = `· ${plural(block.transactions.length, 'transaction')} · ${changed} changed a state`;
        if (details.open && !body.firstChild) replace(body, renderBlock(block, this.model));
      } catch (e) {
        replace(body, h('p', { class: 'error-inline' }, messageOf(e)));
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
