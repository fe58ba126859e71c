// child: the child module that libhash (main.ts) loads from its
// transaction data. It is not an EE: it has no main and never runs on its own.
//
// A child module is a second wasm instance, with its own memory, inside the
// EE's transaction. It may import only eth2_call, eth2_argument,
// eth2_return, print and debug_*: no state, no block data, no ticks. All it
// knows comes in through its argument and its calls back to the EE, and all
// it gives back goes out through its return buffer and its result.
//
// scripts/build.mjs builds it with `--use abort=` besides the EEs' flags:
// without it, AssemblyScript imports env.abort for failed assertions, which a
// child may not import. A failed assertion then traps with `unreachable`.

import { eth2_argument, eth2_call, eth2_return } from "../lib/eth2";
import * as sha256 from "../lib/sha256";

const DIGEST_SIZE = 32;

// The name of the EE's export this module calls back, as UTF-8.
const SALT = "salt";
const saltName = String.UTF8.encode(SALT);

const salt = memory.data(DIGEST_SIZE);
const digest = memory.data(DIGEST_SIZE);
const messageLength = memory.data(4);

/**
 * Called by the EE through eth2_callModule, with a message as the argument
 * and a 32-byte return buffer: writes SHA-256(salt ‖ message) there and
 * returns the digest's size.
 */
export function hash(): i32 {
  // Called with destLength 0, eth2_argument copies nothing and only says
  // how long the argument is.
  const length = eth2_argument(0, 0);
  // The stub runtime never frees, which is fine: the module lives for one
  // transaction, whose data is at most 256 KiB.
  const message = heap.alloc(length);
  eth2_argument(message, length);

  // Ask the EE for the salt. The argument tells it how long the message
  // is, so that it can charge for the hashing: a child cannot call
  // eth2_useTicks itself. The EE's salt() writes 32 bytes to `salt`.
  store<u32>(messageLength, length);
  eth2_call(changetype<usize>(saltName), saltName.byteLength, messageLength, 4, salt, DIGEST_SIZE);

  sha256.init();
  sha256.update(salt, DIGEST_SIZE);
  sha256.update(message, length);
  sha256.finish(digest);

  // eth2_return says how big the EE's return buffer is: a smaller one
  // would get only the digest's first bytes.
  assert(eth2_return(digest, DIGEST_SIZE) == DIGEST_SIZE, "return buffer is not 32 bytes");
  return DIGEST_SIZE;
}
