;; library: a library module (Scout's beacon_state.libraries) exporting
;; double. Rebuild: npm run build:testdata
(module
  (func (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2))))
