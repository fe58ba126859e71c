package wasmhost

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// wasmMagic starts every WebAssembly binary module.
var wasmMagic = []byte("\x00asm")

// wasmVersion is the only binary format version eeplay runs, in the four
// little-endian bytes after the magic.
const wasmVersion = 1

// headerError is input that is not a WebAssembly binary module of the
// version eeplay runs, judged by its first 8 bytes. Its message replaces
// "invalid wasm module", which would send a user uploading a text file
// looking for a broken section.
type headerError struct{ msg string }

func (e *headerError) Error() string { return e.msg }

// checkHeader rejects code that does not start with the magic and version
// of a WebAssembly binary module. It runs before every other check, which
// would read past a header they assume.
func checkHeader(code []byte) error {
	switch {
	case len(code) == 0:
		return &headerError{"not a WebAssembly module: the file is empty"}
	case !bytes.HasPrefix(wasmMagic, code[:min(len(code), len(wasmMagic))]):
		if isWasmText(code) {
			return &headerError{"not a WebAssembly module: it is WebAssembly text (.wat); compile it to a binary .wasm in the page's Code tab (New from template: blank-wat) or with wat2wasm"}
		}
		return &headerError{fmt.Sprintf(`not a WebAssembly module: it starts with %s, not "\x00asm"`, quoteStart(code))}
	case len(code) < 8:
		return &headerError{fmt.Sprintf("not a WebAssembly module: its header is cut short at %d bytes, want 8 (\\0asm and the version)", len(code))}
	}
	if version := binary.LittleEndian.Uint32(code[4:8]); version != wasmVersion {
		return &headerError{fmt.Sprintf("unsupported WebAssembly version %#x: want %d", version, wasmVersion)}
	}
	return nil
}

// quoteStart quotes the first 8 bytes of code: as text when they are
// printable ASCII, so that a file's first words show, and as hex otherwise.
func quoteStart(code []byte) string {
	start := code[:min(len(code), 8)]
	for _, b := range start {
		if b < 0x20 || b > 0x7e {
			return fmt.Sprintf("the bytes % x", start)
		}
	}
	return strconv.Quote(string(start))
}

// isWasmText reports whether code looks like a module in WebAssembly's
// text format: whitespace and comments, then "(module".
func isWasmText(code []byte) bool {
	s := string(code)
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case strings.HasPrefix(s, ";;"):
			_, rest, found := strings.Cut(s, "\n")
			if !found {
				return false
			}
			s = rest
		case strings.HasPrefix(s, "(;"):
			_, rest, found := strings.Cut(s, ";)")
			if !found {
				return false
			}
			s = rest
		default:
			return strings.HasPrefix(s, "(module")
		}
	}
}
