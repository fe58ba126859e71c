//go:build js && wasm

// Command eeplay-wasm is the simulation core for the browser: built as
// GOOS=js GOARCH=wasm (go run ./build does that), it runs in the page's Web
// Worker and installs globalThis.eeplayCore, the function the worker calls
// (see package jsbridge).
package main

import (
	"context"
	"fmt"
	"os"
	"syscall/js"

	"github.com/eeplay/eeplay/jsbridge"
	"github.com/eeplay/eeplay/wasmhost"
)

// testCrashEnv is set, in go.env, only by a worker started for the
// crash tests (web/e2e/crash.test.mjs): see installCrashForTests.
const testCrashEnv = "EEPLAY_TEST_CRASH"

func main() {
	bridge, err := jsbridge.New(context.Background(), wasmhost.Config{})
	if err != nil {
		// The worker sees no eeplayCore and reports this line from the console.
		fmt.Println("eeplay core:", err)
		return
	}
	bridge.Install(js.Global(), "eeplayCore")
	if os.Getenv(testCrashEnv) != "" {
		installCrashForTests()
	}
	// Callbacks run on this program's goroutines: it must not exit.
	select {}
}

// installCrashForTests is test-only. It installs
// globalThis.eeplayCrashForTests, which ends this program for real with an
// unrecovered panic, as a bug in the core or running out of memory would,
// so that the browser tests can check how the page recovers from a crash.
// Only the worker calls it, and only when the page was opened with
// ?test-crash in its address (web/src/core/worker.ts); the core's methods, EE
// code and files cannot reach it, and without the flag it does not exist.
func installCrashForTests() {
	js.Global().Set("eeplayCrashForTests", js.FuncOf(func(js.Value, []js.Value) any {
		panic("eeplay: crashed on purpose, for a test")
	}))
}
