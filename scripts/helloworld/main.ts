// helloworld: the smallest useful execution environment (EE).
//
// An EE is a WebAssembly module whose `main` function the host calls once per
// transaction. Its whole state on a shard is one 32-byte "root"; the EE reads
// the old root, does its work, and saves the new one. This EE greets the
// debug console and saves the old root unchanged, so its state stays as it was.

import {
  ROOT_SIZE,
  eth2_loadPreStateRoot,
  eth2_savePostStateRoot,
  eth2_useTicks,
  log,
} from "../lib/eth2";

// 32 zeroed bytes of static memory to hold the root: no allocation needed.
const root = memory.data(ROOT_SIZE);

// The host calls `main` with no arguments; everything comes through imports.
export function main(): void {
  // Work is paid for in ticks; a transaction that runs out of ticks fails.
  eth2_useTicks(10);

  log("hello, world");

  // Copy the state root in and straight back out: post-state == pre-state.
  eth2_loadPreStateRoot(root);
  eth2_savePostStateRoot(root);
}
