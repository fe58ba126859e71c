import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomTransfers } from './random-transfers';

/** A seeded generator (mulberry32), so a failing seed can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Accounts 1 to n, each holding balance. */
function accounts(n: number, balance: number): { address: number; balance: number }[] {
  return Array.from({ length: n }, (_, i) => ({ address: i + 1, balance }));
}

test('randomTransfers never sends to the sender, and each sender holds the amount at its turn', () => {
  for (const [n, balance] of [
    [16, 1000],
    [2, 1000],
    [1, 1000],
    [3, 1],
  ]) {
    for (let seed = 0; seed < 2000; seed++) {
      const made = randomTransfers(accounts(n, balance), 8, seeded(seed));
      const held = new Map(accounts(n, balance).map((a) => [a.address, a.balance]));
      for (const [i, t] of made.entries()) {
        const where = `${n} accounts of ${balance}, seed ${seed}, transfer ${i}: ${JSON.stringify(t)}`;
        assert.notEqual(t.recipient, t.sender, `a self-transfer: ${where}`);
        assert.ok(Number.isInteger(t.recipient) && t.recipient >= 0 && t.recipient < 2 ** 32, `not a 32-bit address: ${where}`);
        assert.ok(t.amount >= 1 && t.amount <= (held.get(t.sender) ?? 0), `the sender does not hold the amount: ${where}`);
        held.set(t.sender, (held.get(t.sender) ?? 0) - t.amount);
        held.set(t.recipient, (held.get(t.recipient) ?? 0) + t.amount);
      }
      // Tokens only move between accounts, so a batch of 8 runs whole while any is funded.
      assert.equal(made.length, 8, `${n} accounts of ${balance}, seed ${seed}`);
    }
  }
});

test('randomTransfers sends to new addresses too, and makes nothing when no account holds tokens', () => {
  const made = Array.from({ length: 200 }, (_, seed) => randomTransfers(accounts(16, 1000), 8, seeded(seed))).flat();
  assert.ok(made.some((t) => t.recipient > 16), 'no transfer to a new address');
  assert.ok(made.some((t) => t.recipient <= 16), 'no transfer to a genesis account');
  assert.deepEqual(randomTransfers(accounts(4, 0), 8, seeded(1)), []);
  assert.deepEqual(randomTransfers([], 8, seeded(1)), []);
});
