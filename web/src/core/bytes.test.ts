import assert from 'node:assert/strict';
import { test } from 'node:test';
import { equalBytes, fromHex, toHex } from './bytes';

test('toHex writes 0x and two lowercase digits a byte', () => {
  const cases: [number[], string][] = [
    [[], '0x'],
    [[0], '0x00'],
    [[0x0a, 0xff, 0x10], '0x0aff10'],
  ];
  for (const [bytes, hex] of cases) assert.equal(toHex(new Uint8Array(bytes)), hex);
});

test('fromHex reads hex with or without 0x, in either case', () => {
  const cases: [string, number[]][] = [
    ['', []],
    ['0x', []],
    ['0x0aff10', [0x0a, 0xff, 0x10]],
    ['0X0AFF10', [0x0a, 0xff, 0x10]],
    ['0aFf10', [0x0a, 0xff, 0x10]],
  ];
  for (const [hex, bytes] of cases) assert.deepEqual(fromHex(hex), new Uint8Array(bytes), hex);
});

test('fromHex says what is wrong with bad hex', () => {
  const cases: [string, string][] = [
    ['0x123', 'hex has an odd number of digits (3)'],
    ['f', 'hex has an odd number of digits (1)'],
    ['0x12zz', 'hex has a non-hex character "z" at position 2'],
    ['0x 1', 'hex has a non-hex character " " at position 0'],
    // Only the prefix may say x.
    ['0x0x12', 'hex has a non-hex character "x" at position 1'],
  ];
  for (const [hex, message] of cases) assert.throws(() => fromHex(hex), new Error(message), hex);
});

test('fromHex reads what toHex writes', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromHex(toHex(bytes)), bytes);
});

test('equalBytes compares length and every byte', () => {
  const cases: [number[], number[], boolean][] = [
    [[], [], true],
    [[1, 2, 3], [1, 2, 3], true],
    [[1, 2, 3], [1, 2, 4], false],
    [[1, 2], [1, 2, 0], false],
    [[1, 2, 0], [1, 2], false],
  ];
  for (const [a, b, equal] of cases) assert.equal(equalBytes(new Uint8Array(a), new Uint8Array(b)), equal, `${a} and ${b}`);
});
