;; start_calls_host: an EE whose start function calls a host function that
;; writes to memory, as a constructor might; main adds 1 to the first byte
;; of what start loaded and saves it. The browser engine runs start only
;; once the instance's memory exists. Rebuild: npm run build:testdata
(module
  (import "env" "eth2_loadPreStateRoot" (func $loadPreStateRoot (param i32)))
  (import "env" "eth2_savePostStateRoot" (func $savePostStateRoot (param i32)))
  (memory (export "memory") 1)
  (start $load)
  (func $load
    (call $loadPreStateRoot (i32.const 0)))
  (func (export "main")
    (i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
    (call $savePostStateRoot (i32.const 0))))
