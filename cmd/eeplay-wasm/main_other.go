//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains where this program runs: it is the browser build of the
// core, and does nothing natively.
func main() {
	fmt.Fprintln(os.Stderr, "eeplay-wasm is the core for the browser: build it as GOOS=js GOARCH=wasm, as `go run ./build` does; natively, use cmd/eeplay")
	os.Exit(2)
}
