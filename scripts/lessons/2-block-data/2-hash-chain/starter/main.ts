// hash-chain: every transaction sets root = SHA-256(root || data).

import { ROOT_SIZE, eth2_blockDataCopy, eth2_blockDataSize, eth2_loadPreStateRoot, eth2_savePostStateRoot } from "./lib/eth2";
import * as sha256 from "./lib/sha256";

// The check's data is at most 1 KiB.
const MAX_DATA = 1024;
const data = memory.data(MAX_DATA);
const root = memory.data(ROOT_SIZE);

export function main(): void {
  const size = eth2_blockDataSize();
  assert(size <= MAX_DATA, "data over 1 KiB");
  eth2_blockDataCopy(data, 0, size);

  eth2_loadPreStateRoot(root);
  // TODO: hash root (ROOT_SIZE bytes) then data (size bytes) with
  // sha256.init, sha256.update and sha256.finish(root).
  eth2_savePostStateRoot(root);
}
