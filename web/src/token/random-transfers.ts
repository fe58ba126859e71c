// The batch "8 random transfers" fills the token form with: transfers the
// EE accepts when made in order, each between two different accounts, as a
// transfer to oneself shows nothing of how a proof covers two accounts.

import type { TokenAccount, TokenTransferInput } from '../core/api';

/** The share of transfers that go to an address no account has yet. */
const NEW_ADDRESS = 1 / 8;

/**
 * randomTransfers makes up to count transfers between accounts, drawn with
 * random (in [0, 1)): each sender holds the amount at its turn and never
 * sends to itself; about one in eight goes to a new address. It makes
 * fewer only when no account holds any tokens.
 */
export function randomTransfers(accounts: Pick<TokenAccount, 'address' | 'balance'>[], count: number, random: () => number = Math.random): TokenTransferInput[] {
  const balances = new Map(accounts.map((a) => [a.address, a.balance]));
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const made: TokenTransferInput[] = [];
  for (let i = 0; i < count; i++) {
    const funded = [...balances].filter(([, b]) => b > 0).map(([a]) => a);
    if (!funded.length) break;
    const sender = pick(funded);
    const others = [...balances.keys()].filter((a) => a !== sender);
    const recipient = !others.length || random() < NEW_ADDRESS ? newAddress(balances, random) : pick(others);
    const held = balances.get(sender) ?? 0;
    const amount = Math.min(held, 1 + Math.floor(random() * (Math.floor(held / 4) + 1)));
    balances.set(sender, held - amount);
    balances.set(recipient, (balances.get(recipient) ?? 0) + amount);
    made.push({ sender, recipient, amount });
  }
  return made;
}

/** A 32-bit address no account in balances has. */
function newAddress(balances: Map<number, number>, random: () => number): number {
  let address: number;
  do address = Math.floor(random() * 2 ** 32);
  while (balances.has(address));
  return address;
}
