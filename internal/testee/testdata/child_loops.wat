;; child_loops: a child module whose run loops forever, for the time limit
;; to stop. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "run") (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
