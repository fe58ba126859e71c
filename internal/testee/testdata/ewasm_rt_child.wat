;; ewasm_rt_child: the child module ewasm_rt_root.wat loads. Its main takes
;; a 32-byte argument, has the EE's bump add 1 to its first 4 bytes, returns
;; the result and 6301. Rebuild: npm run build:testdata
(module
  (import "env" "eth2_argument" (func $argument (param i32 i32) (result i32)))
  (import "env" "eth2_return" (func $return (param i32 i32) (result i32)))
  (import "env" "eth2_call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "bump")
  (func $main (export "main") (result i32)
    (if (i32.ne (call $argument (i32.const 32) (i32.const 32)) (i32.const 32))
      (then (unreachable)))
    (if (i32.ne (call $call (i32.const 0) (i32.const 4) (i32.const 32) (i32.const 4) (i32.const 32) (i32.const 4)) (i32.const 1))
      (then (unreachable)))
    (if (i32.ne (call $return (i32.const 32) (i32.const 32)) (i32.const 32))
      (then (unreachable)))
    (i32.const 6301)))
