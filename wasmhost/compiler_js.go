package wasmhost

// compilerSupported is false: wazero's compiler emits machine code, which
// js/wasm cannot run.
func compilerSupported() bool { return false }
