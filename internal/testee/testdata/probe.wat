;; probe: an EE that calls the host functions its block data asks for, so that
;; one module can exercise every host function and failure.
;; Rebuild: npm run build:testdata
;;
;; main copies the block data to 0x8000 and runs it as a list of operations:
;; an opcode byte, then its operands as little-endian i32s. Memory below
;; 0x8000 is scratch space that operation 0x14 fills.
;;
;; For quilt's child modules (see child.wat), it exports two functions a
;; child can call back once operation 0x1f exposes them: callback, which
;; runs its argument as operations at 0x18000 and returns the i32 at 0x7ffc,
;; and bounce, which calls child slot 0's bounce, without end.
(module
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (import "env" "eth2_blockDataCopy" (func $blockDataCopy (param i32 i32 i32)))
  (import "env" "eth2_pushNewDeposit" (func $pushNewDeposit (param i32 i32)))
  (import "env" "eth2_useTicks" (func $useTicks (param i32)))
  (import "env" "eth2_emitLog" (func $emitLog (param i32 i32)))
  ;; Scout's unprefixed names under modules eth2, debug and bignum.
  (import "debug" "print32" (func $print32 (param i32)))
  (import "env" "debug_print64" (func $print64 (param i64)))
  (import "env" "debug_printMem" (func $printMem (param i32 i32)))
  (import "env" "debug_printMemHex" (func $printMemHex (param i32 i32)))
  (import "env" "debug_log" (func $log (param i32 i32)))
  (import "bignum" "add256" (func $add256 (param i32 i32 i32)))
  (import "env" "bignum_sub256" (func $sub256 (param i32 i32 i32)))
  (import "env" "bignum_mul256" (func $mul256 (param i32 i32 i32)))
  (import "env" "bignum_div256" (func $div256 (param i32 i32 i32)))
  (import "env" "bignum_mulMod" (func $mulMod (param i32 i32 i32 i32)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "eth2" "blockDataSize" (func $eth2BlockDataSize (result i32)))
  ;; quilt's ewasm-rt: buffer frames and print.
  (import "env" "eth2_bufferGet" (func $bufferGet (param i32 i32 i32) (result i32)))
  (import "env" "eth2_bufferSet" (func $bufferSet (param i32 i32 i32)))
  (import "env" "eth2_bufferMerge" (func $bufferMerge (param i32 i32)))
  (import "env" "eth2_bufferClear" (func $bufferClear (param i32)))
  (import "env" "print" (func $print (param i32 i32)))
  ;; quilt's ewasm-rt: child modules.
  (import "env" "eth2_loadModule" (func $loadModule (param i32 i32 i32)))
  (import "env" "eth2_callModule" (func $callModule (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "eth2_expose" (func $expose (param i32 i32)))
  (import "env" "eth2_argument" (func $argument (param i32 i32) (result i32)))
  (import "env" "eth2_return" (func $return (param i32 i32) (result i32)))
  (import "env" "eth2_call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 2)

  ;; $pc is the address of the next byte of the program.
  (global $pc (mut i32) (i32.const 0x8000))
  ;; $fromArgument tells main to run the call's argument, not the block data.
  (global $fromArgument (mut i32) (i32.const 0))

  (data (i32.const 0x7ff0) "bounce")

  (func $callback (export "callback") (result i32)
    (global.set $fromArgument (i32.const 1))
    (call $main)
    (i32.load (i32.const 0x7ffc)))

  (func $bounce (export "bounce") (result i32)
    (call $callModule (i32.const 0) (i32.const 0x7ff0) (i32.const 6) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))

  ;; $arg reads the next operand.
  (func $arg (result i32)
    (local $value i32)
    (local.set $value (i32.load (global.get $pc)))
    (global.set $pc (i32.add (global.get $pc) (i32.const 4)))
    (local.get $value))

  (func $main (export "main")
    (local $end i32)
    (local $op i32)
    (local $ptr i32)
    (local $len i32)
    (local $saved i32)
    (local.set $saved (global.get $pc))
    (if (global.get $fromArgument)
      (then
        (global.set $fromArgument (i32.const 0))
        (global.set $pc (i32.const 0x18000))
        (local.set $end (i32.add (i32.const 0x18000) (call $argument (i32.const 0x18000) (i32.const 0x8000)))))
      (else
        (global.set $pc (i32.const 0x8000))
        (local.set $end (i32.add (i32.const 0x8000) (call $blockDataSize)))
        (call $blockDataCopy (i32.const 0x8000) (i32.const 0) (call $blockDataSize))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (global.get $pc) (local.get $end)))
        (local.set $op (i32.load8_u (global.get $pc)))
        (global.set $pc (i32.add (global.get $pc) (i32.const 1)))

        (if (i32.eq (local.get $op) (i32.const 0x01)) (then
          (call $loadPreStateRoot (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x02)) (then
          (call $savePostStateRoot (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x03)) (then
          ;; 0x03 ptr: store eth2_blockDataSize() at ptr
          (i32.store (call $arg) (call $blockDataSize)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x04)) (then
          (call $blockDataCopy (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x05)) (then
          (call $pushNewDeposit (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x06)) (then
          (call $useTicks (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x07)) (then
          (call $emitLog (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x08)) (then
          (call $print32 (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x09)) (then
          ;; 0x09 low high: print the i64 made of two i32 halves
          (call $print64 (i64.or
            (i64.extend_i32_u (call $arg))
            (i64.shl (i64.extend_i32_u (call $arg)) (i64.const 32))))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0a)) (then
          (call $printMem (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0b)) (then
          (call $printMemHex (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0c)) (then
          (call $log (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0d)) (then
          (call $add256 (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0e)) (then
          (call $sub256 (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x0f)) (then
          (call $mul256 (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x10)) (then
          (call $div256 (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x11)) (then
          (call $mulMod (call $arg) (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x12)) (then
          (call $abort (call $arg) (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x14)) (then
          ;; 0x14 ptr len bytes...: copy the len bytes that follow to ptr
          (local.set $ptr (call $arg))
          (local.set $len (call $arg))
          (memory.copy (local.get $ptr) (global.get $pc) (local.get $len))
          (global.set $pc (i32.add (global.get $pc) (local.get $len)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x15)) (then
          ;; 0x15 ptr pages: store memory.grow(pages) at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (memory.grow (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x16)) (then
          ;; 0x16: loop until the ticks run out, one tick per iteration
          (loop $forever (call $useTicks (i32.const 1)) (br $forever))))
        (if (i32.eq (local.get $op) (i32.const 0x17)) (then
          ;; 0x17 ptr: store eth2.blockDataSize() at ptr
          (i32.store (call $arg) (call $eth2BlockDataSize)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x18)) (then
          ;; 0x18 ptr frame key value: store eth2_bufferGet(frame, key, value) at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $bufferGet (call $arg) (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x19)) (then
          (call $bufferSet (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1a)) (then
          (call $bufferMerge (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1b)) (then
          (call $bufferClear (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1c)) (then
          (call $print (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1d)) (then
          (call $loadModule (call $arg) (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1e)) (then
          ;; 0x1e ptr slot name nameLength arg argLength ret retLength: store eth2_callModule's result at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $callModule (call $arg) (call $arg) (call $arg) (call $arg) (call $arg) (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x1f)) (then
          (call $expose (call $arg) (call $arg)) (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x20)) (then
          ;; 0x20 ptr dest destLength: store eth2_argument's result at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $argument (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x21)) (then
          ;; 0x21 ptr src srcLength: store eth2_return's result at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $return (call $arg) (call $arg)))
          (br $next)))
        (if (i32.eq (local.get $op) (i32.const 0x22)) (then
          ;; 0x22 ptr name nameLength arg argLength ret retLength: store eth2_call's result at ptr
          (local.set $ptr (call $arg))
          (i32.store (local.get $ptr) (call $call (call $arg) (call $arg) (call $arg) (call $arg) (call $arg) (call $arg)))
          (br $next)))
        ;; 0x13 and any unknown opcode
        (unreachable)))
    (global.set $pc (local.get $saved))))
