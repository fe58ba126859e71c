// `eeplay.token`: the token EE's state provider (package token, through the
// bridge's token* methods). The provider follows one token EE on one shard;
// which one is stored beside the simulation's operations (store.ts) and
// attached again once a reload has replayed them.
import type {
  BytesInput,
  ShardBlockInput,
  StoredTokenAttachment,
  TokenApi,
  TokenAttachment,
  TokenGenesis,
  TokenProof,
  TokenStatus,
  TokenTransaction,
  TokenTransferInput,
} from './api';
import type { CoreMethod, CoreMethods } from './protocol';
import type { OperationStore } from './store';

/** What the token client needs from the rest of the `eeplay` object. */
export interface TokenHost {
  readonly ready: Promise<void>;
  readonly store: Promise<OperationStore>;
  call<M extends CoreMethod>(method: M, params: CoreMethods[M]['request']): Promise<CoreMethods[M]['result']>;
  /** Tells listeners that the attachment changed. */
  changed(): void;
  createExecutionEnvironment(p: { wasmCode: BytesInput; initialState?: BytesInput }): Promise<number>;
  createShardBlock(p: ShardBlockInput): Promise<number>;
}

export class TokenClient implements TokenApi {
  /** What the provider is attached to, as far as this page knows. */
  private attached: TokenAttachment | null = null;
  /** The stored attachment that could not be made again after a reload, and why. */
  private failed: StoredTokenAttachment | null = null;

  constructor(private readonly host: TokenHost) {}

  /**
   * Attaches the stored attachment, if any, once replayed (the replay of
   * the simulation) has resolved (so not behind ready: restore is part of
   * getting ready). The attachment is read from storage meanwhile, off the
   * path to ready. After a replay that failed it does nothing. It never
   * throws: a failure is kept for stored() and the panel to show. It runs
   * again in a fresh core after a block is cancelled.
   */
  async restore(replayed: Promise<unknown>): Promise<void> {
    const reading = this.readAttachment();
    try {
      await replayed;
    } catch {
      return;
    }
    this.attached = null;
    this.failed = null;
    const stored = await reading;
    if (!stored) return;
    try {
      await this.host.call('tokenAttach', { ...stored });
      this.attached = stored;
    } catch (error) {
      this.failed = { ...stored, error: `re-attaching the state provider to EE ${stored.eeIndex} on shard ${stored.shardIndex} failed: ${message(error)}` };
    }
  }

  /** The stored attachment, or null when there is none or it cannot be read (then a warning says why). */
  private async readAttachment(): Promise<TokenAttachment | null> {
    try {
      return await (await this.host.store).loadTokenAttachment();
    } catch (error) {
      console.warn('eeplay: could not read the stored token attachment:', error);
      return null;
    }
  }

  /** Forgets the attachment after a reset or an import (the store has forgotten it already). */
  async forget(): Promise<void> {
    this.attached = null;
    this.failed = null;
    // The core may well have dropped it with the old simulation already.
    await this.host.call('tokenDetach', {}).catch(() => undefined);
  }

  async genesis(p: { accounts: number; seed: number }): Promise<TokenGenesis> {
    await this.host.ready;
    return this.host.call('tokenGenesis', { accounts: p.accounts, seed: p.seed });
  }

  async create(p: { wasmCode: BytesInput; accounts: number; seed: number; shardIndex: number }): Promise<TokenStatus> {
    const genesis = await this.genesis({ accounts: p.accounts, seed: p.seed });
    const eeIndex = await this.host.createExecutionEnvironment({ wasmCode: p.wasmCode, initialState: genesis.root });
    try {
      return await this.attach({ eeIndex, shardIndex: p.shardIndex, accounts: p.accounts, seed: p.seed });
    } catch (error) {
      throw new Error(`the token EE is EE ${eeIndex}, but attaching the state provider to it failed: ${message(error)}`);
    }
  }

  async attach(p: TokenAttachment): Promise<TokenStatus> {
    await this.host.ready;
    const attachment: TokenAttachment = { eeIndex: p.eeIndex, shardIndex: p.shardIndex, accounts: p.accounts, seed: p.seed };
    let status: TokenStatus;
    try {
      status = await this.host.call('tokenAttach', { ...attachment });
    } catch (error) {
      // The core may or may not have kept the old attachment: ask it.
      if (this.attached && (await this.host.call('tokenStatus', {}).catch(() => null)) === null) {
        await this.save(null);
      }
      throw error;
    }
    await this.save(attachment);
    return status;
  }

  async detach(): Promise<void> {
    await this.host.ready;
    await this.host.call('tokenDetach', {});
    await this.save(null);
  }

  async status(): Promise<TokenStatus | null> {
    await this.host.ready;
    return this.host.call('tokenStatus', {});
  }

  async stored(): Promise<StoredTokenAttachment | null> {
    await this.host.ready;
    if (this.attached) return { ...this.attached, error: '' };
    return this.failed && { ...this.failed };
  }

  async build(p: { proof: TokenProof; transfers: TokenTransferInput[] }): Promise<TokenTransaction> {
    await this.host.ready;
    return this.host.call('tokenBuild', {
      proof: p.proof,
      transfers: p.transfers.map((t) => ({ sender: t.sender, recipient: t.recipient, amount: t.amount })),
    });
  }

  async send(p: {
    proof: TokenProof;
    transfers: TokenTransferInput[];
    onProgress?: ShardBlockInput['onProgress'];
    signal?: AbortSignal;
  }): Promise<{ blockIndex: number; transaction: TokenTransaction; status: TokenStatus }> {
    await this.host.ready;
    const attached = this.attached;
    if (!attached) throw new Error('no token EE is attached: create one, or attach the state provider to one, first');
    const transaction = await this.build({ proof: p.proof, transfers: p.transfers });
    const blockIndex = await this.host.createShardBlock({
      shardIndex: attached.shardIndex,
      transactions: [{ eeIndex: attached.eeIndex, data: transaction.data }],
      onProgress: p.onProgress,
      signal: p.signal,
    });
    const status = await this.status();
    if (!status) throw new Error(`block ${blockIndex} was created, but the state provider is no longer attached`);
    return { blockIndex, transaction, status };
  }

  // save stores the attachment (or forgets it), then tells listeners.
  private async save(attachment: TokenAttachment | null): Promise<void> {
    this.attached = attachment;
    this.failed = null;
    try {
      await (await this.host.store).saveTokenAttachment(attachment);
    } catch (error) {
      throw new Error(`the state provider was ${attachment ? 'attached' : 'detached'} but that could not be stored, so a reload will not know: ${message(error)}`);
    } finally {
      this.host.changed();
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
