;; no_main: exports memory but no main. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "run")))
