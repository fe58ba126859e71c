import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listed, plural, printable, shortHex } from './dom';

test('shortHex cuts hex longer than 18 characters to its ends', () => {
  const cases: [string, string][] = [
    ['0x', '0x'],
    ['0x0123456789abcdef', '0x0123456789abcdef'],
    ['0x0123456789abcdef0', '0x012345…bcdef0'],
    [`0x${'ab'.repeat(31)}cdef`, '0xababab…abcdef'],
  ];
  for (const [hex, want] of cases) assert.equal(shortHex(hex), want, hex);
});

test('listed joins with commas and a last "and"', () => {
  const cases: [string[], string][] = [
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ];
  for (const [items, want] of cases) assert.equal(listed(items), want, JSON.stringify(items));
});

test('plural counts with thousands separators, singular only for one', () => {
  const cases: [number, string, string | undefined, string][] = [
    [0, 'block', undefined, '0 blocks'],
    [1, 'block', undefined, '1 block'],
    [2, 'block', undefined, '2 blocks'],
    [1234567, 'byte', undefined, '1,234,567 bytes'],
    [1, 'entry', 'entries', '1 entry'],
    [3, 'entry', 'entries', '3 entries'],
  ];
  for (const [n, word, words, want] of cases) assert.equal(plural(n, word, words), want);
});

test('printable is the text of UTF-8 without control characters but tab and newline', () => {
  const cases: [number[], string | null][] = [
    [[], null],
    [[...new TextEncoder().encode('hello')], 'hello'],
    [[...new TextEncoder().encode('a\tb\nc é ✓')], 'a\tb\nc é ✓'],
    [[0x68, 0x00], null],
    [[0x68, 0x0d], null],
    [[0x68, 0x1b], null],
    [[0x68, 0x7f], null],
    // Not UTF-8: a lone continuation byte, a cut two-byte sequence.
    [[0x80], null],
    [[0xc3], null],
  ];
  for (const [bytes, want] of cases) assert.equal(printable(new Uint8Array(bytes)), want, `${bytes}`);
});
