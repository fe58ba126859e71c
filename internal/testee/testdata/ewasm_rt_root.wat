;; ewasm_rt_root: an EE written as the tests of quilt's ewasm-rt write them,
;; for cmd/eeplay/testdata/ewasm_rt.yaml. Its block data is a child module
;; (ewasm_rt_child.wat). It exposes bump, loads the child into slot 5 and
;; calls the child's main with its pre-state as the argument and a 32-byte
;; return buffer; the child asks bump to add 1 to the state's first 4 bytes
;; (little-endian) and returns the state with them replaced. The EE keeps
;; what the child returned in buffer frame 3, reads it back and saves it.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (import "env" "eth2_blockDataCopy" (func $blockDataCopy (param i32 i32 i32)))
  (import "env" "eth2_loadModule" (func $load (param i32 i32 i32)))
  (import "env" "eth2_expose" (func $expose (param i32 i32)))
  (import "env" "eth2_callModule" (func $callModule (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "eth2_argument" (func $argument (param i32 i32) (result i32)))
  (import "env" "eth2_return" (func $return (param i32 i32) (result i32)))
  (import "env" "eth2_bufferSet" (func $bufferSet (param i32 i32 i32)))
  (import "env" "eth2_bufferGet" (func $bufferGet (param i32 i32 i32) (result i32)))

  (memory (export "memory") 2)
  (data (i32.const 0) "bump")
  (data (i32.const 8) "main")

  ;; bump: returns its 4-byte argument plus 1, and 1.
  (func $bump (export "bump") (result i32)
    (if (i32.ne (call $argument (i32.const 16) (i32.const 4)) (i32.const 4))
      (then (unreachable)))
    (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.const 1)))
    (drop (call $return (i32.const 16) (i32.const 4)))
    (i32.const 1))

  (func $main (export "main")
    (call $expose (i32.const 0) (i32.const 4))
    (call $blockDataCopy (i32.const 0x1000) (i32.const 0) (call $blockDataSize))
    (call $load (i32.const 5) (i32.const 0x1000) (call $blockDataSize))
    (call $loadPreStateRoot (i32.const 64))
    (if (i32.ne
          (call $callModule (i32.const 5) (i32.const 8) (i32.const 4) (i32.const 64) (i32.const 32) (i32.const 96) (i32.const 32))
          (i32.const 6301))
      (then (unreachable)))
    ;; The key is the 32 zero bytes at 160.
    (call $bufferSet (i32.const 3) (i32.const 160) (i32.const 96))
    (if (call $bufferGet (i32.const 3) (i32.const 160) (i32.const 192))
      (then (unreachable)))
    (call $savePostStateRoot (i32.const 192))))
