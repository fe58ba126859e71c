;; table_grows_to_cap: main grows a table one element at a time and prints
;; the size at which table.grow first fails, then the size it returned -1
;; for a grow past the cap.
;; Rebuild: npm run build:testdata
(module
  (import "env" "debug_print32" (func $print32 (param i32)))
  (table $t 1 funcref)
  (memory (export "memory") 1)
  (func (export "main")
    (loop $grow
      (br_if $grow (i32.ne (table.grow $t (ref.null func) (i32.const 1)) (i32.const -1))))
    (call $print32 (table.size $t))
    (call $print32 (table.grow $t (ref.null func) (i32.const 0x7fffffff)))))
