package wasmhost

import "strings"

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

// v8WasmFrame parses line, a wasm frame of a V8 stack trace, into the
// function's name ("" when the frame has none), its index and the code
// offset:
//
//	at main (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)
//	at <alloc::string::String as core::fmt::Display>::fmt (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)
//	at wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2
//
// A name may hold spaces and parentheses, as a demangled Rust name does
// (sourceNames): it runs to the last " (" that a location follows.
func v8WasmFrame(line string) (name, index, offset string, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, " \t\n\f\r"), "at ")
	if !ok {
		return "", "", "", false
	}
	for i := strings.LastIndex(rest, " ("); i > 0; i = strings.LastIndex(rest[:i], " (") {
		if index, offset, ok = v8WasmLocation(rest[i+2:]); ok {
			return rest[:i], index, offset, true
		}
	}
	index, offset, ok = v8WasmLocation(rest)
	return "", index, offset, ok
}

// v8WasmLocation parses s, the location of a wasm frame and maybe the
// parenthesis closing it, "wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)",
// into the function's index and the code offset.
func v8WasmLocation(s string) (index, offset string, ok bool) {
	s, ok = strings.CutPrefix(s, "wasm://wasm/")
	if !ok {
		return "", "", false
	}
	if _, s, ok = strings.Cut(s, ":"); !ok {
		return "", "", false
	}
	if s, ok = strings.CutPrefix(s, "wasm-function["); !ok {
		return "", "", false
	}
	if index, offset, ok = strings.Cut(s, "]:"); !ok || !allIn(index, "0123456789") {
		return "", "", false
	}
	offset = strings.TrimSuffix(offset, ")")
	if digits, ok := strings.CutPrefix(offset, "0x"); !ok || !allIn(digits, "0123456789abcdef") {
		return "", "", false
	}
	return index, offset, true
}

// allIn says s is not empty and holds only bytes of set.
func allIn(s, set string) bool {
	return s != "" && strings.Trim(s, set) == ""
}

// browserStackTrace turns the EE's frames of a V8 stack trace into lines
// like wazero's, each after "\n\t": the function's name if the module names
// it, else $ and its index, then the code offset. The EE's frames are the first
// run of wasm frames: JavaScript frames (the host function's glue) may come
// before them, and the glue that called the EE and then Go's own wasm
// frames follow them.
func browserStackTrace(stack string) string {
	var sb strings.Builder
	for _, line := range strings.Split(stack, "\n") {
		name, index, offset, ok := v8WasmFrame(line)
		if !ok {
			if sb.Len() > 0 {
				break
			}
			continue
		}
		if name == "" {
			name = "$" + index
		}
		sb.WriteString("\n\t." + name + " at " + offset)
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
