// Package wasmhost runs execution environment (EE) WebAssembly with wazero
// and implements the host functions of the Scout prototyping engine, so that
// EEs written for Scout link unchanged. docs/host-functions.md describes each
// host function.
//
// An Engine implements core.Engine: it compiles each EE once and instantiates
// it afresh for every transaction.
package wasmhost
