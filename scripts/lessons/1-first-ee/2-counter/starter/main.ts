// counter: counts its transactions in the first four bytes of its root.

import { ROOT_SIZE, eth2_loadPreStateRoot, eth2_savePostStateRoot, log } from "./lib/eth2";

const root = memory.data(ROOT_SIZE);

export function main(): void {
  eth2_loadPreStateRoot(root);
  const count = load<u32>(root);
  log("count before: " + count.toString());
  // TODO: add one to the count, store it back in root, and save root.
}
