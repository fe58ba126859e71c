// save: saves a fixed state root.
//
// The host calls `main` once per transaction. `root` is 32 bytes of
// memory, zero to start with.

import { ROOT_SIZE, eth2_savePostStateRoot, log } from "./lib/eth2";

const root = memory.data(ROOT_SIZE);

export function main(): void {
  log("main was called");
  // TODO: set the first byte of root to 1, then save root as the
  // post-state root with eth2_savePostStateRoot.
}
