package testee

// ResourceModule builds an EE from arbitrary bytes that pushes what a
// module can declare towards eeplay's limits, for fuzzing the memory and
// time that compiling and running take: tables up to 65,536 elements,
// functions with up to 50,000 locals, a type with up to 1,000 parameters,
// blocks nested up to 12,000 deep, recursion, and table.grow by up to
// 2^32 - 1. The module may be over a limit, so that the limits' edges are
// reached from both sides; it always has at most about 200,000 bytes.
func ResourceModule(choices []byte) []byte {
	g := &moduleGenerator{choices: choices}
	var tables []byte
	tableCount := int(g.next() % 24)
	tables = appendU32(tables, uint32(tableCount))
	for range tableCount {
		tables = append(tables, 0x70)
		initial := g.next32() % (maxTableSize + 2)
		if g.next()%2 == 0 {
			tables = append(tables, 0x00)
			tables = appendU32(tables, initial)
		} else {
			tables = append(tables, 0x01)
			tables = appendU32(tables, initial)
			tables = appendU32(tables, initial+g.next32()%(1<<20))
		}
	}
	if tableCount == 0 {
		tables = nil
	}

	parts := moduleParts{tables: tables, params: int(g.next32() % 1002)}
	grow := g.next32()
	depth := int(g.next32() % 12_001)
	recursive := g.next()%2 == 0
	// main: grows table 0 if there is one, then calls function 1.
	var main []byte
	if tableCount > 0 {
		main = append(main, 0xd0, 0x70, 0x41) // ref.null func, i32.const
		main = appendS32(main, int32(grow))
		main = append(main, 0xfc, 15, 0, 0x1a) // table.grow 0, drop
	}
	main = append(main, 0x10, 1) // call 1
	parts.functions = append(parts.functions, function{body: main})
	// Function 1: nested blocks around every local, and a call to itself.
	var body []byte
	for range depth {
		body = append(body, 0x02, 0x40) // block
	}
	locals := int(g.next32() % 50_001)
	for i := range min(locals, 10_000) {
		body = append(body, 0x20)
		body = appendU32(body, uint32(i))
		body = append(body, 0x1a)
	}
	if recursive {
		body = append(body, 0x10, 1)
	}
	for range depth {
		body = append(body, 0x0b)
	}
	parts.functions = append(parts.functions, function{locals: locals, body: body})
	// More functions of type 1, each with locals, to reach the totals.
	for n := int(g.next() % 64); n > 0 && g.left(); n-- {
		parts.functions = append(parts.functions, function{typ: 1, locals: int(g.next32() % 50_001)})
	}
	return eeModule(parts)
}

// maxTableSize is eeplay's limit on a table's elements.
const maxTableSize = 65_536
