;; uses_library: stores mylib.double(21) in the first 4 bytes of its state.
;; Rebuild: npm run build:testdata
(module
  (import "mylib" "double" (func $double (param i32) (result i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (i32.store (i32.const 0) (call $double (i32.const 21)))
    (call $savePostStateRoot (i32.const 0))))
