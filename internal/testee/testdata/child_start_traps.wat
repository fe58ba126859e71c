;; child_start_traps: a child module whose start function traps, so that
;; loading it fails. Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (func $start unreachable)
  (start $start))
