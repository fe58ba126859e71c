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
}

/** A stored shard block, with one receipt per transaction. */
export interface ShardBlock {
  transactions: Transaction[];
  receipts: Receipt[];
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
  /** blockCounts[s] is the number of blocks on shard s (64 entries). */
  blockCounts: number[];
}

/** What a change to the simulation was, for listeners. */
export type Change =
  | { kind: 'createExecutionEnvironment'; eeIndex: number }
  | { kind: 'createShardBlock'; shardIndex: number; blockIndex: number; milliseconds: number }
  | { kind: 'reset' }
  | { kind: 'import' };

/** The result of running one Scout YAML test through the `eeplay` methods. */
export interface ScoutResult {
  /** True when every EE's post-state (and the deposits, if listed) matched. */
  passed: boolean;
  /** The shard the test's blocks ran on. */
  shardIndex: number;
  /** One entry per beacon_state.execution_scripts entry, in order. */
  executionEnvironments: ScoutEEResult[];
  /** One entry per shard_blocks entry that ran; a rejected block ends the run. */
  blocks: { env: number; blockIndex?: number; error?: string }[];
  /** Differences in deposit_receipts; absent when the file lists none. */
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
}

/**
 * The `eeplay` object. Every method waits for `ready`. A failure rejects
 * with an Error whose message is the core's message. Successful changes are
 * recorded in IndexedDB and replayed on the next visit.
 */
export interface Eeplay {
  /** Resolves once the core is loaded and the stored simulation replayed. */
  readonly ready: Promise<void>;
  /** Starts over with an empty simulation and forgets the stored one. */
  reset(): Promise<void>;
  /** Adds an EE; resolves to its index. initialState defaults to 32 zero bytes. */
  createExecutionEnvironment(p: { wasmCode: BytesInput; initialState?: BytesInput }): Promise<number>;
  /**
   * Runs the transactions as one block on the shard, atomically; resolves to the block's index on that shard.
   * A rejected block rejects with a BlockRejectedError.
   */
  createShardBlock(p: { shardIndex: number; transactions: TransactionInput[] }): Promise<number>;
  getExecutionEnvironment(p: { eeIndex: number }): Promise<ExecutionEnvironment>;
  getShardBlock(p: { shardIndex: number; blockIndex: number }): Promise<ShardBlock>;
  getShardState(p: { shardIndex: number }): Promise<ShardState>;
  getExecutionEnvironmentState(p: { eeIndex: number; shardIndex: number }): Promise<RootHex>;

  /** Counts for the overview: slot, EEs, blocks per shard. */
  getOverview(): Promise<Overview>;
  /** The BeaconState, SSZ-encoded. */
  getBeaconStateSSZ(): Promise<Uint8Array>;
  /** The whole simulation as a file (JSON, see docs/simulation-file.md). */
  exportSimulation(): Promise<Uint8Array>;
  /** Replaces the simulation with the one in the file; on any error nothing changes. */
  importSimulation(file: Uint8Array): Promise<void>;
  /** Runs a Scout YAML test with its wasm files through the methods above. */
  runScoutTest(input: ScoutTestInput): Promise<ScoutResult>;
  /** Calls listener after every change; returns a function that stops that. */
  onChange(listener: (change: Change) => void): () => void;
}

declare global {
  interface Window {
    eeplay: Eeplay;
  }
}
