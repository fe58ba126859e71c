package wasmhost

import (
	"encoding/binary"
	"slices"
)

// sectionTable is the table section's id.
const sectionTable = 4

// capTables rewrites the maximum of every table that code defines to at
// most maxTableElements, so that table.grow past it returns -1 on every
// engine, as memory.grow does past MaxMemoryPages: wazero allocates all the
// elements of a grow at once, so an uncapped grow of 2^32 elements would
// exhaust the host. checkDeclaredSizes has checked code; a module this
// cannot read is returned unchanged, for wazero to reject.
func capTables(code []byte) []byte {
	sections, err := splitSections(code)
	if err != nil {
		return code
	}
	i := slices.IndexFunc(sections, func(s wasmSection) bool { return s.id == sectionTable })
	if i < 0 {
		return code
	}
	body, ok := capTableSection(sections[i].body)
	if !ok {
		return code
	}
	sections[i].body = body
	return joinSections(code[:8], sections)
}

// capTableSection rewrites each table's limits in a table section's body.
func capTableSection(body []byte) ([]byte, bool) {
	r := wasmReader{b: body}
	count := r.u32()
	out := binary.AppendUvarint(nil, uint64(count))
	for range count {
		rest := r.b
		initializer := len(r.b) > 0 && r.b[0] == 0x40
		if initializer {
			r.skip(2) // 0x40 0x00
		}
		skipRefOrValueType(&r)
		out = append(out, rest[:len(rest)-len(r.b)]...) // the prefix and the element type, as they were
		flags := r.byte()
		if flags > 1 { // not a plain 32-bit table: wazero rejects it
			return nil, false
		}
		initial, maximum := r.u32(), uint32(maxTableElements)
		if flags == 1 {
			maximum = min(r.u32(), maxTableElements)
		}
		out = append(out, 1)
		out = binary.AppendUvarint(out, uint64(initial))
		out = binary.AppendUvarint(out, uint64(maximum))
		if initializer {
			rest := r.b
			skipConstExpr(&r)
			out = append(out, rest[:len(rest)-len(r.b)]...)
		}
	}
	if r.err != nil {
		return nil, false
	}
	return append(out, r.b...), true
}
