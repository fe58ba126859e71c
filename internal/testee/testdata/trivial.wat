;; trivial: the smallest EE that does something: it saves its pre-state
;; back unchanged. Rebuild: npm run build:testdata
(module
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (call $loadPreStateRoot (i32.const 0))
    (call $savePostStateRoot (i32.const 0))))
