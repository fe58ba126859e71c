// Running a Scout YAML test in the page, through the same methods anyone
// can call on `eeplay`: the core parses the file and checks the files it
// names by their sizes (with the checks and messages of `eeplay scout`),
// then each script becomes an EE and each shard block a block.
import type { BlockCancelledError, Eeplay, ScoutEEResult, ScoutResult, ScoutTestInput } from './api';
import { toHex } from './bytes';
import type { ParsedScoutTest } from './protocol';

/** The sizes of files, by name: what the core checks a test's files by, without their bytes. */
export function fileSizes(files: Record<string, Uint8Array>): Record<string, number> {
  return Object.fromEntries(Object.entries(files).map(([name, code]) => [name, code.length]));
}

/** runScoutTest runs test, parsed with fileSizes(input.files), on eeplay. */
export async function runScoutTest(eeplay: Eeplay, test: ParsedScoutTest, input: ScoutTestInput): Promise<ScoutResult> {
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
  const deposits: string[] = [];
  let rejected = false;
  for (const [i, block] of test.blocks.entries()) {
    input.onBlock?.(i, test.blocks.length);
    try {
      const blockIndex = await eeplay.createShardBlock({
        shardIndex,
        transactions: [{ eeIndex: eeIndices[block.eeIndex], data: block.data }],
        signal: input.signal,
      });
      blocks.push({ env: block.eeIndex, blockIndex });
      const { receipts } = await eeplay.getShardBlock({ shardIndex, blockIndex });
      deposits.push(...receipts.flatMap((r) => r.deposits.map(toHex)));
    } catch (error) {
      // A cancelled test has no result.
      if ((error as BlockCancelledError).cancelled || input.signal?.aborted) throw error;
      blocks.push({ env: block.eeIndex, error: error instanceof Error ? error.message : String(error) });
      rejected = true;
      break;
    }
  }

  const executionEnvironments: ScoutEEResult[] = [];
  for (const [i, script] of test.executionScripts.entries()) {
    const eeIndex = eeIndices[i];
    const actual = await eeplay.getExecutionEnvironmentState({ eeIndex, shardIndex });
    const expected = test.postStates[i] ?? 'none';
    executionEnvironments.push({ script, eeIndex, expected, actual, passed: !rejected && expected === actual });
  }

  const result: ScoutResult = {
    passed: false,
    shardIndex,
    executionEnvironments,
    blocks,
  };
  if (test.deposits !== null) {
    result.depositDifferences = diffDeposits(test.deposits.map(toHex), deposits);
  }
  result.passed =
    !rejected &&
    test.postStates.length === test.executionScripts.length &&
    executionEnvironments.every((ee) => ee.passed) &&
    (result.depositDifferences?.length ?? 0) === 0;
  return result;
}

// diffDeposits describes how the deposits pushed differ from those
// expected, one line each, like `eeplay scout`.
function diffDeposits(expected: string[], actual: string[]): string[] {
  const diffs: string[] = [];
  if (expected.length !== actual.length) {
    diffs.push(`expected ${expected.length} deposits, actual ${actual.length}`);
  }
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) {
      diffs.push(`deposit_receipts[${i}]: expected ${expected[i] ?? 'none'}, actual ${actual[i] ?? 'none'}`);
    }
  }
  return diffs;
}
