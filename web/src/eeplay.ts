// The `eeplay` object: the core's methods as promises. The core runs in a
// Web Worker; every change it accepts is stored (store.ts) and replayed
// into a fresh core on the next visit.
import type {
  BlockRejectedError,
  Change,
  Eeplay,
  ExecutionEnvironment,
  Overview,
  RejectedTransaction,
  RootHex,
  ScoutResult,
  ScoutTestInput,
  ShardBlock,
  ShardState,
} from './api';
import type { Request, Response } from './protocol';
import { runScoutTest, type ParsedScoutTest } from './scout';
import { openStore, type OperationStore } from './store';
import { TokenClient } from './token-client';

/** createEeplay starts the worker and replays the stored simulation into it. */
export function createEeplay(): Eeplay {
  return new Client(new Worker('worker.js'));
}

class Client implements Eeplay {
  private readyPromise: Promise<void>;
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  private readonly store: Promise<OperationStore>;
  readonly token: TokenClient;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Response>) => this.answer(event.data);
    worker.onerror = (event) => this.failAll(`the core's worker failed: ${event.message || 'see the console'}`);
    this.store = openStore();
    const client = this;
    this.token = new TokenClient({
      get ready() {
        return client.ready;
      },
      store: this.store,
      call: (method, params) => this.call(method, params),
      changed: () => this.emit({ kind: 'token' }),
      createExecutionEnvironment: (p) => this.createExecutionEnvironment(p),
      createShardBlock: (p) => this.createShardBlock(p),
    });
    this.readyPromise = this.restore();
  }

  get ready(): Promise<void> {
    return this.readyPromise;
  }

  private async restore(): Promise<void> {
    const store = await this.store;
    const operations = await store.load();
    if (operations.length === 0) {
      // Still wait for the core, so that ready means usable.
      await this.call('getOverview', {});
    } else {
      try {
        await this.call('restore', { operations });
      } catch (error) {
        throw new Error(`the stored simulation (${operations.length} operations) could not be replayed: ${message(error)}. Reset starts over.`);
      }
    }
    // Never fails: eeplay.token.stored() says why, if it does not work.
    await this.token.restore();
  }

  async reset(): Promise<void> {
    // Not behind ready: Reset is the way out when the stored simulation
    // cannot be replayed.
    await this.call('reset', {});
    await (await this.store).replaceAll([]);
    await this.token.forget();
    this.readyPromise = Promise.resolve();
    this.emit({ kind: 'reset' });
  }

  async createExecutionEnvironment(p: { wasmCode: Uint8Array | string; initialState?: Uint8Array | string }): Promise<number> {
    await this.ready;
    const { eeIndex, operation } = (await this.call('createExecutionEnvironment', { ...p })) as { eeIndex: number; operation: Uint8Array };
    await this.record(operation);
    this.emit({ kind: 'createExecutionEnvironment', eeIndex });
    return eeIndex;
  }

  async createShardBlock(p: { shardIndex: number; transactions: { eeIndex: number; data: Uint8Array | string }[] }): Promise<number> {
    await this.ready;
    const start = performance.now();
    const { blockIndex, operation } = (await this.call('createShardBlock', { ...p })) as { blockIndex: number; operation: Uint8Array };
    const milliseconds = performance.now() - start;
    await this.record(operation);
    this.emit({ kind: 'createShardBlock', shardIndex: p.shardIndex, blockIndex, milliseconds });
    return blockIndex;
  }

  async getExecutionEnvironment(p: { eeIndex: number }): Promise<ExecutionEnvironment> {
    await this.ready;
    return (await this.call('getExecutionEnvironment', { ...p })) as ExecutionEnvironment;
  }

  async getShardBlock(p: { shardIndex: number; blockIndex: number }): Promise<ShardBlock> {
    await this.ready;
    return (await this.call('getShardBlock', { ...p })) as ShardBlock;
  }

  async getShardState(p: { shardIndex: number }): Promise<ShardState> {
    await this.ready;
    return (await this.call('getShardState', { ...p })) as ShardState;
  }

  async getExecutionEnvironmentState(p: { eeIndex: number; shardIndex: number }): Promise<RootHex> {
    await this.ready;
    return (await this.call('getExecutionEnvironmentState', { ...p })) as RootHex;
  }

  async getOverview(): Promise<Overview> {
    await this.ready;
    return (await this.call('getOverview', {})) as Overview;
  }

  async getBeaconStateSSZ(): Promise<Uint8Array> {
    await this.ready;
    return (await this.call('getBeaconStateSSZ', {})) as Uint8Array;
  }

  async exportSimulation(): Promise<Uint8Array> {
    await this.ready;
    return (await this.call('exportSimulation', {})) as Uint8Array;
  }

  async importSimulation(file: Uint8Array): Promise<void> {
    // Not behind ready either: importing a good file also replaces a
    // stored simulation that could not be replayed.
    const { operations } = (await this.call('importSimulation', { file })) as { operations: Uint8Array[] };
    await (await this.store).replaceAll(operations);
    await this.token.forget();
    this.readyPromise = Promise.resolve();
    this.emit({ kind: 'import' });
  }

  async runScoutTest(input: ScoutTestInput): Promise<ScoutResult> {
    await this.ready;
    const parsed = (await this.call('parseScoutTest', { yaml: input.yaml })) as ParsedScoutTest;
    return runScoutTest(this, parsed, input);
  }

  onChange(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async record(operation: Uint8Array): Promise<void> {
    try {
      await (await this.store).append(operation);
    } catch (error) {
      throw new Error(`the change was made but could not be stored, so a reload will lose it: ${message(error)}`);
    }
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('eeplay: a change listener failed:', error);
      }
    }
  }

  private call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    const request: Request = { id, method, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage(request);
      } catch (error) {
        // Values that cannot be cloned, such as functions.
        this.pending.delete(id);
        reject(new Error(`${method}: ${message(error)}`));
      }
    });
  }

  private answer(response: Response): void {
    const pending = this.pending.get(response.id);
    if (!pending) {
      return;
    }
    this.pending.delete(response.id);
    if ('error' in response) {
      const error: BlockRejectedError = new Error(response.error);
      if (response.transaction) {
        error.transaction = response.transaction as RejectedTransaction;
      }
      pending.reject(error);
    } else {
      pending.resolve(response.result);
    }
  }

  private failAll(reason: string): void {
    for (const { reject } of this.pending.values()) {
      reject(new Error(reason));
    }
    this.pending.clear();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
