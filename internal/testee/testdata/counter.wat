;; counter: adds its block data's length to the little-endian u64 in the first
;; 8 bytes of its state, so every transaction visibly changes the state.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (call $loadPreStateRoot (i32.const 0))
    (i64.store (i32.const 0)
      (i64.add (i64.load (i32.const 0)) (i64.extend_i32_u (call $blockDataSize))))
    (call $savePostStateRoot (i32.const 0))))
