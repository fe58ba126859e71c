// update: replaces a leaf of the tree, given a valid proof of its old value.
//
// The state root is the root of a binary Merkle tree of 4 leaves of 32
// bytes, each node SHA-256(left || right). Transaction data:
//
//   index (1 byte) | old leaf (32) | new leaf (32) | sibling at level 0 (32) | sibling at level 1 (32)

import { ROOT_SIZE, eth2_blockDataCopy, eth2_blockDataSize, eth2_loadPreStateRoot, eth2_savePostStateRoot, log } from "./lib/eth2";
import * as sha256 from "./lib/sha256";

const DEPTH = 2;
const TX_SIZE = 1 + 2 * ROOT_SIZE + DEPTH * ROOT_SIZE;
const OLD_LEAF = 1;
const NEW_LEAF = OLD_LEAF + ROOT_SIZE;
const SIBLINGS = NEW_LEAF + ROOT_SIZE;

const tx = memory.data(TX_SIZE);
const node = memory.data(ROOT_SIZE);
const preRoot = memory.data(ROOT_SIZE);

// rootFrom writes to `node` the root that the leaf at `leaf` and the
// transaction's siblings lead to, for the leaf at `index`.
function rootFrom(leaf: usize, index: i32): void {
  memory.copy(node, leaf, ROOT_SIZE);
  for (let level = 0; level < DEPTH; level++) {
    const sibling = tx + SIBLINGS + level * ROOT_SIZE;
    if ((index >> level) & 1) sha256.hash64(sibling, node, node);
    else sha256.hash64(node, sibling, node);
  }
}

export function main(): void {
  assert(eth2_blockDataSize() == TX_SIZE, "the transaction must be 129 bytes");
  eth2_blockDataCopy(tx, 0, TX_SIZE);
  const index = <i32>load<u8>(tx);
  assert(index < 1 << DEPTH, "no such leaf");
  log("update of leaf " + index.toString());

  eth2_loadPreStateRoot(preRoot);
  rootFrom(tx + OLD_LEAF, index);
  assert(memory.compare(node, preRoot, ROOT_SIZE) == 0, "the proof does not lead to the state root");

  // TODO: compute the new root from the new leaf (at tx + NEW_LEAF) and
  // save it as the post-state root.
}
