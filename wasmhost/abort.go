package wasmhost

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"

	"github.com/tetratelabs/wazero/api"
)

// maxAbortStringBytes bounds the strings abort decodes: a corrupt length
// must not make the host copy all of memory into an error message.
const maxAbortStringBytes = 4096

// abortFunction is AssemblyScript's env.abort, called by failed assertions,
// thrown errors and out-of-memory.
var abortFunction = &hostFunction{
	// abort(message: i32, fileName: i32, line: i32, column: i32)
	name:       "abort",
	params:     []api.ValueType{i32, i32, i32, i32},
	paramNames: []string{"message", "fileName", "line", "column"},
	call: func(_ *transaction, mem guestMemory, stack []uint64) error {
		message := assemblyScriptString(mem, api.DecodeU32(stack[0]))
		file := assemblyScriptString(mem, api.DecodeU32(stack[1]))
		return fmt.Errorf("%s at %s:%d:%d", message, file, api.DecodeU32(stack[2]), api.DecodeU32(stack[3]))
	},
}

// assemblyScriptString decodes the AssemblyScript string at ptr: UTF-16LE
// code units whose byte length is stored in the 4 bytes before ptr. It
// describes rather than fails on a bad pointer, since abort fails anyway.
// What is not printable is escaped as in debug lines: the message reaches
// terminals and pages, where an EE's ESC[2J or newline must not clear the
// screen or fake a line of output.
func assemblyScriptString(mem guestMemory, ptr uint32) string {
	if ptr == 0 {
		return "null" // as AssemblyScript prints a null string
	}
	if ptr < 4 {
		return fmt.Sprintf("(string at %d out of bounds)", ptr)
	}
	header, ok := mem.Read(ptr-4, 4)
	if !ok {
		return fmt.Sprintf("(string at %d out of bounds)", ptr)
	}
	size := binary.LittleEndian.Uint32(header)
	if size > maxAbortStringBytes || size%2 != 0 {
		return fmt.Sprintf("(string at %d has bad length %d)", ptr, size)
	}
	b, ok := mem.Read(ptr, size)
	if !ok {
		return fmt.Sprintf("(string at %d out of bounds)", ptr)
	}
	units := make([]uint16, size/2)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return text([]byte(string(utf16.Decode(units))))
}
