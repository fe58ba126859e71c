package wasmhost

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// browserModule is wasm code as the browser engine compiles it: rewritten
// so that the browser's WebAssembly enforces what wazero's runtime
// configuration enforces.
type browserModule struct {
	code []byte
	// startExport is the export added for the module's start function, or
	// "" if the module has none.
	startExport string
	// startName names the start function as wazero's errors do.
	startName string
}

// startExportName is what the browser engine exports a start function as;
// a suffix keeps it apart from the module's own exports.
const startExportName = "eeplay.start"

// prepareBrowserModule rewrites code, which wazero has validated:
//   - the memory's maximum becomes maxPages, or stays lower if declared
//     lower, so that memory.grow past the cap returns -1 as on wazero;
//   - if moveStart is set, the start section becomes an export, which the
//     engine calls once the instance, and so its memory, exists: a start
//     function may call host functions, which need the memory.
func prepareBrowserModule(code []byte, maxPages uint32, moveStart bool) (browserModule, error) {
	sections, err := splitSections(code)
	if err != nil {
		return browserModule{}, err
	}
	m := browserModule{}
	start, hasStart := findStart(sections)
	moveStart = moveStart && hasStart
	if moveStart {
		exports, err := exportedFunctions(sections)
		if err != nil {
			return browserModule{}, err
		}
		m.startExport = startExportName
		for exports[m.startExport] != nil {
			m.startExport += "_"
		}
		m.startName = wazeroFunctionName(start-importedFunctionCount(sections), namesOf(exports, start))
	}

	var rewritten []wasmSection
	for _, s := range sections {
		switch {
		case s.id == sectionMemory:
			if s.body, err = capMemory(s.body, maxPages); err != nil {
				return browserModule{}, err
			}
		case s.id == sectionExport && moveStart:
			s.body = addFunctionExport(s.body, m.startExport, start)
		case s.id == sectionStart && moveStart:
			continue
		}
		rewritten = append(rewritten, s)
	}
	m.code = joinSections(code[:8], rewritten)
	return m, nil
}

// Section ids of the wasm binary format.
const (
	sectionImport = 2
	sectionMemory = 5
	sectionExport = 7
	sectionStart  = 8
)

type wasmSection struct {
	id   byte
	body []byte
}

func splitSections(code []byte) ([]wasmSection, error) {
	if len(code) < 8 {
		return nil, errTruncated
	}
	var sections []wasmSection
	r := wasmReader{b: code[8:]}
	for len(r.b) > 0 {
		id := r.byte()
		body := r.bytes(r.u32())
		if r.err != nil {
			return nil, r.err
		}
		sections = append(sections, wasmSection{id, body})
	}
	return sections, nil
}

// joinSections is the module of header (magic and version) and sections,
// as splitSections finds them.
func joinSections(header []byte, sections []wasmSection) []byte {
	out := slices.Clone(header)
	for _, s := range sections {
		out = append(out, s.id)
		out = binary.AppendUvarint(out, uint64(len(s.body)))
		out = append(out, s.body...)
	}
	return out
}

func findStart(sections []wasmSection) (uint32, bool) {
	for _, s := range sections {
		if s.id == sectionStart {
			r := wasmReader{b: s.body}
			return r.u32(), r.err == nil
		}
	}
	return 0, false
}

// capMemory rewrites a memory section's limits to a maximum of at most
// maxPages.
func capMemory(body []byte, maxPages uint32) ([]byte, error) {
	r := wasmReader{b: body}
	count := r.u32()
	if count == 0 {
		return body, nil
	}
	out := binary.AppendUvarint(nil, uint64(count))
	for range count {
		flags := r.byte()
		if flags > 1 {
			return nil, fmt.Errorf("memory limits flags %#x: the browser engine caps only plain 32-bit memories", flags)
		}
		initial, maximum := r.u32(), maxPages
		if flags == 1 {
			maximum = min(r.u32(), maxPages)
		}
		out = append(out, 1)
		out = binary.AppendUvarint(out, uint64(initial))
		out = binary.AppendUvarint(out, uint64(maximum))
	}
	if r.err != nil {
		return nil, r.err
	}
	return append(out, r.b...), nil
}

// exportedFunctions maps each export name to its function index; other
// exports map to nil.
func exportedFunctions(sections []wasmSection) (map[string]*uint32, error) {
	exports := map[string]*uint32{}
	for _, s := range sections {
		if s.id != sectionExport {
			continue
		}
		r := wasmReader{b: s.body}
		for count := r.u32(); count > 0 && r.err == nil; count-- {
			name, kind, index := r.name(), r.byte(), r.u32()
			exports[name] = nil
			if kind == 0x00 {
				exports[name] = &index
			}
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	return exports, nil
}

func namesOf(exports map[string]*uint32, function uint32) []string {
	var names []string
	for name, index := range exports {
		if index != nil && *index == function {
			names = append(names, name)
		}
	}
	return names
}

func importedFunctionCount(sections []wasmSection) uint32 {
	var n uint32
	for _, s := range sections {
		if s.id != sectionImport {
			continue
		}
		r := wasmReader{b: s.body}
		for count := r.u32(); count > 0 && r.err == nil; count-- {
			r.name()
			r.name()
			switch r.byte() {
			case 0x00: // function
				r.u32()
				n++
			case 0x01: // table: reftype, limits
				r.byte()
				skipLimits(&r)
			case 0x02: // memory
				skipLimits(&r)
			case 0x03: // global: valtype, mutability
				r.byte()
				r.byte()
			default:
				return n
			}
		}
	}
	return n
}

func skipLimits(r *wasmReader) {
	if r.byte()&1 == 1 {
		r.u64()
	}
	r.u64()
}

// wazeroFunctionName names function index (counted after the imports) as
// wazero's errors do: function[3], or function[3] export["a","b"].
func wazeroFunctionName(index uint32, exportNames []string) string {
	if len(exportNames) == 0 {
		return fmt.Sprintf("function[%d]", index)
	}
	quoted := make([]string, len(exportNames))
	for i, name := range exportNames {
		quoted[i] = fmt.Sprintf("%q", name)
	}
	slices.Sort(quoted)
	return fmt.Sprintf("function[%d] export[%s]", index, strings.Join(quoted, ","))
}

// addFunctionExport appends an export of function index as name to an
// export section.
func addFunctionExport(body []byte, name string, index uint32) []byte {
	r := wasmReader{b: body}
	count := r.u32()
	out := binary.AppendUvarint(nil, uint64(count+1))
	out = append(out, r.b...)
	out = binary.AppendUvarint(out, uint64(len(name)))
	out = append(out, name...)
	out = append(out, 0x00)
	return binary.AppendUvarint(out, uint64(index))
}
