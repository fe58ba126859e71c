// libhash: hashes messages with a library that each transaction brings as a child module; buffer frames keep the digests.
//
// A "library shipped as data": the code that hashes the messages,
// child.wasm (built from child.ts), is not part of this EE but arrives in
// every transaction, and the EE loads and calls it, as quilt's ewasm-rt lets
// an EE do. (The EE still hashes its state itself, with lib/sha256.ts.)
// It shows the two parts of ewasm-rt that scripts/lib/eth2.ts declares
// beyond the basics:
//
// - Child modules. The EE loads the child into slot 0 (eth2_loadModule)
//   and calls its export `hash` once per message (eth2_callModule); the
//   child calls back the EE's export `salt` (eth2_call), which the EE made
//   callable with eth2_expose. Each side reads what the other passed with
//   eth2_argument and answers with eth2_return.
// - Buffer frames. The digests wait in frame 0 (each written to frame 1
//   first, then merged into 0) until the EE reads them back to chain them.
//
// Transaction data, all lengths 4 bytes little-endian:
//
//   child length | child.wasm | message length | message | message length | …
//
// With digest_i = SHA-256(pre-state root ‖ message_i), which the child
// computes, the new state is
//
//   root = pre-state root; then, for each message i, root = SHA-256(root ‖ digest_i)
//
// Each digest is also emitted as a log. libhash.yaml, whose transactions
// libhash/scout.mjs writes, checks all this with the built child.wasm.

import {
  ROOT_SIZE,
  eth2_argument,
  eth2_blockDataCopy,
  eth2_blockDataSize,
  eth2_bufferClear,
  eth2_bufferGet,
  eth2_bufferMerge,
  eth2_bufferSet,
  eth2_callModule,
  eth2_emitLog,
  eth2_expose,
  eth2_loadModule,
  eth2_loadPreStateRoot,
  eth2_return,
  eth2_savePostStateRoot,
  eth2_useTicks,
} from "../lib/eth2";
import * as sha256 from "../lib/sha256";

const DIGEST_SIZE = 32;
const CHILD_SLOT = 0;

// Frame 0 holds every digest of the transaction, frame 1 only the
// message's being handled. Frames start empty in every transaction.
const ALL = 0;
const CURRENT = 1;

const preState = memory.data(ROOT_SIZE);
const root = memory.data(ROOT_SIZE);
const digest = memory.data(DIGEST_SIZE);
const key = memory.data(32);
const word = memory.data(4);

// Export and function names, as UTF-8, for the host.
const HASH = String.UTF8.encode("hash");
const SALT = String.UTF8.encode("salt");

export function main(): void {
  const size = eth2_blockDataSize();
  eth2_useTicks(100 + size);
  eth2_loadPreStateRoot(preState);

  // Load the child from the transaction into slot 0, and let it call salt.
  const childLength = readLength(0, size);
  const child = heap.alloc(childLength);
  eth2_blockDataCopy(child, 4, childLength);
  eth2_loadModule(CHILD_SLOT, child, childLength);
  eth2_expose(changetype<usize>(SALT), SALT.byteLength);

  // Hash each message in the child; keep its digest in frame 0, under its
  // index as a 32-byte big-endian number.
  let count = 0;
  for (let offset = 4 + childLength; offset < size; count++) {
    const length = readLength(offset, size);
    const message = heap.alloc(length);
    eth2_blockDataCopy(message, offset + 4, length);
    offset += 4 + length;

    // The child sees message as its argument and digest as its return
    // buffer; its result is how many bytes it wrote there.
    const written = eth2_callModule(CHILD_SLOT, changetype<usize>(HASH), HASH.byteLength, message, length, digest, DIGEST_SIZE);
    assert(written == DIGEST_SIZE, "the child wrote no digest");
    eth2_emitLog(digest, DIGEST_SIZE);

    setKey(count);
    eth2_bufferSet(CURRENT, key, digest);
    eth2_bufferMerge(ALL, CURRENT);
    eth2_bufferClear(CURRENT);
  }
  // The merge copied, the clear emptied frame 1: only frame 0 has the key.
  assert(count == 0 || eth2_bufferGet(CURRENT, key, digest) == 1, "frame 1 was not cleared");

  // Chain the digests, read back from frame 0 in order, onto the pre-state.
  memory.copy(root, preState, ROOT_SIZE);
  for (let i = 0; i < count; i++) {
    setKey(i);
    assert(eth2_bufferGet(ALL, key, digest) == 0, "a digest is missing from frame 0");
    sha256.init();
    sha256.update(root, ROOT_SIZE);
    sha256.update(digest, DIGEST_SIZE);
    sha256.finish(root);
  }
  eth2_savePostStateRoot(root);
}

/**
 * Exposed to the child, which calls it through eth2_call while main waits
 * in eth2_callModule. Its argument is the length of the message the child
 * is about to hash, 4 bytes little-endian; it charges one tick a byte for
 * the hashing, since the child cannot call eth2_useTicks, and returns the
 * pre-state root, the salt, in the child's return buffer.
 */
export function salt(): i32 {
  assert(eth2_argument(word, 4) == 4, "salt's argument is not 4 bytes");
  eth2_useTicks(load<u32>(word));
  return eth2_return(preState, ROOT_SIZE);
}

/** Reads a 4-byte little-endian length at offset, checking that what it counts fits in the data. */
function readLength(offset: i32, size: i32): i32 {
  assert(offset + 4 <= size, "the data ends inside a length");
  eth2_blockDataCopy(word, offset, 4);
  const length = load<u32>(word);
  assert(<u64>offset + 4 + length <= <u64>size, "a length runs past the end of the data");
  return <i32>length;
}

/** Sets key to index as a 32-byte big-endian number. */
function setKey(index: i32): void {
  memory.fill(key, 0, 32);
  store<u32>(key + 28, bswap<u32>(<u32>index));
}
