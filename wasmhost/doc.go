// Package wasmhost runs execution environment (EE) WebAssembly and
// implements the host functions of the Scout prototyping engine, so that
// EEs written for Scout link unchanged. docs/host-functions.md describes each
// host function.
//
// An Engine implements core.Engine: it compiles each EE once and instantiates
// it afresh for every transaction. It runs EE code with wazero, natively or
// interpreted, or, where Go runs as js/wasm, on the JavaScript host's own
// WebAssembly (the Browser kind). Each host function is written once, against
// a small interface to guest memory, and serves every engine. CrossCheck runs
// two engines side by side and fails a transaction they disagree on.
package wasmhost
