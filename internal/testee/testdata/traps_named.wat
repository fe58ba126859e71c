;; traps_named: main calls check, which calls $fail, which traps. Only
;; $fail is named in the name section; main and check are named by their
;; exports alone, so a trap's stack trace shows all three by name.
;; Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func $fail
    unreachable)
  (func (export "check")
    call $fail)
  (func (export "main")
    call 1))
