;; call_module_loop: an EE for benchmarks of child-module calls. Its block
;; data is a count (4 bytes, little-endian), then a child module that
;; exports echo (child.wat). It loads the child into slot 0 and calls its
;; echo count times, with a 32-byte argument and a 32-byte return buffer.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (import "env" "eth2_blockDataCopy" (func $blockDataCopy (param i32 i32 i32)))
  (import "env" "eth2_loadModule" (func $load (param i32 i32 i32)))
  (import "env" "eth2_callModule" (func $callModule (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 0) "echo")
  (func $main (export "main")
    (local $count i32)
    (call $blockDataCopy (i32.const 0x1000) (i32.const 0) (call $blockDataSize))
    (local.set $count (i32.load (i32.const 0x1000)))
    (call $load (i32.const 0) (i32.const 0x1004) (i32.sub (call $blockDataSize) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (drop (call $callModule (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 0x40) (i32.const 32) (i32.const 0x80) (i32.const 32)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))))
