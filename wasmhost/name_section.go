package wasmhost

import (
	"encoding/binary"
	"maps"
	"slices"
)

// nameFunctions rewrites code's name section for stack traces, which
// wazero and V8 write from it. Names are escaped as debug lines are (see
// text): a name holding ESC[2J or a newline must not reach a terminal or a
// page as anything but text. A function the name section leaves unnamed,
// or every function when there is no name section, as in an EE built
// without debug names, is named by its first export, so that a trap shows
// main() rather than $4(). Names are written as their source language
// writes them (sourceNames) before they are escaped. A name section this
// cannot read is replaced by one of the export names alone. Other sections
// are returned as they are.
func nameFunctions(code []byte) []byte {
	sections, err := splitSections(code)
	if err != nil {
		return code
	}
	exports := exportNames(sections)
	exported := map[uint32]string{}
	for index, names := range exports {
		exported[index] = text([]byte(names[0]))
	}
	var rewritten []wasmSection
	named := false
	for _, s := range sections {
		if s.id == 0 {
			r := wasmReader{b: s.body}
			if r.name() == "name" && r.err == nil {
				named = true
				body, ok := rewriteNameSection(r.b, exports, exported)
				if !ok {
					body = functionNamesSubsection(exported)
				}
				if len(body) == 0 {
					continue
				}
				s.body = nameSectionBody(body)
			}
		}
		rewritten = append(rewritten, s)
	}
	if !named {
		if len(exported) == 0 {
			return code
		}
		rewritten = append(rewritten, wasmSection{id: 0, body: nameSectionBody(functionNamesSubsection(exported))})
	}
	return joinSections(code[:8], rewritten)
}

// exportNames returns the export names of each exported function by
// index, in the order of the export section, or nothing when the export
// section cannot be read: wazero then reports it.
func exportNames(sections []wasmSection) map[uint32][]string {
	names := map[uint32][]string{}
	for _, s := range sections {
		if s.id != sectionExport {
			continue
		}
		r := wasmReader{b: s.body}
		count := r.count()
		for i := uint32(0); i < count && r.err == nil; i++ {
			name := string(r.bytes(r.u32()))
			kind := r.byte()
			index := r.u32()
			if kind == 0 {
				names[index] = append(names[index], name)
			}
		}
		if r.err != nil {
			return nil
		}
	}
	return names
}

// rewriteNameSection rewrites the subsections of a name section: the
// module's name (0), function names (1), written as in the source
// (sourceNames, which looks at exports) and completed with exported, and
// local names (2) escaped; others copied. Subsections stay in order of
// id, as the format requires.
func rewriteNameSection(b []byte, exports map[uint32][]string, exported map[uint32]string) ([]byte, bool) {
	r := wasmReader{b: b}
	var out []byte
	functionsNamed := false
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		sub := wasmReader{b: r.bytes(r.u32())}
		if id > 1 && !functionsNamed {
			out = append(out, functionNamesSubsection(exported)...)
			functionsNamed = true
		}
		var body []byte
		switch id {
		case 0:
			body = appendEscapedName(nil, &sub)
		case 1:
			names := map[uint32]string{}
			for index, name := range sourceNames(readRawNameMap(&sub), exports) {
				names[index] = text([]byte(name))
			}
			for index, name := range exported {
				if _, ok := names[index]; !ok {
					names[index] = name
				}
			}
			body = appendNames(nil, names)
			functionsNamed = true
		case 2:
			count := sub.u32()
			body = binary.AppendUvarint(nil, uint64(count))
			for i := uint32(0); i < count && sub.err == nil; i++ {
				body = binary.AppendUvarint(body, uint64(sub.u32()))
				body = appendNames(body, readNameMap(&sub))
			}
		default:
			body = sub.b
			sub.b = nil
		}
		if sub.err != nil || len(sub.b) > 0 {
			return nil, false
		}
		out = appendSubsection(out, id, body)
	}
	if !functionsNamed {
		out = append(out, functionNamesSubsection(exported)...)
	}
	return out, r.err == nil
}

// nameSectionBody is the body of the custom section "name" holding
// subsections.
func nameSectionBody(subsections []byte) []byte {
	body := binary.AppendUvarint(nil, 4)
	body = append(body, "name"...)
	return append(body, subsections...)
}

// functionNamesSubsection is the function names subsection naming the
// functions of names, or nothing when names is empty.
func functionNamesSubsection(names map[uint32]string) []byte {
	if len(names) == 0 {
		return nil
	}
	return appendSubsection(nil, 1, appendNames(nil, names))
}

// appendSubsection appends the name section's subsection id holding body.
func appendSubsection(out []byte, id byte, body []byte) []byte {
	out = append(out, id)
	out = binary.AppendUvarint(out, uint64(len(body)))
	return append(out, body...)
}

// readNameMap reads a name map (index, name pairs) from r, with each name
// escaped.
func readNameMap(r *wasmReader) map[uint32]string {
	names := readRawNameMap(r)
	for index, name := range names {
		names[index] = text([]byte(name))
	}
	return names
}

// readRawNameMap reads a name map (index, name pairs) from r, with each
// name as the module has it.
func readRawNameMap(r *wasmReader) map[uint32]string {
	names := map[uint32]string{}
	count := r.u32()
	for i := uint32(0); i < count && r.err == nil; i++ {
		index := r.u32()
		names[index] = string(r.bytes(r.u32()))
	}
	return names
}

// appendNames appends names as a name map, in order of index as the
// format requires.
func appendNames(out []byte, names map[uint32]string) []byte {
	out = binary.AppendUvarint(out, uint64(len(names)))
	for _, index := range slices.Sorted(maps.Keys(names)) {
		out = binary.AppendUvarint(out, uint64(index))
		out = binary.AppendUvarint(out, uint64(len(names[index])))
		out = append(out, names[index]...)
	}
	return out
}

// appendEscapedName appends a name read from r, escaped.
func appendEscapedName(out []byte, r *wasmReader) []byte {
	name := text(r.bytes(r.u32()))
	out = binary.AppendUvarint(out, uint64(len(name)))
	return append(out, name...)
}
