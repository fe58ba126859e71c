// verify: accepts a transaction only with a valid Merkle proof of a leaf.
//
// The state root is the root of a binary Merkle tree of 4 leaves of 32
// bytes, each node SHA-256(left || right). Transaction data:
//
//   index (1 byte) | leaf (32) | sibling at level 0 (32) | sibling at level 1 (32)

import { ROOT_SIZE, eth2_blockDataCopy, eth2_blockDataSize, eth2_loadPreStateRoot, eth2_savePostStateRoot, log } from "./lib/eth2";
import * as sha256 from "./lib/sha256";

const DEPTH = 2;
const TX_SIZE = 1 + ROOT_SIZE + DEPTH * ROOT_SIZE;

const tx = memory.data(TX_SIZE);
const node = memory.data(ROOT_SIZE);
const preRoot = memory.data(ROOT_SIZE);

export function main(): void {
  assert(eth2_blockDataSize() == TX_SIZE, "the transaction must be 97 bytes");
  eth2_blockDataCopy(tx, 0, TX_SIZE);
  const index = <i32>load<u8>(tx);
  assert(index < 1 << DEPTH, "no such leaf");
  log("proof of leaf " + index.toString());

  // TODO: climb from the leaf (at tx + 1) to the root with
  // sha256.hash64(left, right, out); the index's bit at each level says
  // whether the node is the left (0) or the right (1) child. Then load the
  // pre-state root and assert that they are equal.
  eth2_loadPreStateRoot(preRoot);
  eth2_savePostStateRoot(preRoot);
}
