package wasmhost_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// Where the child-module tests put things in the probe's scratch memory.
const (
	childCodeAt = 0x4000
	nameAt      = 0x100 // childName's names, 16 bytes apart
	argAt       = 0x300
	retAt       = 0x400 // the return buffer, then the result at resultAt
	resultAt    = 0x41c
)

// childNames are the exports childProbe stores names of, at nameAt.
var childNames = []string{"run", "echo", "head", "callback", "nope", "add", "main", "bounce"}

// childName is where childProbe stored name, and its length.
func childName(name string) (uint32, uint32) {
	return nameAt + 16*uint32(slices.Index(childNames, name)), uint32(len(name))
}

// loadChild appends the operations that load code into slot.
func loadChild(p testee.Probe, slot uint32, code []byte) testee.Probe {
	return p.Store(childCodeAt, code).Op(testee.OpLoadModule, slot, childCodeAt, uint32(len(code)))
}

// childProbe stores the names of childNames, fills the return buffer and
// result with 0xff, and loads testdata/child.wat into slot 0.
func childProbe() testee.Probe {
	p := testee.Probe{}
	for i, name := range childNames {
		p = p.Store(nameAt+16*uint32(i), []byte(name))
	}
	p = p.Store(retAt, bytes.Repeat([]byte{0xff}, 32))
	return loadChild(p, 0, testee.Wasm("child"))
}

// callChild appends a call of slot's export name with the argument arg and
// a return buffer of retLength bytes at retAt, and saves the return buffer
// and the result as the post-state (see childResult).
func callChild(p testee.Probe, slot uint32, name string, arg []byte, retLength uint32) testee.Probe {
	namePtr, nameLength := childName(name)
	return p.Store(argAt, arg).
		Op(testee.OpCallModule, resultAt, slot, namePtr, nameLength, argAt, uint32(len(arg)), retAt, retLength).
		Op(testee.OpSavePostStateRoot, retAt)
}

// childResult is the post-state callChild saves: the return buffer holding
// returned over its 0xff bytes, then the call's result.
func childResult(returned []byte, result uint32) core.Root {
	root := core.Root(bytes.Repeat([]byte{0xff}, 32))
	copy(root[:], returned)
	binary.LittleEndian.PutUint32(root[resultAt-retAt:], result)
	return root
}

// childOps is a program for child.wat's run, or for the probe's callback.
func childOps() testee.Probe { return testee.Probe{} }

// expose appends an operation that exposes the probe's export name, whose
// name childProbe stored.
func expose(p testee.Probe, name string) testee.Probe {
	namePtr, nameLength := childName(name)
	return p.Op(testee.OpExpose, namePtr, nameLength)
}

// le32 is x as 4 little-endian bytes.
func le32(x uint32) []byte { return binary.LittleEndian.AppendUint32(nil, x) }

// childUsage is the receipt's entry for testdata/child.wat in slot.
func childUsage(slot uint32, calls, callbacks uint64) core.ChildModule {
	code := testee.Wasm("child")
	return core.ChildModule{Slot: slot, Size: uint32(len(code)), SHA256: sha256.Sum256(code), Calls: calls, Callbacks: callbacks}
}

// callbackOps is a program for child.wat's run: call the EE's callback
// with program as its argument and a 2-byte return buffer at 0x2000, return
// those 2 bytes, and return callback's result.
func callbackOps(program []byte) testee.Probe {
	return childOps().Store(0x100, []byte("callback")).Store(0x200, program).
		Op(testee.OpCall, 0x0ffc, 0x100, 8, 0x200, uint32(len(program)), 0x2000, 2).
		Op(testee.OpReturn, 0x0ff8, 0x2000, 2)
}

func TestChildModules(t *testing.T) {
	// The EE's callback returns "ok" and 42.
	okAnd42 := childOps().Store(0x7000, []byte("ok")).Op(testee.OpReturn, 0x7010, 0x7000, 2).Store(0x7ffc, le32(42))
	tests := []struct {
		name  string
		data  []byte
		want  core.Root
		debug []string
		usage []core.ChildModule
	}{
		{name: "echo into a larger return buffer: the rest is untouched, the result is the buffer's length",
			data: callChild(childProbe(), 0, "echo", []byte("hello"), 8), want: childResult([]byte("hello"), 8),
			usage: []core.ChildModule{childUsage(0, 1, 0)}},
		{name: "echo into a smaller return buffer: what fits",
			data: callChild(childProbe(), 0, "echo", []byte("hello"), 3), want: childResult([]byte("hel"), 3),
			usage: []core.ChildModule{childUsage(0, 1, 0)}},
		{name: "an argument larger than the callee takes: eth2_argument returns its length",
			data: callChild(childProbe(), 0, "head", []byte("hello"), 8), want: childResult([]byte("he"), 5),
			usage: []core.ChildModule{childUsage(0, 1, 0)}},
		{name: "an empty argument and no return buffer",
			data: callChild(childProbe(), 0, "echo", nil, 0), want: childResult(nil, 0),
			usage: []core.ChildModule{childUsage(0, 1, 0)}},
		{name: "a child calls back an exposed export, which takes its argument and returns",
			data: callChild(expose(childProbe(), "callback"), 0, "run", callbackOps(okAnd42), 8),
			want: childResult([]byte("ok"), 42), usage: []core.ChildModule{childUsage(0, 1, 1)}},
		{name: "a child prints",
			data:  callChild(childProbe(), 0, "run", childOps().Store(0x100, []byte("from the child\n")).Op(testee.OpPrint, 0x100, 15), 0),
			want:  childResult(nil, 0), // run returns the i32 at 0x0ffc, which nothing set
			debug: []string{`print: from the child\n`}, usage: []core.ChildModule{childUsage(0, 1, 0)}},
		{name: "two slots, in the order loaded",
			data: callChild(callChild(loadChild(childProbe(), 7, testee.Wasm("child")), 7, "echo", []byte("a"), 1), 0, "echo", []byte("b"), 1),
			want: childResult([]byte("b"), 1), usage: []core.ChildModule{childUsage(0, 1, 0), childUsage(7, 1, 0)}},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				receipt, err := program.Execute(context.Background(), preState, tt.data)
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				if receipt.PostState != tt.want {
					t.Errorf("post-state = %x, want %x", receipt.PostState, tt.want)
				}
				if !slices.Equal(receipt.Debug, append([]string{}, tt.debug...)) {
					t.Errorf("debug = %q, want %q", receipt.Debug, tt.debug)
				}
				if !slices.Equal(receipt.Modules, tt.usage) {
					t.Errorf("modules = %+v, want %+v", receipt.Modules, tt.usage)
				}
			})
		}
	})
}

func TestChildModuleFailures(t *testing.T) {
	call := func(p testee.Probe, name string, arg []byte) testee.Probe { return callChild(p, 0, name, arg, 8) }
	bounceName, bounceLength := childName("bounce")
	tests := []struct {
		name   string
		config wasmhost.Config
		data   []byte
		want   string
	}{
		{name: "a slot that holds no module", data: callChild(childProbe(), 3, "echo", nil, 0),
			want: "eth2_callModule: slot 3 holds no module: load one with eth2_loadModule first"},
		{name: "a slot loaded twice", data: loadChild(childProbe(), 0, testee.Wasm("child")),
			want: "eth2_loadModule: slot 0 already holds a module: a slot is loaded once per transaction"},
		{name: "more modules than MaxChildModules", config: wasmhost.Config{MaxChildModules: 1},
			data: loadChild(childProbe(), 1, testee.Wasm("child")),
			want: "eth2_loadModule: module limit exceeded: the transaction has loaded 1 child modules and may load 1 (MaxChildModules)"},
		{name: "code longer than MaxWasmCodeSize", data: testee.Probe{}.Op(testee.OpLoadModule, 0, 0, core.MaxWasmCodeSize+1),
			want: "eth2_loadModule: child module of 262145 bytes exceeds MaxWasmCodeSize (262144 bytes)"},
		{name: "code outside memory", data: testee.Probe{}.Op(testee.OpLoadModule, 0, memoryEnd-10, 11),
			want: "eth2_loadModule: memory access out of bounds: 11 bytes at offset 131062, but memory is 131072 bytes"},
		{name: "code that is not wasm", data: loadChild(testee.Probe{}, 0, []byte("hello")),
			want: `eth2_loadModule: child module for slot 0: not a WebAssembly module: it starts with "hello", not "\x00asm"`},
		{name: "invalid wasm", data: loadChild(testee.Probe{}, 0, []byte("\x00asm\x01\x00\x00\x00\x01\xff")),
			want: "eth2_loadModule: child module for slot 0: invalid wasm module: get size of section type: EOF"},
		{name: "a child importing what only an EE may", data: loadChild(testee.Probe{}, 0, testee.Wasm("child_imports_block_data")),
			want: "eth2_loadModule: child module for slot 0: unsupported import env.eth2_blockDataSize: a child module may import only eth2_call, eth2_argument, eth2_return, print and the debug_ functions (module env)"},
		{name: "a child without memory", data: loadChild(testee.Probe{}, 0, testee.Wasm("child_no_memory")),
			want: "eth2_loadModule: child module for slot 0: not a child module: it does not export a memory named memory"},
		{name: "a child whose start function traps", data: loadChild(testee.Probe{}, 0, testee.Wasm("child_start_traps")),
			want: "eth2_loadModule: child module for slot 0: start function[0] failed: wasm error: unreachable"},
		{name: "a name the child does not export", data: call(childProbe(), "nope", nil),
			want: `eth2_callModule: the child module in slot 0 exports no function named "nope"`},
		{name: "an export of the wrong type", data: call(childProbe(), "add", nil),
			want: `eth2_callModule: the child module in slot 0's export "add" has type (i32) -> (i32), want () -> (i32)`},
		{name: "a return buffer outside memory", data: childProbe().Op(testee.OpCallModule, 0, 0, nameAt+16, 4, 0, 0, memoryEnd-1, 2),
			want: "eth2_callModule: return buffer: memory access out of bounds: 2 bytes at offset 131071, but memory is 131072 bytes"},
		{name: "a child that traps", data: call(childProbe(), "run", childOps().Op(testee.OpUnreachable)),
			want: `eth2_callModule: the child module in slot 0 failed in "run": wasm error: unreachable`},
		{name: "a child's bad pointer", data: call(childProbe(), "run", childOps().Op(testee.OpPrint, 0x20000, 1)),
			want: `eth2_callModule: the child module in slot 0 failed in "run": print: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes`},
		{name: "exposing what the EE does not export", data: expose(childProbe(), "nope"),
			want: `eth2_expose: the EE exports no function named "nope"`},
		{name: "exposing an export of the wrong type", data: expose(childProbe(), "main"),
			want: `eth2_expose: the EE's export "main" has type () -> (), want () -> (i32)`},
		{name: "calling back what the EE has not exposed", data: call(childProbe(), "run", callbackOps(nil)),
			want: `eth2_callModule: the child module in slot 0 failed in "run": eth2_call: the EE has not exposed "callback": it exposes an export with eth2_expose`},
		{name: "an exposed export that traps", data: call(expose(childProbe(), "callback"), "run", callbackOps(childOps().Op(testee.OpUnreachable))),
			want: `eth2_callModule: the child module in slot 0 failed in "run": eth2_call: the EE failed in "callback": wasm error: unreachable`},
		{name: "the EE calling eth2_call", data: testee.Probe{}.Op(testee.OpCall, 0, 0, 0, 0, 0, 0, 0),
			want: "eth2_call: only a child module may call it: the EE calls its child modules with eth2_callModule"},
		{name: "eth2_argument outside a call", data: testee.Probe{}.Op(testee.OpArgument, 0, 0, 0),
			want: "eth2_argument: no caller: only an export called through eth2_callModule or eth2_call has an argument and a return buffer"},
		{name: "eth2_return outside a call", data: testee.Probe{}.Op(testee.OpReturn, 0, 0, 0),
			want: "eth2_return: no caller: only an export called through eth2_callModule or eth2_call has an argument and a return buffer"},
		{name: "calls deeper than MaxCallDepth", config: wasmhost.Config{MaxCallDepth: 2},
			data: expose(childProbe(), "bounce").Op(testee.OpCallModule, 0, 0, bounceName, bounceLength, 0, 0, 0, 0),
			want: `eth2_callModule: the child module in slot 0 failed in "bounce": eth2_call: the EE failed in "bounce": eth2_callModule: call depth exceeded: 2 calls between the EE and its child modules are already under way (MaxCallDepth)`},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				config := tt.config
				config.Engine = kind
				program := compile(t, newEngine(t, config), testee.Wasm("probe"))
				assertFailsWithStack(t, program, tt.data, tt.want)
			})
		}
	})
}

func TestChildFailureStackTrace(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		_, err := program.Execute(context.Background(), preState, callChild(childProbe(), 0, "run", childOps().Op(testee.OpUnreachable), 8))
		want := `eth2_callModule: the child module in slot 0 failed in "run": wasm error: unreachable` + "\n" +
			"wasm stack trace:\n" +
			"\t.run() i32\n" +
			"\tenv.eth2_callModule(i32,i32,i32,i32,i32,i32,i32) i32\n" +
			"\t.main()"
		if kind == wasmhost.Browser {
			want = strings.NewReplacer(".run() i32", ".run at 0x187", ".main()", ".main at 0x5ab").Replace(want)
		}
		if err == nil || err.Error() != want {
			t.Errorf("error = %q\nwant    %q", err, want)
		}
	})
}
