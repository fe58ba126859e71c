;; trivial_library: a library whose double takes and returns i64, to test that
;; an EE importing double as (i32) -> (i32) is rejected.
;; Rebuild: npm run build:testdata
(module
  (func (export "double") (param i64) (result i64)
    (i64.mul (local.get 0) (i64.const 2))))
