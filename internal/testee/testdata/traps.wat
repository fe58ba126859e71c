;; traps: main traps at once (unreachable), so every transaction fails and
;; its block is rejected. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func (export "main")
    unreachable))
