;; profile_tree: a known call tree for the profiler. main calls $a twice and
;; $b once; $a calls $b; $b charges 3 ticks. Then $down recurses once per
;; byte of block data, calling $c (which calls $a and $b), $a and $b at each
;; level: eight nodes of the call tree per level.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_useTicks" (func $useTicks (param i32)))
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (memory (export "memory") 1)
  (func $b (call $useTicks (i32.const 3)))
  (func $a (call $b))
  (func $c (call $a) (call $b))
  (func $down (param $n i32)
    (if (local.get $n)
      (then
        (call $c)
        (call $a)
        (call $b)
        (call $down (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "main")
    (call $a)
    (call $b)
    (call $a)
    (call $down (call $blockDataSize))))
