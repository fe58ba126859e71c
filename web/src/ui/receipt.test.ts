import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childModuleCalls } from './receipt';

test('childModuleCalls counts the calls each way, singular only for one', () => {
  const cases: [number, number, string][] = [
    [3, 1, '3 calls from the EE, 1 call back'],
    [1, 0, '1 call from the EE, 0 calls back'],
    [0, 2, '0 calls from the EE, 2 calls back'],
    [1234, 1, '1,234 calls from the EE, 1 call back'],
  ];
  for (const [calls, callbacks, want] of cases) assert.equal(childModuleCalls({ calls, callbacks }), want);
});
