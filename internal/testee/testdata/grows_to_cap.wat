;; grows_to_cap: main grows memory to 256 pages (16 MiB, the default cap)
;; and writes its last byte, so that every instance holds 16 MiB. Run many
;; times, it checks that finished instances are freed. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "main")
    (if (i32.eq (memory.grow (i32.const 255)) (i32.const -1))
      (then unreachable))
    (i32.store8 (i32.const 16777215) (i32.const 1))))
