;; main_with_params: main takes a parameter. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "main") (param i32)))
