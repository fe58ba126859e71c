import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostCall } from '../core/api';
import { callText, flatten, hexLines, matches, summarize } from './trace-summary';

function call(fn: string, more: Partial<HostCall> = {}): HostCall {
  return { function: fn, args: [], read: [], written: [], ticks: 0, calls: [], ...more };
}

const bytes = (n: number) => ({ offset: 0, bytes: new Uint8Array(n) });

test('summarize groups calls by what they do, nested ones included, in the order each group first appears', () => {
  const trace = {
    calls: [
      call('eth2_loadPreStateRoot', { written: [bytes(32)] }),
      call('eth2_blockDataSize', { result: 593 }),
      call('eth2_blockDataCopy', { written: [bytes(593)] }),
      call('bignum_add256', { read: [bytes(64)], written: [bytes(32)] }),
      call('eth2_useTicks', { args: [{ name: 'ticks', value: 100, pointer: false }] }),
      call('eth2_useTicks', { args: [{ name: 'ticks', value: 5, pointer: false }] }),
      call('eth2_callModule', { calls: [call('bignum_mul256'), call('eth2_expose')] }),
      call('eth2_emitLog', { read: [bytes(5)] }),
      call('eth2_savePostStateRoot', { read: [bytes(32)] }),
    ],
  };
  assert.equal(
    summarize(trace),
    'loaded pre-state, read 593 bytes of block data in 2 calls, 2 bignum calls, used 105 ticks in 2 calls, 1 child module call, 1 eth2_expose call, emitted 1 log (5 bytes), saved post-state',
  );
  assert.equal(summarize({ calls: [] }), 'no host calls');
  assert.equal(
    summarize({ calls: [call('eth2_savePostStateRoot'), call('eth2_savePostStateRoot', { error: 'out of bounds' })] }),
    'saved post-state 2 times, failed in eth2_savePostStateRoot',
  );
});

test('flatten puts nested calls after their parent, one deeper', () => {
  const rows = flatten({ calls: [call('a', { calls: [call('b', { calls: [call('c')] }), call('d')] }), call('e')] });
  assert.deepEqual(
    rows.map((r) => `${r.index}:${r.call.function}@${r.depth}`),
    ['0:a@0', '1:b@1', '2:c@2', '3:d@1', '4:e@0'],
  );
});

test('callText shows pointers in hex, other values in decimal, an i64 in full', () => {
  const copy = call('eth2_blockDataCopy', {
    args: [
      { name: 'outputOffset', value: 4096, pointer: true },
      { name: 'offset', value: 0, pointer: false },
      { name: 'length', value: 593, pointer: false },
    ],
  });
  assert.equal(callText(copy), 'eth2_blockDataCopy(outputOffset=0x1000, offset=0, length=593)');
  assert.equal(callText(call('debug_print64', { args: [{ name: 'value', value: 18446744073709551615n, pointer: false }] })), 'debug_print64(value=18446744073709551615)');
});

test('matches finds a part of the function name in any case', () => {
  const row = { call: call('bignum_add256'), depth: 0, index: 0 };
  assert.ok(matches(row, ''));
  assert.ok(matches(row, ' BigNum '));
  assert.ok(!matches(row, 'eth2'));
});

test('hexLines wraps at 32 bytes', () => {
  const lines = hexLines(Uint8Array.from({ length: 70 }, (_, i) => i));
  assert.deepEqual(
    lines.map((l) => l.length),
    [64, 64, 12],
  );
  assert.equal(lines[2], '404142434445');
});
