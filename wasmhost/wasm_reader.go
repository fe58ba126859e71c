package wasmhost

import (
	"encoding/binary"
	"errors"
	"fmt"
)

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

// u64 reads an unsigned LEB128 of up to 64 bits (memory64 limits).
func (r *wasmReader) u64() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
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

// count reads a vector's length (or a name's, or a body's) and fails with
// a *declaredSizeError unless that many elements of at least one byte each
// could follow.
func (r *wasmReader) count() uint32 {
	n := r.u32()
	if r.err == nil && uint64(n) > uint64(len(r.b)) {
		r.failWith(&declaredSizeError{fmt.Sprintf("length %d exceeds the %d bytes that remain", n, len(r.b))})
		return 0
	}
	return n
}

// skipLEB skips a LEB128 number of any width or signedness.
func (r *wasmReader) skipLEB() {
	for i := 0; i < 10; i++ {
		if r.byte()&0x80 == 0 {
			return
		}
	}
	r.fail()
}

// skip skips n bytes.
func (r *wasmReader) skip(n uint32) { r.bytes(n) }

// adopt takes over the first error of sub, a reader of part of r's bytes,
// if it is a *declaredSizeError.
func (r *wasmReader) adopt(sub *wasmReader) {
	var sizeErr *declaredSizeError
	if errors.As(sub.err, &sizeErr) {
		r.failWith(sub.err)
	}
}

func (r *wasmReader) failWith(err error) {
	if r.err == nil {
		r.err = err
	}
	r.b = nil
}
