;; table_grow_bomb: a start function that grows a table by 2^32 - 16
;; elements, which wazero would allocate at once. eeplay caps every table at
;; 65,536 elements, so the grow returns -1 and the EE is created.
;; Rebuild: npm run build:testdata
(module
  (table $t 0 funcref)
  (memory (export "memory") 1)
  (func $init (drop (table.grow $t (ref.null func) (i32.const 0xfffffff0))))
  (start $init)
  (func (export "main")))
