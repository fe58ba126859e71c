;; infinite_loop: main loops forever and never calls the host, so nothing
;; but ending its thread can stop it (in the page, the time limit per block
;; ends the core's worker). Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "main")
    (loop $forever
      (br $forever))))
