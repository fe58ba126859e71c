// library: hashes with a library that each transaction brings as a child
// module: root = hash(old root || message), computed by the child.
//
// Transaction data: child length (4 bytes, little-endian) | child.wasm | message

import {
  ROOT_SIZE,
  eth2_blockDataCopy,
  eth2_blockDataSize,
  eth2_callModule,
  eth2_loadModule,
  eth2_loadPreStateRoot,
  eth2_savePostStateRoot,
  eth2_useTicks,
  log,
} from "./lib/eth2";

const SLOT = 0;
// The child's export to call, as UTF-8 for the host.
const HASH = String.UTF8.encode("hash");

const word = memory.data(4);
const root = memory.data(ROOT_SIZE);

export function main(): void {
  const size = eth2_blockDataSize();
  // The child cannot pay for its work: the EE charges for it up front.
  eth2_useTicks(100 + size);

  // Load the child into slot 0.
  eth2_blockDataCopy(word, 0, 4);
  const childLength = <i32>load<u32>(word);
  assert(4 + childLength <= size, "the child runs past the end of the data");
  const child = heap.alloc(childLength);
  eth2_blockDataCopy(child, 4, childLength);
  eth2_loadModule(SLOT, child, childLength);

  // The argument: the old root, then the message.
  const messageLength = size - 4 - childLength;
  const argument = heap.alloc(ROOT_SIZE + messageLength);
  eth2_loadPreStateRoot(argument);
  eth2_blockDataCopy(argument + ROOT_SIZE, 4 + childLength, messageLength);
  log("message of " + messageLength.toString() + " bytes");

  // The child reads the argument and writes its digest to root, its return buffer.
  const written = eth2_callModule(SLOT, changetype<usize>(HASH), HASH.byteLength, argument, ROOT_SIZE + messageLength, root, ROOT_SIZE);
  assert(written == ROOT_SIZE, "the child wrote no digest");
  eth2_savePostStateRoot(root);
}
