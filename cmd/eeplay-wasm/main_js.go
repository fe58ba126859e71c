//go:build js && wasm

// Command eeplay-wasm is the simulation core for the browser: built as
// GOOS=js GOARCH=wasm (go run ./build does that), it runs in the page's Web
// Worker and installs globalThis.eeplayCore, the function the worker calls
// (see package jsbridge).
package main

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/jsbridge"
	"github.com/eeplay/eeplay/wasmhost"
)

func main() {
	bridge, err := jsbridge.New(context.Background(), wasmhost.Config{})
	if err != nil {
		// The worker sees no eeplayCore and reports this line from the console.
		fmt.Println("eeplay core:", err)
		return
	}
	bridge.Install(js.Global(), "eeplayCore")
	// Callbacks run on this program's goroutines: it must not exit.
	select {}
}
