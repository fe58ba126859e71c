package wasmhost

import (
	"regexp"
	"strings"
)

// v8Traps maps V8's messages for wasm traps to wazero's, so that both
// engines word a failed transaction alike (the cross-check compares them).
var v8Traps = map[string]string{
	"unreachable":                                  "unreachable",
	"memory access out of bounds":                  "out of bounds memory access",
	"divide by zero":                               "integer divide by zero",
	"remainder by zero":                            "integer divide by zero",
	"divide result unrepresentable":                "integer overflow",
	"float unrepresentable in integer range":       "invalid conversion to integer",
	"table index is out of bounds":                 "invalid table access",
	"null function or function signature mismatch": "indirect call type mismatch",
	"Maximum call stack size exceeded":             "stack overflow",
}

// wazeroTrapMessage is wazero's message for the trap V8 reports as message.
func wazeroTrapMessage(message string) (string, bool) {
	trap, ok := v8Traps[message]
	return trap, ok
}

// v8WasmFrame matches a wasm frame of a V8 stack trace:
//
//	at main (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)
//	at <alloc::string::String as core::fmt::Display>::fmt (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)
//	at wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2
//
// A name may hold spaces, as a demangled Rust name does (sourceNames).
var v8WasmFrame = regexp.MustCompile(`^\s*at (?:(.+) \()?wasm://wasm/[^:]*:wasm-function\[(\d+)\]:(0x[0-9a-f]+)\)?$`)

// browserStackTrace turns the EE's frames of a V8 stack trace into lines
// like wazero's, each after "\n\t": the function's name if the module names
// it, else $ and its index, then the code offset. The EE's frames are the first
// run of wasm frames: JavaScript frames (the host function's glue) may come
// before them, and the glue that called the EE and then Go's own wasm
// frames follow them.
func browserStackTrace(stack string) string {
	var sb strings.Builder
	for _, line := range strings.Split(stack, "\n") {
		m := v8WasmFrame.FindStringSubmatch(line)
		if m == nil {
			if sb.Len() > 0 {
				break
			}
			continue
		}
		name := m[1]
		if name == "" {
			name = "$" + m[2]
		}
		sb.WriteString("\n\t." + name + " at " + m[3])
	}
	return sb.String()
}

// hostFrame is host function f, reached through import, as a frame of
// wazero's stack traces: "\n\tenv.eth2_blockDataSize() i32". Host functions
// have at most one result.
func hostFrame(imported importName, f *hostFunction) string {
	frame := "\n\t" + imported.String() + "(" + strings.ReplaceAll(valueTypeNames(f.params), ", ", ",") + ")"
	if len(f.results) == 1 {
		frame += " " + valueTypeNames(f.results)
	}
	return frame
}
