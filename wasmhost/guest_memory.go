package wasmhost

import (
	"bytes"
	"fmt"
)

// guestMemory is what host functions need of an EE's linear memory. wazero's
// api.Memory satisfies it; so can any other engine's memory.
type guestMemory interface {
	Size() uint32
	Read(offset, byteCount uint32) ([]byte, bool)
	Write(offset uint32, v []byte) bool
}

// readGuest copies length bytes at ptr out of guest memory.
func readGuest(mem guestMemory, ptr, length uint32) ([]byte, error) {
	view, ok := mem.Read(ptr, length)
	if !ok {
		return nil, outOfBounds(mem, ptr, length)
	}
	return bytes.Clone(view), nil
}

// writeGuest copies b into guest memory at ptr.
func writeGuest(mem guestMemory, ptr uint32, b []byte) error {
	if !mem.Write(ptr, b) {
		return outOfBounds(mem, ptr, uint32(len(b)))
	}
	return nil
}

func outOfBounds(mem guestMemory, ptr, length uint32) error {
	return fmt.Errorf("memory access out of bounds: %d bytes at offset %d, but memory is %d bytes", length, ptr, mem.Size())
}
