// The public interface of the page's global `eeplay` object. Its methods
// mirror the Go core's Simulation (core/simulation.go) and return promises;
// the core itself runs in a Web Worker.

/** Bytes in: a Uint8Array, or a 0x-prefixed hex string ("0x" alone is empty). */
export type BytesInput = Uint8Array | string;

/** A 32-byte root out: 0x-prefixed lowercase hex, 66 characters. */
export type RootHex = string;

/** A transaction to submit: which EE runs it, and the data it gets. */
export interface TransactionInput {
  eeIndex: number;
  data: BytesInput;
}

/** A transaction as stored in a block. */
export interface Transaction {
  eeIndex: number;
  data: Uint8Array;
}

/** What one transaction did. */
export interface Receipt {
  /** The EE's state on the shard before the transaction. */
  preState: RootHex;
  /** The state the EE saved, or preState if it saved none. */
  postState: RootHex;
  /** Ticks used through eth2_useTicks. */
  ticks: number;
  /** Byte strings pushed through eth2_pushNewDeposit, in order. */
  deposits: Uint8Array[];
  /** Byte strings emitted through eth2_emitLog, in order. */
  logs: Uint8Array[];
  /** One line per debug_* call, in order. Text from the EE: never HTML. */
  debug: string[];
  /** The child modules the EE loaded (eth2_loadModule), in the order it loaded them; empty for most EEs. */
  modules: ChildModule[];
}

/**
 * What a transaction did with one child module: wasm that the EE loaded
 * from its own memory (eth2_loadModule, as quilt's ewasm-rt does) and called.
 */
export interface ChildModule {
  /** The number the EE loaded the module under. */
  slot: number;
  /** The length of the module's code, in bytes. */
  size: number;
  /** The SHA-256 of the module's code, which names it: 0x-prefixed lowercase hex. */
  sha256: RootHex;
  /** The EE's calls of the module's exports (eth2_callModule). */
  calls: number;
  /** The module's calls of the EE's exposed exports (eth2_call). */
  callbacks: number;
}

/** A block to run: the shard, the transactions, and how to follow or cancel it while it runs. */
export interface ShardBlockInput {
  shardIndex: number;
  transactions: TransactionInput[];
  /**
   * Called on the page's thread before transaction index (0-based) of
   * total runs: for the first one, then at most every 50 ms. Keep it cheap:
   * it runs while the block does.
   */
  onProgress?: (index: number, total: number) => void;
  /**
   * Aborting it while the block runs cancels the block: the core's worker
   * is stopped and a new one replays the stored simulation (as a reload
   * does, with the same engine and token attachment), then the call
   * rejects with a BlockCancelledError. Other calls still waiting on the
   * core reject too, with an Error named "AbortError". Already aborted, the
   * block does not start.
   */
  signal?: AbortSignal;
}

/** The Error a cancelled createShardBlock rejects with, once the simulation is as it was before the block. */
export interface BlockCancelledError extends Error {
  name: 'AbortError';
  /** Always true: tells a cancelled block from a rejected one. */
  cancelled: true;
}

/**
 * The engine that runs EE code: "wazero", wazero's interpreter inside the
 * core (the default, and the reference); "browser", this browser's own
 * WebAssembly, usually far faster; "cross-check", both, every transaction
 * failing if they differ in post-state or receipt.
 */
export type EngineName = 'wazero' | 'browser' | 'cross-check';

/** The numbers and names the core's forms are bound by, as the core gives them (Eeplay.limits). */
export interface Limits {
  /** The number of shards (core.ShardCount): shards are 0 to shardCount - 1. */
  shardCount: number;
  /** The engines' names, the default first. */
  engines: EngineName[];
  /** The most transfers one token transaction holds (token.MaxTransfers). */
  maxTransfers: number;
  /** The most accounts a token genesis has (token.MaxRandomAccounts). */
  maxGenesisAccounts: number;
}

/** A stored shard block, with one receipt per transaction. */
export interface ShardBlock {
  transactions: Transaction[];
  receipts: Receipt[];
}

/** Where a stored transaction is: traceTransaction's parameters. */
export interface TransactionPosition {
  shardIndex: number;
  blockIndex: number;
  transactionIndex: number;
}

/** One argument of a host call, named as docs/host-functions.md names it. */
export interface HostCallArg {
  name: string;
  /**
   * The argument: an i32, as unsigned, for every function but
   * debug_print64, whose i64 value is a bigint, since it may not fit a
   * number.
   */
  value: number | bigint;
  /** Whether the argument is an address in the caller's memory, best shown in hex. */
  pointer: boolean;
}

/** Bytes at an offset of the memory of the EE or of a child module. */
export interface MemoryBytes {
  offset: number;
  bytes: Uint8Array;
}

/** One call of a host function, as a trace records it (core.HostCall). */
export interface HostCall {
  /** The host function's name under module env, whatever name the module imported it by. */
  function: string;
  args: HostCallArg[];
  /** The function's i32 result, if it has one and returned. */
  result?: number;
  /** The bytes of the caller's memory the host read, in order. */
  read: MemoryBytes[];
  /** The bytes the host wrote into the caller's memory, in order. */
  written: MemoryBytes[];
  /** The transaction's tick count once the call returned. */
  ticks: number;
  /** Why the call failed, failing the transaction; the trace ends with it. Text from the core: never HTML. */
  error?: string;
  /** The host calls made while this one ran: by the child module eth2_callModule called, or by the EE's export eth2_call called. */
  calls: HostCall[];
}

/** Every host call of one transaction, in order (core.Trace). */
export interface Trace {
  calls: HostCall[];
  /** Why the trace stops before the transaction's end, when it does: it reached the core's bound on calls or bytes recorded. */
  cut?: string;
}

/** A stored transaction run again, traced. */
export interface TracedTransaction {
  /** The receipt of the run again, the same as the stored one. */
  receipt: Receipt;
  trace: Trace;
}

/** One function of a Profile: its calls, and the time and ticks spent in it (self) and in it and what it called (total). */
export interface FunctionProfile {
  /** The function's name in stack traces, from the name section or an export. Text from the EE: never HTML. */
  name: string;
  calls: number;
  selfNanos: number;
  totalNanos: number;
  /** Ticks charged through eth2_useTicks while the function ran. */
  selfTicks: number;
  totalTicks: number;
}

/** The calls of one function from one stack of callers: a node of a Profile's call tree. */
export interface ProfileNode extends FunctionProfile {
  /** The index in Profile.tree of the calling node, each before those it called; -1 for a call the host made (main, a start function). */
  caller: number;
}

/** Where one transaction spent its time and ticks (core.Profile). */
export interface Profile {
  /** What the times measure, on which engine, over how many runs. */
  measure: string;
  /** The functions that ran, most self time first. */
  functions: FunctionProfile[];
  /** The call tree, a node per stack of calls. */
  tree: ProfileNode[];
  /** Why the tree stops short of the deepest stacks, when it does. */
  cut?: string;
}

/** A stored transaction run again, profiled. */
export interface ProfiledTransaction {
  receipt: Receipt;
  profile: Profile;
}

/** The transaction that made a block fail: its position, its EE, and what it did before it failed. */
export interface RejectedTransaction {
  index: number;
  eeIndex: number;
  receipt: Receipt;
}

/** The Error a rejected createShardBlock gives: the core's message, and the failing transaction when one ran. */
export interface BlockRejectedError extends Error {
  transaction?: RejectedTransaction;
  /**
   * Set when the block ran longer than the time limit (Eeplay.timeLimit),
   * in seconds: the page ended the core's worker and a new one replayed
   * the stored simulation, so nothing of the block was kept.
   */
  timeLimit?: number;
  /**
   * Set when the core crashed while it ran the call (out of memory, say,
   * or a bug in eeplay): why, in Go's words, e.g. "fatal error: runtime:
   * out of memory". As for the time limit, the page ended the core's
   * worker and a new one replayed the stored simulation, so nothing of the
   * call was kept.
   */
  crashed?: string;
}

/** An execution environment as created. */
export interface ExecutionEnvironment {
  wasmCode: Uint8Array;
  initialState: RootHex;
}

/** Every EE's state on one shard; index i is EE i. */
export interface ShardState {
  executionEnvironmentStates: RootHex[];
}

/** The simulation at a glance, for views that show everything. */
export interface Overview {
  /** One more than the last block's slot: the number of blocks created. */
  slot: number;
  executionEnvironmentCount: number;
  /** blockCounts[s] is the number of blocks on shard s (limits.shardCount entries, 64). */
  blockCounts: number[];
  /** The engine that runs EE code now. */
  engine: EngineName;
}

/** What a change to the simulation was, for listeners. */
export type Change =
  | { kind: 'createExecutionEnvironment'; eeIndex: number }
  /** A block was created: it ran on engine, its transactions in milliseconds (from the call to the core's answer). */
  | { kind: 'createShardBlock'; shardIndex: number; blockIndex: number; milliseconds: number; engine: EngineName; transactions: number }
  /** setEngine switched the engine. */
  | { kind: 'engine'; engine: EngineName }
  /** setTimeLimit changed the time limit per block. */
  | { kind: 'timeLimit'; seconds: number }
  /** After a block was cancelled or stopped, the new core could not replay the stored simulation: message says why. Reset or an import is the way on. */
  | { kind: 'unusable'; message: string }
  | { kind: 'reset' }
  | { kind: 'import' }
  /** The token state provider was attached, detached, or failed to re-attach (see `eeplay.token`). */
  | { kind: 'token' }
  /** A project was saved or removed (eeplay.projects); reset and import change them too, and say so as themselves. */
  | { kind: 'projects' };

/** The result of running one Scout YAML test through the `eeplay` methods. */
export interface ScoutResult {
  /** True when no block was rejected and every EE's post-state (and the deposits, if listed) matched, as the core judges it. */
  passed: boolean;
  /** The shard the test's blocks ran on. */
  shardIndex: number;
  /** One entry per beacon_state.execution_scripts entry, in order. */
  executionEnvironments: ScoutEEResult[];
  /**
   * One entry per shard_blocks entry that ran; a rejected block ends the
   * run. debug holds the lines the block's debug_* calls printed, modules
   * the child modules it loaded (up to the failure, for a rejected block).
   */
  blocks: { env: number; blockIndex?: number; error?: string; debug: string[]; modules: ChildModule[] }[];
  /** Differences in shard_post_state, as `eeplay scout` words them ("exec_env_states[1]: expected 0x…, actual 0x…"); empty when the states match. */
  stateDifferences: string[];
  /** Differences in deposit_receipts, as `eeplay scout` words them; absent when the file lists none. */
  depositDifferences?: string[];
}

/** How one EE of a Scout test did. */
export interface ScoutEEResult {
  /** The path as the YAML names it. */
  script: string;
  /** The index the EE got in this simulation. */
  eeIndex: number;
  expected: RootHex;
  actual: RootHex;
  passed: boolean;
}

/** The files of a Scout test: the YAML text and the .wasm files it names. */
export interface ScoutTestInput {
  yaml: string;
  /** Wasm files by name; a script path in the YAML matches by its last path element. */
  files: Record<string, Uint8Array>;
  /** The shard to run the blocks on; 0, as Scout does, when absent. */
  shardIndex?: number;
  /** Called before block index (0-based) of total runs. */
  onBlock?: (index: number, total: number) => void;
  /**
   * Runs the test in a new, empty simulation on the current engine, which
   * is dropped afterwards: the page's simulation is not touched, nothing is
   * stored and no change is told. Libraries (beacon_state.libraries) are
   * supported, as in `eeplay scout`. EE indices are those of the scratch
   * simulation. Each block has the time limit (Eeplay.timeLimit; the EEs'
   * start functions count towards the first block's): past it the core's
   * worker is restarted, the page's simulation replayed, and the test
   * rejects with a BlockRejectedError whose timeLimit is set. Without it,
   * the test's EEs and blocks are added to the page's simulation.
   */
  scratch?: boolean;
  /**
   * Cancels the block running when it aborts (see ShardBlockInput.signal):
   * the test then rejects with that BlockCancelledError; the EEs and
   * blocks it made before stay (with scratch, nothing stays).
   */
  signal?: AbortSignal;
}

/** A language the page compiles to an EE: AssemblyScript (the examples') or the WebAssembly text format. */
export type Language = 'assemblyscript' | 'wat';

/** What an attendee has done in a lesson, kept in this browser (IndexedDB) by the lesson's URL; a Reset or an import of the simulation leaves it. */
export interface LessonProgress {
  /** The step open last, from 0. */
  step: number;
  /** The steps whose check passed, by index. */
  passed: number[];
  /** The project holding the attendee's files, by step index, for each step opened. */
  projects: Record<number, string>;
}

/** A lesson in lessons/index.json, which the build writes (docs/lessons.md). */
export interface LessonListing {
  /** The lesson's folder name: eeplay.lessons.load(name) opens it. */
  name: string;
  title: string;
  summary: string;
  /** How many steps it has. */
  steps: number;
  /** Its lesson.json, relative to the page. */
  url: string;
}

/** A step of a loaded lesson: its text and files read, ready to show and check. */
export interface LessonStep {
  title: string;
  /** The step's text, in the Markdown subset of docs/lessons.md. */
  text: string;
  /** Hints, each inline Markdown. */
  hints: string[];
  language: Language;
  /** The project path compiled. */
  entry: string;
  /** The attendee's starting files, by project path (the library not included). */
  starter: Record<string, string>;
  /** The solution's files, by project path. */
  solution: Record<string, string>;
  /** The check's Scout tests, with their text; expect 'reject' wants the last block rejected. */
  check: { yaml: string; expect: 'pass' | 'reject'; text: string }[];
  /** Other wasm files the tests name, by name. */
  wasm: Record<string, Uint8Array>;
}

/** A lesson read from its lesson.json and checked (eeplay.lessons.load). */
export interface Lesson {
  /** Its name in lessons/index.json, or "" for a lesson opened by URL. */
  name: string;
  /** The absolute URL of its lesson.json. */
  url: string;
  title: string;
  summary: string;
  /** The shared library files it asked for, by project path ("lib/eth2.ts"), read-only in the editor. */
  library: Record<string, string>;
  steps: LessonStep[];
}

/** How one Scout test of a step's check did. */
export interface LessonTestResult extends ScoutResult {
  /** The YAML file, relative to the lesson's folder. */
  yaml: string;
  expect: 'pass' | 'reject';
  /** Judged as docs/lessons.md says: for 'reject', the last block rejected and the states as expected. */
  passed: boolean;
  /** What to look at, when it failed: the differing roots, the rejected block's error, or the block that should have been rejected. "" when it passed. */
  message: string;
}

/** What eeplay.lessons.check found. */
export interface LessonCheckResult {
  /** True when the project compiled and every test passed. */
  passed: boolean;
  /** The compile's diagnostics, when it failed (then tests is empty). */
  compileDiagnostics?: Diagnostic[];
  tests: LessonTestResult[];
}

/** One step of eeplay.lessons.verify. */
export interface LessonStepVerification {
  /** The step's index, from 0. */
  step: number;
  title: string;
  /** The solution compiled and passed the check. */
  solutionPassed: boolean;
  /** The starter compiled and failed the check, as an exercise should. */
  starterFailed: boolean;
  /** Why a step is not as it should be, one line each ("solution: 1-save/check.yaml: exec_env_states[0]: expected …"); empty when it is. */
  messages: string[];
}

/** The lessons (docs/lessons.md). */
export interface LessonsApi {
  /** The lessons the site ships, from lessons/index.json beside the page. */
  list(): Promise<LessonListing[]>;
  /**
   * Reads and checks a lesson: by its name in the index ("1-first-ee"), or
   * by the URL of its lesson.json, relative to the page or on the page's
   * host. A bad manifest rejects naming the field at fault; a file that
   * cannot be read rejects naming it.
   */
  load(nameOrUrl: string): Promise<Lesson>;
  /**
   * Compiles files (project path → text; the lesson's library is added) as
   * step stepIndex says and runs each test of its check in a scratch
   * simulation: the page's simulation is not touched.
   */
  check(lesson: Lesson, stepIndex: number, files: Record<string, string>): Promise<LessonCheckResult>;
  /**
   * Checks every step's solution and starter: a good step's solution
   * passes and its starter compiles and fails. For leaders, from the console.
   */
  verify(nameOrUrl: string): Promise<LessonStepVerification[]>;
  /** What the attendee has done in the lesson whose lesson.json is at url (Lesson.url), kept in this browser; nothing done yet: step 0, nothing passed. */
  progress(url: string): Promise<LessonProgress>;
  /** Keeps progress for the lesson at url. */
  saveProgress(url: string, progress: LessonProgress): Promise<void>;
}

/** What to compile: a project's files, by path relative to its root. */
export interface CompileInput {
  language: Language;
  /**
   * Source files by path relative to one project root ("helloworld/main.ts",
   * "lib/eth2.ts"); imports resolve between them as on disk. Files of other
   * kinds (a Scout test's YAML) are ignored.
   */
  files: Record<string, string>;
  /** The file to compile; when absent, "main.ts" or "main.wat" if there is one, else the only source file. */
  entry?: string;
  /**
   * How long the compile may take, in seconds (1 to 600; 60 when absent),
   * fetching the compiler the first time included. A compile that runs
   * longer is stopped (its worker is ended: a compiler cannot be
   * interrupted) and rejects; the next compile starts a new worker.
   */
  timeLimit?: number;
}

/** A compile error or warning at a place in a file; line and column are 1-based. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** The path as given in CompileInput.files. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The result of a compile: wasm when it succeeded, the diagnostics either way. */
export interface CompileResult {
  /** The module, with its name section (function names); absent when the compile failed. */
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  /** How long the compile took, fetching the compiler the first time included. */
  ms: number;
}

/** A file of a project; readOnly marks the shared library, shown so that imports can be read. */
export interface ProjectFile {
  path: string;
  text: string;
  readOnly?: boolean;
}

/** One deploy of a project: the EE it created and the exact files it was built from. */
export interface ProjectBuild {
  /** 1 for the first deploy, then counting up: the EE is named "NAME vVERSION". */
  version: number;
  eeIndex: number;
  entry: string;
  files: ProjectFile[];
}

/** An EE's source as the page keeps it: files, the one to compile, and its deploys. */
export interface Project {
  /** Stable and unique among the projects. */
  id: string;
  name: string;
  language: Language;
  entry: string;
  /** Sources and Scout tests (*.yaml), in the order the editor shows them. */
  files: ProjectFile[];
  /** Its deploys to this simulation, oldest first. */
  builds: ProjectBuild[];
}

/**
 * The projects kept in this browser (IndexedDB), which travel in the
 * exported simulation file. Their builds belong to this simulation: reset
 * forgets them, and importing a file keeps the file's.
 */
export interface ProjectsApi {
  /** Every project, oldest first. */
  list(): Promise<Project[]>;
  /** Stores project, replacing the one with its id. */
  save(project: Project): Promise<void>;
  remove(id: string): Promise<void>;
  /** The project and build EE eeIndex was deployed from; null when it was not deployed from a project. */
  sourceOf(eeIndex: number): Promise<{ project: Project; build: ProjectBuild } | null>;
}

/** One account of the token EE's ledger (docs/token.md). An address is a uint32. */
export interface TokenAccount {
  address: number;
  /** Transfers sent so far. */
  nonce: number;
  balance: number;
}

/** A transfer to make: the provider fills in the sender's nonce. */
export interface TokenTransferInput {
  sender: number;
  recipient: number;
  amount: number;
}

/** A transfer as the transaction carries it. */
export interface TokenTransfer extends TokenTransferInput {
  /** The sender's nonce before this transfer. */
  nonce: number;
}

/** The two proof approaches: one multiproof for the batch, or one Merkle branch per account. */
export type TokenProof = 'multi' | 'single';

/**
 * Which nodes of the tree a proof involves, as generalized indices: the root
 * is 1, the children of g are 2g and 2g+1, the leaf of address a is 2**32 + a.
 */
export interface TokenProofShape {
  /** The leaves of the accounts proven, ascending. */
  leaves: number[];
  /**
   * The helper nodes, in the order the proof lists them: for 'multi',
   * descending generalized index; for 'single', every sibling of every
   * branch in turn, so a node two branches share appears twice (and is sent twice).
   */
  helpers: number[];
  /** defaultHelpers[i]: helpers[i] is the empty subtree's default, named by a bit and not sent. */
  defaultHelpers: boolean[];
  /** The nodes the verifier computes: the leaves' paths up to and including the root, 1. */
  computed: number[];
}

/** A token transaction built by the state provider, with its proof. */
export interface TokenTransaction {
  proof: TokenProof;
  /** The transaction data: a serialized TokenTransaction (docs/token.md). */
  data: Uint8Array;
  dataBytes: number;
  /** The part of dataBytes that is proof. */
  proofBytes: number;
  transfers: TokenTransfer[];
  /** Every account the transfers touch, with its values before them, ascending address. */
  accounts: TokenAccount[];
  shape: TokenProofShape;
}

/** What one proof approach cost for one block's token transactions, run on the EE. */
export interface TokenCost {
  dataBytes: number;
  proofBytes: number;
  ticks: number;
  milliseconds: number;
}

/** The same transfers on the same pre-state, with both proof approaches. */
export interface TokenComparison {
  /** The accepted block on the attached shard. */
  blockIndex: number;
  transfers: number;
  multi: TokenCost;
  single: TokenCost;
}

/** Which token EE the state provider follows, and the genesis it starts from. */
export interface TokenAttachment {
  eeIndex: number;
  shardIndex: number;
  /** The genesis's number of accounts (1 to limits.maxGenesisAccounts, 65536) and seed. */
  accounts: number;
  seed: number;
}

/** The state provider and the token EE, after following every block so far. */
export interface TokenStatus {
  eeIndex: number;
  shardIndex: number;
  genesisAccounts: number;
  seed: number;
  /** The non-empty accounts as rebuilt from the EE's logs, ascending address. */
  accounts: TokenAccount[];
  /** The root of the provider's tree. */
  root: RootHex;
  /** The EE's state on the shard. */
  eeRoot: RootHex;
  inSync: boolean;
  /** Why the provider is out of sync; "" when in sync. */
  problem: string;
  followedBlocks: number;
  /** One per accepted block holding token transactions, in block order. */
  comparisons: TokenComparison[];
}

/** A genesis: its accounts and the root of the tree holding them. */
export interface TokenGenesis {
  root: RootHex;
  accounts: TokenAccount[];
}

/** The attachment stored in this browser, re-made after a reload; error says why re-attaching failed. */
export interface StoredTokenAttachment extends TokenAttachment {
  /** "" when the provider is attached; otherwise why re-attaching it failed after a reload. */
  error: string;
}

/**
 * The stateless token EE (docs/token.md) and its state provider, which
 * rebuilds the ledger from the EE's logs and builds transactions with their
 * proofs. One token EE is attached at a time; the attachment is stored in
 * this browser and made again after a reload, once the simulation is
 * replayed. Reset and import forget it.
 */
export interface TokenApi {
  /** The genesis made from a seed: accounts (1 to limits.maxGenesisAccounts, 65536) at random addresses with random balances. Changes nothing. */
  genesis(p: { accounts: number; seed: number }): Promise<TokenGenesis>;
  /**
   * Creates a token EE from wasmCode with the genesis's root as its initial
   * state (a createExecutionEnvironment like any other), then attaches the
   * provider to it on shardIndex.
   */
  create(p: { wasmCode: BytesInput; accounts: number; seed: number; shardIndex: number }): Promise<TokenStatus>;
  /** Attaches the provider to an existing token EE, replacing any attachment; fails if the EE's initial state is not that genesis's root. */
  attach(p: TokenAttachment): Promise<TokenStatus>;
  /** Forgets the attachment. */
  detach(): Promise<void>;
  /** Follows any new blocks; null when nothing is attached. */
  status(): Promise<TokenStatus | null>;
  /** The attachment stored in this browser, whether or not re-attaching it worked; null when there is none. */
  stored(): Promise<StoredTokenAttachment | null>;
  /** Builds the transaction for transfers with its proof; changes nothing. Balances are not checked: the EE does that. */
  build(p: { proof: TokenProof; transfers: TokenTransferInput[] }): Promise<TokenTransaction>;
  /**
   * Builds the transaction and runs it as a block of its own on the attached
   * shard. A rejected block rejects with a BlockRejectedError and changes
   * nothing; onProgress and signal are the block's (see ShardBlockInput).
   */
  send(p: {
    proof: TokenProof;
    transfers: TokenTransferInput[];
    onProgress?: ShardBlockInput['onProgress'];
    signal?: AbortSignal;
  }): Promise<{ blockIndex: number; transaction: TokenTransaction; status: TokenStatus }>;
}

/**
 * The `eeplay` object. Every method waits for `ready`. A failure rejects
 * with an Error whose message is the core's message. Successful changes are
 * recorded in IndexedDB and replayed on the next visit.
 */
export interface Eeplay {
  /** Resolves once the core is loaded and the stored simulation replayed. */
  readonly ready: Promise<void>;
  /** The engine that runs EE code: "wazero" unless setEngine (or the page's ?engine= parameter) chose another. */
  readonly engine: EngineName;
  /**
   * The core's limits and engine names. Resolves once the core has loaded,
   * before ready: the core answers it first.
   */
  readonly limits: Promise<Limits>;
  /**
   * Switches the engine that runs EE code; every EE is compiled again for
   * it, no block runs again, and nothing else changes. Reset, import and
   * a reload's replay keep it. A name that is no engine's (see
   * limits.engines) rejects with the core's message and changes nothing.
   */
  setEngine(engine: EngineName): Promise<void>;
  /**
   * The time limit per block, in seconds (10 unless setTimeLimit chose
   * another; this browser keeps the choice). A createShardBlock that runs
   * longer (counted from when its first transaction starts) is stopped: the
   * core's worker is ended, since WebAssembly cannot be interrupted, a new
   * one replays the stored simulation, and the call rejects with a
   * BlockRejectedError whose timeLimit is set. Nothing of the block is kept.
   * createExecutionEnvironment, which tries the EE's start function, has
   * the same limit, counted from the call.
   */
  readonly timeLimit: number;
  /**
   * Sets the time limit per block for blocks that start from now on:
   * seconds from 1 to 600 (fractions allowed). Anything else throws and
   * changes nothing.
   */
  setTimeLimit(seconds: number): void;
  /** Starts over with an empty simulation and forgets the stored one. */
  reset(): Promise<void>;
  /**
   * The operations stored in this browser as a simulation file, which the
   * core makes without replaying them: what can be saved when the stored
   * simulation cannot be replayed (then ready rejects). When a stored
   * operation is not one, the file is a version 1 file: an operation that
   * is not JSON is left out of "operations" and listed under
   * "unreadable_operations", by position and as hex. Does not wait for ready.
   */
  exportStoredOperations(): Promise<Uint8Array>;
  /** Adds an EE; resolves to its index. initialState defaults to 32 zero bytes. */
  createExecutionEnvironment(p: { wasmCode: BytesInput; initialState?: BytesInput }): Promise<number>;
  /**
   * Runs the transactions as one block on the shard, atomically; resolves to the block's index on that shard.
   * A rejected block rejects with a BlockRejectedError; a cancelled one (p.signal) with a BlockCancelledError.
   */
  createShardBlock(p: ShardBlockInput): Promise<number>;
  getExecutionEnvironment(p: { eeIndex: number }): Promise<ExecutionEnvironment>;
  getShardBlock(p: { shardIndex: number; blockIndex: number }): Promise<ShardBlock>;
  getShardState(p: { shardIndex: number }): Promise<ShardState>;
  /**
   * Runs a stored transaction again on the pre-state its receipt records
   * and resolves to its receipt and every host call it made. Nothing
   * changes. A position that holds no transaction rejects with the core's
   * message.
   */
  traceTransaction(p: TransactionPosition): Promise<TracedTransaction>;
  /**
   * Runs a stored transaction again, as traceTransaction does, measuring
   * each function, and resolves to its receipt and Profile; times are
   * means over repeated runs. Nothing changes. On the browser engine,
   * which cannot measure functions, it rejects with the core's message.
   */
  profileTransaction(p: TransactionPosition): Promise<ProfiledTransaction>;
  getExecutionEnvironmentState(p: { eeIndex: number; shardIndex: number }): Promise<RootHex>;

  /** Counts for the overview: slot, EEs, blocks per shard. */
  getOverview(): Promise<Overview>;
  /** The BeaconState, SSZ-encoded. */
  getBeaconStateSSZ(): Promise<Uint8Array>;
  /** The whole simulation as a file (JSON, see docs/simulation-file.md). */
  exportSimulation(): Promise<Uint8Array>;
  /** Replaces the simulation with the one in the file; on any error nothing changes. */
  importSimulation(file: Uint8Array): Promise<void>;
  /**
   * A link that opens this simulation elsewhere: this page's address with
   * `#share=1.DATA`, DATA the simulation file (its operations, and of the
   * projects only the one the Code tab shows) deflated and base64url-encoded.
   * A fragment over SHARE_LIMIT characters rejects, saying its length and
   * the limit, with the length in the error's `fragmentLength`: export the
   * simulation as a file instead.
   */
  share(): Promise<string>;
  /**
   * Runs a Scout YAML test with its wasm files through the methods above.
   * A file missing, or over the limits of `eeplay scout` (MaxWasmCodeSize
   * each, MaxTestCodeSize in all, a file counted each time it is named),
   * rejects before any EE is created.
   */
  runScoutTest(input: ScoutTestInput): Promise<ScoutResult>;
  /** The token EE and its state provider. */
  readonly token: TokenApi;
  /**
   * Compiles source to an EE in a worker of its own, fetched the first
   * time: AssemblyScript with the options of scripts/build.mjs, or WAT.
   * A failed compile resolves with its diagnostics and no wasm; only input
   * that is not a compile (an unknown language, an entry that is not among
   * the files) rejects.
   */
  compile(input: CompileInput): Promise<CompileResult>;
  /** The EE projects kept in this browser. */
  readonly projects: ProjectsApi;
  /** The lessons: list, load, check a step, verify a lesson. */
  readonly lessons: LessonsApi;
  /** Calls listener after every change; returns a function that stops that. */
  onChange(listener: (change: Change) => void): () => void;
}

declare global {
  interface Window {
    eeplay: Eeplay;
  }
}
