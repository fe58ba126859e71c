//go:build !(js && wasm)

package wasmhost

// clockNote is what a profile's measure adds about the clock: nothing
// natively, where the clock counts nanoseconds.
const clockNote = ""
