// The block composer: a shard and transaction rows (EE, data as hex, text
// or a file), submitted as one block, with its progress and a Cancel
// button while it runs; and the result view, which shows the receipts of
// the last block created (from here or from the console) and the engine
// it ran on.

import type { BlockRejectedError, TransactionInput } from '../core/api';
import { fromHex } from '../core/bytes';
import { InlineError, busy, fileBytes, find, findHooks, h, messageOf, plural, replace } from '../ui/dom';
import type { Model } from '../ui/model';
import { BlockProgress, isCancelled } from '../ui/progress';
import { renderBlock } from '../ui/receipt';
import { inspectControls } from '../ui/inspect';
import { RowList, type Row } from '../ui/row-list';
import { ModelView, type ViewUpdate } from '../ui/view';
import './blocks.css';

type Mode = 'hex' | 'text' | 'file';

/** A transaction row's fields, and the file read for it. */
interface TxFields {
  ee: HTMLSelectElement;
  mode: HTMLSelectElement;
  data: HTMLInputElement;
  file: HTMLInputElement;
  size: HTMLElement;
  fileBytes: Uint8Array | null;
  fileError: string;
}

type TxRow = Row<TxFields>;

export interface RowValue {
  eeIndex: number;
  mode: Mode;
  value: string;
}

export class Composer extends ModelView {
  private readonly el = findHooks(this.root, { form: 'composer', shard: ['composer-shard', HTMLInputElement], add: 'add-tx', run: ['run-block', HTMLButtonElement] });
  private readonly txs = new RowList<TxFields>(find(this.root, 'tx-rows'), this.el.add, { noun: 'transaction', hook: 'tx-row', removeHook: 'tx-remove' });
  private readonly rejected = find(this.root, 'composer-rejected');
  private readonly error = new InlineError(find(this.root, 'composer-error'));
  private readonly progress = new BlockProgress(find(this.root, 'composer-progress'));
  /** The model's latest deployed EE as this form last followed it. */
  private followed: number | null = null;
  /** Whether the error says there are no EEs, which EEs arriving makes untrue. */
  private saysNoEEs = false;

  constructor(root: HTMLElement, model: Model) {
    super(root, model);
    this.el.shard.min = '0';
    this.el.shard.max = String(model.limits.shardCount - 1);
    this.scope.listen(this.el.add, 'click', () => this.addRow().ee.focus());
    this.scope.listen(this.el.form, 'submit', (ev) => {
      ev.preventDefault();
      void this.submit();
    });
    this.scope.listen(this.el.shard, 'change', () => void model.select(Number(this.el.shard.value)));
    this.addRow();
  }

  update(change: ViewUpdate): void {
    if (change.ees && this.saysNoEEs && this.model.ees.length) this.clearError();
    if (change.ees || change.names) for (const r of this.txs.rows) this.fillOptions(r, r.ee.value);
    if (change.deployed) this.followDeployed();
    // The shard follows the grid's selection.
    if (change.selected) this.el.shard.value = String(this.model.selected);
  }

  /** Fills the form (for the guide's one-click example). */
  fill(shardIndex: number, values: RowValue[]): void {
    this.el.shard.value = String(shardIndex);
    this.txs.clear();
    for (const v of values) {
      const row = this.addRow();
      row.ee.value = String(v.eeIndex);
      row.mode.value = v.mode;
      row.data.value = v.value;
      this.modeChanged(row);
    }
    this.clearError();
  }

  async submit(): Promise<boolean> {
    this.clearError();
    this.rejected.hidden = true;
    const shardIndex = Number(this.el.shard.value);
    const shards = this.model.limits.shardCount;
    if (this.el.shard.value.trim() === '' || !Number.isInteger(shardIndex) || shardIndex < 0 || shardIndex >= shards) {
      this.error.show(`The shard must be a whole number from 0 to ${shards - 1}.`);
      this.el.shard.focus();
      return false;
    }
    if (this.txs.rows.length && !this.model.ees.length) {
      this.error.show('There are no EEs yet: upload one (or load the examples) first.');
      this.saysNoEEs = true;
      return false;
    }
    const transactions: TransactionInput[] = [];
    for (const [i, row] of this.txs.rows.entries()) {
      try {
        transactions.push({ eeIndex: Number(row.ee.value), data: this.bytesOf(row) });
      } catch (e) {
        this.error.show(`Transaction ${i}: ${messageOf(e)}`);
        row.data.focus();
        return false;
      }
    }
    return busy(this.el.run, 'Running…', async () => {
      try {
        await this.progress.run((follow) => this.model.eeplay.createShardBlock({ shardIndex, transactions, ...follow }));
        return true;
      } catch (e) {
        // The progress line says so; the form stays as it was.
        if (isCancelled(e)) return false;
        this.error.show(`The block was rejected and nothing changed. ${messageOf(e)}`);
        this.showRejected((e as BlockRejectedError).transaction, transactions);
        return false;
      }
    });
  }

  private clearError(): void {
    this.error.clear();
    this.saysNoEEs = false;
  }

  // showRejected shows what the failing transaction did before it failed:
  // its debug lines are often the only clue to why.
  private showRejected(failed: BlockRejectedError['transaction'], transactions: TransactionInput[]): void {
    const receipt = failed?.receipt;
    if (!failed || !receipt || (receipt.debug.length === 0 && receipt.logs.length === 0 && receipt.deposits.length === 0 && receipt.modules.length === 0 && receipt.ticks === 0)) {
      return;
    }
    const block = { transactions: [{ eeIndex: failed.eeIndex, data: transactions[failed.index].data as Uint8Array }], receipts: [receipt] };
    replace(
      this.rejected,
      h('p', { class: 'kit-muted' }, `What transaction ${failed.index} did before it failed (none of it was kept):`),
      renderBlock(block, this.model, failed.index),
    );
    this.rejected.hidden = false;
  }

  private bytesOf(row: TxRow): Uint8Array {
    switch (row.mode.value as Mode) {
      case 'text':
        return new TextEncoder().encode(row.data.value);
      case 'file':
        if (row.fileError) throw new Error(row.fileError);
        if (!row.fileBytes) throw new Error('choose a file for the data');
        return row.fileBytes;
      default: {
        const t = row.data.value.replace(/\s+/g, '');
        if (t === '' || t === '0x') return new Uint8Array(0);
        try {
          return fromHex(/^0x/i.test(t) ? `0x${t.slice(2)}` : `0x${t}`);
        } catch (e) {
          throw new Error(`the data is not valid hex (${messageOf(e)})`);
        }
      }
    }
  }

  private addRow(): TxRow {
    const previous = this.txs.rows.at(-1);
    const ee = h('select', { 'data-tx-ee': true });
    const mode = h(
      'select',
      { 'data-tx-mode': true },
      h('option', { value: 'hex' }, 'hex'),
      h('option', { value: 'text' }, 'text (UTF-8)'),
      h('option', { value: 'file' }, 'file'),
    );
    const data = h('input', { type: 'text', 'data-tx-data': true, placeholder: '0x68656c6c6f', spellcheck: 'false', autocomplete: 'off' });
    const file = h('input', { type: 'file', 'data-tx-file': true, hidden: true, 'aria-label': 'Data file' });
    const size = h('span', { class: 'kit-muted blocks-size', 'data-tx-size': true, 'aria-live': 'polite' }, '0 bytes');
    const row = this.txs.add(
      { ee, mode, data, file, size, fileBytes: null, fileError: '' },
      h('label', null, h('span', null, 'EE'), ee),
      h('label', null, h('span', null, 'Data as'), mode),
      h('label', { class: 'rows-grow' }, h('span', null, 'Data'), data, file),
      size,
    );
    mode.addEventListener('change', () => this.modeChanged(row));
    data.addEventListener('input', () => this.updateSize(row));
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      row.fileBytes = null;
      row.fileError = '';
      if (!f) return this.updateSize(row);
      void fileBytes(f).then(
        (b) => {
          row.fileBytes = b;
          this.updateSize(row);
        },
        (e) => {
          row.fileError = `could not read ${f.name}: ${messageOf(e)}`;
          this.updateSize(row);
        },
      );
    });
    this.fillOptions(row, previous?.ee.value ?? (this.model.deployed === null ? undefined : String(this.model.deployed)));
    return row;
  }

  // After a deploy from the Code panel, the rows that ran the previous
  // deploy (after the first, every row) run the new version.
  private followDeployed(): void {
    const previous = this.followed;
    const latest = this.model.deployed;
    this.followed = latest;
    if (latest === null || latest >= this.model.ees.length) return;
    for (const r of this.txs.rows) if (previous === null || r.ee.value === String(previous)) r.ee.value = String(latest);
  }

  private modeChanged(row: TxRow): void {
    const m = row.mode.value as Mode;
    row.data.hidden = m === 'file';
    row.file.hidden = m !== 'file';
    row.data.placeholder = m === 'text' ? 'hello' : '0x68656c6c6f';
    this.updateSize(row);
  }

  private updateSize(row: TxRow): void {
    let text: string;
    try {
      const n = row.mode.value === 'file' && !row.fileBytes ? null : this.bytesOf(row).length;
      text = n === null ? 'no file' : plural(n, 'byte');
      row.data.removeAttribute('aria-invalid');
    } catch {
      text = 'not hex';
      row.data.setAttribute('aria-invalid', 'true');
    }
    row.size.textContent = text;
  }

  private fillOptions(row: TxRow, keep?: string): void {
    const ees = this.model.ees;
    if (!ees.length) {
      replace(row.ee, h('option', { value: '0' }, 'no EEs yet'));
      return;
    }
    replace(row.ee, ...ees.map((_, i) => h('option', { value: i }, this.model.label(i))));
    if (keep !== undefined && Number(keep) < ees.length) row.ee.value = keep;
  }
}

/** Shows the receipts of the last block created, with the time it took. */
export class ResultView extends ModelView {
  private readonly el = findHooks(this.root, { receipts: 'result', live: 'result-live' });

  update(change: ViewUpdate): void {
    // The receipts name each transaction's EE.
    if (change.lastBlock || change.ees || change.names) void this.render();
  }

  private async render(): Promise<void> {
    const m = this.model;
    const last = m.lastBlock;
    const render = this.scope.startRender();
    if (!last) {
      // Empty (and hidden) until a first block; after a reset or an import, where receipts come from.
      if (!this.el.receipts.firstChild) return;
      this.el.live.textContent = '';
      replace(this.el.receipts, h('p', { class: 'kit-muted' }, 'Run a block to see its receipts here: each transaction’s pre- and post-state root, ticks, logs, deposits and debug output.'));
      return;
    }
    try {
      const block = await m.getBlock(last.shardIndex, last.blockIndex);
      if (render.stale) return;
      const time =
        last.milliseconds === undefined ? '' : ` · ran in ${formatMs(last.milliseconds)}${last.engine ? ` on ${last.engine === 'cross-check' ? 'both engines (cross-check)' : last.engine}` : ''}`;
      const changed = block.receipts.filter((r) => r.preState !== r.postState).length;
      this.el.live.textContent = `Block ${last.blockIndex} on shard ${last.shardIndex} ran ${plural(block.transactions.length, 'transaction')}${time}; ${changed} changed a state.`;
      replace(
        this.el.receipts,
        h(
          'h3',
          { 'data-result-title': true, tabindex: -1 },
          `Receipts: block ${last.blockIndex} on shard ${last.shardIndex} · ${plural(block.transactions.length, 'transaction')}`,
          h('span', { class: 'kit-muted', 'data-result-time': true }, time),
        ),
        renderBlock(block, m, 0, inspectControls(m.eeplay, last.shardIndex, last.blockIndex)),
      );
    } catch (e) {
      if (!render.stale) replace(this.el.receipts, h('p', { class: 'kit-error-inline' }, messageOf(e)));
    }
  }
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}
