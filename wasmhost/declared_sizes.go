package wasmhost

import (
	"errors"
	"fmt"
	"math"
)

// Limits on what a module may declare, beyond what its bytes bound. With
// them, compiling and instantiating the worst module of MaxWasmCodeSize
// bytes stays within the memory budget of docs/host-functions.md.
const (
	// maxLocals bounds the locals of one function: V8's limit, so every EE
	// that a browser runs passes.
	maxLocals = 50_000
	// maxParams and maxResults bound a function type: V8's limits.
	maxParams, maxResults = 1_000, 1_000
	// maxTotalLocals bounds the parameters and locals of all functions
	// together: wazero's interpreter spends about 60 bytes on each when it
	// compiles.
	maxTotalLocals = 1_000_000
	// maxCompileCost bounds, summed over all functions, an estimate of
	// wazero's compiler's work on each: depth·slots² + 25·depth², with
	// depth its block nesting and slots its parameters and locals. The
	// compiler works on every local at every enclosing block; one unit is
	// about 1.25 ns on a 2026 server core, so the limit is about 3 s.
	maxCompileCost = 2_500_000_000
	// maxTableElements bounds a table's size: its initial size, and the
	// most table.grow can take it to (see capTables). wazero allocates 8
	// bytes an element.
	maxTableElements = 65_536
	// maxTotalTableElements bounds the elements of all tables together,
	// each counted at its maximum.
	maxTotalTableElements = 1 << 20
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

// checkDeclaredSizes rejects a module that declares more than it holds,
// or more than the limits above. wazero's decoder allocates each vector at
// its declared length before reading it, so a module of a few bytes
// declaring 2^32 exports would exhaust the host's memory (FuzzCompile found
// one). Every length the decoder allocates by must fit in the bytes that
// follow it; locals, which a module declares compressed, tables, function
// types and block nesting are capped, each and in total. Anything this
// scan does not understand, including truncation, it leaves to wazero.
func checkDeclaredSizes(code []byte) (*moduleScan, error) {
	var m moduleScan
	// checkHeader has checked the 8 bytes of the header.
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
			return &m, sizeError(name, r.err)
		}
		m.scanSection(id, &section)
		if err := sizeError(name, section.err); err != nil {
			return &m, err
		}
	}
	return &m, nil
}

// moduleScan is what checkDeclaredSizes has read so far of a module's
// declarations, and their totals.
type moduleScan struct {
	importedFunctions uint32
	typeParams        []uint32 // the parameters of each function type
	mostResults       uint64   // the most results of any function type
	functionTypes     []uint32 // the type of each function the module defines
	tableElements     uint64   // the maxima of the tables so far
	locals            uint64   // the parameters and locals of the bodies so far
	compileCost       uint64   // the compile cost of the bodies so far
	// frameSlots bounds, for each body, the 8-byte slots its frame can take
	// on wazero's interpreter: parameters, locals and pushed values.
	frameSlots []uint64
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
func (m *moduleScan) scanSection(id byte, r *wasmReader) {
	switch id {
	case 0:
		if string(r.bytes(r.count())) == "name" {
			scanNameSection(r)
		}
	case 1:
		for i, n := uint32(0), r.count(); i < n && r.err == nil; i++ {
			if r.byte() != 0x60 { // not a function type
				r.failWith(errUnscanned)
				return
			}
			params := r.count()
			r.skip(params) // a byte each
			results := r.count()
			r.skip(results)
			switch {
			case params > maxParams:
				r.failWith(&declaredSizeError{fmt.Sprintf("type %d has %d parameters, over the limit of %d", i, params, maxParams)})
			case results > maxResults:
				r.failWith(&declaredSizeError{fmt.Sprintf("type %d has %d results, over the limit of %d", i, results, maxResults)})
			}
			m.typeParams = append(m.typeParams, params)
			m.mostResults = max(m.mostResults, uint64(results))
		}
	case 2:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			r.skip(r.count()) // module name
			r.skip(r.count()) // name
			switch r.byte() {
			case 0x00: // function
				r.u32()
				m.importedFunctions++
			case 0x01: // table
				m.scanTableType(r)
			case 0x02: // memory
				scanLimits(r)
			case 0x03: // global
				skipRefOrValueType(r)
				r.byte()
			default:
				r.failWith(errUnscanned)
			}
		}
	case 3:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			m.functionTypes = append(m.functionTypes, r.u32())
		}
	case 5, 6, 13:
		r.count()
	case 4:
		for n := r.count(); n > 0 && r.err == nil; n-- {
			if len(r.b) > 0 && r.b[0] == 0x40 { // a table with an initializer
				r.skip(2)
				m.scanTableType(r)
				skipConstExpr(r)
				continue
			}
			m.scanTableType(r)
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
			m.scanFunctionBody(i, &body)
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

// scanFunctionBody caps the locals that function body i declares, and adds
// them and its nesting to the module's totals.
func (m *moduleScan) scanFunctionBody(i uint32, body *wasmReader) {
	var locals uint64
	for n := body.count(); n > 0 && body.err == nil; n-- {
		locals += uint64(body.u32())
		skipRefOrValueType(body)
		if locals > maxLocals {
			body.failWith(&declaredSizeError{fmt.Sprintf("function body %d declares %d or more locals, over the limit of %d", i, locals, maxLocals)})
		}
	}
	if body.err != nil {
		return
	}
	slots := locals + uint64(m.params(i))
	if m.locals += slots; m.locals > maxTotalLocals {
		body.failWith(&declaredSizeError{fmt.Sprintf("the functions through body %d have %d parameters and locals in all, over the limit of %d", i, m.locals, maxTotalLocals)})
		return
	}
	shape := scanBody(body)
	// Every instruction pushes at most one value, of at most two slots (a
	// v128), but a call pushes its results.
	m.frameSlots = append(m.frameSlots, slots+2*shape.instructions+shape.calls*2*m.mostResults)
	depth := shape.depth
	if m.compileCost += depth*slots*slots + 25*depth*depth; m.compileCost > maxCompileCost {
		body.failWith(&declaredSizeError{fmt.Sprintf("function body %d nests blocks %d deep over %d parameters and locals: the compile cost of the functions through it (depth·slots² + 25·depth² each) is %d, over the limit of %d; split large functions", i, depth, slots, m.compileCost, maxCompileCost)})
	}
}

// params returns the parameters of the function that body i defines, or 0
// if the sections before do not say.
func (m *moduleScan) params(i uint32) uint32 {
	if i >= uint32(len(m.functionTypes)) {
		return 0
	}
	if t := m.functionTypes[i]; t < uint32(len(m.typeParams)) {
		return m.typeParams[t]
	}
	return 0
}

// scanTableType caps a table's initial size, and adds its maximum, as
// capTables caps it, to the module's total.
func (m *moduleScan) scanTableType(r *wasmReader) {
	skipRefOrValueType(r)
	initial, maximum := scanLimits(r)
	if initial > maxTableElements {
		r.failWith(&declaredSizeError{fmt.Sprintf("a table starts with %d elements, over the limit of %d", initial, maxTableElements)})
		return
	}
	if m.tableElements += min(maximum, maxTableElements); m.tableElements > maxTotalTableElements {
		r.failWith(&declaredSizeError{fmt.Sprintf("the tables can hold %d elements in all, each counted at its maximum (%d for a table that declares none or more), over the limit of %d", m.tableElements, maxTableElements, maxTotalTableElements)})
	}
}

// scanLimits reads a table's or memory's limits and returns the minimum and
// the maximum, or the largest uint64 if there is none.
func scanLimits(r *wasmReader) (minimum, maximum uint64) {
	flags := r.byte()
	minimum, maximum = r.u64(), math.MaxUint64
	if flags&0x01 != 0 { // has a maximum
		maximum = r.u64()
	}
	return minimum, maximum
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
