// The controls that look inside a stored transaction: its Trace and its
// Profile, side by side, each opening its own panel under them.

import type { Eeplay } from '../core/api';
import { h } from './dom';
import { profileDisclosure } from './profile';
import type { TransactionControl } from './receipt';
import { traceDisclosure } from './trace';
import './inspect.css';

/** inspectControls returns, for renderBlock, the Trace and Profile buttons of each transaction of block blockIndex on shard shardIndex. */
export function inspectControls(eeplay: Pick<Eeplay, 'traceTransaction' | 'profileTransaction'>, shardIndex: number, blockIndex: number): TransactionControl {
  return (transactionIndex) => {
    const position = { shardIndex, blockIndex, transactionIndex };
    const trace = traceDisclosure(eeplay, position);
    const profile = profileDisclosure(eeplay, position);
    return h('div', { class: 'inspect' }, h('div', { class: 'inspect-buttons' }, trace.button, profile.button), trace.panel, profile.panel);
  };
}
