import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedScoutTest, ScratchScoutRun } from './protocol';
import { fileSizes, scoutResult, scratchScoutResult, type ScoutJudgement, type ScoutRun } from './scout';

const root = (byte: number) => `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;

/** A parsed test of two scripts, one block each. */
const parsed: ParsedScoutTest = {
  executionScripts: ['dir/a.wasm', 'b.wasm'],
  scriptFiles: ['a.wasm', 'b.wasm'],
  preStates: [root(0), root(0)],
  blocks: [
    { eeIndex: 0, data: new Uint8Array([1]) },
    { eeIndex: 1, data: new Uint8Array([2]) },
  ],
  postStates: [root(1), root(2)],
  deposits: null,
};

const passed: ScoutJudgement = { passed: true, stateDifferences: [], depositDifferences: null };

test('fileSizes gives each file its length, by name', () => {
  assert.deepEqual(fileSizes({}), {});
  assert.deepEqual(fileSizes({ 'a.wasm': new Uint8Array(3), 'b.wasm': new Uint8Array(0) }), { 'a.wasm': 3, 'b.wasm': 0 });
});

test('scoutResult: each EE with its expected and actual state; passed as the core judged', () => {
  const run: ScoutRun = {
    shardIndex: 5,
    eeIndices: [7, 8],
    actualStates: [root(1), root(2)],
    blocks: [
      { env: 0, blockIndex: 0, debug: [], modules: [] },
      { env: 1, blockIndex: 1, debug: [], modules: [] },
    ],
  };
  assert.deepEqual(scoutResult(parsed, run, passed), {
    passed: true,
    shardIndex: 5,
    executionEnvironments: [
      { script: 'dir/a.wasm', eeIndex: 7, expected: root(1), actual: root(1), passed: true },
      { script: 'b.wasm', eeIndex: 8, expected: root(2), actual: root(2), passed: true },
    ],
    blocks: run.blocks,
    stateDifferences: [],
  });
});

test('scoutResult: the differences are the core’s, deposits only when the test lists them', () => {
  const run: ScoutRun = { shardIndex: 0, eeIndices: [0, 1], actualStates: [root(1), root(3)], blocks: [{ env: 0, blockIndex: 0, debug: [], modules: [] }] };
  const judgement: ScoutJudgement = {
    passed: false,
    stateDifferences: [`exec_env_states[1]: expected ${root(2)}, actual ${root(3)}`],
    depositDifferences: ['expected 1 deposits, actual 0', `deposit_receipts[0]: expected 0x${'00'.repeat(184)}, actual none`],
  };
  const withDeposits: ParsedScoutTest = { ...parsed, deposits: [new Uint8Array(184)] };
  const result = scoutResult(withDeposits, run, judgement);
  assert.equal(result.passed, false);
  assert.deepEqual(
    result.executionEnvironments.map((ee) => ee.passed),
    [true, false],
  );
  assert.deepEqual(result.stateDifferences, judgement.stateDifferences);
  assert.deepEqual(result.depositDifferences, judgement.depositDifferences);
});

test('scoutResult: a rejected block fails the test and every EE, whatever the states', () => {
  const run: ScoutRun = {
    shardIndex: 0,
    eeIndices: [0, 1],
    actualStates: [root(1), root(2)],
    blocks: [
      { env: 0, blockIndex: 0, debug: [], modules: [] },
      { env: 1, error: 'create shard block on shard 0: transaction 0 (execution environment 1): unreachable', debug: [], modules: [] },
    ],
  };
  const result = scoutResult(parsed, run, passed);
  assert.equal(result.passed, false);
  assert.deepEqual(
    result.executionEnvironments.map((ee) => ee.passed),
    [false, false],
  );
});

test('scoutResult: a script without an expected post-state expects none', () => {
  const run: ScoutRun = { shardIndex: 0, eeIndices: [0, 1], actualStates: [root(1), root(2)], blocks: [] };
  const judgement: ScoutJudgement = { passed: false, stateDifferences: ['expected 1 exec_env_states, actual 2', `exec_env_states[1]: expected none, actual ${root(2)}`], depositDifferences: null };
  const result = scoutResult({ ...parsed, postStates: [root(1)] }, run, judgement);
  assert.equal(result.passed, false);
  assert.deepEqual(result.executionEnvironments[1], { script: 'b.wasm', eeIndex: 1, expected: 'none', actual: root(2), passed: false });
  assert.equal(result.depositDifferences, undefined);
});

test('scratchScoutResult: the core’s scratch run as a ScoutResult, with its EE indices, debug lines and child modules', () => {
  const run: ScratchScoutRun = {
    executionScripts: ['dir/a.wasm', 'b.wasm'],
    postStates: [root(1), root(2)],
    eeIndices: [0, 1],
    actualStates: [root(1), root(3)],
    blocks: [
      { env: 1, blockIndex: 0, debug: ['print32: 7'], modules: [{ slot: 0, size: 8, sha256: root(9), calls: 2, callbacks: 1 }] },
      { env: 0, blockIndex: 1, debug: [], modules: [] },
    ],
    passed: false,
    stateDifferences: [`exec_env_states[1]: expected ${root(2)}, actual ${root(3)}`],
    depositDifferences: null,
  };
  assert.deepEqual(scratchScoutResult(run, 3), {
    passed: false,
    shardIndex: 3,
    executionEnvironments: [
      { script: 'dir/a.wasm', eeIndex: 0, expected: root(1), actual: root(1), passed: true },
      { script: 'b.wasm', eeIndex: 1, expected: root(2), actual: root(3), passed: false },
    ],
    blocks: run.blocks,
    stateDifferences: run.stateDifferences,
  });
});

test('scratchScoutResult: a rejected block fails the test; checked deposits are kept', () => {
  const run: ScratchScoutRun = {
    executionScripts: ['a.wasm'],
    postStates: [root(0)],
    eeIndices: [0],
    actualStates: [root(0)],
    blocks: [{ env: 0, error: 'create shard block on shard 0: transaction 0 (execution environment 0): unreachable', debug: ['print32: 7'], modules: [] }],
    passed: false,
    stateDifferences: [],
    depositDifferences: [],
  };
  const result = scratchScoutResult(run, 0);
  assert.equal(result.passed, false);
  assert.deepEqual(result.executionEnvironments[0], { script: 'a.wasm', eeIndex: 0, expected: root(0), actual: root(0), passed: false });
  assert.deepEqual(result.blocks, run.blocks);
  assert.deepEqual(result.depositDifferences, []);
  // The core's judgement alone passes a test only when no block was rejected.
  assert.equal(scratchScoutResult({ ...run, passed: true, blocks: [{ env: 0, blockIndex: 0, debug: [], modules: [] }] }, 0).passed, true);
});
