package wasmhost

import (
	"encoding/binary"
)

// escapeNames rewrites the names in code's name section as debug lines
// are written (see text): wazero's and V8's stack traces show them, and a
// name holding ESC[2J or a newline must not reach a terminal or a page as
// anything but text. A name section this cannot read is dropped, which
// only makes stack traces show function indices. Other sections, and code
// without a name section, are returned as they are.
func escapeNames(code []byte) []byte {
	sections, err := splitSections(code)
	if err != nil {
		return code
	}
	var rewritten []wasmSection
	changed := false
	for _, s := range sections {
		if s.id == 0 {
			r := wasmReader{b: s.body}
			if r.name() == "name" && r.err == nil {
				body, ok := escapeNameSection(r.b)
				changed = true
				if !ok {
					continue
				}
				s.body = binary.AppendUvarint(nil, 4)
				s.body = append(s.body, "name"...)
				s.body = append(s.body, body...)
			}
		}
		rewritten = append(rewritten, s)
	}
	if !changed {
		return code
	}
	return joinSections(code[:8], rewritten)
}

// escapeNameSection rewrites the names of a name section's subsections:
// the module's name (0), function names (1) and local names (2); others
// are copied.
func escapeNameSection(b []byte) ([]byte, bool) {
	r := wasmReader{b: b}
	var out []byte
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		sub := wasmReader{b: r.bytes(r.u32())}
		var body []byte
		switch id {
		case 0:
			body = appendEscapedName(nil, &sub)
		case 1:
			body = appendNameMap(nil, &sub)
		case 2:
			count := sub.u32()
			body = binary.AppendUvarint(nil, uint64(count))
			for i := uint32(0); i < count && sub.err == nil; i++ {
				body = binary.AppendUvarint(body, uint64(sub.u32()))
				body = appendNameMap(body, &sub)
			}
		default:
			body = sub.b
			sub.b = nil
		}
		if sub.err != nil || len(sub.b) > 0 {
			return nil, false
		}
		out = append(out, id)
		out = binary.AppendUvarint(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, r.err == nil
}

// appendNameMap appends a name map (index, name pairs) read from r, with
// each name escaped.
func appendNameMap(out []byte, r *wasmReader) []byte {
	count := r.u32()
	out = binary.AppendUvarint(out, uint64(count))
	for i := uint32(0); i < count && r.err == nil; i++ {
		out = binary.AppendUvarint(out, uint64(r.u32()))
		out = appendEscapedName(out, r)
	}
	return out
}

// appendEscapedName appends a name read from r, escaped.
func appendEscapedName(out []byte, r *wasmReader) []byte {
	name := text(r.bytes(r.u32()))
	out = binary.AppendUvarint(out, uint64(len(name)))
	return append(out, name...)
}
