// The Token panel: the stateless token EE and its state provider
// (eeplay.token). Before anything is attached, a form creates the token
// EE from a genesis. Attached: whether the provider's root matches the
// EE's, the accounts as the provider rebuilt them, a form that builds and
// sends transfers (the provider builds the proof), a drawing of the last
// transaction's proof over the tree, and the comparison of the two proof
// approaches over the token blocks so far.

import type { StoredTokenAttachment, TokenAccount, TokenProof, TokenStatus, TokenTransaction, TokenTransferInput } from '../core/api';
import { toHex } from '../core/bytes';
import { InlineError, busy, find, h, hexBox, messageOf, plural, replace } from '../ui/dom';
import { fetchBytes } from '../ui/examples';
import { SHARDS, type Model } from '../ui/model';
import { setName } from '../ui/names';
import { BlockProgress, isCancelled } from '../ui/progress';
import { ViewScope, type View, type ViewUpdate } from '../ui/view';
import { drawComparison } from './chart';
import { addressHex, countShape, drawProof } from './drawing';
import { tokenChange, type TokenChange } from './status';

/** Where the token example's wasm is, relative to the page. */
const TOKEN_WASM = 'examples/token/token.wasm';
const MAX_GENESIS = 65536;
const MAX_TRANSFERS = 1024;
/** Accounts shown in the table; the changed ones are always shown. */
const SHOWN_ACCOUNTS = 256;
/** Accounts offered in the selects; others are typed. */
const OFFERED_ACCOUNTS = 1000;
const OTHER = 'other';

interface TransferRow {
  el: HTMLElement;
  sender: AddressPicker;
  recipient: AddressPicker;
  amount: HTMLInputElement;
  remove: HTMLButtonElement;
}

/** A select of the accounts with "another address…", which shows a text input. */
interface AddressPicker {
  select: HTMLSelectElement;
  other: HTMLInputElement;
}

export class TokenPanel implements View {
  private readonly scope = new ViewScope();
  private readonly setup: HTMLFormElement;
  private readonly setupError: InlineError;
  private readonly failed: HTMLElement;
  private readonly attached: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly transfersEl: HTMLElement;
  private readonly error: InlineError;
  private readonly errorEl: HTMLElement;
  private readonly live: HTMLElement;
  private readonly txEl: HTMLElement;
  private readonly drawing: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly previewButton: HTMLButtonElement;
  private readonly progress: BlockProgress;

  private status: TokenStatus | null = null;
  private stored: StoredTokenAttachment | null = null;
  private transfers: TransferRow[] = [];
  /** The addresses the last token block changed. */
  private changed = new Set<number>();

  constructor(
    private readonly root: HTMLElement,
    private readonly model: Model,
  ) {
    this.setup = find<HTMLFormElement>(root, 'token-setup');
    this.setupError = new InlineError(find(root, 'token-setup-error'));
    this.failed = find(root, 'token-failed');
    this.attached = find(root, 'token-attached');
    this.rows = find(root, 'token-rows');
    this.transfersEl = find(root, 'token-transfers');
    this.errorEl = find(root, 'token-error');
    this.error = new InlineError(this.errorEl);
    this.live = find(root, 'token-live');
    this.txEl = find(root, 'token-tx');
    this.drawing = find(root, 'token-drawing');
    this.chart = find(root, 'token-chart');
    this.sendButton = find<HTMLButtonElement>(root, 'token-send');
    this.previewButton = find<HTMLButtonElement>(root, 'token-preview');
    this.progress = new BlockProgress(find(root, 'token-progress'), 'the token block');

    const create = find<HTMLButtonElement>(this.setup, 'token-create');
    this.scope.listen(this.setup, 'submit', (ev) => {
      ev.preventDefault();
      void busy(create, 'Creating…', () => this.create());
    });
    const retry = find<HTMLButtonElement>(root, 'token-retry');
    this.scope.listen(retry, 'click', () => void busy(retry, 'Attaching…', () => this.retry()));
    for (const name of ['token-detach', 'token-detach-failed']) {
      const button = find<HTMLButtonElement>(root, name);
      this.scope.listen(button, 'click', () => void busy(button, 'Detaching…', () => this.detach()));
    }
    this.scope.listen(find(root, 'token-add'), 'click', () => {
      if (this.transfers.length >= MAX_TRANSFERS) {
        this.error.show(`A transaction holds at most ${MAX_TRANSFERS} transfers.`);
        return;
      }
      this.addRow().sender.select.focus();
    });
    this.scope.listen(find(root, 'token-random'), 'click', () => this.randomTransfers(8));
    const form = find<HTMLFormElement>(root, 'token-form');
    this.scope.listen(form, 'submit', (ev) => {
      ev.preventDefault();
      void busy(this.sendButton, 'Sending…', () => this.send());
    });
    this.scope.listen(this.previewButton, 'click', () => void busy(this.previewButton, 'Building…', () => this.preview()));
  }

  update(change: ViewUpdate): void {
    // The provider follows every block; the panel names its EE.
    if (change.token || change.overview || change.ees || change.names) void this.refresh();
  }

  destroy(): void {
    this.scope.close();
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
    this.setup.hidden = !!status || !!failure;
    this.failed.hidden = !failure;
    this.attached.hidden = !status;
    this.root.dataset.tokenState = status ? 'attached' : failure ? 'failed' : 'none';
    if (failure) {
      find(this.failed, 'token-failed-text').textContent = failure;
      find(this.failed, 'token-retry').hidden = !this.stored?.error;
    }
    if (!status) {
      // Nothing attached: the next attachment starts afresh.
      this.transfers.forEach((r) => r.el.remove());
      this.transfers = [];
      this.error.clear();
      return;
    }
    find(this.root, 'token-about').textContent =
      `${this.model.label(status.eeIndex)} on shard ${status.shardIndex} · genesis of ${plural(status.genesisAccounts, 'account')}, ` +
      `seed ${status.seed} · ${plural(status.followedBlocks, 'block')} followed`;
    this.renderSync(status);
    this.renderAccounts(status);
    if (change.accounts) this.refreshOptions(status.accounts);
    if (!this.transfers.length) this.addRow();
    if (change.comparisons) replace(this.chart, drawComparison(status.comparisons));
  }

  private renderSync(status: TokenStatus): void {
    const sync = find(this.root, 'token-sync');
    sync.dataset.tokenSync = status.inSync ? 'in-sync' : 'out-of-sync';
    replace(
      sync,
      h(
        'p',
        null,
        h('span', { class: status.inSync ? 'badge pass' : 'badge fail' }, status.inSync ? 'in sync' : 'out of sync'),
        ' ',
        status.inSync
          ? `The provider’s root, rebuilt from the EE’s logs, is the EE’s state on shard ${status.shardIndex}.`
          : h('span', { 'data-token-problem': true }, status.problem || 'The provider’s root is not the EE’s state.'),
      ),
      h('div', { class: 'rootchange token-roots' }, h('span', { class: 'muted' }, 'provider'), hexBox(status.root, 'the provider’s root')),
      h('div', { class: 'rootchange token-roots' }, h('span', { class: 'muted' }, 'EE'), hexBox(status.eeRoot, 'the EE’s state')),
    );
  }

  private renderAccounts(status: TokenStatus): void {
    const accounts = status.accounts;
    const shown = accounts.filter((a, i) => i < SHOWN_ACCOUNTS || this.changed.has(a.address));
    const last = status.comparisons.at(-1);
    find(this.root, 'token-accounts-note').textContent =
      `${plural(accounts.length, 'account')}, as the provider rebuilt them from the genesis and the EE’s logs` +
      (shown.length < accounts.length ? `; the first ${SHOWN_ACCOUNTS} are shown, and any changed` : '') +
      (this.changed.size && last ? `. Highlighted: changed by block ${last.blockIndex}.` : '.');
    if (!accounts.length) {
      replace(this.rows, h('tr', null, h('td', { colspan: 3, class: 'muted' }, 'No accounts hold anything.')));
      return;
    }
    replace(
      this.rows,
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
      accounts = wholeNumber(find<HTMLInputElement>(this.setup, 'token-accounts'), 'Accounts', 1, MAX_GENESIS);
      seed = wholeNumber(find<HTMLInputElement>(this.setup, 'token-seed'), 'The seed', 0, Number.MAX_SAFE_INTEGER);
      shardIndex = wholeNumber(find<HTMLInputElement>(this.setup, 'token-shard'), 'The shard', 0, SHARDS - 1);
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
      find(this.failed, 'token-failed-text').textContent = `Attaching failed again: ${messageOf(e)}`;
    }
  }

  private async detach(): Promise<void> {
    try {
      await this.model.eeplay.token.detach();
    } catch (e) {
      const text = `Detaching failed: ${messageOf(e)}`;
      if (this.failed.hidden) this.error.show(text);
      else find(this.failed, 'token-failed-text').textContent = text;
    }
  }

  // The transfer form.

  private addRow(): TransferRow {
    const n = this.transfers.length;
    const sender = picker('sender');
    const recipient = picker('recipient');
    const amount = h('input', { type: 'number', min: 0, value: 10, inputmode: 'numeric', 'data-token-amount': true, required: true });
    const remove = h('button', { type: 'button', class: 'quiet', 'data-token-remove': true }, 'Remove');
    const el = h(
      'li',
      { class: 'txrow token-transfer', 'data-token-transfer': true },
      h('label', { class: 'grow' }, h('span', null, 'From'), sender.select, sender.other),
      h('label', { class: 'grow' }, h('span', null, 'To'), recipient.select, recipient.other),
      h('label', { class: 'amount' }, h('span', null, 'Amount'), amount),
      remove,
    );
    const row: TransferRow = { el, sender, recipient, amount, remove };
    remove.addEventListener('click', () => {
      const i = this.transfers.indexOf(row);
      this.transfers.splice(i, 1);
      el.remove();
      this.renumber();
      (this.transfers[Math.min(i, this.transfers.length - 1)]?.remove ?? find(this.root, 'token-add')).focus();
    });
    this.transfers.push(row);
    this.transfersEl.appendChild(el);
    const accounts = this.status?.accounts ?? [];
    fillPicker(sender, accounts, accounts[n % Math.max(accounts.length, 1)]?.address);
    fillPicker(recipient, accounts, accounts[(n + 1) % Math.max(accounts.length, 1)]?.address);
    this.renumber();
    return row;
  }

  // randomTransfers fills the form with count transfers that the EE
  // accepts when made in order: each sender holds the amount at its turn.
  // About one in eight goes to a new address.
  private randomTransfers(count: number): void {
    const accounts = this.status?.accounts ?? [];
    const balances = new Map(accounts.map((a) => [a.address, a.balance]));
    const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];
    const made: TokenTransferInput[] = [];
    for (let i = 0; i < count; i++) {
      const funded = [...balances].filter(([, b]) => b > 0).map(([a]) => a);
      if (!funded.length) break;
      const sender = pick(funded);
      const recipient = Math.random() < 1 / 8 ? Math.floor(Math.random() * 2 ** 32) : pick([...balances.keys()]);
      const held = balances.get(sender) ?? 0;
      const amount = Math.min(held, 1 + Math.floor(Math.random() * (Math.floor(held / 4) + 1)));
      balances.set(sender, held - amount);
      balances.set(recipient, (balances.get(recipient) ?? 0) + amount);
      made.push({ sender, recipient, amount });
    }
    if (!made.length) {
      this.error.show('No account holds any tokens.');
      return;
    }
    this.error.clear();
    this.transfers.forEach((r) => r.el.remove());
    this.transfers = [];
    for (const t of made) {
      const row = this.addRow();
      fillPicker(row.sender, accounts, t.sender);
      fillPicker(row.recipient, accounts, t.recipient);
      row.amount.value = String(t.amount);
    }
  }

  private renumber(): void {
    this.transfers.forEach((r, i) => {
      r.el.setAttribute('aria-label', `Transfer ${i}`);
      r.remove.setAttribute('aria-label', `Remove transfer ${i}`);
      r.remove.hidden = this.transfers.length === 1;
    });
  }

  private refreshOptions(accounts: TokenAccount[]): void {
    for (const r of this.transfers) {
      fillPicker(r.sender, accounts, pickedAddress(r.sender));
      fillPicker(r.recipient, accounts, pickedAddress(r.recipient));
    }
  }

  private readTransfers(): TokenTransferInput[] {
    return this.transfers.map((r, i) => {
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
      this.live.textContent = `Preview: ${plural(tx.dataBytes, 'byte')} of data, ${plural(tx.proofBytes, 'byte')} of them proof.`;
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
      this.live.textContent = `Sent in block ${blockIndex}; the provider is ${status.inSync ? 'in sync' : 'out of sync'}.`;
      // The block's change refreshes the panel; wait for it, so the table is current on return.
      await this.model.enqueue({ kind: 'token' });
    } catch (e) {
      // The progress line says so; the form stays as it was.
      if (isCancelled(e)) return;
      // The EE's message first; the engine's stack trace, if any, folded.
      const [message, trace] = messageOf(e).split(/\n(?=wasm stack trace:)/);
      this.error.show(`The block was rejected and nothing changed: ${message}`);
      if (trace) this.errorEl.appendChild(h('details', { class: 'trace' }, h('summary', null, 'wasm stack trace'), h('pre', null, trace)));
    }
  }

  /** Shows tx, a preview or what was sent, with its proof drawn. */
  private show(tx: TokenTransaction, note: string): void {
    const counts = countShape(tx.shape);
    const percent = tx.dataBytes ? Math.round((100 * tx.proofBytes) / tx.dataBytes) : 0;
    replace(
      this.txEl,
      h('h4', { 'data-token-tx-note': true }, `${note} · ${tx.proof === 'multi' ? 'multiproof' : 'single branches'}`),
      h(
        'dl',
        { class: 'receipt' },
        h('dt', null, 'Data'),
        h(
          'dd',
          null,
          h('span', { 'data-token-data-bytes': tx.dataBytes }, plural(tx.dataBytes, 'byte')),
          tx.data.length ? h('details', { class: 'token-hex' }, h('summary', null, 'as hex'), hexBox(toHex(tx.data), 'transaction data')) : null,
        ),
        h('dt', null, 'Proof'),
        h('dd', { 'data-token-proof-bytes': tx.proofBytes }, `${plural(tx.proofBytes, 'byte')} (${percent}% of the data)`),
        h('dt', null, 'Nodes'),
        h(
          'dd',
          null,
          h('span', { 'data-token-count': 'given' }, `${plural(counts.given, 'helper')} sent`),
          ' · ',
          h('span', { 'data-token-count': 'defaults' }, `${plural(counts.defaults, 'default')} named by a bit`),
          ' · ',
          h('span', { 'data-token-count': 'computed' }, `${plural(counts.computed, 'node')} computed`),
        ),
        h('dt', null, 'Transfers'),
        h(
          'dd',
          null,
          h(
            'ol',
            { class: 'plain', start: 0 },
            ...tx.transfers.map((t) =>
              h('li', { 'data-token-tx-transfer': true }, h('code', null, addressHex(t.sender)), ' → ', h('code', null, addressHex(t.recipient)), `: ${t.amount.toLocaleString('en-US')} (nonce ${t.nonce})`),
            ),
          ),
        ),
        h('dt', null, 'Accounts proven'),
        h(
          'dd',
          null,
          h(
            'ul',
            { class: 'plain' },
            ...tx.accounts.map((a) =>
              h(
                'li',
                { 'data-token-tx-account': addressHex(a.address) },
                h('code', null, addressHex(a.address)),
                a.nonce === 0 && a.balance === 0 ? ' empty (new account)' : ` nonce ${a.nonce.toLocaleString('en-US')}, balance ${a.balance.toLocaleString('en-US')}`,
              ),
            ),
          ),
        ),
      ),
    );
    replace(this.drawing, drawProof(tx));
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
