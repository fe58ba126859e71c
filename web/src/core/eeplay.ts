// The `eeplay` object: the core's methods as promises. The core runs in a
// Web Worker; every change it accepts is stored (store.ts) and replayed
// into a fresh core on the next visit. Cancelling a block, a block
// running past the time limit, or the core crashing replaces the worker
// with a fresh one and replays the stored simulation into it, the same
// way: WebAssembly cannot be interrupted, on either engine, but a worker
// can be ended.
import type {
  BlockCancelledError,
  BlockRejectedError,
  Change,
  EngineName,
  Eeplay,
  ExecutionEnvironment,
  Overview,
  RootHex,
  ScoutResult,
  ScoutTestInput,
  ShardBlock,
  ShardBlockInput,
  ShardState,
} from './api';
import { CoreChannel, CoreCrash } from './channel';
import type { CoreMethod, CoreMethods, TestCrash } from './protocol';
import { fileSizes, runScoutTest } from './scout';
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
  /** Told when this browser's storage cannot be opened, so the simulation lives in memory only. Without it, a warning in the console. */
  onStorageError?: (error: Error) => void;
  /**
   * Test-only (web/e2e/crash.test.mjs; the page sets it from ?test-crash in
   * its address): the object gets crashCoreForTests, which crashes the
   * core for real, with an unrecovered Go panic; with "replay", every new
   * core also crashes when it is asked to replay the stored simulation.
   */
  testCrash?: 'on' | 'replay';
}

/** The time limit per block, in seconds, when none is stored. */
export const DEFAULT_TIME_LIMIT = 10;
/** The least and the most time limit per block, in seconds. */
export const MIN_TIME_LIMIT = 1;
export const MAX_TIME_LIMIT = 600;
const TIME_LIMIT_KEY = 'eeplay.timeLimit';

/** Whether value is a time limit setTimeLimit accepts. */
export function isTimeLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_TIME_LIMIT && value <= MAX_TIME_LIMIT;
}

/** The message for a time limit out of range; shown, when given, names the value. */
export function badTimeLimit(value: unknown, shown = typeof value === 'string' ? JSON.stringify(value) : String(value)): string {
  return `the time limit must be a number of seconds from ${MIN_TIME_LIMIT} to ${MAX_TIME_LIMIT}, not ${shown}`;
}

function loadTimeLimit(): number {
  try {
    const stored = localStorage.getItem(TIME_LIMIT_KEY);
    const value = stored === null ? NaN : Number(stored);
    return isTimeLimit(value) ? value : DEFAULT_TIME_LIMIT;
  } catch {
    return DEFAULT_TIME_LIMIT;
  }
}

/** createEeplay starts the worker and replays the stored simulation into it, on options.engine. */
export function createEeplay(options: EeplayOptions = {}): Eeplay {
  return new Client(options);
}

/**
 * A call of the core's, from when it is made until it settles. It may be
 * sent to more than one worker: a core that crashed before it ran the call
 * is replaced, and the call sent to the new one (see revive).
 */
interface Call {
  method: CoreMethod;
  /** Sends it on channel, whose answer settles it. */
  send(channel: CoreChannel): void;
  reject(error: Error): void;
  /** The channel it was last sent on; null while it waits to be sent. */
  sentOn: CoreChannel | null;
  onProgress?: (index: number, total: number) => void;
  /** Stops listening to the call's AbortSignal, and the time limit's timer. */
  done?: () => void;
  /** For a block: its shard, and the time limit's timer once it runs. */
  shardIndex?: number;
  timer?: ReturnType<typeof setTimeout>;
  /** For a call under the time limit, what it does, as the core's messages say it. */
  limited?: string;
  /** Whether it is one of the calls that replay the stored simulation into a new worker. */
  direct?: boolean;
}

/** Why restart ends the worker. */
type Stop = { why: 'cancel' } | { why: 'timeLimit'; seconds: number } | { why: 'crash'; reason: string };

interface CallOptions {
  onProgress?: (index: number, total: number) => void;
  /** Aborting it while the call waits on the core cancels it (see cancel). */
  signal?: AbortSignal;
  /** Post at once, ahead of the calls held while the core restarts: for the restart's own calls. */
  direct?: boolean;
  /** A block on this shard: the time limit applies, from its first progress report (when it starts running). */
  block?: number;
  /** What the call does, as the core words it: the time limit applies from now. */
  limited?: string;
}

class Client implements Eeplay {
  private readyPromise: Promise<void>;
  private readonly listeners = new Set<(change: Change) => void>();
  /** The calls that have not settled. */
  private readonly calls = new Set<Call>();
  private readonly store: Promise<OperationStore>;
  private channel!: CoreChannel;
  /** Calls made while a fresh worker gets its restore request; sent right after it, in order. */
  private held: Call[] | null = null;
  private engineName: EngineName = 'wazero';
  private timeLimitSeconds = loadTimeLimit();
  private readonly onStorageError?: (error: Error) => void;
  /** Whether onStorageError was told: once a visit. */
  private storageTold = false;
  /** Why the worker's core crashed, once it has: the next call starts a new worker. */
  private crashed: string | null = null;
  /** Whether the worker answered a call of the page's, beyond replaying the stored simulation. */
  private served = false;
  /** Whether the last replay of the stored simulation failed, so that the core is unusable until a reset or an import. */
  private replayFailed = false;
  private readonly testCrash?: 'on' | 'replay';
  /** Told when the core crashes while it runs nothing. */
  private crashWaiters: (() => void)[] = [];
  readonly token: TokenClient;
  /**
   * Test-only, and only with options.testCrash: crashes the core for real.
   * "block": while the next createShardBlock runs; "idle": now, resolving
   * once the core has crashed.
   */
  readonly crashCoreForTests?: (when: TestCrash['testCrash']) => Promise<void>;

  constructor(options: EeplayOptions) {
    this.onStorageError = options.onStorageError;
    this.testCrash = options.testCrash;
    if (options.testCrash) {
      this.crashCoreForTests = async (when) => {
        await this.ready;
        const crashed = when === 'idle' ? new Promise<void>((resolve) => this.crashWaiters.push(resolve)) : undefined;
        this.channel.crashForTests(when);
        await crashed;
      };
    }
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

  get timeLimit(): number {
    return this.timeLimitSeconds;
  }

  setTimeLimit(seconds: number): void {
    if (!isTimeLimit(seconds)) throw new Error(`setTimeLimit: ${badTimeLimit(seconds)}`);
    this.timeLimitSeconds = seconds;
    try {
      localStorage.setItem(TIME_LIMIT_KEY, String(seconds));
    } catch {
      // Storage unavailable: the limit lasts for this visit.
    }
    this.emit({ kind: 'timeLimit', seconds });
  }

  // start starts a fresh worker and replays the stored simulation into it
  // on engine; ready is the replay from now on. Without replay, the core
  // starts empty and ready stays as it is: for Reset or an import once a
  // replay failed.
  private start(engine: EngineName, onEngineError?: (error: Error) => void, replay = true): Promise<void> {
    const worker = new Worker(this.testCrash ? `worker.js?test-crash=${this.testCrash}` : 'worker.js');
    this.channel = new CoreChannel(worker, {
      onCrashNotice: (reason) => this.crashedIdle(reason),
      onWorkerError: (message) => this.failAll(message),
    });
    this.crashed = null;
    this.served = false;
    this.held = [];
    const restored = this.restore(engine, onEngineError, replay);
    if (replay) {
      this.readyPromise = restored;
      // As long as it is the latest replay.
      const failed = (yes: boolean) => {
        if (this.readyPromise === restored) this.replayFailed = yes;
      };
      restored.then(
        () => failed(false),
        () => failed(true),
      );
    }
    return restored;
  }

  private async restore(engine: EngineName, onEngineError?: (error: Error) => void, replay = true): Promise<void> {
    const before = this.engineName;
    const channel = this.channel;
    let operations: Uint8Array[];
    let switched: Promise<unknown> | null = null;
    let replayed: Promise<unknown>;
    try {
      const store = await this.store;
      if (store.problem) this.tellStorageProblem(store.problem);
      try {
        operations = replay ? await store.load() : [];
      } catch (error) {
        throw new Error(`the stored simulation could not be read from this browser's storage (IndexedDB): ${message(error)}. Reset starts over.`);
      }
      // The core may have crashed meanwhile, and been replaced.
      if (this.channel !== channel || this.crashed !== null) {
        throw new Error(notReplayed(operations.length, '', this.crashed === null ? 'the core crashed' : `the core crashed (${this.crashed})`));
      }
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
      if (this.channel === channel) this.flush();
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
      throw new Error(notReplayed(operations.length, on, message(error)));
    }
    // Never fails: eeplay.token.stored() says why, if it does not work.
    if (replay) await this.token.restore();
  }

  private tellStorageProblem(problem: string): void {
    if (this.storageTold) return;
    this.storageTold = true;
    const failure = new Error(`this browser's storage (IndexedDB) could not be opened, so the simulation is kept in memory only and a reload will lose it: ${problem}`);
    if (this.onStorageError) this.onStorageError(failure);
    else console.warn(`eeplay: ${failure.message}`);
  }

  async exportStoredOperations(): Promise<Uint8Array> {
    let stored: Uint8Array[];
    try {
      stored = await (await this.store).load();
    } catch (error) {
      throw new Error(`exportStoredOperations: the stored simulation could not be read from this browser's storage (IndexedDB): ${message(error)}`);
    }
    return simulationFileOf(stored);
  }

  async setEngine(engine: EngineName): Promise<void> {
    if (!isEngineName(engine)) throw new Error(`setEngine: ${unknownEngine(engine)}`);
    await this.ready;
    const result = await this.call('setEngine', { engine });
    this.engineName = result.engine;
    this.emit({ kind: 'engine', engine: this.engineName });
  }

  async reset(): Promise<void> {
    // Not behind ready: Reset is the way out when the stored simulation
    // cannot be replayed.
    await this.call('reset', {});
    await (await this.store).replaceAll([]);
    await this.token.forget();
    this.readyPromise = Promise.resolve();
    this.replayFailed = false;
    this.emit({ kind: 'reset' });
  }

  async createExecutionEnvironment(p: { wasmCode: Uint8Array | string; initialState?: Uint8Array | string }): Promise<number> {
    await this.ready;
    // Creating an EE runs its start function, which may never end.
    const { eeIndex, operation } = await this.call('createExecutionEnvironment', { ...p }, { limited: 'create execution environment' });
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
    const { blockIndex, operation } = await this.call(
      'createShardBlock',
      { shardIndex: p.shardIndex, transactions: p.transactions },
      { onProgress: p.onProgress, signal: p.signal, block: p.shardIndex },
    );
    const milliseconds = performance.now() - start;
    // Answers come in order: the engine now is the one the block ran on.
    const engine = this.engineName;
    await this.record(operation);
    this.emit({ kind: 'createShardBlock', shardIndex: p.shardIndex, blockIndex, milliseconds, engine, transactions: p.transactions.length });
    return blockIndex;
  }

  async getExecutionEnvironment(p: { eeIndex: number }): Promise<ExecutionEnvironment> {
    await this.ready;
    return this.call('getExecutionEnvironment', { ...p });
  }

  async getShardBlock(p: { shardIndex: number; blockIndex: number }): Promise<ShardBlock> {
    await this.ready;
    return this.call('getShardBlock', { ...p });
  }

  async getShardState(p: { shardIndex: number }): Promise<ShardState> {
    await this.ready;
    return this.call('getShardState', { ...p });
  }

  async getExecutionEnvironmentState(p: { eeIndex: number; shardIndex: number }): Promise<RootHex> {
    await this.ready;
    return this.call('getExecutionEnvironmentState', { ...p });
  }

  async getOverview(): Promise<Overview> {
    await this.ready;
    return this.call('getOverview', {});
  }

  async getBeaconStateSSZ(): Promise<Uint8Array> {
    await this.ready;
    return this.call('getBeaconStateSSZ', {});
  }

  async exportSimulation(): Promise<Uint8Array> {
    await this.ready;
    return this.call('exportSimulation', {});
  }

  async importSimulation(file: Uint8Array): Promise<void> {
    // Not behind ready either: importing a good file also replaces a
    // stored simulation that could not be replayed.
    const { operations } = await this.call('importSimulation', { file });
    await (await this.store).replaceAll(operations);
    await this.token.forget();
    this.readyPromise = Promise.resolve();
    this.replayFailed = false;
    this.emit({ kind: 'import' });
  }

  async runScoutTest(input: ScoutTestInput): Promise<ScoutResult> {
    await this.ready;
    const parsed = await this.call('parseScoutTest', { yaml: input.yaml, fileSizes: fileSizes(input.files) });
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

  private call<M extends CoreMethod>(method: M, params: CoreMethods[M]['request'], options: CallOptions = {}): Promise<CoreMethods[M]['result']> {
    // A core that crashed while it ran nothing is replaced now.
    if (this.crashed !== null && !options.direct) this.revive();
    return new Promise((resolve, reject) => {
      const limited = options.limited ?? (options.block === undefined ? undefined : `create shard block on shard ${options.block}`);
      const call: Call = {
        method,
        send: (channel) => {
          call.sentOn = channel;
          channel.request(method, params, (index, total) => this.progress(call, index, total)).then(
            (result) => {
              if (!this.settle(call, channel)) return;
              if (!call.direct) this.served = true;
              resolve(result);
            },
            (error: unknown) => this.failed(call, channel, error),
          );
        },
        reject,
        sentOn: null,
        onProgress: options.onProgress,
        shardIndex: options.block,
        limited,
        direct: options.direct,
      };
      this.calls.add(call);
      if (options.limited !== undefined) this.startTimeLimit(call);
      const { signal } = options;
      const stopAbort = signal
        ? (() => {
            const abort = () => {
              // Only while the core has not answered: a block that finished
              // is kept.
              if (this.calls.has(call)) void this.restart(call, { why: 'cancel' });
            };
            signal.addEventListener('abort', abort, { once: true });
            return () => signal.removeEventListener('abort', abort);
          })()
        : undefined;
      call.done = () => {
        stopAbort?.();
        clearTimeout(call.timer);
      };
      if (this.held && !options.direct) this.held.push(call);
      else call.send(this.channel);
    });
  }

  // flush sends the calls held while the worker got its restore request.
  private flush(): void {
    const held = this.held;
    this.held = null;
    for (const call of held ?? []) if (this.calls.has(call)) call.send(this.channel);
  }

  /** Forgets call and returns true, or false when it is settled already or (given channel) was sent to another since. */
  private settle(call: Call, channel?: CoreChannel): boolean {
    if (!this.calls.has(call) || (channel !== undefined && call.sentOn !== channel)) return false;
    this.calls.delete(call);
    call.sentOn = null;
    call.done?.();
    return true;
  }

  // progress passes on a progress report of call's.
  private progress(call: Call, index: number, total: number): void {
    if (!this.calls.has(call)) return;
    // The block runs from its first report: its time limit starts now.
    if (call.shardIndex !== undefined && call.timer === undefined) this.startTimeLimit(call);
    const onProgress = call.onProgress;
    if (!onProgress) return;
    try {
      onProgress(index, total);
    } catch (error) {
      console.error('eeplay: an onProgress function failed:', error);
    }
  }

  // failed is told that channel rejected call.
  private failed(call: Call, channel: CoreChannel, error: unknown): void {
    if (!this.calls.has(call) || call.sentOn !== channel) return;
    if (error instanceof CoreCrash) {
      // The call that crashed the core: restart as for the time limit.
      // Not the replay's own calls, which would crash it again and again.
      if (error.ran && !call.direct) void this.restart(call, { why: 'crash', reason: error.reason });
      else this.abandon(error.reason);
      return;
    }
    this.settle(call);
    call.reject(error instanceof Error ? error : new Error(String(error)));
  }

  // startTimeLimit restarts the core if call is still running when the
  // time limit is up.
  private startTimeLimit(call: Call): void {
    const seconds = this.timeLimitSeconds;
    call.timer = setTimeout(() => {
      if (this.calls.has(call)) void this.restart(call, { why: 'timeLimit', seconds });
    }, seconds * 1000);
  }

  // restart stops call (a block, or the call that crashed the core)
  // while the core runs it, because it was cancelled, ran past the time
  // limit or crashed the core: the worker cannot be interrupted, so it is
  // ended and a fresh one replays the stored simulation, which never holds
  // a change before the core answered it. The call rejects once that is
  // done; the other calls waiting on the old worker reject at once, having
  // not finished.
  private async restart(call: Call, stop: Stop): Promise<void> {
    this.settle(call);
    const others = [...this.calls];
    for (const other of others) this.settle(other);
    this.channel.terminate();
    const restored = this.start(this.engineName, undefined, !this.replayFailed);
    const reason = { cancel: 'a block was cancelled', timeLimit: 'a block ran past the time limit', crash: 'a call crashed the core' }[stop.why];
    for (const other of others) {
      other.reject(interrupted(`${other.method}: interrupted: ${reason}, so the core restarted before this call finished; nothing it would have changed was kept, try it again`));
    }
    let failure = '';
    try {
      await restored;
    } catch (error) {
      failure = message(error);
      this.emit({ kind: 'unusable', message: failure });
    }
    if (stop.why === 'cancel') {
      call.reject(
        cancelled(failure ? `the block was cancelled, but the simulation could not be replayed afterwards: ${failure}` : 'the block was cancelled: the simulation is as it was before it'),
      );
      return;
    }
    const before = call.shardIndex === undefined ? 'before' : 'before this block';
    let error: BlockRejectedError;
    if (stop.why === 'timeLimit') {
      const stopped = `${call.limited}: stopped after ${stop.seconds} s, the time limit`;
      error = new Error(
        failure
          ? `${stopped}: the core was restarted, but the simulation could not be replayed afterwards: ${failure}`
          : `${stopped}: the core was restarted and the simulation is as it was ${before}`,
      );
      error.timeLimit = stop.seconds;
    } else {
      const crashed = `${describe(call)}: the core crashed (${stop.reason})`;
      error = new Error(
        failure
          ? `${crashed}: it was restarted, but the simulation could not be replayed afterwards: ${failure}`
          : `${crashed}: it was restarted and the simulation is as it was ${before}`,
      );
      error.crashed = stop.reason;
    }
    call.reject(error);
  }

  // crashedIdle is told that the core crashed while it ran nothing. The
  // calls posted to it since never ran: a fresh worker replays the stored
  // simulation and runs them. With none, the next call starts it. If it
  // was replaying the stored simulation, that replay fails instead; if it
  // had served no call since, the calls fail: so a core that keeps
  // crashing restarts once a call, never in a loop.
  private crashedIdle(reason: string): void {
    console.warn(`eeplay: the core crashed (${reason}) while it ran nothing; it is restarted before the next call`);
    for (const told of this.crashWaiters.splice(0)) told();
    const pending = [...this.calls];
    if (this.held !== null || pending.some((p) => p.direct) || !this.served) {
      this.abandon(reason);
      return;
    }
    // Ended now: a crashed core may hold all the memory it could get.
    this.channel.terminate();
    this.crashed = reason;
    if (pending.length) this.revive();
  }

  // abandon ends the worker whose core crashed, without starting another:
  // the replay of the stored simulation fails if it was running, and the
  // calls waiting reject, having not run. The next call starts a new
  // worker (only Reset or an import, if the replay failed: the others wait
  // for ready).
  private abandon(reason: string): void {
    this.channel.terminate();
    this.crashed = reason;
    this.held = null;
    for (const call of [...this.calls]) {
      this.settle(call);
      const text = call.direct ? `the core crashed (${reason})` : `${describe(call)}: the core crashed (${reason}) before this call ran, so nothing changed`;
      call.reject(new Error(text));
    }
  }

  // revive replaces the worker whose core crashed with a fresh one, which
  // replays the stored simulation (or starts empty, when that failed
  // before, for Reset or an import) and then runs the calls waiting on the
  // old one, which never ran.
  private revive(): void {
    const waiting = [...this.calls];
    this.channel.terminate();
    const replay = !this.replayFailed;
    const restored = this.start(this.engineName, undefined, replay);
    for (const call of waiting) {
      call.sentOn = null;
      this.held!.push(call);
      // Its time limit starts again once the replay is done (a block's, at
      // its first progress report, as always).
      if (call.timer !== undefined) {
        clearTimeout(call.timer);
        call.timer = undefined;
        if (call.shardIndex === undefined) {
          restored.then(
            () => {
              if (this.calls.has(call)) this.startTimeLimit(call);
            },
            () => undefined,
          );
        }
      }
    }
    restored.catch((error: unknown) => {
      if (replay) this.emit({ kind: 'unusable', message: message(error) });
    });
  }

  private failAll(reason: string): void {
    for (const call of [...this.calls]) {
      this.settle(call);
      call.reject(new Error(reason));
    }
  }
}

/** What a call does, for messages: as the core words it when it has a time limit, else its method. */
function describe(call: Call): string {
  return call.limited ?? call.method;
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

/**
 * simulationFileOf makes a simulation file (docs/simulation-file.md) of
 * stored operations, each the core's JSON for one, without the core: the
 * way out when they cannot be replayed. When every operation is the core's
 * compact JSON, it is a version 2 file with its checksum (SHA-256 of the
 * operations as a JSON array, "[op0,op1,...]", as core.OperationsChecksum
 * computes it). Otherwise it is a version 1 file, which has none: an
 * operation that is JSON goes in as it is; one that is not cannot go into
 * the file, so it is left out and listed under "unreadable_operations", by
 * position with its bytes as hex (such a file does not import until that
 * field is removed).
 */
export async function simulationFileOf(stored: Uint8Array[]): Promise<Uint8Array> {
  const operations: unknown[] = [];
  const texts: string[] = [];
  const unreadable: { position: number; bytes: string }[] = [];
  let canonical = true;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  stored.forEach((bytes, position) => {
    try {
      const text = decoder.decode(bytes);
      const operation: unknown = JSON.parse(text);
      operations.push(operation);
      texts.push(text);
      if (JSON.stringify(operation) !== text || !operation || typeof operation !== 'object' || Array.isArray(operation)) canonical = false;
    } catch {
      unreadable.push({ position, bytes: `0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}` });
    }
  });
  let checksum = '';
  if (canonical && unreadable.length === 0 && globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`[${texts.join(',')}]`)));
    checksum = `sha256:0x${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
  const file: Record<string, unknown> = checksum
    ? { format: 'eeplay-simulation', version: 2, checksum, operations }
    : { format: 'eeplay-simulation', version: 1, operations };
  if (unreadable.length) file.unreadable_operations = unreadable;
  return new TextEncoder().encode(JSON.stringify(file, null, 1));
}

/** The message for a stored simulation of n operations that could not be replayed (on an engine) because of reason. */
function notReplayed(n: number, on: string, reason: string): string {
  return `the stored simulation (${n} operations) could not be replayed${on}: ${reason}. Reset starts over.`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
