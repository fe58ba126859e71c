;; big_table: a table of 70,000 elements, over the limit of 65,536.
;; Rebuild: npm run build:testdata
(module
  (table 70000 funcref)
  (memory (export "memory") 1)
  (func (export "main")))
