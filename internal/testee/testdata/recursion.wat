;; recursion: main calls itself forever, to show that running out of stack
;; fails the transaction rather than the host. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func $main (export "main") (call $main)))
