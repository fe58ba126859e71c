package wasmhost

import "fmt"

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
