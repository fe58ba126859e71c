import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TokenComparison, TokenStatus } from '../core/api';
import { tokenChange, type TokenChange } from './status';

const ROOT = `0x${'00'.repeat(32)}`;

function comparison(blockIndex: number): TokenComparison {
  const cost = { proofBytes: 0, dataBytes: 0, ticks: 0, milliseconds: 0 };
  return { blockIndex, transfers: 1, multi: cost, single: cost };
}

const status: TokenStatus = {
  eeIndex: 2,
  shardIndex: 0,
  genesisAccounts: 2,
  seed: 1,
  accounts: [
    { address: 7, nonce: 0, balance: 10 },
    { address: 9, nonce: 1, balance: 5 },
  ],
  root: ROOT,
  eeRoot: ROOT,
  inSync: true,
  problem: '',
  followedBlocks: 1,
  comparisons: [comparison(0)],
};

const everything: TokenChange = { accounts: true, comparisons: true, lastBlock: true };
const nothing: TokenChange = { accounts: false, comparisons: false, lastBlock: false };

test('tokenChange says what the panel redraws after a new status', () => {
  const cases: { name: string; before: TokenStatus | null; after: TokenStatus | null; want: TokenChange }[] = [
    { name: 'attached', before: null, after: status, want: everything },
    { name: 'detached', before: status, after: null, want: everything },
    { name: 'the same status again', before: status, after: { ...status, followedBlocks: 2 }, want: nothing },
    {
      name: 'a nonce, which the form does not show',
      before: status,
      after: { ...status, accounts: [status.accounts[0], { ...status.accounts[1], nonce: 2 }] },
      want: nothing,
    },
    {
      name: 'a balance',
      before: status,
      after: { ...status, accounts: [status.accounts[0], { ...status.accounts[1], balance: 4 }] },
      want: { ...nothing, accounts: true },
    },
    {
      name: 'a new account',
      before: status,
      after: { ...status, accounts: [...status.accounts, { address: 11, nonce: 0, balance: 1 }] },
      want: { ...nothing, accounts: true },
    },
    {
      name: 'a token block',
      before: status,
      after: { ...status, comparisons: [comparison(0), comparison(3)] },
      want: { ...nothing, comparisons: true, lastBlock: true },
    },
    { name: 'another token EE', before: status, after: { ...status, eeIndex: 3 }, want: { ...nothing, lastBlock: true } },
    { name: 'another shard', before: status, after: { ...status, shardIndex: 4 }, want: { ...nothing, lastBlock: true } },
  ];
  for (const c of cases) assert.deepEqual(tokenChange(c.before, c.after), c.want, c.name);
});
