;; child_no_memory: a child module that exports no memory.
;; Rebuild: npm run build:testdata
(module
  (func (export "run") (result i32) (i32.const 1)))
