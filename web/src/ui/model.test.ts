import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecutionEnvironment, Overview } from '../core/api';
import { describeChange, type Shown, type Update } from './model';
import { everythingChanged, type ViewUpdate } from './view';

// The shards of these overviews: any count does; the core's is 64.
const SHARDS = 64;
const ZERO = `0x${'00'.repeat(32)}`;
const ONE = `0x${'11'.repeat(32)}`;

function ee(): ExecutionEnvironment {
  return { wasmCode: new Uint8Array([0, 0x61, 0x73, 0x6d]), initialState: ZERO };
}

function overview(counts: Record<number, number> = {}, engine: Overview['engine'] = 'wazero'): Overview {
  const blockCounts = new Array<number>(SHARDS).fill(0);
  for (const [s, n] of Object.entries(counts)) blockCounts[Number(s)] = n;
  return { slot: blockCounts.reduce((a, b) => a + b, 0), executionEnvironmentCount: 0, blockCounts, engine };
}

const first = ee();
const second = ee();
const before: Shown = {
  overview: overview({ 3: 1 }),
  ees: [first],
  labels: ['EE 0'],
  states: new Map([
    [0, [ZERO]],
    [3, [ONE]],
  ]),
  selected: 0,
  lastBlock: { shardIndex: 3, blockIndex: 0, milliseconds: 2, engine: 'wazero' },
  deployed: null,
};

const nothing: ViewUpdate = {
  reloaded: false,
  overview: false,
  shards: new Set(),
  ees: false,
  eesReplaced: false,
  names: false,
  lastBlock: false,
  selected: false,
  token: false,
  deployed: false,
  projects: false,
};

test('describeChange says what changed between two batches', () => {
  const cases: { name: string; after: Shown; batch: Update[]; want: ViewUpdate }[] = [
    { name: 'a selection of the same shard', after: { ...before }, batch: [{ kind: 'select' }], want: nothing },
    {
      name: 'another shard selected',
      after: { ...before, selected: 5, states: new Map([...before.states, [5, [ZERO]]]) },
      batch: [{ kind: 'select' }],
      want: { ...nothing, selected: true },
    },
    {
      name: 'a block on shard 3',
      after: {
        ...before,
        overview: overview({ 3: 2 }),
        states: new Map([...before.states, [3, [ZERO]]]),
        selected: 3,
        lastBlock: { shardIndex: 3, blockIndex: 1, milliseconds: 2, engine: 'wazero' },
      },
      batch: [{ kind: 'createShardBlock', shardIndex: 3, blockIndex: 1, milliseconds: 2, engine: 'wazero', transactions: 1 }],
      want: { ...nothing, overview: true, shards: new Set([3]), lastBlock: true, selected: true },
    },
    {
      name: 'a new EE',
      after: {
        ...before,
        overview: { ...before.overview, executionEnvironmentCount: 2 },
        ees: [first, second],
        labels: ['EE 0', 'EE 1'],
        states: new Map([
          [0, [ZERO, ZERO]],
          [3, [ONE, ZERO]],
        ]),
      },
      batch: [{ kind: 'createExecutionEnvironment', eeIndex: 1 }],
      want: { ...nothing, overview: true, shards: new Set([0, 3]), ees: true, names: true },
    },
    {
      name: 'an EE named after it was created',
      after: { ...before, labels: ['EE 0 (hashchain)'] },
      batch: [{ kind: 'createExecutionEnvironment', eeIndex: 0 }],
      want: { ...nothing, names: true },
    },
    {
      name: 'fewer EEs than before, read afresh',
      after: { ...before, ees: [second] },
      batch: [{ kind: 'select' }],
      want: { ...nothing, ees: true, eesReplaced: true },
    },
    {
      name: 'the engine switched',
      after: { ...before, overview: overview({ 3: 1 }, 'browser') },
      batch: [{ kind: 'engine', engine: 'browser' }],
      want: { ...nothing, overview: true },
    },
    {
      name: 'the token provider attached',
      after: { ...before },
      batch: [{ kind: 'token' }],
      want: { ...nothing, token: true },
    },
    {
      name: 'an EE deployed from a project',
      after: { ...before, deployed: 0 },
      batch: [{ kind: 'deployed' }],
      want: { ...nothing, deployed: true },
    },
    {
      name: 'a project saved',
      after: { ...before },
      batch: [{ kind: 'projects' }],
      want: { ...nothing, projects: true },
    },
    {
      name: 'the last block forgotten',
      after: { ...before, lastBlock: null },
      batch: [{ kind: 'select' }],
      want: { ...nothing, lastBlock: true },
    },
    { name: 'the first load', after: { ...before }, batch: [{ kind: 'initial' }], want: everythingChanged(SHARDS) },
    { name: 'a reset', after: { ...before }, batch: [{ kind: 'select' }, { kind: 'reset' }], want: everythingChanged(SHARDS) },
    { name: 'an import', after: { ...before }, batch: [{ kind: 'import' }], want: everythingChanged(SHARDS) },
  ];
  for (const c of cases) assert.deepEqual(describeChange(before, c.after, c.batch, SHARDS), c.want, c.name);
});
