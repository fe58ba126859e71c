// child: a hashing library, a child module that the EE loads from its
// transaction. It is not an EE: it has no main and never runs on its own.
// It may import only eth2_call, eth2_argument, eth2_return, print and
// debug_*: all it knows comes in as its argument, all it gives back goes
// out through its return buffer.
//
// Built with the EEs' asc flags and `--use abort=`, as scripts/build.mjs
// builds scripts/libhash/child.ts: a child may not import env.abort.

import { eth2_argument, eth2_return } from "./lib/eth2";
import * as sha256 from "./lib/sha256";

const digest = memory.data(32);

/** Writes SHA-256 of the argument to the return buffer; returns how many bytes it wrote. */
export function hash(): i32 {
  // With a zero length, eth2_argument copies nothing and says how long the argument is.
  const length = eth2_argument(0, 0);
  const argument = heap.alloc(length);
  eth2_argument(argument, length);
  sha256.init();
  sha256.update(argument, length);
  sha256.finish(digest);
  return eth2_return(digest, 32);
}
