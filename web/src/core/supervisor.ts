// Keeps the core's worker usable. Cancelling a block, a block running
// past the time limit, or the core crashing replaces the worker with a
// fresh one and replays the stored simulation into it, the same way:
// WebAssembly cannot be interrupted, on either engine, but a worker can be
// ended. The calls of the `eeplay` object go through it, so that it knows
// which one to stop and which to send again.
import type { BlockCancelledError, BlockRejectedError, Change, EngineName } from './api';
import { CoreChannel, CoreCrash, CoreFailure } from './channel';
import { takeEarlyWorker } from './early-worker';
import type { CoreMethod, CoreMethods, TestCrash } from './protocol';
import type { OperationStore } from './store';

/** What the supervisor needs from the rest of the `eeplay` object. */
export interface SupervisorHost {
  /** Where the simulation's operations are stored, to replay them. */
  readonly store: Promise<OperationStore>;
  /** The time limit per block now, in seconds. */
  timeLimit(): number;
  /** Tells listeners of a change: the engine, or the core unusable after a restart. */
  emit(change: Change): void;
  /** Told when the store could not be opened, so that the simulation lives in memory only. */
  storageProblem(problem: string): void;
  /** Attaches the token state provider again once replayed resolves, reading it from storage meanwhile. Never fails. */
  restoreToken(replayed: Promise<unknown>): Promise<void>;
}

/** Who is told when the engine asked for at the start cannot be had, so that the core stays on wazero; without them, a warning in the console. */
export interface EngineTold {
  /** The engine could not be started. */
  onEngineError?: (error: Error) => void;
  /** The name is no engine's: the error's message is the core's. */
  onUnknownEngine?: (error: Error) => void;
}

/** An engine by a name from outside, which the core checks before it starts on it. */
interface AskedEngine {
  name: string;
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
  /** For a call under the time limit, what it does, as the core's messages say it; with steps, the step running too. */
  limited?: string;
  /** For a call with steps (see CallOptions.steps): what it does, and what its steps are. */
  stepped?: { task: string; steps: string };
  /** Whether it is one of the calls that replay the stored simulation into a new worker. */
  direct?: boolean;
}

/** Why restart ends the worker. */
type Stop = { why: 'cancel' } | { why: 'timeLimit'; seconds: number } | { why: 'crash'; reason: string };

interface CallOptions {
  onProgress?: (index: number, total: number) => void;
  /** Aborting it while the call waits on the core cancels it (see restart). */
  signal?: AbortSignal;
  /** Post at once, ahead of the calls held while the core restarts: for the restart's own calls. */
  direct?: boolean;
  /** A block on this shard: the time limit applies, from its first progress report (when it starts running). */
  block?: number;
  /** What the call does, as the core words it: the time limit applies from now. */
  limited?: string;
  /**
   * With limited: each progress report starts a step (a scratch Scout
   * test's block), named `${steps}[index]`, with a time limit of its own,
   * as each block has one.
   */
  steps?: string;
}

export class CoreSupervisor {
  private readyPromise: Promise<void> = Promise.resolve();
  /** The calls that have not settled. */
  private readonly calls = new Set<Call>();
  private channel!: CoreChannel;
  /** Calls made while a fresh worker gets its restore request; sent right after it, in order. */
  private held: Call[] | null = null;
  private engineName: EngineName = 'wazero';
  /** Why the worker's core crashed, once it has: the next call starts a new worker. */
  private crashed: string | null = null;
  /** Whether the worker answered a call of the page's, beyond replaying the stored simulation. */
  private served = false;
  /** Whether the last replay of the stored simulation failed, so that the core is unusable until a reset or an import. */
  private replayFailed = false;
  /** Told when the core crashes while it runs nothing. */
  private crashWaiters: (() => void)[] = [];

  constructor(
    private readonly host: SupervisorHost,
    /** Test-only: see EeplayOptions.testCrash. */
    private readonly testCrash?: 'on' | 'replay',
  ) {}

  /** The replay of the stored simulation into the latest worker; resolved after a reset or an import. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** The engine that runs EE code. */
  get engine(): EngineName {
    return this.engineName;
  }

  /**
   * Starts the first worker on the engine named, once the core has said
   * the name is an engine's; on wazero when none is named, or the name is
   * none. ready is its replay of the stored simulation.
   */
  begin(name: string | undefined, told: EngineTold): void {
    this.start(name === undefined ? 'wazero' : { name }, told);
  }

  /** Told that setEngine switched the core to engine. */
  switched(engine: EngineName): void {
    this.engineName = engine;
  }

  /** Told that the simulation was replaced whole (a reset, an import): the core is usable again, whatever the replay did. */
  replaced(): void {
    this.readyPromise = Promise.resolve();
    this.replayFailed = false;
  }

  /** Test-only: crashes the core for real; "idle" resolves once it has crashed. */
  async crashForTests(when: TestCrash['testCrash']): Promise<void> {
    await this.ready;
    const crashed = when === 'idle' ? new Promise<void>((resolve) => this.crashWaiters.push(resolve)) : undefined;
    this.channel.crashForTests(when);
    await crashed;
  }

  // start starts a fresh worker and replays the stored simulation into it
  // on engine; ready is the replay from now on. Without replay, the core
  // starts empty and ready stays as it is: for Reset or an import once a
  // replay failed.
  private start(engine: EngineName | AskedEngine, told: EngineTold = {}, replay = true): Promise<void> {
    const worker = (!this.testCrash && takeEarlyWorker()) || new Worker(this.testCrash ? `worker.js?test-crash=${this.testCrash}` : 'worker.js');
    this.channel = new CoreChannel(worker, {
      onCrashNotice: (reason) => this.crashedIdle(reason),
      onWorkerError: (message) => this.failAll(message),
    });
    this.crashed = null;
    this.served = false;
    this.held = [];
    const restored = this.restore(engine, told, replay);
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

  private async restore(asked: EngineName | AskedEngine, told: EngineTold, replay: boolean): Promise<void> {
    const before = this.engineName;
    const channel = this.channel;
    let engine: EngineName = 'wazero';
    let operations: Uint8Array[];
    let switched: Promise<unknown> | null = null;
    let replayed: Promise<unknown>;
    try {
      const store = await this.host.store;
      if (store.problem) this.host.storageProblem(store.problem);
      try {
        operations = replay ? await store.load() : [];
      } catch (error) {
        throw new Error(`the stored simulation could not be read from this browser's storage (IndexedDB): ${message(error)}. Reset starts over.`);
      }
      engine = typeof asked === 'string' ? asked : await this.engineNamed(asked.name, told);
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
        tell(told.onEngineError, new Error(`the ${engine} engine could not be started, so EEs run on wazero: ${message(error)}`));
      }
    }
    if (this.engineName !== before) this.host.emit({ kind: 'engine', engine: this.engineName });
    // Never fails: eeplay.token.stored() says why, if it does not work.
    // Started now, so that storage is read while the core replays.
    const tokenRestored = replay ? this.host.restoreToken(replayed) : null;
    try {
      await replayed;
    } catch (error) {
      const on = this.engineName === 'wazero' ? '' : ` on the ${this.engineName} engine`;
      throw new Error(notReplayed(operations.length, on, message(error)));
    }
    await tokenRestored;
  }

  // engineNamed asks the core whether name is an engine's: that engine,
  // or wazero, having told why not.
  private async engineNamed(name: string, told: EngineTold): Promise<EngineName> {
    let checked: CoreMethods['checkEngine']['result'];
    try {
      checked = await this.call('checkEngine', { engine: name }, { direct: true });
    } catch (error) {
      tell(told.onEngineError, new Error(`the ${name} engine could not be started, so EEs run on wazero: ${message(error)}`));
      return 'wazero';
    }
    if ('unknown' in checked) {
      tell(told.onUnknownEngine, new Error(checked.unknown));
      return 'wazero';
    }
    return checked.engine;
  }

  /**
   * Calls method in the core, on the current worker or, while one is
   * starting, once it has its restore request; a core that crashed while it
   * ran nothing is replaced first.
   */
  call<M extends CoreMethod>(method: M, params: CoreMethods[M]['request'], options: CallOptions = {}): Promise<CoreMethods[M]['result']> {
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
        stepped: options.limited !== undefined && options.steps !== undefined ? { task: options.limited, steps: options.steps } : undefined,
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
    // A step starts: the time limit starts again, for it.
    if (call.stepped) {
      clearTimeout(call.timer);
      call.limited = `${call.stepped.task}, ${call.stepped.steps}[${index}]`;
      this.startTimeLimit(call);
    }
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
    // A failure is an answer all the same: the worker served the call.
    if (error instanceof CoreFailure && !call.direct) this.served = true;
    call.reject(error instanceof Error ? error : new Error(String(error)));
  }

  // startTimeLimit restarts the core if call is still running when the
  // time limit is up.
  private startTimeLimit(call: Call): void {
    const seconds = this.host.timeLimit();
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
    const restored = this.start(this.engineName, {}, !this.replayFailed);
    const reason = { cancel: 'a block was cancelled', timeLimit: 'a block ran past the time limit', crash: 'a call crashed the core' }[stop.why];
    for (const other of others) {
      other.reject(interrupted(`${other.method}: interrupted: ${reason}, so the core restarted before this call finished; nothing it would have changed was kept, try it again`));
    }
    let failure = '';
    try {
      await restored;
    } catch (error) {
      failure = message(error);
      this.host.emit({ kind: 'unusable', message: failure });
    }
    if (stop.why === 'cancel') {
      const was = call.stepped ? `${call.stepped.task}: cancelled` : 'the block was cancelled';
      call.reject(cancelled(failure ? `${was}, but the simulation could not be replayed afterwards: ${failure}` : `${was}: the simulation is as it was before it`));
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
    const restored = this.start(this.engineName, {}, replay);
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
      if (replay) this.host.emit({ kind: 'unusable', message: message(error) });
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

/** The Error a cancelled block rejects with. */
export function cancelled(text: string): BlockCancelledError {
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

/** Tells listener of error, or the console when there is none. */
function tell(listener: ((error: Error) => void) | undefined, error: Error): void {
  if (listener) listener(error);
  else console.warn(`eeplay: ${error.message}`);
}

/** The message for a stored simulation of n operations that could not be replayed (on an engine) because of reason. */
function notReplayed(n: number, on: string, reason: string): string {
  return `the stored simulation (${n} operations) could not be replayed${on}: ${reason}. Reset starts over.`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
