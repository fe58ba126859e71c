// The `eeplay` object: the core's methods as promises. The core runs in a
// Web Worker; every change it accepts is stored (store.ts) and replayed
// into a fresh core on the next visit. Cancelling a block replaces the
// worker with a fresh one and replays the stored simulation into it, the
// same way.
import type {
  BlockCancelledError,
  BlockRejectedError,
  Change,
  EngineName,
  Eeplay,
  ExecutionEnvironment,
  Overview,
  RejectedTransaction,
  RootHex,
  ScoutResult,
  ScoutTestInput,
  ShardBlock,
  ShardBlockInput,
  ShardState,
} from './api';
import type { Request, WorkerMessage } from './protocol';
import { runScoutTest, type ParsedScoutTest } from './scout';
import { openStore, type OperationStore } from './store';
import { TokenClient } from './token-client';

/** The engines, the default first. */
export const ENGINES: readonly EngineName[] = ['wazero', 'browser', 'cross-check'];

/** Whether value names an engine. */
export function isEngineName(value: unknown): value is EngineName {
  return (ENGINES as readonly unknown[]).includes(value);
}

/** The message for a name that is not an engine's, as the core words it. */
export function unknownEngine(value: unknown): string {
  return `unknown engine ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: want "wazero", "browser" or "cross-check"`;
}

export interface EeplayOptions {
  /** The engine to start on; wazero when absent. */
  engine?: EngineName;
  /** Told when options.engine could not be started: the core stays on wazero. Without it, a warning in the console. */
  onEngineError?: (error: Error) => void;
}

/** createEeplay starts the worker and replays the stored simulation into it, on options.engine. */
export function createEeplay(options: EeplayOptions = {}): Eeplay {
  return new Client(options);
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (index: number, total: number) => void;
  /** Stops listening to the call's AbortSignal. */
  done?: () => void;
}

interface CallOptions {
  onProgress?: (index: number, total: number) => void;
  /** Aborting it while the call waits on the core cancels it (see cancel). */
  signal?: AbortSignal;
  /** Post at once, ahead of the calls held while the core restarts: for the restart's own calls. */
  direct?: boolean;
}

class Client implements Eeplay {
  private readyPromise: Promise<void>;
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly store: Promise<OperationStore>;
  private worker!: Worker;
  /** Requests made while a fresh worker gets its restore request; posted right after it, in order. */
  private held: Request[] | null = null;
  private engineName: EngineName = 'wazero';
  readonly token: TokenClient;

  constructor(options: EeplayOptions) {
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
    this.readyPromise = this.start(options.engine ?? 'wazero', options.onEngineError);
  }

  get ready(): Promise<void> {
    return this.readyPromise;
  }

  get engine(): EngineName {
    return this.engineName;
  }

  // start starts a fresh worker and replays the stored simulation into it
  // on engine; ready is the replay from now on.
  private start(engine: EngineName, onEngineError?: (error: Error) => void): Promise<void> {
    const worker = new Worker('worker.js');
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      if (worker === this.worker) this.answer(event.data);
    };
    worker.onerror = (event) => {
      if (worker === this.worker) this.failAll(`the core's worker failed: ${event.message || 'see the console'}`);
    };
    this.worker = worker;
    this.held = [];
    this.readyPromise = this.restore(engine, onEngineError);
    return this.readyPromise;
  }

  private async restore(engine: EngineName, onEngineError?: (error: Error) => void): Promise<void> {
    const before = this.engineName;
    let operations: Uint8Array[];
    let switched: Promise<unknown> | null = null;
    let replayed: Promise<unknown>;
    try {
      operations = await (await this.store).load();
      // The engine first, so that the replay runs on it (the core's
      // restore keeps the engine).
      if (engine !== 'wazero') {
        switched = this.call('setEngine', { engine }, { direct: true });
        switched.catch(() => undefined);
      }
      // Still wait for the core when there is nothing to replay, so that
      // ready means usable.
      replayed = operations.length === 0 ? this.call('getOverview', {}, { direct: true }) : this.call('restore', { operations }, { direct: true });
      replayed.catch(() => undefined);
    } finally {
      this.flush();
    }
    this.engineName = engine;
    if (switched) {
      try {
        await switched;
      } catch (error) {
        this.engineName = 'wazero';
        const failure = new Error(`the ${engine} engine could not be started, so EEs run on wazero: ${message(error)}`);
        if (onEngineError) onEngineError(failure);
        else console.warn(`eeplay: ${failure.message}`);
      }
    }
    if (this.engineName !== before) this.emit({ kind: 'engine', engine: this.engineName });
    try {
      await replayed;
    } catch (error) {
      const on = this.engineName === 'wazero' ? '' : ` on the ${this.engineName} engine`;
      throw new Error(`the stored simulation (${operations.length} operations) could not be replayed${on}: ${message(error)}. Reset starts over.`);
    }
    // Never fails: eeplay.token.stored() says why, if it does not work.
    await this.token.restore();
  }

  async setEngine(engine: EngineName): Promise<void> {
    if (!isEngineName(engine)) throw new Error(`setEngine: ${unknownEngine(engine)}`);
    await this.ready;
    const result = (await this.call('setEngine', { engine })) as { engine: EngineName };
    this.engineName = isEngineName(result.engine) ? result.engine : engine;
    this.emit({ kind: 'engine', engine: this.engineName });
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

  async createShardBlock(p: ShardBlockInput): Promise<number> {
    const notRun = () => cancelled('the block was cancelled before it ran: nothing changed');
    if (p.signal?.aborted) throw notRun();
    await this.ready;
    if (p.signal?.aborted) throw notRun();
    const start = performance.now();
    const { blockIndex, operation } = (await this.call(
      'createShardBlock',
      { shardIndex: p.shardIndex, transactions: p.transactions },
      { onProgress: p.onProgress, signal: p.signal },
    )) as { blockIndex: number; operation: Uint8Array };
    const milliseconds = performance.now() - start;
    // Answers come in order: the engine now is the one the block ran on.
    const engine = this.engineName;
    await this.record(operation);
    this.emit({ kind: 'createShardBlock', shardIndex: p.shardIndex, blockIndex, milliseconds, engine, transactions: p.transactions.length });
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

  private call(method: string, params: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const pending: Pending = { method, resolve, reject, onProgress: options.onProgress };
      this.pending.set(id, pending);
      const { signal } = options;
      if (signal) {
        const abort = () => {
          // Only while the core has not answered: a block that finished
          // is kept.
          if (this.pending.get(id) === pending) void this.cancel(id, pending);
        };
        signal.addEventListener('abort', abort, { once: true });
        pending.done = () => signal.removeEventListener('abort', abort);
      }
      const request: Request = { id, method, params };
      if (this.held && !options.direct) this.held.push(request);
      else this.post(request);
    });
  }

  private post(request: Request): void {
    try {
      this.worker.postMessage(request);
    } catch (error) {
      // Values that cannot be cloned, such as functions.
      this.settle(request.id)?.reject(new Error(`${request.method}: ${message(error)}`));
    }
  }

  // flush posts the requests held while the worker got its restore request.
  private flush(): void {
    const held = this.held;
    this.held = null;
    for (const request of held ?? []) this.post(request);
  }

  /** Forgets the call id and returns it, or undefined when it is settled already. */
  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    pending.done?.();
    return pending;
  }

  private answer(response: WorkerMessage): void {
    if ('progress' in response) {
      const onProgress = this.pending.get(response.id)?.onProgress;
      if (!onProgress) return;
      try {
        onProgress(response.progress.index, response.progress.total);
      } catch (error) {
        console.error('eeplay: an onProgress function failed:', error);
      }
      return;
    }
    const pending = this.settle(response.id);
    if (!pending) return;
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

  // cancel cancels call id (a block) while the core runs it: the worker
  // cannot be interrupted, so it is stopped and a fresh one replays the
  // stored simulation, which never holds a block before the core answered
  // it. The call rejects once that is done; the other calls waiting on the
  // old worker reject at once, having not finished.
  private async cancel(id: number, block: Pending): Promise<void> {
    this.settle(id);
    const others = [...this.pending.keys()].map((other) => this.settle(other)!);
    this.worker.terminate();
    const restored = this.start(this.engineName);
    for (const other of others) {
      other.reject(interrupted(`${other.method}: interrupted: a block was cancelled, so the core restarted before this call finished; nothing it would have changed was kept, try it again`));
    }
    try {
      await restored;
    } catch (error) {
      block.reject(cancelled(`the block was cancelled, but the simulation could not be replayed afterwards: ${message(error)}`));
      return;
    }
    block.reject(cancelled('the block was cancelled: the simulation is as it was before it'));
  }

  private failAll(reason: string): void {
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(new Error(reason));
    }
  }
}

function cancelled(text: string): BlockCancelledError {
  const error = new Error(text) as BlockCancelledError;
  error.name = 'AbortError';
  error.cancelled = true;
  return error;
}

function interrupted(text: string): Error {
  const error = new Error(text);
  error.name = 'AbortError';
  return error;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
