// Running a Scout YAML test in the page, through the same methods anyone
// can call on `eeplay`: the core parses the file and checks the files it
// names by their sizes (with the checks and messages of `eeplay scout`),
// then each script becomes an EE and each shard block a block, and the
// core judges the states and deposits they leave, as `eeplay scout` does.
// A scratch test runs in the core whole, in a simulation of its own
// (runScratchScoutTest): its answer only needs turning into a ScoutResult.
import type { BlockCancelledError, BlockRejectedError, Eeplay, RootHex, ScoutEEResult, ScoutResult, ScoutTestInput } from './api';
import type { CoreMethods, ParsedScoutTest, ScratchScoutRun } from './protocol';

/** The sizes of files, by name: what the core checks a test's files by, without their bytes. */
export function fileSizes(files: Record<string, Uint8Array>): Record<string, number> {
  return Object.fromEntries(Object.entries(files).map(([name, code]) => [name, code.length]));
}

/** The core's judgeScoutTest: how a run compares with what the test expects. */
export type ScoutJudge = (run: CoreMethods['judgeScoutTest']['request']) => Promise<ScoutJudgement>;

/** What the core's judgeScoutTest answers. */
export type ScoutJudgement = CoreMethods['judgeScoutTest']['result'];

/** runScoutTest runs test, parsed with fileSizes(input.files), on eeplay, and has judge say whether it passed. */
export async function runScoutTest(eeplay: Eeplay, judge: ScoutJudge, test: ParsedScoutTest, input: ScoutTestInput): Promise<ScoutResult> {
  const codes = test.scriptFiles.map((name) => input.files[name]);
  const shardIndex = input.shardIndex ?? 0;

  const eeIndices: number[] = [];
  for (const [i, wasmCode] of codes.entries()) {
    try {
      eeIndices.push(await eeplay.createExecutionEnvironment({ wasmCode, initialState: test.preStates[i] }));
    } catch (error) {
      throw new Error(`beacon_state.execution_scripts[${i}]: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const blocks: ScoutResult['blocks'] = [];
  const pushedDeposits: Uint8Array[] = [];
  const pushedBy: string[] = [];
  for (const [i, block] of test.blocks.entries()) {
    input.onBlock?.(i, test.blocks.length);
    try {
      const blockIndex = await eeplay.createShardBlock({
        shardIndex,
        transactions: [{ eeIndex: eeIndices[block.eeIndex], data: block.data }],
        signal: input.signal,
      });
      const { receipts } = await eeplay.getShardBlock({ shardIndex, blockIndex });
      blocks.push({ env: block.eeIndex, blockIndex, debug: receipts.flatMap((r) => r.debug), modules: receipts.flatMap((r) => r.modules) });
      for (const deposit of receipts.flatMap((r) => r.deposits)) {
        pushedDeposits.push(deposit);
        pushedBy.push(`shard_blocks[${i}]`);
      }
    } catch (error) {
      // A cancelled test has no result.
      if ((error as BlockCancelledError).cancelled || input.signal?.aborted) throw error;
      const receipt = (error as BlockRejectedError).transaction?.receipt;
      blocks.push({ env: block.eeIndex, error: error instanceof Error ? error.message : String(error), debug: receipt?.debug ?? [], modules: receipt?.modules ?? [] });
      break;
    }
  }

  const actualStates: RootHex[] = [];
  for (const eeIndex of eeIndices) actualStates.push(await eeplay.getExecutionEnvironmentState({ eeIndex, shardIndex }));
  const judgement = await judge({ expectedStates: test.postStates, actualStates, expectedDeposits: test.deposits, pushedDeposits, pushedBy });
  return scoutResult(test, { shardIndex, eeIndices, actualStates, blocks }, judgement);
}

/** What a run of a Scout test did: where its EEs and blocks went, and the EEs' states after them. */
export interface ScoutRun {
  shardIndex: number;
  /** The index each script's EE got. */
  eeIndices: number[];
  /** Each script's EE's state after the blocks. */
  actualStates: RootHex[];
  /** The blocks that ran; a rejected one ends the run. */
  blocks: ScoutResult['blocks'];
}

/** scratchScoutResult is the result of a test the core ran in a scratch simulation, its blocks on shardIndex. */
export function scratchScoutResult(run: ScratchScoutRun, shardIndex: number): ScoutResult {
  return scoutResult(run, { shardIndex, eeIndices: run.eeIndices, actualStates: run.actualStates, blocks: run.blocks }, run);
}

/** scoutResult is the result of test's run, passed when no block was rejected and the core's judgement has it passed. */
export function scoutResult(test: Pick<ParsedScoutTest, 'executionScripts' | 'postStates'>, run: ScoutRun, judgement: ScoutJudgement): ScoutResult {
  const rejected = run.blocks.some((b) => b.error !== undefined);
  const executionEnvironments = test.executionScripts.map((script, i): ScoutEEResult => {
    const expected = test.postStates[i] ?? 'none';
    const actual = run.actualStates[i];
    return { script, eeIndex: run.eeIndices[i], expected, actual, passed: !rejected && expected === actual };
  });
  const result: ScoutResult = {
    passed: !rejected && judgement.passed,
    shardIndex: run.shardIndex,
    executionEnvironments,
    blocks: run.blocks,
    stateDifferences: judgement.stateDifferences,
  };
  if (judgement.depositDifferences !== null) result.depositDifferences = judgement.depositDifferences;
  return result;
}
