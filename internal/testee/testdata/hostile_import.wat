;; hostile_import: imports from a module whose name would clear a terminal
;; (ESC[2J) and return to the start of the line (CR), so that the error
;; rejecting it carries them. Rebuild: npm run build:testdata
(module
  (import "\1b[2J\0d" "f" (func))
  (memory (export "memory") 1)
  (func (export "main")))
