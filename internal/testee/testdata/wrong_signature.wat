;; wrong_signature: imports eth2_useTicks with an i64 parameter.
;; Rebuild: npm run build:testdata
(module
  (import "env" "eth2_useTicks" (func (param i64)))
  (memory (export "memory") 1)
  (func (export "main")))
