package wasmhost

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// importKindNames are the wasm import kinds other than functions, by their
// byte in the import section.
var importKindNames = map[byte]string{0x01: "table", 0x02: "memory", 0x03: "global", 0x04: "tag"}

// firstNonFunctionImport finds the first import of code that is not a
// function. wazero's CompiledModule lists only imported functions and
// memories, so the import section is read here; code has already passed
// wazero's validation.
func firstNonFunctionImport(code []byte) (name importName, kind string, found bool, err error) {
	r := wasmReader{b: code[8:]} // past the magic number and version
	for len(r.b) > 0 {
		id := r.byte()
		section := wasmReader{b: r.bytes(r.u32())}
		if r.err != nil || id != 0x02 { // 0x02: the import section
			continue
		}
		for count := section.u32(); count > 0 && section.err == nil; count-- {
			imported := importName{module: section.name(), name: section.name()}
			switch kind := section.byte(); kind {
			case 0x00: // function: a type index
				section.u32()
			default:
				if name, ok := importKindNames[kind]; ok {
					return imported, name, true, nil
				}
				return importName{}, "", false, fmt.Errorf("import %s has unknown kind %#x", imported, kind)
			}
		}
		return importName{}, "", false, section.err
	}
	return importName{}, "", false, r.err
}

// wasmReader reads the wasm binary format, remembering the first error.
type wasmReader struct {
	b   []byte
	err error
}

var errTruncated = errors.New("truncated wasm module")

func (r *wasmReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	b := r.b[0]
	r.b = r.b[1:]
	return b
}

func (r *wasmReader) u32() uint32 {
	v, n := binary.Uvarint(r.b) // wasm's LEB128 is Go's uvarint
	if n <= 0 || v > 1<<32-1 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return uint32(v)
}

func (r *wasmReader) bytes(n uint32) []byte {
	if uint64(n) > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *wasmReader) name() string {
	return string(r.bytes(r.u32()))
}

func (r *wasmReader) fail() {
	if r.err == nil {
		r.err = errTruncated
	}
	r.b = nil
}
