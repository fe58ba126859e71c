import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TokenProofShape } from '../core/api';
import { addressHex, countShape, depthOf, type ShapeCounts } from './drawing';

/** The generalized index of account 0's leaf: the tree has depth 32. */
const LEAF = 2 ** 32;

test('addressHex writes 0x and 8 hex digits', () => {
  const cases: [number, string][] = [
    [0, '0x00000000'],
    [42, '0x0000002a'],
    [0xffffffff, '0xffffffff'],
  ];
  for (const [address, want] of cases) assert.equal(addressHex(address), want);
});

test('depthOf is exact up to 2**53', () => {
  const cases: [number, number][] = [
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 2],
    [LEAF - 1, 31],
    [LEAF, 32],
    [2 * LEAF - 1, 32],
    // Where Math.log2 rounds up to the next whole number.
    [2 ** 53 - 1, 52],
    [2 ** 53, 53],
  ];
  for (const [g, want] of cases) assert.equal(depthOf(g), want, `depthOf(${g})`);
});

/** The path from generalized index g up to the root, 1. */
function path(g: number): number[] {
  const nodes = [];
  for (; g >= 1; g = Math.floor(g / 2)) nodes.push(g);
  return nodes;
}

/** The siblings of a leaf's path: the helpers of its branch, bottom up. */
function branch(leaf: number): number[] {
  return path(leaf)
    .slice(0, -1)
    .map((g) => (g % 2 === 0 ? g + 1 : g - 1));
}

/** The shape of a proof of leaves with helpers, of which those in sent are sent and the others defaults. */
function shape(leaves: number[], helpers: number[], sent: number[]): TokenProofShape {
  return {
    leaves,
    helpers,
    defaultHelpers: helpers.map((g) => !sent.includes(g)),
    computed: [...new Set(leaves.flatMap(path))],
  };
}

test('countShape counts the nodes of a proof', () => {
  const cases: { name: string; shape: TokenProofShape; want: ShapeCounts }[] = [
    {
      name: 'a multiproof of two neighbours in an otherwise empty tree',
      shape: shape([LEAF, LEAF + 1], branch(2 ** 31), []),
      want: { leaves: 2, given: 0, defaults: 31, computed: 32, duplicates: 0, redundant: 0 },
    },
    {
      name: 'single proofs of two neighbours that both send one sibling',
      shape: shape([LEAF, LEAF + 1], [...branch(LEAF), ...branch(LEAF + 1)], [LEAF, LEAF + 1, 2 ** 30 + 1]),
      want: { leaves: 2, given: 4, defaults: 60, computed: 32, duplicates: 1, redundant: 0 },
    },
    {
      name: 'single proofs that send nodes the other branch computes',
      shape: shape([LEAF, LEAF + 2], [...branch(LEAF), ...branch(LEAF + 2)], [LEAF + 1, LEAF + 3, 2 ** 31, 2 ** 31 + 1]),
      want: { leaves: 2, given: 4, defaults: 60, computed: 33, duplicates: 0, redundant: 2 },
    },
  ];
  for (const { name, shape, want } of cases) assert.deepEqual(countShape(shape), want, name);
});
