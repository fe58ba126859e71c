;; no_memory: exports main but no memory. Rebuild: npm run build:testdata
(module
  (func (export "main")))
