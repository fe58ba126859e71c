import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoot } from './ees';

const ROOT = '0123456789abcdef'.repeat(4);
const ROOT_BYTES = Uint8Array.from({ length: 32 }, (_, i) => [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef][i % 8]);

test('parseRoot reads 32 bytes of hex, with or without 0x, or nothing', () => {
  const cases: [string, Uint8Array | undefined][] = [
    ['', undefined],
    [' \t\n', undefined],
    [ROOT, ROOT_BYTES],
    [`0x${ROOT}`, ROOT_BYTES],
    [`  0X${ROOT.toUpperCase()}\n`, ROOT_BYTES],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseRoot(text, 'Initial state'), want, text);
});

test('parseRoot says what is wrong, after what the root is', () => {
  const cases: [string, string][] = [
    ['0x123', 'Initial state: hex has an odd number of digits (3)'],
    [`${ROOT.slice(1)}z`, 'Initial state: hex has a non-hex character "z" at position 63'],
    ['0x0x12', 'Initial state: hex has a non-hex character "x" at position 1'],
    ['0x00', 'Initial state must be 32 bytes (64 hex digits), not 1 byte'],
    ['0x', 'Initial state must be 32 bytes (64 hex digits), not 0 bytes'],
    [ROOT.slice(2), 'Initial state must be 32 bytes (64 hex digits), not 31 bytes'],
    [`${ROOT}00`, 'Initial state must be 32 bytes (64 hex digits), not 33 bytes'],
  ];
  for (const [text, message] of cases) assert.throws(() => parseRoot(text, 'Initial state'), new Error(message), text);
});
