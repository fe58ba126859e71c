package core

// ChildModule is what a transaction did with one child module: a wasm
// module that the EE loaded from its own memory (eth2_loadModule, quilt's
// ewasm-rt) and called.
type ChildModule struct {
	// Slot is the number the EE loaded the module under.
	Slot uint32 `json:"slot"`
	// Size is the length of the module's code, in bytes.
	Size uint32 `json:"size"`
	// SHA256 is the SHA-256 of the module's code, which names it.
	SHA256 Root `json:"sha256"`
	// Calls counts the EE's calls of the module's exports (eth2_callModule).
	Calls uint64 `json:"calls"`
	// Callbacks counts the module's calls of the EE's exposed exports
	// (eth2_call).
	Callbacks uint64 `json:"callbacks"`
}
