;; big_memory: starts with 257 pages, one over the default cap.
;; Rebuild: npm run build:testdata
(module
  (memory (export "memory") 257)
  (func (export "main")))
