// hashchain: every transaction extends a hash chain.
//
//   new root = SHA-256(old root || transaction data)
//
// The new root is saved as the EE's state and emitted as a log, so anyone who
// knows the starting root and every transaction's data can check the state.

import {
  ROOT_SIZE,
  eth2_blockDataCopy,
  eth2_blockDataSize,
  eth2_emitLog,
  eth2_loadPreStateRoot,
  eth2_savePostStateRoot,
  eth2_useTicks,
} from "../lib/eth2";
import * as sha256 from "../lib/sha256";

// Data can be up to 256 KiB; hashing it in chunks keeps memory small.
const CHUNK_SIZE = 4096;
const chunk = memory.data(CHUNK_SIZE);
const root = memory.data(ROOT_SIZE);

export function main(): void {
  const size = eth2_blockDataSize();

  // Charge up front, in proportion to the work, so an oversized
  // transaction fails before doing any.
  eth2_useTicks(100 + size);

  eth2_loadPreStateRoot(root);
  sha256.init();
  sha256.update(root, ROOT_SIZE);
  for (let offset = 0; offset < size; offset += CHUNK_SIZE) {
    const length = min(CHUNK_SIZE, size - offset);
    eth2_blockDataCopy(chunk, offset, length);
    sha256.update(chunk, length);
  }
  sha256.finish(root);

  eth2_savePostStateRoot(root);
  eth2_emitLog(root, ROOT_SIZE);
}
