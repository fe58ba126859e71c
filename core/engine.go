package core

import "context"

// An Engine compiles execution environment code. Package wasmhost provides
// one; core itself runs no WebAssembly.
type Engine interface {
	// Compile checks wasmCode and prepares it to run. It is called once per
	// EE, when the EE is created.
	Compile(ctx context.Context, wasmCode []byte) (Program, error)
}

// A Program is compiled EE code.
type Program interface {
	// Execute runs the EE's main once, on a fresh instance, with preState as
	// the pre-state root and data as the block data. It returns the receipt
	// even on failure, holding what the EE did before it failed (its debug
	// output, say), so that an author can see how far it got.
	Execute(ctx context.Context, preState Root, data []byte) (Receipt, error)
}
