;; imports_global: imports a global, which no host provides.
;; Rebuild: npm run build:testdata
(module
  (import "env" "gas" (global i64))
  (memory (export "memory") 1)
  (func (export "main")))
