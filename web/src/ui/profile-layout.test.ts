import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProfileNode } from '../core/api';
import { flameFrames, formatNanos, sortFunctions } from './profile-layout';

function node(name: string, caller: number, totalNanos: number, totalTicks = 0): ProfileNode {
  return { name, caller, calls: 1, selfNanos: 0, totalNanos, selfTicks: 0, totalTicks };
}

// main(100) calls a(60) and b(30); a calls b(20) and c(1).
const tree = [node('main', -1, 100, 9), node('b', 0, 30, 3), node('a', 0, 60, 6), node('b', 2, 20, 6), node('c', 2, 1)];

test('flameFrames spans the roots across the width and shares each span among callees, largest first', () => {
  assert.deepEqual(flameFrames(tree, 'time', null, 0), [
    { node: 0, depth: 0, start: 0, width: 1 },
    { node: 2, depth: 1, start: 0, width: 0.6 },
    { node: 1, depth: 1, start: 0.6, width: 0.3 },
    { node: 3, depth: 2, start: 0, width: 0.2 },
    { node: 4, depth: 2, start: 0.2, width: 0.01 },
  ]);
});

test('flameFrames leaves out frames narrower than minWidth, and sizes by ticks when asked', () => {
  assert.deepEqual(
    flameFrames(tree, 'time', null, 0.05).map((f) => f.node),
    [0, 2, 1, 3],
  );
  assert.deepEqual(flameFrames(tree, 'ticks', null, 0.05), [
    { node: 0, depth: 0, start: 0, width: 1 },
    { node: 2, depth: 1, start: 0, width: 6 / 9 },
    { node: 1, depth: 1, start: 6 / 9, width: 3 / 9 },
    { node: 3, depth: 2, start: 0, width: 6 / 9 },
  ]);
});

test('flameFrames with a focus spans it and its callers across the width', () => {
  assert.deepEqual(flameFrames(tree, 'time', 2, 0), [
    { node: 0, depth: 0, start: 0, width: 1 },
    { node: 2, depth: 1, start: 0, width: 1 },
    { node: 3, depth: 2, start: 0, width: 20 / 60 },
    { node: 4, depth: 2, start: 20 / 60, width: 1 / 60 },
  ]);
});

test('flameFrames draws nothing when nothing was measured, and lays out a deep recursion without recursing', () => {
  assert.deepEqual(flameFrames([node('main', -1, 0)], 'time', null, 0), []);
  const deep = Array.from({ length: 20000 }, (_, i) => node('down', i - 1, 20000 - i));
  const frames = flameFrames(deep, 'time', null, 0);
  assert.equal(frames.length, 20000);
  assert.equal(frames.at(-1)?.depth, 19999);
});

test('sortFunctions orders by a column, largest first, ties and names A to Z', () => {
  const fs = [node('b', -1, 5), node('a', -1, 5), node('c', -1, 9)];
  assert.deepEqual(
    sortFunctions(fs, 'totalNanos').map((f) => f.name),
    ['c', 'a', 'b'],
  );
  assert.deepEqual(
    sortFunctions(fs, 'name').map((f) => f.name),
    ['a', 'b', 'c'],
  );
});

test('formatNanos picks the unit that suits the duration', () => {
  assert.deepEqual([0, 850, 12_345, 4_560_000, 1_234_000_000].map(formatNanos), ['0 ns', '850 ns', '12.3 µs', '4.56 ms', '1.23 s']);
});
