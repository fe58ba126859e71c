import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from './panel';

test('parseAddress reads 0x and up to 8 hex digits, or a decimal number', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['42', 42],
    [' 42\n', 42],
    ['0x2a', 42],
    ['0X2A', 42],
    ['0x0000002a', 42],
    ['0xffffffff', 0xffffffff],
    ['4294967295', 0xffffffff],
  ];
  for (const [text, want] of cases) assert.equal(parseAddress(text, 'Sender'), want, text);
});

test('parseAddress says what a 32-bit address looks like, and what it got', () => {
  const cases: [string, string][] = [
    ['', 'Sender must be a 32-bit address, such as 0x0000002a'],
    ['  ', 'Sender must be a 32-bit address, such as 0x0000002a'],
    ['4294967296', 'Sender must be a 32-bit address, such as 0x0000002a, not “4294967296”'],
    ['12345678901', 'Sender must be a 32-bit address, such as 0x0000002a, not “12345678901”'],
    ['0x100000000', 'Sender must be a 32-bit address, such as 0x0000002a, not “0x100000000”'],
    ['0x00000002a', 'Sender must be a 32-bit address, such as 0x0000002a, not “0x00000002a”'],
    ['0x', 'Sender must be a 32-bit address, such as 0x0000002a, not “0x”'],
    ['-1', 'Sender must be a 32-bit address, such as 0x0000002a, not “-1”'],
    ['1.5', 'Sender must be a 32-bit address, such as 0x0000002a, not “1.5”'],
    ['1e3', 'Sender must be a 32-bit address, such as 0x0000002a, not “1e3”'],
    ['2a', 'Sender must be a 32-bit address, such as 0x0000002a, not “2a”'],
  ];
  for (const [text, message] of cases) assert.throws(() => parseAddress(text, 'Sender'), new Error(message), text);
});
