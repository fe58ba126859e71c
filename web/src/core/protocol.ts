// The messages between the page (channel.ts) and the worker (worker.ts),
// which runs the Go core. Kept apart so the worker imports no DOM types.
import type {
  BytesInput,
  EngineName,
  ExecutionEnvironment,
  Limits,
  Overview,
  Project,
  RejectedTransaction,
  RootHex,
  ScoutResult,
  ShardBlock,
  ShardState,
  TokenAttachment,
  TokenGenesis,
  TokenProof,
  TokenStatus,
  TokenTransaction,
  TokenTransferInput,
  TracedTransaction,
  ProfiledTransaction,
  TransactionPosition,
  TransactionInput,
} from './api';

/** A Scout test file as the core's parseScoutTest returns it. */
export interface ParsedScoutTest {
  executionScripts: string[];
  /** The name, among ScoutTestInput.files, of each script's file. */
  scriptFiles: string[];
  preStates: RootHex[];
  blocks: { eeIndex: number; data: Uint8Array }[];
  postStates: RootHex[];
  /** The expected deposits, SSZ-encoded; null when the file lists none. */
  deposits: Uint8Array[] | null;
}

/**
 * What the core's runScratchScoutTest answers: a Scout test run in a
 * simulation of its own. eeIndices are the EEs' indices there; blocks are
 * those that ran, as ScoutResult.blocks; passed, stateDifferences and
 * depositDifferences are judged as judgeScoutTest judges them.
 */
export interface ScratchScoutRun {
  executionScripts: string[];
  postStates: RootHex[];
  eeIndices: number[];
  actualStates: RootHex[];
  blocks: ScoutResult['blocks'];
  passed: boolean;
  stateDifferences: string[];
  depositDifferences: string[] | null;
}

/** The parameters of a method that takes none. */
type Nothing = Record<string, never>;

/**
 * The core's methods (package jsbridge, methods.go), by name: what each
 * takes and what it answers. The page's channel sends requests by it and
 * the worker passes them to the core by it, so both ends agree on them.
 */
export interface CoreMethods {
  /** operation is the change as the core's JSON (a core.Operation), for the page to store and replay. */
  createExecutionEnvironment: { request: { wasmCode: BytesInput; initialState?: BytesInput }; result: { eeIndex: number; operation: Uint8Array } };
  /** As createExecutionEnvironment; the worker adds the progress reports (Progress). */
  createShardBlock: { request: { shardIndex: number; transactions: TransactionInput[] }; result: { blockIndex: number; operation: Uint8Array } };
  getExecutionEnvironment: { request: { eeIndex: number }; result: ExecutionEnvironment };
  getShardBlock: { request: { shardIndex: number; blockIndex: number }; result: ShardBlock };
  getShardState: { request: { shardIndex: number }; result: ShardState };
  getExecutionEnvironmentState: { request: { eeIndex: number; shardIndex: number }; result: RootHex };
  getOverview: { request: Nothing; result: Overview };
  getBeaconStateSSZ: { request: Nothing; result: Uint8Array };
  reset: { request: Nothing; result: null };
  /** The file carries projects, which the core checks as it reads them (core.Project): each build's EE must be one of the simulation's. */
  exportSimulation: { request: { projects: Project[] }; result: Uint8Array };
  /** operations are the file's, each as the core's JSON, and projects its projects as checked (none before version 3), for the page to store. */
  importSimulation: { request: { file: Uint8Array }; result: { operations: Uint8Array[]; projects: Project[] } };
  /** Replaces the simulation with the one the stored operations rebuild. */
  restore: { request: { operations: Uint8Array[] }; result: null };
  /** The simulation file of the stored operations and projects, replaying none and checking nothing (core.MarshalStoredOperations). */
  exportStoredOperations: { request: { operations: Uint8Array[]; projects: Project[] }; result: Uint8Array };
  /** fileSizes: the sizes of the wasm files given, by name. */
  parseScoutTest: { request: { yaml: string; fileSizes: Record<string, number> }; result: ParsedScoutTest };
  /**
   * Whether a run of a parsed test passed: expected* are its postStates and
   * deposits, actualStates its EEs' states after its blocks, pushedDeposits
   * what the blocks pushed and pushedBy the block of each ("shard_blocks[3]").
   * The differences are worded as `eeplay scout` words them;
   * depositDifferences is null when the test lists no deposits.
   */
  judgeScoutTest: {
    request: { expectedStates: RootHex[]; actualStates: RootHex[]; expectedDeposits: Uint8Array[] | null; pushedDeposits: Uint8Array[]; pushedBy: string[] };
    result: { passed: boolean; stateDifferences: string[]; depositDifferences: string[] | null };
  };
  /**
   * Runs a Scout test with its wasm files (by name) in a new simulation on
   * the current engine, with the test's libraries, and drops it: the
   * simulation is not touched and nothing is to be stored. Checks and
   * messages are parseScoutTest's; the worker adds the progress reports,
   * one before each block (shard_blocks[index] of total).
   */
  runScratchScoutTest: { request: { yaml: string; files: Record<string, Uint8Array>; shardIndex?: number }; result: ScratchScoutRun };
  /** The core checks the name: one that is no engine's fails with wasmhost.UnknownEngineError's message. */
  setEngine: { request: { engine: string }; result: { engine: EngineName } };
  /** Whether engine names an engine: the name, or the message for one that names none (wasmhost.UnknownEngineError's). */
  checkEngine: { request: { engine: string }; result: { engine: EngineName } | { unknown: string } };
  limits: { request: Nothing; result: Limits };
  /** Changes nothing: the transaction runs again on a scratch copy. */
  traceTransaction: { request: TransactionPosition; result: TracedTransaction };
  profileTransaction: { request: TransactionPosition; result: ProfiledTransaction };
  tokenGenesis: { request: { accounts: number; seed: number }; result: TokenGenesis };
  tokenAttach: { request: TokenAttachment; result: TokenStatus };
  /** null when no provider is attached. */
  tokenStatus: { request: Nothing; result: TokenStatus | null };
  tokenBuild: { request: { proof: TokenProof; transfers: TokenTransferInput[] }; result: TokenTransaction };
  tokenDetach: { request: Nothing; result: null };
}

/** The name of one of the core's methods. */
export type CoreMethod = keyof CoreMethods;

/** A call of one of the core's methods. */
export interface Request<M extends CoreMethod = CoreMethod> {
  id: number;
  method: M;
  params: CoreMethods[M]['request'];
}

/**
 * Test-only (web/e2e/crash.test.mjs): makes the core crash for real, with
 * an unrecovered Go panic. A worker obeys it only when it was started with
 * ?test-crash in its address, which the page adds only when its own
 * address has it; any other worker ignores it. "block": while the next
 * createShardBlock runs, at its first progress report; "idle": now, while
 * no call runs.
 */
export interface TestCrash {
  testCrash: 'block' | 'idle';
}

/** Every message the page sends the worker. */
export type PageMessage = Request | TestCrash;

/**
 * The core's Go program ended, which it does only when it crashes: a fatal
 * error (running out of memory, say) or an unrecovered panic, a bug. Its
 * worker runs nothing after that: the page ends it and starts another.
 */
export interface Crash {
  /**
   * Why, in Go's words: the first "fatal error: …" or "panic: …" line it
   * wrote to standard error (e.g. "fatal error: runtime: out of memory"),
   * else its last line there, else "exit code 2"; at most 300 characters
   * and an ellipsis. The rest, with the stack traces, is in the console.
   */
  reason: string;
}

/** A failure: the core's message and, for a rejected block, the failing transaction. */
export interface Failure {
  error: string;
  transaction?: RejectedTransaction;
  /**
   * Set when the core has crashed. ran is true when it crashed while it ran
   * this request (which may have caused it), false when it had crashed
   * already, so the request did nothing.
   */
  crash?: Crash & { ran: boolean };
}

/** What a call of method answers: its result, or a Failure. */
export type CoreResult<M extends CoreMethod = CoreMethod> = { result: CoreMethods[M]['result'] } | Failure;

/** The answer to the Request with the same id: its last message. */
export type Response = CoreResult & { id: number };

/**
 * News of the createShardBlock Request with the same id while it runs, not
 * an answer: transaction index (0-based) of total is about to run. The core
 * sends it for the first transaction and then at most every 50 ms. For a
 * runScratchScoutTest Request: its block index of total is about to run,
 * for every block.
 */
export interface Progress {
  id: number;
  progress: { index: number; total: number };
}

/**
 * Sent, unasked, when the core crashes while no request runs. Every request
 * after it is answered with a Failure whose crash.ran is false.
 */
export interface CrashNotice {
  crash: Crash;
}

/** Every message the worker sends: any number of Progress messages, then one Response per Request, and a CrashNotice when the core crashes between them. */
export type WorkerMessage = Response | Progress | CrashNotice;

/** The methods that report their progress: a block, transaction by transaction; a scratch Scout test, block by block. */
export type ProgressMethod = 'createShardBlock' | 'runScratchScoutTest';

/** The parameters the core's function takes for method: the request's, and for a ProgressMethod, what it reports its progress to. */
export type CoreParams<M extends CoreMethod> = CoreMethods[M]['request'] & (M extends ProgressMethod ? { onProgress: (index: number, total: number) => void } : unknown);

/** The function the Go core installs (jsbridge's Bridge.Install): it runs one method and never throws. */
export type CoreFunction = <M extends CoreMethod>(method: M, params: CoreParams<M>) => CoreResult<M>;
