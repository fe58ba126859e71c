;; start_loops: an EE whose start function loops forever, so creating it
;; (which tries the start function once) never ends by itself: natively the
;; time limit stops it, in the page ending the core's worker does.
;; Rebuild: npm run build:testdata
(module
  (memory (export "memory") 1)
  (start $forever)
  (func $forever
    (loop $again
      (br $again)))
  (func (export "main")))
