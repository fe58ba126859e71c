// token: a stateless token execution environment.
//
// The EE's state is the root of a sparse Merkle tree of accounts. Each
// transaction brings the accounts it touches, their values and a proof that
// they are in the tree: one multiproof for all of them, or one branch each.
// The EE checks the proof, applies the transfers and computes the new root
// from the same proof. docs/token.md specifies every byte, message and tick;
// the steps below are its steps.

import {
  eth2_blockDataCopy,
  eth2_blockDataSize,
  eth2_emitLog,
  eth2_loadPreStateRoot,
  eth2_savePostStateRoot,
  eth2_useTicks,
  ROOT_SIZE,
} from "../lib/eth2";
import { hash64 } from "../lib/sha256";
import {
  bitlistBit,
  bitlistLength,
  Bytes,
  containerFields,
  fixedListLength,
  listElements,
  Name,
} from "../lib/ssz";

const TREE_DEPTH: u32 = 32;
const MAX_TRANSFERS: u32 = 1024;
const MAX_ACCOUNTS: u32 = 2048;
const MAX_PROOF_NODES: u32 = 65536;

const MULTIPROOF_BATCH: u8 = 0;
const BRANCH_BATCH: u8 = 1;
const BATCH_FIXED_SIZE: u32 = 12; // three offsets
const MULTIPROOF_FIXED_SIZE: u32 = 8; // two offsets
const BRANCH_FIXED_SIZE: u32 = 8; // defaults, then the offset of nodes
const TRANSFER_SIZE: u32 = 24;
const ACCOUNT_SIZE: u32 = 20;
const NODE_SIZE: u32 = 32;

const TICKS_PER_HASH: u32 = 100;

// defaultNode(h), the root of a subtree of height h whose leaves are all
// empty, for h from 0 to TREE_DEPTH.
const defaultNodes = memory.data(<i32>(NODE_SIZE * (TREE_DEPTH + 1)));

/** A decoded transaction: the parts of its data, which stays in memory. */
class Transaction {
  constructor(
    public transfers: Bytes,
    public transferCount: u32,
    public accounts: Bytes,
    public accountCount: u32,
    public usesBranches: bool,
    // With a multiproof:
    public proofDefaults: Bytes,
    public helperCount: u32,
    public proofNodes: Bytes,
    // With branches:
    public branches: Bytes[],
  ) {}

  sender(transfer: u32): u32 {
    return load<u32>(this.transfers.ptr + transfer * TRANSFER_SIZE);
  }

  recipient(transfer: u32): u32 {
    return load<u32>(this.transfers.ptr + transfer * TRANSFER_SIZE + 4);
  }

  nonce(transfer: u32): u64 {
    return load<u64>(this.transfers.ptr + transfer * TRANSFER_SIZE + 8);
  }

  amount(transfer: u32): u64 {
    return load<u64>(this.transfers.ptr + transfer * TRANSFER_SIZE + 16);
  }

  address(account: u32): u32 {
    return load<u32>(this.accounts.ptr + account * ACCOUNT_SIZE);
  }

  /** The account's nonce before the transaction. */
  oldNonce(account: u32): u64 {
    return load<u64>(this.accounts.ptr + account * ACCOUNT_SIZE + 4);
  }

  /** The account's balance before the transaction. */
  oldBalance(account: u32): u64 {
    return load<u64>(this.accounts.ptr + account * ACCOUNT_SIZE + 12);
  }
}

// The accounts' values as the transfers change them, by account index.
let nonces = new StaticArray<u64>(0);
let balances = new StaticArray<u64>(0);
// Each transfer's sender and recipient, as account indexes.
let senders = new StaticArray<u32>(0);
let recipients = new StaticArray<u32>(0);

export function main(): void {
  const tx = decode();
  checkAccounts(tx);

  computeDefaultNodes();
  const leaves = heap.alloc(tx.accountCount * NODE_SIZE);
  const root = memory.data(ROOT_SIZE);
  eth2_loadPreStateRoot(root);
  checkProof(tx, leaves, root);

  applyTransfers(tx);

  computeNewRoot(tx, leaves, root);
  eth2_savePostStateRoot(root);

  logChangedAccounts(tx);
}

// ---- Step 1: decoding --------------------------------------------------------

function decode(): Transaction {
  const size = eth2_blockDataSize();
  eth2_useTicks(size);
  if (size == 0) {
    throw new Error("malformed transaction: no data");
  }
  const data = heap.alloc(size);
  eth2_blockDataCopy(data, 0, size);

  const selector = load<u8>(data);
  if (selector != MULTIPROOF_BATCH && selector != BRANCH_BATCH) {
    throw new Error(`malformed transaction: unknown selector ${selector}`);
  }
  const usesBranches = selector == BRANCH_BATCH;
  const transfersName = Name.of("transfers");
  const accountsName = Name.of("accounts");
  const proofName = Name.of(usesBranches ? "branches" : "proof");
  const batch = containerFields(
    new Bytes(data + 1, size - 1),
    Name.of("batch"),
    BATCH_FIXED_SIZE,
    0,
    [transfersName, accountsName, proofName],
  );
  const transferCount = fixedListLength(batch[0], transfersName, "transfers", TRANSFER_SIZE, MAX_TRANSFERS);
  const accountCount = fixedListLength(batch[1], accountsName, "accounts", ACCOUNT_SIZE, MAX_ACCOUNTS);

  const none = new Bytes(0, 0);
  let tx: Transaction;
  if (usesBranches) {
    const branches = listElements(batch[2], proofName, "branches", MAX_ACCOUNTS);
    for (let i = 0; i < branches.length; i++) {
      const branchName = proofName.at(i);
      const nodesName = branchName.dot("nodes");
      const nodes = containerFields(branches[i], branchName, BRANCH_FIXED_SIZE, 4, [nodesName])[0];
      fixedListLength(nodes, nodesName, "nodes", NODE_SIZE, TREE_DEPTH);
    }
    tx = new Transaction(batch[0], transferCount, batch[1], accountCount, true, none, 0, none, branches);
  } else {
    const defaultsName = proofName.dot("defaults");
    const nodesName = proofName.dot("nodes");
    const proof = containerFields(batch[2], proofName, MULTIPROOF_FIXED_SIZE, 0, [defaultsName, nodesName]);
    const helperCount = bitlistLength(proof[0], defaultsName, MAX_PROOF_NODES);
    fixedListLength(proof[1], nodesName, "nodes", NODE_SIZE, MAX_PROOF_NODES);
    tx = new Transaction(batch[0], transferCount, batch[1], accountCount, false, proof[0], helperCount, proof[1], []);
  }

  if (transferCount == 0) {
    throw new Error("malformed transaction: no transfers");
  }
  return tx;
}

// ---- Step 2: which accounts the transfers touch ------------------------------

function checkAccounts(tx: Transaction): void {
  const count = tx.accountCount;
  for (let i: u32 = 1; i < count; i++) {
    if (tx.address(i) <= tx.address(i - 1)) {
      throw new Error(
        `account ${i} (${hex(tx.address(i))}) is not after account ${i - 1} (${hex(tx.address(i - 1))}): ` +
          "accounts must be in strictly ascending address order",
      );
    }
  }

  // Missing accounts are reported after untouched ones: an index of
  // `count` stands for a missing account until then.
  senders = new StaticArray<u32>(tx.transferCount);
  recipients = new StaticArray<u32>(tx.transferCount);
  const touched = new StaticArray<bool>(count + 1);
  for (let t: u32 = 0; t < tx.transferCount; t++) {
    senders[t] = accountIndex(tx, tx.sender(t));
    recipients[t] = accountIndex(tx, tx.recipient(t));
    touched[senders[t]] = true;
    touched[recipients[t]] = true;
  }
  for (let i: u32 = 0; i < count; i++) {
    if (!touched[i]) {
      throw new Error(`account ${i} (${hex(tx.address(i))}) is proven but no transfer touches it`);
    }
  }
  for (let t: u32 = 0; t < tx.transferCount; t++) {
    if (senders[t] == count) {
      throw new Error(`transfer ${t}: sender ${hex(tx.sender(t))} has no proof`);
    }
    if (recipients[t] == count) {
      throw new Error(`transfer ${t}: recipient ${hex(tx.recipient(t))} has no proof`);
    }
  }

  nonces = new StaticArray<u64>(count);
  balances = new StaticArray<u64>(count);
  for (let i: u32 = 0; i < count; i++) {
    nonces[i] = tx.oldNonce(i);
    balances[i] = tx.oldBalance(i);
  }
}

/** The index of `address` in the sorted accounts, or the number of accounts if it is not there. */
function accountIndex(tx: Transaction, address: u32): u32 {
  let low: u32 = 0;
  let high = tx.accountCount;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tx.address(middle) < address) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < tx.accountCount && tx.address(low) == address ? low : tx.accountCount;
}

// ---- Steps 3 and 5: the tree -------------------------------------------------

function computeDefaultNodes(): void {
  // defaultNode(0) is 32 zero bytes, as static memory starts out.
  for (let h: u32 = 0; h < TREE_DEPTH; h++) {
    hash64(defaultNode(h), defaultNode(h), defaultNode(h + 1));
  }
}

function defaultNode(height: u32): usize {
  return defaultNodes + height * NODE_SIZE;
}

/** Fails unless the proof, with the accounts' values, gives `preStateRoot`. */
function checkProof(tx: Transaction, leaves: usize, preStateRoot: usize): void {
  checkProofSize(tx);
  computeLeaves(tx, leaves);
  // Each branch is charged just before it is hashed, so that a failure
  // leaves the ticks of the branches hashed so far, as docs/token.md has it.
  if (tx.usesBranches) {
    const siblings = heap.alloc(TREE_DEPTH * NODE_SIZE);
    const path = heap.alloc((TREE_DEPTH + 1) * NODE_SIZE);
    for (let i: u32 = 0; i < tx.accountCount; i++) {
      chargeHashes(TREE_DEPTH);
      copyBranchSiblings(tx.branches[i], TREE_DEPTH, siblings);
      hashPath(leaves + i * NODE_SIZE, tx.address(i), siblings, path);
      if (memory.compare(path + TREE_DEPTH * NODE_SIZE, preStateRoot, ROOT_SIZE) != 0) {
        throw new Error("proof does not match the pre-state root");
      }
    }
  } else {
    const root = memory.data(ROOT_SIZE);
    chargeHashes(innerNodeCount(tx));
    multiproofRoot(tx, leaves, root);
    if (memory.compare(root, preStateRoot, ROOT_SIZE) != 0) {
      throw new Error("proof does not match the pre-state root");
    }
  }
}

/** Fails unless the proof has exactly the parts the accounts need. */
function checkProofSize(tx: Transaction): void {
  if (tx.usesBranches) {
    const branchCount = <u32>tx.branches.length;
    if (branchCount != tx.accountCount) {
      throw new Error(`branches: ${tx.accountCount} accounts but ${branchCount} branches`);
    }
    for (let i = 0; i < tx.branches.length; i++) {
      const branch = tx.branches[i];
      const zeroBits = TREE_DEPTH - popcnt<u32>(load<u32>(branch.ptr));
      const nodeCount = (branch.length - BRANCH_FIXED_SIZE) / NODE_SIZE;
      if (zeroBits != nodeCount) {
        throw new Error(`branch ${i}: ${zeroBits} default bits are 0 but ${nodeCount} nodes are given`);
      }
    }
  } else {
    // Every inner node has two children: either nodes on the paths (the
    // leaves and the inner nodes but the root) or helpers.
    const helpersNeeded = innerNodeCount(tx) + 1 - tx.accountCount;
    if (tx.helperCount != helpersNeeded) {
      throw new Error(
        `proof: the ${tx.accountCount} accounts need ${helpersNeeded} helper nodes, got ${tx.helperCount} default bits`,
      );
    }
    const zeroBits = tx.helperCount - setBitCount(tx.proofDefaults);
    const nodeCount = tx.proofNodes.length / NODE_SIZE;
    if (zeroBits != nodeCount) {
      throw new Error(`proof: ${zeroBits} default bits are 0 but ${nodeCount} nodes are given`);
    }
  }
}

/** The number of set bits of a bitlist, not counting its delimiter. */
function setBitCount(bitlist: Bytes): u32 {
  let count: u32 = 0;
  for (let i: u32 = 0; i < bitlist.length; i++) {
    count += popcnt<u32>(load<u8>(bitlist.ptr + i));
  }
  return count - 1;
}

/**
 * The number of inner nodes (heights 1 to TREE_DEPTH) one root computation
 * hashes: those on the accounts' paths with a multiproof, every account's
 * whole path with branches.
 */
function innerNodeCount(tx: Transaction): u32 {
  if (tx.usesBranches) return tx.accountCount * TREE_DEPTH;
  // Consecutive accounts' paths share every node above the height where
  // they meet, so each account after the first adds the nodes below it.
  let count = TREE_DEPTH;
  for (let i: u32 = 1; i < tx.accountCount; i++) {
    count += meetingHeight(tx.address(i - 1), tx.address(i));
  }
  return count;
}

/** The height at which the paths of two different addresses become siblings. */
function meetingHeight(a: u32, b: u32): u32 {
  return 31 - clz<u32>(a ^ b);
}

/** Charges for `count` SHA-256 hashes over 64 bytes. */
function chargeHashes(count: u32): void {
  eth2_useTicks(count * TICKS_PER_HASH);
}

function isEmpty(account: u32): bool {
  return nonces[account] == 0 && balances[account] == 0;
}

/** Writes each account's leaf, from its current values, to `leaves`. */
function computeLeaves(tx: Transaction, leaves: usize): void {
  let hashes: u32 = 0;
  for (let i: u32 = 0; i < tx.accountCount; i++) {
    if (!isEmpty(i)) hashes++;
  }
  chargeHashes(hashes);

  // hash_tree_root(AccountState): each uint64 is padded to a 32-byte chunk.
  const chunks = memory.data(2 * NODE_SIZE);
  for (let i: u32 = 0; i < tx.accountCount; i++) {
    const leaf = leaves + i * NODE_SIZE;
    if (isEmpty(i)) {
      memory.fill(leaf, 0, NODE_SIZE);
    } else {
      store<u64>(chunks, nonces[i]);
      store<u64>(chunks + NODE_SIZE, balances[i]);
      hash64(chunks, chunks + NODE_SIZE, leaf);
    }
  }
}

/**
 * Computes the root from `leaves` and the multiproof's helpers into `out`,
 * level by level from the leaves up.
 */
function multiproofRoot(tx: Transaction, leaves: usize, out: usize): void {
  // The known nodes of the current level, right to left, which is the order
  // the helpers come in: their indexes within the level, and their values.
  let count = tx.accountCount;
  const indexes = new StaticArray<u32>(count);
  const nodes = heap.alloc(count * NODE_SIZE);
  for (let i: u32 = 0; i < count; i++) {
    const account = count - 1 - i;
    indexes[i] = tx.address(account);
    memory.copy(nodes + i * NODE_SIZE, leaves + account * NODE_SIZE, NODE_SIZE);
  }

  let helper: u32 = 0;
  let nextNode = tx.proofNodes.ptr;
  for (let height: u32 = 0; height < TREE_DEPTH; height++) {
    // In place: the k-th parent goes in slot k, whose node is already read.
    let parentCount: u32 = 0;
    let i: u32 = 0;
    while (i < count) {
      const index = indexes[i];
      const node = nodes + i * NODE_SIZE;
      const parent = nodes + parentCount * NODE_SIZE;
      if (i + 1 < count && indexes[i + 1] == (index ^ 1)) {
        hash64(node + NODE_SIZE, node, parent);
        i += 2;
      } else {
        let sibling: usize;
        if (bitlistBit(tx.proofDefaults, helper)) {
          sibling = defaultNode(height);
        } else {
          sibling = nextNode;
          nextNode += NODE_SIZE;
        }
        helper++;
        if (index & 1) {
          hash64(sibling, node, parent);
        } else {
          hash64(node, sibling, parent);
        }
        i++;
      }
      indexes[parentCount] = index >> 1;
      parentCount++;
    }
    count = parentCount;
  }
  memory.copy(out, nodes, NODE_SIZE);
}

/** Copies the siblings of `branch` below `height` to `siblings`, by height. */
function copyBranchSiblings(branch: Bytes, height: u32, siblings: usize): void {
  const defaults = load<u32>(branch.ptr);
  let node = branch.ptr + BRANCH_FIXED_SIZE;
  for (let h: u32 = 0; h < height; h++) {
    if (defaults & (1 << h)) {
      memory.copy(siblings + h * NODE_SIZE, defaultNode(h), NODE_SIZE);
    } else {
      memory.copy(siblings + h * NODE_SIZE, node, NODE_SIZE);
      node += NODE_SIZE;
    }
  }
}

/**
 * Hashes from `leaf` up to the root along the path of `address`, with the
 * siblings at `siblings`, writing the node at each height h to path[h].
 */
function hashPath(leaf: usize, address: u32, siblings: usize, path: usize): void {
  memory.copy(path, leaf, NODE_SIZE);
  for (let h: u32 = 0; h < TREE_DEPTH; h++) {
    const node = path + h * NODE_SIZE;
    const sibling = siblings + h * NODE_SIZE;
    if ((address >> h) & 1) {
      hash64(sibling, node, node + NODE_SIZE);
    } else {
      hash64(node, sibling, node + NODE_SIZE);
    }
  }
}

/** Computes the root with the accounts' new values into `root` (step 5). */
function computeNewRoot(tx: Transaction, leaves: usize, root: usize): void {
  computeLeaves(tx, leaves);
  chargeHashes(innerNodeCount(tx));
  if (!tx.usesBranches) {
    multiproofRoot(tx, leaves, root);
    return;
  }

  // The accounts' paths, in address order, each with its siblings updated by
  // the paths before it; the last one's root is the new root. Where the
  // previous path meets this one, this path's sibling is the previous path's
  // new node; above, the two paths share their siblings, already updated;
  // below, no earlier path passes, so the branch's own siblings are current.
  const siblings = heap.alloc(TREE_DEPTH * NODE_SIZE);
  const path = heap.alloc((TREE_DEPTH + 1) * NODE_SIZE);
  for (let i: u32 = 0; i < tx.accountCount; i++) {
    const address = tx.address(i);
    let meeting = TREE_DEPTH;
    if (i > 0) {
      meeting = meetingHeight(tx.address(i - 1), address);
      memory.copy(siblings + meeting * NODE_SIZE, path + meeting * NODE_SIZE, NODE_SIZE);
    }
    copyBranchSiblings(tx.branches[i], meeting, siblings);
    hashPath(leaves + i * NODE_SIZE, address, siblings, path);
  }
  memory.copy(root, path + TREE_DEPTH * NODE_SIZE, ROOT_SIZE);
}

// ---- Step 4: transfers -------------------------------------------------------

function applyTransfers(tx: Transaction): void {
  for (let t: u32 = 0; t < tx.transferCount; t++) {
    const sender = senders[t];
    const recipient = recipients[t];
    const nonce = tx.nonce(t);
    const amount = tx.amount(t);
    if (nonce != nonces[sender]) {
      throw new Error(
        `transfer ${t}: nonce ${nonce}, but sender ${hex(tx.address(sender))} is at nonce ${nonces[sender]}`,
      );
    }
    if (amount > balances[sender]) {
      throw new Error(
        `transfer ${t}: sender ${hex(tx.address(sender))} has balance ${balances[sender]}, cannot send ${amount}`,
      );
    }
    // Debited first, so that a transfer to oneself cannot overflow.
    balances[sender] -= amount;
    nonces[sender]++;
    if (amount > U64.MAX_VALUE - balances[recipient]) {
      throw new Error(`transfer ${t}: recipient ${hex(tx.address(recipient))} balance would pass 2**64 - 1`);
    }
    balances[recipient] += amount;
  }
}

// ---- Step 6: logs ------------------------------------------------------------

function logChangedAccounts(tx: Transaction): void {
  const log = memory.data(<i32>ACCOUNT_SIZE);
  for (let i: u32 = 0; i < tx.accountCount; i++) {
    if (nonces[i] != tx.oldNonce(i) || balances[i] != tx.oldBalance(i)) {
      store<u32>(log, tx.address(i));
      store<u64>(log + 4, nonces[i]);
      store<u64>(log + 12, balances[i]);
      eth2_emitLog(log, ACCOUNT_SIZE);
    }
  }
}

/** `address` as in messages: 0x and 8 hex digits. */
function hex(address: u32): string {
  return "0x" + address.toString(16).padStart(8, "0");
}
