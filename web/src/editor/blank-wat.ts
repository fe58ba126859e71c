// The blank WAT template: the smallest EE that does all three things an EE
// does (reads its state root, reads the transaction's data, saves a new
// root), written in the WebAssembly text format, with its Scout test.

/** The EE: the new root is the old one with the data XORed into its first bytes. */
export const BLANK_WAT = `;; A blank execution environment (EE) in the WebAssembly text format.
;;
;; The host calls the exported "main" once per transaction. The EE's whole
;; state on a shard is one 32-byte root: main reads the root from before the
;; transaction, works on it with the transaction's data, and saves the new
;; root. This one XORs the data (up to 32 bytes) into the root, so data
;; "hello" flips the first five bytes and the same data again flips them back.
(module
  ;; Host functions come from the module "env" (the full list is in the
  ;; AssemblyScript templates' lib/eth2.ts).
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param $ptr i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param $ptr i32)))
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (import "env" "eth2_blockDataCopy" (func $blockDataCopy (param $ptr i32) (param $offset i32) (param $length i32)))
  (import "env" "debug_print32" (func $print32 (param $value i32)))

  ;; One 64 KiB page: the root at bytes 0-31, the data from byte 32 on.
  ;; The host reads and writes through the exported memory.
  (memory (export "memory") 1)

  (func $main (export "main")
    (local $size i32)
    (local $i i32)
    ;; The root from before this transaction, at 0.
    (call $loadPreStateRoot (i32.const 0))

    ;; The data's length, shown in the receipt's debug output.
    (local.set $size (call $blockDataSize))
    (call $print32 (local.get $size))

    ;; Only the first 32 bytes count; copy them to 32.
    (if (i32.gt_u (local.get $size) (i32.const 32))
      (then (local.set $size (i32.const 32))))
    (call $blockDataCopy (i32.const 32) (i32.const 0) (local.get $size))

    ;; root[i] ^= data[i] for each byte of data.
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
        (i32.store8 (local.get $i)
          (i32.xor
            (i32.load8_u (local.get $i))
            (i32.load8_u offset=32 (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))

    ;; The new root: the EE's state after this transaction.
    (call $savePostStateRoot (i32.const 0))))
`;

/** Its Scout test: "hello" XORed into a known root. */
export const BLANK_YAML = `# The blank EE XORs each block's data into its root: "hello" flips the
# first five bytes of the pre-state; empty data changes nothing.
beacon_state:
  execution_scripts:
    - blank.wasm
shard_pre_state:
  exec_env_states:
    - "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
shard_blocks:
  - env: 0
    data: "68656c6c6f" # "hello"
  - env: 0
    data: ""
shard_post_state:
  exec_env_states:
    - "6946290be6abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
`;
