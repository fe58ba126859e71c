//go:build js && wasm

// Package jsbridge exposes a core.Simulation to JavaScript. The page runs
// the js/wasm build (cmd/eeplay-wasm) in a Web Worker, and the worker calls
// the one function Install sets: method name and parameters in, a {result}
// or {error, transaction?} object out, where transaction is what the
// failing transaction of a rejected block did. Bytes arrive as Uint8Array
// or 0x-prefixed hex strings; roots leave as 0x-prefixed lowercase hex,
// other bytes as Uint8Array.
package jsbridge
