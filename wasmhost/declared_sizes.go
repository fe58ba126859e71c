package wasmhost

import (
	"errors"
	"fmt"
)

// Limits on what a module may declare, beyond what its bytes bound.
const (
	// maxLocals bounds the locals of one function: V8's limit, so every EE
	// that a browser runs passes.
	maxLocals = 50_000
	// maxTableElements bounds a table's initial size: wazero allocates
	// it at every instantiation, 8 bytes an element.
	maxTableElements = 65_536
)

// declaredSizeError is a module declaring more than it holds, or more than
// the limits above.
type declaredSizeError struct{ msg string }

func (e *declaredSizeError) Error() string { return e.msg }

// errUnscanned stops the scan of a section at a structure checkDeclaredSizes
// does not know; wazero judges it.
var errUnscanned = errors.New("unscanned")

var sectionNames = map[byte]string{
	0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
	6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
	12: "data count", 13: "tag",
}

// checkDeclaredSizes rejects a module that declares more than it holds.
// wazero's decoder allocates each vector at its declared length before
// reading it, so a module of a few bytes declaring 2^32 exports would
// exhaust the host's memory (FuzzCompile found one). Every length the
// decoder allocates by must fit in the bytes that follow it; locals, which
// a module declares compressed, and tables are capped. Anything this scan
// does not understand, including truncation, it leaves to wazero.
func checkDeclaredSizes(code []byte) error {
	if len(code) < 8 {
		return nil // wazero reports the missing header
	}
	r := wasmReader{b: code[8:]}
	for len(r.b) > 0 {
		id := r.byte()
		section := wasmReader{b: r.bytes(r.count())}
		name, ok := sectionNames[id]
		if !ok {
			name = fmt.Sprintf("section %d", id)
		} else {
			name += " section"
		}
		if r.err != nil {
			return sizeError(name, r.err)
		}
		scanSection(id, &section)
		if err := sizeError(name, section.err); err != nil {
			return err
		}
	}
	return nil
}

// sizeError returns err, prefixed with where, if it is a *declaredSizeError.
func sizeError(where string, err error) error {
	var sizeErr *declaredSizeError
	if errors.As(err, &sizeErr) {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// scanSection checks the lengths in the section with the given id.
func scanSection(id byte, r *wasmReader) {
	switch id {
	case 0:
		if string(r.bytes(r.count())) == "name" {
			scanNameSection(r)
		}
	case 1:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			if r.byte() != 0x60 { // not a function type
				r.failWith(errUnscanned)
				return
			}
			r.skip(r.count()) // parameter types, a byte each
			r.skip(r.count()) // result types
		}
	case 2:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			r.skip(r.count()) // module name
			r.skip(r.count()) // name
			switch r.byte() {
			case 0x00: // function
				r.u32()
			case 0x01: // table
				scanTableType(r)
			case 0x02: // memory
				scanLimits(r)
			case 0x03: // global
				skipRefOrValueType(r)
				r.byte()
			default:
				r.failWith(errUnscanned)
			}
		}
	case 3, 5, 6, 13:
		r.count()
	case 4:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			scanTableType(r)
		}
	case 7:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			r.skip(r.count()) // name
			r.byte()          // kind
			r.u32()           // index
		}
	case 9:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			scanElementSegment(r)
		}
	case 10:
		for i, n := uint32(0), r.count(); i < n && r.err == nil; i++ {
			body := wasmReader{b: r.bytes(r.count())}
			scanLocals(i, &body)
			r.adopt(&body)
		}
	case 11:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			switch r.u32() {
			case 0: // active, memory 0
				skipConstExpr(r)
			case 1: // passive
			case 2: // active, explicit memory
				r.u32()
				skipConstExpr(r)
			default:
				r.failWith(errUnscanned)
				return
			}
			r.skip(r.count()) // the bytes
		}
	}
}

// scanLocals caps the locals that function body i declares.
func scanLocals(i uint32, body *wasmReader) {
	var total uint64
	for n := body.count(); n > 0 && body.err == nil; n-- {
		total += uint64(body.u32())
		skipRefOrValueType(body)
		if total > maxLocals {
			body.failWith(&declaredSizeError{fmt.Sprintf("function body %d declares %d or more locals, over the limit of %d", i, total, maxLocals)})
		}
	}
}

func scanTableType(r *wasmReader) {
	skipRefOrValueType(r)
	if initial := scanLimits(r); initial > maxTableElements {
		r.failWith(&declaredSizeError{fmt.Sprintf("a table starts with %d elements, over the limit of %d", initial, maxTableElements)})
	}
}

// scanLimits reads a table's or memory's limits and returns the minimum.
func scanLimits(r *wasmReader) uint64 {
	flags := r.byte()
	min := r.u64()
	if flags&0x01 != 0 { // has a maximum
		r.u64()
	}
	return min
}

// skipRefOrValueType skips a value type: one byte, or a typed reference
// (0x63, 0x64) followed by its heap type.
func skipRefOrValueType(r *wasmReader) {
	if t := r.byte(); t == 0x63 || t == 0x64 {
		r.skipLEB()
	}
}

func scanElementSegment(r *wasmReader) {
	functionIndices := func() {
		for n := r.count(); n > 0 && r.err == nil; n-- {
			r.u32()
		}
	}
	expressions := func() {
		for n := r.count(); n > 0 && r.err == nil; n-- {
			skipConstExpr(r)
		}
	}
	switch r.u32() {
	case 0:
		skipConstExpr(r)
		functionIndices()
	case 1, 3:
		r.byte() // element kind
		functionIndices()
	case 2:
		r.u32() // table
		skipConstExpr(r)
		r.byte()
		functionIndices()
	case 4:
		skipConstExpr(r)
		expressions()
	case 5, 7:
		skipRefOrValueType(r)
		expressions()
	case 6:
		r.u32()
		skipConstExpr(r)
		skipRefOrValueType(r)
		expressions()
	default:
		r.failWith(errUnscanned)
	}
}

// skipConstExpr skips a constant expression, through its end opcode.
func skipConstExpr(r *wasmReader) {
	for r.err == nil {
		switch op := r.byte(); op {
		case 0x0b: // end
			return
		case 0x41, 0x42, 0x23, 0xd0, 0xd2: // i32.const, i64.const, global.get, ref.null, ref.func
			r.skipLEB()
		case 0x43: // f32.const
			r.skip(4)
		case 0x44: // f64.const
			r.skip(8)
		case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e: // extended constant arithmetic
		case 0xfd: // v128.const
			if r.u32() != 12 {
				r.failWith(errUnscanned)
				return
			}
			r.skip(16)
		default:
			r.failWith(errUnscanned)
		}
	}
}

func scanNameSection(r *wasmReader) {
	nameMap := func(sub *wasmReader) {
		for n := sub.count(); n > 0 && sub.err == nil; n-- {
			sub.u32()
			sub.skip(sub.count())
		}
	}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		sub := wasmReader{b: r.bytes(r.count())}
		switch id {
		case 0: // module name
			sub.skip(sub.count())
		case 1: // function names
			nameMap(&sub)
		case 2: // local names
			for n := sub.count(); n > 0 && sub.err == nil; n-- {
				sub.u32()
				nameMap(&sub)
			}
		}
		r.adopt(&sub)
	}
}
