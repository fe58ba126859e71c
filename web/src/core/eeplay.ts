// The `eeplay` object: the core's methods as promises. The core runs in a
// Web Worker (kept usable by supervisor.ts); every change it accepts is
// stored (store.ts) and replayed into a fresh core on the next visit.
import type {
  Change,
  CompileInput,
  CompileResult,
  EngineName,
  Eeplay,
  Project,
  ExecutionEnvironment,
  Limits,
  Overview,
  RootHex,
  ScoutResult,
  ScoutTestInput,
  ShardBlock,
  ShardBlockInput,
  ShardState,
  TracedTransaction,
  ProfiledTransaction,
  TransactionPosition,
} from './api';
import { CompilerClient } from './compiler';
import type { TestCrash } from './protocol';
import { projectLimits } from './project-check';
import { Lessons } from './lessons';
import { forgetBuilds, mergeImported } from './project-merge';
import { Projects } from './projects';
import { fileSizes, runScoutTest, scratchScoutResult } from './scout';
import { settings } from './settings';
import { encodeShareFragment, SHARE_LIMIT } from './share-link';
import { openStore, type OperationStore } from './store';
import { CoreSupervisor, cancelled } from './supervisor';
import { badTimeLimit, isTimeLimit } from './time-limit';
import { TokenClient } from './token-client';

export interface EeplayOptions {
  /** The engine to start on, by name (the page takes it from its address): the core checks it first. Wazero when absent. */
  engine?: string;
  /** Told when options.engine could not be started: the core stays on wazero. Without it, a warning in the console. */
  onEngineError?: (error: Error) => void;
  /** Told when options.engine names no engine, with the core's message (`unknown engine "turbo": want …`): the core stays on wazero. Without it, a warning in the console. */
  onUnknownEngine?: (error: Error) => void;
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

/** createEeplay starts the worker and replays the stored simulation into it, on options.engine. */
export function createEeplay(options: EeplayOptions = {}): Eeplay {
  return new Client(options);
}

class Client implements Eeplay {
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly store: Promise<OperationStore>;
  /** Runs the core's worker and sends it the calls. */
  private readonly core: CoreSupervisor;
  private timeLimitSeconds = settings.timeLimit();
  private readonly onStorageError?: (error: Error) => void;
  /** Whether onStorageError was told: once a visit. */
  private storageTold = false;
  readonly token: TokenClient;
  readonly projects: Projects;
  readonly lessons: Lessons;
  /** Started on the first compile. */
  private readonly compiler = new CompilerClient();
  readonly limits: Promise<Limits>;
  /**
   * Test-only, and only with options.testCrash: crashes the core for real.
   * "block": while the next createShardBlock runs; "idle": now, resolving
   * once the core has crashed.
   */
  readonly crashCoreForTests?: (when: TestCrash['testCrash']) => Promise<void>;

  constructor(options: EeplayOptions) {
    this.onStorageError = options.onStorageError;
    this.store = openStore();
    this.core = new CoreSupervisor(
      {
        store: this.store,
        timeLimit: () => this.timeLimitSeconds,
        emit: (change) => this.emit(change),
        storageProblem: (problem) => this.tellStorageProblem(problem),
        restoreToken: (replayed) => this.token.restore(replayed),
      },
      options.testCrash,
    );
    if (options.testCrash) this.crashCoreForTests = (when) => this.core.crashForTests(when);
    const client = this;
    this.token = new TokenClient({
      get ready() {
        return client.ready;
      },
      store: this.store,
      call: (method, params) => this.core.call(method, params),
      changed: () => this.emit({ kind: 'token' }),
      createExecutionEnvironment: (p) => this.createExecutionEnvironment(p),
      createShardBlock: (p) => this.createShardBlock(p),
    });
    this.projects = new Projects(
      this.store,
      async () => (await this.getOverview()).executionEnvironmentCount,
      () => this.emit({ kind: 'projects' }),
    );
    this.lessons = new Lessons({
      compile: (input) => this.compile(input),
      runScoutTest: (input) => this.runScoutTest(input),
      base: () => document.baseURI,
      store: this.store,
    });
    this.core.begin(options.engine, { onEngineError: options.onEngineError, onUnknownEngine: options.onUnknownEngine });
    // Asked first, ahead of the replay, as part of starting: the page lays out its views by them.
    this.limits = this.core.call('limits', {}, { direct: true });
    // A core that does not load rejects ready too, which says why.
    this.limits.catch(() => undefined);
  }

  get ready(): Promise<void> {
    return this.core.ready;
  }

  get engine(): EngineName {
    return this.core.engine;
  }

  get timeLimit(): number {
    return this.timeLimitSeconds;
  }

  setTimeLimit(seconds: number): void {
    if (!isTimeLimit(seconds)) throw new Error(`setTimeLimit: ${badTimeLimit(seconds)}`);
    this.timeLimitSeconds = seconds;
    settings.setTimeLimit(seconds);
    this.emit({ kind: 'timeLimit', seconds });
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
    let projects: Project[];
    try {
      const store = await this.store;
      stored = await store.load();
      projects = await store.loadProjects();
    } catch (error) {
      throw new Error(`exportStoredOperations: the stored simulation could not be read from this browser's storage (IndexedDB): ${message(error)}`);
    }
    // Not behind ready: the core makes the file without replaying anything.
    return this.core.call('exportStoredOperations', { operations: stored, projects });
  }

  async setEngine(engine: EngineName): Promise<void> {
    await this.ready;
    const result = await this.core.call('setEngine', { engine });
    this.core.switched(result.engine);
    this.emit({ kind: 'engine', engine: result.engine });
  }

  async reset(): Promise<void> {
    // Not behind ready: Reset is the way out when the stored simulation
    // cannot be replayed.
    await this.core.call('reset', {});
    // The projects stay; their builds were EEs of the simulation that goes.
    await (await this.store).replaceAll([], forgetBuilds);
    await this.token.forget();
    this.core.replaced();
    this.emit({ kind: 'reset' });
  }

  async createExecutionEnvironment(p: { wasmCode: Uint8Array | string; initialState?: Uint8Array | string }): Promise<number> {
    await this.ready;
    // Creating an EE runs its start function, which may never end.
    const { eeIndex, operation } = await this.core.call('createExecutionEnvironment', { ...p }, { limited: 'create execution environment' });
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
    const { blockIndex, operation } = await this.core.call(
      'createShardBlock',
      { shardIndex: p.shardIndex, transactions: p.transactions },
      { onProgress: p.onProgress, signal: p.signal, block: p.shardIndex },
    );
    const milliseconds = performance.now() - start;
    // Answers come in order: the engine now is the one the block ran on.
    const engine = this.core.engine;
    await this.record(operation);
    this.emit({ kind: 'createShardBlock', shardIndex: p.shardIndex, blockIndex, milliseconds, engine, transactions: p.transactions.length });
    return blockIndex;
  }

  async getExecutionEnvironment(p: { eeIndex: number }): Promise<ExecutionEnvironment> {
    await this.ready;
    return this.core.call('getExecutionEnvironment', { ...p });
  }

  async getShardBlock(p: { shardIndex: number; blockIndex: number }): Promise<ShardBlock> {
    await this.ready;
    return this.core.call('getShardBlock', { ...p });
  }

  async traceTransaction(p: TransactionPosition): Promise<TracedTransaction> {
    await this.ready;
    const { shardIndex, blockIndex, transactionIndex } = p;
    return this.core.call('traceTransaction', { shardIndex, blockIndex, transactionIndex });
  }

  async profileTransaction(p: TransactionPosition): Promise<ProfiledTransaction> {
    await this.ready;
    const { shardIndex, blockIndex, transactionIndex } = p;
    return this.core.call('profileTransaction', { shardIndex, blockIndex, transactionIndex });
  }

  async getShardState(p: { shardIndex: number }): Promise<ShardState> {
    await this.ready;
    return this.core.call('getShardState', { ...p });
  }

  async getExecutionEnvironmentState(p: { eeIndex: number; shardIndex: number }): Promise<RootHex> {
    await this.ready;
    return this.core.call('getExecutionEnvironmentState', { ...p });
  }

  async getOverview(): Promise<Overview> {
    await this.ready;
    return this.core.call('getOverview', {});
  }

  async getBeaconStateSSZ(): Promise<Uint8Array> {
    await this.ready;
    return this.core.call('getBeaconStateSSZ', {});
  }

  async exportSimulation(): Promise<Uint8Array> {
    await this.ready;
    return this.core.call('exportSimulation', { projects: await this.projects.list() });
  }

  async share(): Promise<string> {
    await this.ready;
    // The link carries the project the Code tab shows, not every project kept here.
    const open = settings.project();
    const projects = (await this.projects.list()).filter((p) => p.id === open);
    const fragment = await encodeShareFragment(await this.core.call('exportSimulation', { projects }));
    if (fragment.length > SHARE_LIMIT) {
      const failure = new Error(
        `share: the link's fragment would be ${fragment.length.toLocaleString('en-US')} characters, over the limit of ${SHARE_LIMIT.toLocaleString('en-US')}: export the simulation as a file instead`,
      );
      throw Object.assign(failure, { fragmentLength: fragment.length });
    }
    return `${location.href.replace(/#.*$/, '')}#${fragment}`;
  }

  compile(input: CompileInput): Promise<CompileResult> {
    return this.compiler.compile(input);
  }

  async importSimulation(file: Uint8Array): Promise<void> {
    // Not behind ready either: importing a good file also replaces a
    // stored simulation that could not be replayed.
    const store = await this.store;
    const { operations, projects } = await this.core.call('importSimulation', { file });
    try {
      // The file's projects replace the local ones with their ids; the
      // other local ones stay, their builds forgotten with their EEs.
      await store.replaceAll(operations, (local) => {
        const merged = mergeImported(local, projects);
        if (merged.length > projectLimits.projects) {
          throw new Error(
            `importSimulation: with the file's projects, this browser would keep ${merged.length} projects: want at most ${projectLimits.projects}; remove some projects first`,
          );
        }
        return merged;
      });
    } catch (error) {
      // Nothing changes: the core goes back to the stored simulation.
      await this.core.call('restore', { operations: await store.load() }).catch(() => undefined);
      throw error;
    }
    await this.token.forget();
    this.core.replaced();
    this.emit({ kind: 'import' });
  }

  async runScoutTest(input: ScoutTestInput): Promise<ScoutResult> {
    if (input.scratch) return this.runScratchScoutTest(input);
    await this.ready;
    const parsed = await this.core.call('parseScoutTest', { yaml: input.yaml, fileSizes: fileSizes(input.files) });
    return runScoutTest(this, (run) => this.core.call('judgeScoutTest', run), parsed, input);
  }

  // runScratchScoutTest runs the test in the core whole, in a simulation of
  // its own: nothing to store or tell. The worker cannot be interrupted, so
  // each block (and the EEs' start functions before them) has the time
  // limit, and the signal cancels, by restarting the worker, as for a block.
  private async runScratchScoutTest(input: ScoutTestInput): Promise<ScoutResult> {
    const notRun = () => cancelled(`${SCRATCH_TEST}: cancelled before it ran: nothing changed`);
    if (input.signal?.aborted) throw notRun();
    await this.ready;
    if (input.signal?.aborted) throw notRun();
    const run = await this.core.call(
      'runScratchScoutTest',
      { yaml: input.yaml, files: input.files, shardIndex: input.shardIndex },
      { limited: SCRATCH_TEST, steps: 'shard_blocks', onProgress: input.onBlock, signal: input.signal },
    );
    return scratchScoutResult(run, input.shardIndex ?? 0);
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
}

/** What a scratch Scout test does, as messages about it say it. */
const SCRATCH_TEST = 'run Scout test in a scratch simulation';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
