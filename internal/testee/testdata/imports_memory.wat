;; imports_memory: imports its memory instead of defining it.
;; Rebuild: npm run build:testdata
(module
  (import "env" "memory" (memory 1))
  (export "memory" (memory 0))
  (func (export "main")))
