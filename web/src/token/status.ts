// What changed in the state provider's status from one look to the next,
// so that the token panel redraws only the parts that show it.

import type { TokenStatus } from '../core/api';

/** What the token panel redraws after a new status. */
export interface TokenChange {
  /** The accounts offered in the transfer form: an address or a balance. */
  accounts: boolean;
  /** The blocks compared in the chart. */
  comparisons: boolean;
  /** The last token block, whose accounts the table highlights (or the EE or shard it is looked for on). */
  lastBlock: boolean;
}

/** What changed from before to after; everything when either is null, as nothing or another attachment was shown. */
export function tokenChange(before: TokenStatus | null, after: TokenStatus | null): TokenChange {
  if (!before || !after) return { accounts: true, comparisons: true, lastBlock: true };
  const was = before.accounts;
  const is = after.accounts;
  return {
    accounts: was.length !== is.length || was.some((a, i) => a.address !== is[i].address || a.balance !== is[i].balance),
    comparisons:
      before.comparisons.length !== after.comparisons.length || before.comparisons.some((c, i) => c.blockIndex !== after.comparisons[i].blockIndex),
    lastBlock:
      before.eeIndex !== after.eeIndex || before.shardIndex !== after.shardIndex || before.comparisons.at(-1)?.blockIndex !== after.comparisons.at(-1)?.blockIndex,
  };
}
