;; memory_bomb: main grows its memory one page at a time until memory.grow
;; fails (returns -1, at the cap), prints the number of pages it reached,
;; then traps. Rebuild: npm run build:testdata
(module
  (import "env" "debug_print32" (func $print32 (param i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (block $full
      (loop $grow
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    (call $print32 (memory.size))
    unreachable))
