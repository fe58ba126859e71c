;; start_traps: an EE whose start function, also exported, traps, so that
;; instantiation fails before main. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (start $init)
  (func $init (export "init")
    unreachable)
  (func (export "main")))
