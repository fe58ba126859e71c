// Writes libhash.yaml, the libhash EE's Scout test, from the built
// child.wasm: every transaction carries the child, so the test must change
// when the child does.
//
//   node scripts/libhash/scout.mjs            # (go generate ./scripts) rewrite libhash.yaml
//   node scripts/libhash/scout.mjs --out FILE # write FILE instead, to compare
//
// The expected post-state is computed here, with Node.js's SHA-256, from the
// format that main.ts describes, not by running the EE: so the test checks
// the EE, its child and the host functions they call against an
// independent reading of what they should do.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));

// The blocks' messages, one transaction each.
const BLOCKS = [
  { about: "two messages", messages: ["hello", "world"] },
  { about: "no message: the state stays", messages: [] },
  {
    about: "an empty message, and bytes 0..199, which cross SHA-256's 64-byte blocks",
    messages: ["", Buffer.from(Array.from({ length: 200 }, (_, i) => i))],
  },
];

const ZERO_ROOT = Buffer.alloc(32);

function sha256(...parts) {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return h.digest();
}

function u32le(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** The transaction data: the child, then each message, each after its length. */
function transaction(child, messages) {
  return Buffer.concat([u32le(child.length), child, ...messages.flatMap((m) => [u32le(Buffer.from(m).length), Buffer.from(m)])]);
}

/** The state after a transaction of messages: the digests, SHA-256(pre ‖ message), chained onto pre. */
function apply(pre, messages) {
  let root = pre;
  for (const m of messages) root = sha256(root, sha256(pre, Buffer.from(m)));
  return root;
}

function parseArgs(argv) {
  if (argv.length === 0) return path.join(dir, "libhash.yaml");
  if (argv.length === 2 && argv[0] === "--out") return path.resolve(argv[1]);
  console.error("usage: node scripts/libhash/scout.mjs [--out FILE]");
  process.exit(2);
}

const out = parseArgs(process.argv.slice(2));
const child = readFileSync(path.join(dir, "child.wasm"));
const lines = [
  "# Written by scout.mjs from child.wasm (go generate ./scripts): do not edit.",
  "#",
  "# Each transaction is the child (4-byte little-endian length, child.wasm),",
  "# then messages (4-byte little-endian length, bytes). With",
  "# digest = SHA-256(pre-state root ‖ message), the state becomes",
  "# root = SHA-256(root ‖ digest) for each message in turn, from the",
  "# pre-state root. Starting from the zero root, as scout.mjs computes with",
  "# Node.js's SHA-256:",
];
let root = ZERO_ROOT;
for (const [i, block] of BLOCKS.entries()) {
  root = apply(root, block.messages);
  lines.push(`#   after block ${i + 1} (${block.about}):`, `#     ${root.toString("hex")}`);
}
lines.push(
  "beacon_state:",
  "  execution_scripts:",
  "    - libhash.wasm",
  "shard_pre_state:",
  "  exec_env_states:",
  `    - "${ZERO_ROOT.toString("hex")}"`,
  "shard_blocks:",
);
for (const block of BLOCKS) {
  lines.push("  - env: 0", `    data: "${transaction(child, block.messages).toString("hex")}"`);
}
lines.push("shard_post_state:", "  exec_env_states:", `    - "${root.toString("hex")}"`);
writeFileSync(out, lines.join("\n") + "\n");
