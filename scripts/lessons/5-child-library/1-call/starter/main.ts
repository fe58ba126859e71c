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

  // TODO: call the child's export "hash" in SLOT with eth2_callModule:
  // the argument (ROOT_SIZE + messageLength bytes) in, and root (ROOT_SIZE
  // bytes) as its return buffer. Check it wrote 32 bytes, then save root.
  eth2_loadPreStateRoot(root);
  eth2_savePostStateRoot(root);
}
