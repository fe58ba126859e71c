import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunData, type DataMode } from './run-data';

test('parseRunData reads the data field as its mode says', () => {
  const cases: { name: string; value: string; mode: DataMode; want: { hex: string; as: 'hex' | 'text' } }[] = [
    { name: 'auto, text', value: 'hello', mode: 'auto', want: { hex: '68656c6c6f', as: 'text' } },
    { name: 'auto, 0x hex', value: '0x68656c6c6f', mode: 'auto', want: { hex: '68656c6c6f', as: 'hex' } },
    { name: 'auto, 0X hex with spaces', value: ' 0X68 65 ', mode: 'auto', want: { hex: '6865', as: 'hex' } },
    { name: 'auto, hex digits without 0x are text', value: 'abcd', mode: 'auto', want: { hex: '61626364', as: 'text' } },
    { name: 'auto, empty', value: '', mode: 'auto', want: { hex: '', as: 'text' } },
    { name: 'auto, 0x alone is empty hex', value: '0x', mode: 'auto', want: { hex: '', as: 'hex' } },
    { name: 'hex without 0x', value: 'abcd', mode: 'hex', want: { hex: 'abcd', as: 'hex' } },
    { name: 'hex, empty', value: '  ', mode: 'hex', want: { hex: '', as: 'hex' } },
    { name: 'text that looks like hex', value: '0x00', mode: 'text', want: { hex: '30783030', as: 'text' } },
    { name: 'text, UTF-8', value: 'é', mode: 'text', want: { hex: 'c3a9', as: 'text' } },
  ];
  for (const c of cases) {
    const got = parseRunData(c.value, c.mode);
    assert.deepEqual({ hex: Buffer.from(got.bytes).toString('hex'), as: got.as }, c.want, c.name);
  }
});

test('parseRunData rejects hex that is not hex, saying why', () => {
  const cases: { name: string; value: string; mode: DataMode; want: string }[] = [
    { name: 'odd digits', value: '0x123', mode: 'auto', want: 'the data is not valid hex: hex has an odd number of digits (3)' },
    { name: 'a non-hex character', value: 'zz', mode: 'hex', want: 'the data is not valid hex: hex has a non-hex character "z" at position 0' },
  ];
  for (const c of cases) assert.throws(() => parseRunData(c.value, c.mode), { message: c.want }, c.name);
});
