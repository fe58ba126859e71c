// counters: four counters under one Merkle root; each change is logged so
// that an observer can follow the counters without reading any state.
//
// Leaf i of the 4-leaf tree holds counter i as a u32, little-endian, in its
// first 4 bytes, the rest zero; each node is SHA-256(left || right).
// Transaction data:
//
//   index (1 byte) | the counter's leaf now (32) | sibling at level 0 (32) | sibling at level 1 (32)
//
// Log, per transaction: index (1 byte) | the counter's new leaf (32).

import { ROOT_SIZE, eth2_blockDataCopy, eth2_blockDataSize, eth2_emitLog, eth2_loadPreStateRoot, eth2_savePostStateRoot, log } from "./lib/eth2";
import * as sha256 from "./lib/sha256";

const DEPTH = 2;
const LEAF = 1;
const SIBLINGS = LEAF + ROOT_SIZE;
const TX_SIZE = SIBLINGS + DEPTH * ROOT_SIZE;

const tx = memory.data(TX_SIZE);
const node = memory.data(ROOT_SIZE);
const preRoot = memory.data(ROOT_SIZE);

// rootFrom writes to `node` the root that the leaf in the transaction
// (at tx + LEAF) and its siblings lead to, for the leaf at `index`.
function rootFrom(index: i32): void {
  memory.copy(node, tx + LEAF, ROOT_SIZE);
  for (let level = 0; level < DEPTH; level++) {
    const sibling = tx + SIBLINGS + level * ROOT_SIZE;
    if ((index >> level) & 1) sha256.hash64(sibling, node, node);
    else sha256.hash64(node, sibling, node);
  }
}

export function main(): void {
  assert(eth2_blockDataSize() == TX_SIZE, "the transaction must be 97 bytes");
  eth2_blockDataCopy(tx, 0, TX_SIZE);
  const index = <i32>load<u8>(tx);
  assert(index < 1 << DEPTH, "no such counter");

  eth2_loadPreStateRoot(preRoot);
  rootFrom(index);
  assert(memory.compare(node, preRoot, ROOT_SIZE) == 0, "the proof does not lead to the state root");

  // Count, in the transaction's copy of the leaf, then climb again.
  const count = load<u32>(tx + LEAF) + 1;
  store<u32>(tx + LEAF, count);
  rootFrom(index);
  eth2_savePostStateRoot(node);

  // index and new leaf are side by side in the transaction: log them.
  eth2_emitLog(tx, 1 + ROOT_SIZE);
  log("counter " + index.toString() + " is now " + count.toString());
}
