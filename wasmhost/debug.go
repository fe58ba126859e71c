package wasmhost

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/tetratelabs/wazero/api"
)

// debugFunctions add lines to the receipt's debug output. They change no
// state; they fail only on a bad pointer or a full receipt.
var debugFunctions = []*hostFunction{
	{
		// debug_print32(value: i32)
		name:       "debug_print32",
		params:     []api.ValueType{i32},
		paramNames: []string{"value"},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			return tx.addDebug(fmt.Sprintf("print32: %d", api.DecodeU32(stack[0])))
		},
	},
	{
		// debug_print64(value: i64)
		name:       "debug_print64",
		params:     []api.ValueType{i64},
		paramNames: []string{"value"},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			return tx.addDebug(fmt.Sprintf("print64: %d", stack[0]))
		},
	},
	{
		// debug_printMem(ptr: i32, length: i32)
		name:       "debug_printMem",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			return addMemoryLine(tx, mem, stack, "printMem: ", text)
		},
	},
	{
		// debug_printMemHex(ptr: i32, length: i32)
		name:       "debug_printMemHex",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			return addMemoryLine(tx, mem, stack, "printMemHex: 0x", hex.EncodeToString)
		},
	},
	{
		// debug_log(ptr: i32, length: i32)
		name:       "debug_log",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			return addMemoryLine(tx, mem, stack, "log: ", text)
		},
	},
	{
		// print(ptr: i32, length: i32), as quilt's ewasm-rt names it
		name:       "print",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			return addMemoryLine(tx, mem, stack, "print: ", text)
		},
	},
}

// addMemoryLine adds a debug line of prefix and the guest bytes at
// (stack[0], stack[1]), formatted.
func addMemoryLine(tx *transaction, mem guestMemory, stack []uint64, prefix string, format func([]byte) string) error {
	b, err := readGuest(mem, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
	if err != nil {
		return err
	}
	return tx.addDebug(prefix + format(b))
}

// text decodes b as UTF-8 for a debug line: each run of invalid bytes
// becomes U+FFFD, and characters that are not printable, such as NUL or a
// newline, are written as Go escapes (\x00, \n) so that a line stays one
// readable line.
func text(b []byte) string {
	var sb strings.Builder
	for _, r := range strings.ToValidUTF8(string(b), "\uFFFD") {
		if unicode.IsPrint(r) {
			sb.WriteRune(r)
			continue
		}
		quoted := strconv.QuoteRune(r)
		sb.WriteString(quoted[1 : len(quoted)-1])
	}
	return sb.String()
}
