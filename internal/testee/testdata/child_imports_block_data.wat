;; child_imports_block_data: a child module that imports a function only an
;; EE may import. Rebuild: npm run build:testdata
(module
  (import "env" "eth2_blockDataSize" (func $blockDataSize (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (result i32) (call $blockDataSize)))
