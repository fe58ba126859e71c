;; declares_max_memory: declares a maximum of 300 pages, over the default cap
;; of 256; the cap wins. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1 300)
  (func (export "main")))
