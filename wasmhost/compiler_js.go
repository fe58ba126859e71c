package wasmhost

// compilerSupported is false: wazero's compiler emits machine code, which
// js/wasm cannot run.
func compilerSupported() bool { return false }

// canInterrupt is false: js/wasm has one thread and no preemption, so the
// goroutine that would stop an EE when its context ends never runs while
// the EE does. Worse, wazero starts one such goroutine per instance, and
// each keeps its instance, memory included, until it runs: a block of many
// transactions would pile up their memories.
const canInterrupt = false
