;; unknown_import: imports a function no host provides.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_getBalance" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "main")))
