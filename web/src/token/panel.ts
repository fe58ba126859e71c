// The Token panel: the stateless token EE and its state provider
// (eeplay.token). Before anything is attached, a form creates the token
// EE from a genesis. Attached: whether the provider's root matches the
// EE's, the accounts as the provider rebuilt them, a form that builds and
// sends transfers (the provider builds the proof), a drawing of the last
// transaction's proof over the tree, and the comparison of the two proof
// approaches over the token blocks so far.

import type { StoredTokenAttachment, TokenAccount, TokenProof, TokenStatus, TokenTransaction, TokenTransferInput } from '../core/api';
import { toHex } from '../core/bytes';
import { InlineError, busy, find, findHooks, h, hexBox, messageOf, plural, replace } from '../ui/dom';
import { fetchBytes } from '../ui/examples';
import type { Model } from '../ui/model';
import { setName } from '../ui/names';
import { BlockProgress, isCancelled } from '../ui/progress';
import { badge, fieldList, rootLine } from '../ui/receipt';
import { RowList, type Row } from '../ui/row-list';
import { ModelView, type ViewUpdate } from '../ui/view';
import { drawComparison } from './chart';
import { addressHex, countShape, drawProof } from './drawing';
import { randomTransfers } from './random-transfers';
import { tokenChange, type TokenChange } from './status';
import './token.css';

/** Where the token example's wasm is, relative to the page. */
const TOKEN_WASM = 'examples/token/token.wasm';
/** Accounts shown in the table; the changed ones are always shown. */
const SHOWN_ACCOUNTS = 256;
/** Accounts offered in the selects; others are typed. */
const OFFERED_ACCOUNTS = 1000;
const OTHER = 'other';

/** A transfer row's fields. */
interface TransferFields {
  sender: AddressPicker;
  recipient: AddressPicker;
  amount: HTMLInputElement;
}

type TransferRow = Row<TransferFields>;

/** A select of the accounts with "another address…", which shows a text input. */
interface AddressPicker {
  select: HTMLSelectElement;
  other: HTMLInputElement;
}

export class TokenPanel extends ModelView {
  /** Before anything is attached: the form that creates the token EE. */
  private readonly setup = findHooks(this.root, { form: 'token-setup', create: ['token-create', HTMLButtonElement] });
  private readonly genesis = findHooks(this.root, { accounts: ['token-accounts', HTMLInputElement], seed: ['token-seed', HTMLInputElement], shard: ['token-shard', HTMLInputElement] });
  private readonly setupError = new InlineError(find(this.root, 'token-setup-error'));
  /** The stored attachment that could not be made again: why, and the ways on. */
  private readonly failed = findHooks(this.root, { box: 'token-failed', text: 'token-failed-text', retry: ['token-retry', HTMLButtonElement], detach: ['token-detach-failed', HTMLButtonElement] });
  /** Attached: which EE, whether the provider is in sync, the accounts. */
  private readonly attached = findHooks(this.root, { box: 'token-attached', about: 'token-about', detach: ['token-detach', HTMLButtonElement], sync: 'token-sync' });
  private readonly accounts = findHooks(this.root, { note: 'token-accounts-note', rows: 'token-rows' });
  /** The transfer form. */
  private readonly compose = findHooks(this.root, { form: 'token-form', add: 'token-add', random: 'token-random', preview: ['token-preview', HTMLButtonElement], send: ['token-send', HTMLButtonElement] });
  private readonly transfers = new RowList<TransferFields>(find(this.root, 'token-transfers'), this.compose.add, {
    noun: 'transfer',
    hook: 'token-transfer',
    removeHook: 'token-remove',
    className: 'token-transfer',
    keepOne: true,
  });
  private readonly errorEl = find(this.root, 'token-error');
  private readonly error = new InlineError(this.errorEl);
  private readonly progress = new BlockProgress(find(this.root, 'token-progress'), 'the token block');
  /** The transaction built or sent, its proof drawn, and the chart of the two proofs. */
  private readonly shown = findHooks(this.root, { live: 'token-live', tx: 'token-tx', drawing: 'token-drawing', chart: 'token-chart' });

  private status: TokenStatus | null = null;
  private stored: StoredTokenAttachment | null = null;
  /** The addresses the last token block changed. */
  private changed = new Set<number>();

  constructor(root: HTMLElement, model: Model) {
    super(root, model);
    this.genesis.accounts.max = String(model.limits.maxGenesisAccounts);
    this.genesis.shard.max = String(model.limits.shardCount - 1);
    const { setup, failed, attached, compose } = this;
    this.scope.listen(setup.form, 'submit', (ev) => {
      ev.preventDefault();
      void busy(setup.create, 'Creating…', () => this.create());
    });
    this.scope.listen(failed.retry, 'click', () => void busy(failed.retry, 'Attaching…', () => this.retry()));
    for (const button of [attached.detach, failed.detach]) {
      this.scope.listen(button, 'click', () => void busy(button, 'Detaching…', () => this.detach()));
    }
    this.scope.listen(compose.add, 'click', () => {
      const { maxTransfers } = this.model.limits;
      if (this.transfers.rows.length >= maxTransfers) {
        this.error.show(`A transaction holds at most ${maxTransfers} transfers.`);
        return;
      }
      this.addRow().sender.select.focus();
    });
    this.scope.listen(compose.random, 'click', () => this.fillRandomTransfers(8));
    this.scope.listen(compose.form, 'submit', (ev) => {
      ev.preventDefault();
      void busy(compose.send, 'Sending…', () => this.send());
    });
    this.scope.listen(compose.preview, 'click', () => void busy(compose.preview, 'Building…', () => this.preview()));
  }

  update(change: ViewUpdate): void {
    // The provider follows every block; the panel names its EE.
    if (change.token || change.overview || change.ees || change.names) void this.refresh();
  }

  /** Fetches the provider's status and shows it. */
  private async refresh(): Promise<void> {
    const render = this.scope.startRender();
    let status: TokenStatus | null = null;
    let stored: StoredTokenAttachment | null = null;
    let error = '';
    try {
      [status, stored] = await Promise.all([this.model.eeplay.token.status(), this.model.eeplay.token.stored()]);
    } catch (e) {
      // A block was cancelled while this waited on the core, which
      // restarted: ask the fresh one.
      if (e instanceof Error && e.name === 'AbortError') return this.refresh();
      error = messageOf(e);
    }
    const change = tokenChange(this.status, status);
    const changed = status && change.lastBlock ? await this.findChanged(status) : this.changed;
    if (render.stale) return;
    this.status = status;
    this.stored = stored;
    this.changed = changed;
    this.render(error, change);
  }

  private render(error: string, change: TokenChange): void {
    const status = this.status;
    const failure = error ? `The state provider did not answer: ${error}` : !status && this.stored?.error ? this.stored.error : '';
    this.setup.form.hidden = !!status || !!failure;
    this.failed.box.hidden = !failure;
    this.attached.box.hidden = !status;
    this.root.dataset.tokenState = status ? 'attached' : failure ? 'failed' : 'none';
    if (failure) {
      this.failed.text.textContent = failure;
      this.failed.retry.hidden = !this.stored?.error;
    }
    if (!status) {
      // Nothing attached: the next attachment starts afresh.
      this.transfers.clear();
      this.error.clear();
      return;
    }
    this.attached.about.textContent =
      `${this.model.label(status.eeIndex)} on shard ${status.shardIndex} · genesis of ${plural(status.genesisAccounts, 'account')}, ` +
      `seed ${status.seed} · ${plural(status.followedBlocks, 'block')} followed`;
    this.renderSync(status);
    this.renderAccounts(status);
    if (change.accounts) this.refreshOptions(status.accounts);
    if (!this.transfers.rows.length) this.addRow();
    if (change.comparisons) replace(this.shown.chart, drawComparison(status.comparisons));
  }

  private renderSync(status: TokenStatus): void {
    const sync = this.attached.sync;
    sync.dataset.tokenSync = status.inSync ? 'in-sync' : 'out-of-sync';
    replace(
      sync,
      h(
        'p',
        null,
        status.inSync ? badge('in sync', 'pass') : badge('out of sync', 'fail'),
        ' ',
        status.inSync
          ? `The provider’s root, rebuilt from the EE’s logs, is the EE’s state on shard ${status.shardIndex}.`
          : h('span', { 'data-token-problem': true }, status.problem || 'The provider’s root is not the EE’s state.'),
      ),
      rootLine('provider', status.root, 'the provider’s root'),
      rootLine('EE', status.eeRoot, 'the EE’s state'),
    );
  }

  private renderAccounts(status: TokenStatus): void {
    const accounts = status.accounts;
    const shown = accounts.filter((a, i) => i < SHOWN_ACCOUNTS || this.changed.has(a.address));
    const last = status.comparisons.at(-1);
    this.accounts.note.textContent =
      `${plural(accounts.length, 'account')}, as the provider rebuilt them from the genesis and the EE’s logs` +
      (shown.length < accounts.length ? `; the first ${SHOWN_ACCOUNTS} are shown, and any changed` : '') +
      (this.changed.size && last ? `. Highlighted: changed by block ${last.blockIndex}.` : '.');
    if (!accounts.length) {
      replace(this.accounts.rows, h('tr', null, h('td', { colspan: 3, class: 'kit-muted' }, 'No accounts hold anything.')));
      return;
    }
    replace(
      this.accounts.rows,
      ...shown.map((a) => {
        const changed = this.changed.has(a.address);
        return h(
          'tr',
          { 'data-token-account': addressHex(a.address), 'data-changed': changed ? '' : null },
          h('th', { scope: 'row' }, h('code', null, addressHex(a.address))),
          h('td', { 'data-nonce': true }, a.nonce.toLocaleString('en-US')),
          h('td', { 'data-balance': true }, a.balance.toLocaleString('en-US')),
        );
      }),
    );
  }

  // findChanged reads which accounts the last token block changed, from
  // the EE's logs in it (each a serialized Account: the address first).
  private async findChanged(status: TokenStatus): Promise<Set<number>> {
    const last = status.comparisons.at(-1);
    const changed = new Set<number>();
    if (last) {
      try {
        const block = await this.model.getBlock(status.shardIndex, last.blockIndex);
        block.transactions.forEach((tx, i) => {
          if (tx.eeIndex !== status.eeIndex) return;
          for (const log of block.receipts[i].logs) {
            if (log.length >= 4) changed.add(new DataView(log.buffer, log.byteOffset, log.byteLength).getUint32(0, true));
          }
        });
      } catch {
        // No highlight; the table is still right.
      }
    }
    return changed;
  }

  private async create(): Promise<void> {
    this.setupError.clear();
    let accounts: number, seed: number, shardIndex: number;
    try {
      const { maxGenesisAccounts, shardCount } = this.model.limits;
      accounts = wholeNumber(this.genesis.accounts, 'Accounts', 1, maxGenesisAccounts);
      seed = wholeNumber(this.genesis.seed, 'The seed', 0, Number.MAX_SAFE_INTEGER);
      shardIndex = wholeNumber(this.genesis.shard, 'The shard', 0, shardCount - 1);
    } catch (e) {
      this.setupError.show(messageOf(e));
      return;
    }
    try {
      const code = await fetchBytes(TOKEN_WASM);
      setName(code, 'token');
      const status = await this.model.eeplay.token.create({ wasmCode: code, accounts, seed, shardIndex });
      setName(code, 'token', status.eeIndex);
      await this.model.enqueue({ kind: 'token' });
    } catch (e) {
      this.setupError.show(`The token EE was not created: ${messageOf(e)}`);
    }
  }

  private async retry(): Promise<void> {
    const stored = this.stored;
    if (!stored) return;
    try {
      await this.model.eeplay.token.attach(stored);
    } catch (e) {
      this.failed.text.textContent = `Attaching failed again: ${messageOf(e)}`;
    }
  }

  private async detach(): Promise<void> {
    try {
      await this.model.eeplay.token.detach();
    } catch (e) {
      const text = `Detaching failed: ${messageOf(e)}`;
      if (this.failed.box.hidden) this.error.show(text);
      else this.failed.text.textContent = text;
    }
  }

  // The transfer form.

  private addRow(): TransferRow {
    const n = this.transfers.rows.length;
    const sender = picker('sender');
    const recipient = picker('recipient');
    const amount = h('input', { type: 'number', min: 0, value: 10, inputmode: 'numeric', 'data-token-amount': true, required: true });
    const row = this.transfers.add(
      { sender, recipient, amount },
      h('label', { class: 'rows-grow' }, h('span', null, 'From'), sender.select, sender.other),
      h('label', { class: 'rows-grow' }, h('span', null, 'To'), recipient.select, recipient.other),
      h('label', { class: 'token-amount' }, h('span', null, 'Amount'), amount),
    );
    const accounts = this.status?.accounts ?? [];
    fillPicker(sender, accounts, accounts[n % Math.max(accounts.length, 1)]?.address);
    fillPicker(recipient, accounts, accounts[(n + 1) % Math.max(accounts.length, 1)]?.address);
    return row;
  }

  // fillRandomTransfers fills the form with count random transfers the EE accepts in order.
  private fillRandomTransfers(count: number): void {
    const accounts = this.status?.accounts ?? [];
    const made = randomTransfers(accounts, count);
    if (!made.length) {
      this.error.show('No account holds any tokens.');
      return;
    }
    this.error.clear();
    this.transfers.clear();
    for (const t of made) {
      const row = this.addRow();
      fillPicker(row.sender, accounts, t.sender);
      fillPicker(row.recipient, accounts, t.recipient);
      row.amount.value = String(t.amount);
    }
  }

  private refreshOptions(accounts: TokenAccount[]): void {
    for (const r of this.transfers.rows) {
      fillPicker(r.sender, accounts, pickedAddress(r.sender));
      fillPicker(r.recipient, accounts, pickedAddress(r.recipient));
    }
  }

  private readTransfers(): TokenTransferInput[] {
    return this.transfers.rows.map((r, i) => {
      try {
        const amount = wholeNumber(r.amount, 'the amount', 0, Number.MAX_SAFE_INTEGER);
        return { sender: readAddress(r.sender, 'the sender'), recipient: readAddress(r.recipient, 'the recipient'), amount };
      } catch (e) {
        throw new Error(`Transfer ${i}: ${messageOf(e)}`);
      }
    });
  }

  private proof(): TokenProof {
    const checked = this.root.querySelector<HTMLInputElement>('[data-token-proof]:checked');
    return checked?.value === 'single' ? 'single' : 'multi';
  }

  /** The form's transfers, or null after showing what is wrong with them. */
  private formTransfers(): TokenTransferInput[] | null {
    this.error.clear();
    try {
      return this.readTransfers();
    } catch (e) {
      this.error.show(messageOf(e));
      return null;
    }
  }

  private async preview(): Promise<void> {
    const transfers = this.formTransfers();
    if (!transfers) return;
    try {
      const tx = await this.model.eeplay.token.build({ proof: this.proof(), transfers });
      this.show(tx, 'Preview: not sent');
      this.shown.live.textContent = `Preview: ${plural(tx.dataBytes, 'byte')} of data, ${plural(tx.proofBytes, 'byte')} of them proof.`;
    } catch (e) {
      this.error.show(`The provider could not build it: ${messageOf(e)}`);
    }
  }

  private async send(): Promise<void> {
    const transfers = this.formTransfers();
    if (!transfers) return;
    try {
      const proof = this.proof();
      const { blockIndex, transaction, status } = await this.progress.run((follow) => this.model.eeplay.token.send({ proof, transfers, ...follow }));
      this.show(transaction, `Sent: block ${blockIndex} on shard ${status.shardIndex}`);
      this.shown.live.textContent = `Sent in block ${blockIndex}; the provider is ${status.inSync ? 'in sync' : 'out of sync'}.`;
      // The block's change refreshes the panel; wait for it, so the table is current on return.
      await this.model.enqueue({ kind: 'token' });
    } catch (e) {
      // The progress line says so; the form stays as it was.
      if (isCancelled(e)) return;
      // The EE's message first; the engine's stack trace, if any, folded.
      const [message, trace] = messageOf(e).split(/\n(?=wasm stack trace:)/);
      this.error.show(`The block was rejected and nothing changed: ${message}`);
      if (trace) this.errorEl.appendChild(h('details', { class: 'token-trace' }, h('summary', null, 'wasm stack trace'), h('pre', null, trace)));
    }
  }

  /** Shows tx, a preview or what was sent, with its proof drawn. */
  private show(tx: TokenTransaction, note: string): void {
    const counts = countShape(tx.shape);
    const percent = tx.dataBytes ? Math.round((100 * tx.proofBytes) / tx.dataBytes) : 0;
    replace(
      this.shown.tx,
      h('h4', { 'data-token-tx-note': true }, `${note} · ${tx.proof === 'multi' ? 'multiproof' : 'single branches'}`),
      fieldList(
        [
          'Data',
          null,
          h('span', { 'data-token-data-bytes': tx.dataBytes }, plural(tx.dataBytes, 'byte')),
          tx.data.length ? h('details', { class: 'token-hex' }, h('summary', null, 'as hex'), hexBox(toHex(tx.data), 'transaction data')) : null,
        ],
        ['Proof', { 'data-token-proof-bytes': tx.proofBytes }, `${plural(tx.proofBytes, 'byte')} (${percent}% of the data)`],
        [
          'Nodes',
          null,
          h('span', { 'data-token-count': 'given' }, `${plural(counts.given, 'helper')} sent`),
          ' · ',
          h('span', { 'data-token-count': 'defaults' }, `${plural(counts.defaults, 'default')} named by a bit`),
          ' · ',
          h('span', { 'data-token-count': 'computed' }, `${plural(counts.computed, 'node')} computed`),
        ],
        [
          'Transfers',
          null,
          h(
            'ol',
            { class: 'token-plain', start: 0 },
            ...tx.transfers.map((t) =>
              h('li', { 'data-token-tx-transfer': true }, h('code', null, addressHex(t.sender)), ' → ', h('code', null, addressHex(t.recipient)), `: ${t.amount.toLocaleString('en-US')} (nonce ${t.nonce})`),
            ),
          ),
        ],
        [
          'Accounts proven',
          null,
          h(
            'ul',
            { class: 'token-plain' },
            ...tx.accounts.map((a) =>
              h(
                'li',
                { 'data-token-tx-account': addressHex(a.address) },
                h('code', null, addressHex(a.address)),
                a.nonce === 0 && a.balance === 0 ? ' empty (new account)' : ` nonce ${a.nonce.toLocaleString('en-US')}, balance ${a.balance.toLocaleString('en-US')}`,
              ),
            ),
          ),
        ],
      ),
    );
    replace(this.shown.drawing, drawProof(tx));
  }
}

function picker(role: 'sender' | 'recipient'): AddressPicker {
  const select = h('select', { [`data-token-${role}`]: true });
  const other = h('input', {
    type: 'text',
    [`data-token-${role}-other`]: true,
    placeholder: '0x0000002a',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': role === 'sender' ? 'Sender address' : 'Recipient address',
    hidden: true,
  });
  select.addEventListener('change', () => {
    other.hidden = select.value !== OTHER;
    if (!other.hidden) other.focus();
  });
  return { select, other };
}

/** Fills p with the accounts; keep (an address) stays picked, typed if it is not offered. */
function fillPicker(p: AddressPicker, accounts: TokenAccount[], keep: number | null | undefined): void {
  const offered = accounts.slice(0, OFFERED_ACCOUNTS);
  replace(
    p.select,
    ...offered.map((a) => h('option', { value: a.address }, `${addressHex(a.address)} · ${a.balance.toLocaleString('en-US')}`)),
    h('option', { value: OTHER }, 'another address…'),
  );
  if (keep !== null && keep !== undefined && offered.some((a) => a.address === keep)) {
    p.select.value = String(keep);
  } else if (keep !== null && keep !== undefined) {
    p.select.value = OTHER;
    p.other.value = addressHex(keep);
  } else {
    p.select.value = offered.length ? String(offered[0].address) : OTHER;
  }
  p.other.hidden = p.select.value !== OTHER;
}

/** The address picked, or null when none (or an unreadable one) is. */
function pickedAddress(p: AddressPicker): number | null {
  try {
    return readAddress(p, '');
  } catch {
    return null;
  }
}

function readAddress(p: AddressPicker, what: string): number {
  if (p.select.value !== OTHER) return Number(p.select.value);
  return parseAddress(p.other.value, what);
}

/** Parses a 32-bit address: 0x and up to 8 hex digits, or a decimal number. */
export function parseAddress(text: string, what: string): number {
  const t = text.trim();
  let n = NaN;
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^\d{1,10}$/.test(t)) n = Number(t);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new Error(`${what} must be a 32-bit address, such as 0x0000002a${t ? `, not “${t}”` : ''}`);
  }
  return n;
}

function wholeNumber(input: HTMLInputElement, what: string, min: number, max: number): number {
  const t = input.value.trim();
  const n = Number(t);
  if (t === '' || !/^\d+$/.test(t) || !Number.isSafeInteger(n) || n < min || n > max) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    throw new Error(`${what} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`);
  }
  input.removeAttribute('aria-invalid');
  return n;
}
