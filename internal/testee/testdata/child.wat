;; child: a child module (quilt's ewasm-rt) for the probe EE to load.
;; Rebuild: npm run build:testdata
;;
;; Its exports, each () -> i32 as eth2_callModule needs:
;;   run:    runs its argument as operations, as the probe does, from 0x1000,
;;           and returns the i32 at 0x0ffc. Operations: 0x14 ptr len bytes
;;           (store), 0x1c ptr len (print), 0x20, 0x21 and 0x22 (eth2_argument,
;;           eth2_return and eth2_call, as in probe.wat), 0x13 (unreachable).
;;   echo:   returns its argument: eth2_return's result, the return buffer's
;;           length.
;;   head:   takes 2 bytes of its argument, returns them, and returns the
;;           argument's length.
;;   bounce: calls the EE's bounce through eth2_call, without end.
;; and one with the wrong type for eth2_callModule: add (i32) -> i32.
(module
  (import "env" "eth2_argument" (func $argument (param i32 i32) (result i32)))
  (import "env" "eth2_return" (func $return (param i32 i32) (result i32)))
  (import "env" "eth2_call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "print" (func $print (param i32 i32)))

  (memory (export "memory") 2)
  (data (i32.const 0x0ff0) "bounce")

  (global $pc (mut i32) (i32.const 0x1000))

  (func $arg (result i32)
    (local $value i32)
    (local.set $value (i32.load (global.get $pc)))
    (global.set $pc (i32.add (global.get $pc) (i32.const 4)))
    (local.get $value))

  (func $run (export "run") (result i32)
    (local $end i32)
    (local $op i32)
    (local $ptr i32)
    (local $len i32)
    (global.set $pc (i32.const 0x1000))
    (local.set $end (i32.add (i32.const 0x1000) (call $argument (i32.const 0x1000) (i32.const 0xf000))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (global.get $pc) (local.get $end)))
        (local.set $op (i32.load8_u (global.get $pc)))
        (global.set $pc (i32.add (global.get $pc) (i32.const 1)))
        (if (i32.eq (local.get $op) (i32.const 0x14)) (then
          (local.set $ptr (call $arg))
          (local.set $len (call $arg))
          (memory.copy (local.get $ptr) (global.get $pc) (local.get $len))
          (global.set $pc (i32.add (global.get $pc) (local.get $len)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1c)) (then
          (call $print (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x20)) (then
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $argument (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x21)) (then
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $return (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x22)) (then
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $call (call $arg) (call $arg) (call $arg) (call $arg) (call $arg) (call $arg)))
          (br $next)))
        (unreachable)))
    (i32.load (i32.const 0x0ffc)))

  (func $echo (export "echo") (result i32)
    (call $return (i32.const 0x10000) (call $argument (i32.const 0x10000) (i32.const 0x10000))))

  (func $head (export "head") (result i32)
    (local $length i32)
    (local.set $length (call $argument (i32.const 0) (i32.const 2)))
    (drop (call $return (i32.const 0) (i32.const 2)))
    (local.get $length))

  (func $bounce (export "bounce") (result i32)
    (call $call (i32.const 0x0ff0) (i32.const 6) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))

  (func $add (export "add") (param i32) (result i32)
    (local.get 0)))
