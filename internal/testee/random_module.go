package testee

// RandomModule builds a valid EE module from arbitrary bytes, for fuzzing
// block execution: the bytes choose main's statements from a safe set
// (every host function with arguments that may be anywhere, near the end
// of memory or small; stores and loads; memory.grow; arithmetic that may
// trap; ifs; loops of at most 8 iterations, nested at most twice; rarely
// unreachable), and the memory's initial and maximum size. Every module it
// returns compiles; what it does when it runs is up to the bytes, but it
// always ends, within about 200,000 instructions.
func RandomModule(choices []byte) []byte {
	g := &moduleGenerator{choices: choices, budget: maxRandomStatements}
	memoryFlags, minPages, maxPages := byte(0), g.next()%3, byte(0)
	if b := g.next(); b%2 == 1 {
		memoryFlags, maxPages = 1, minPages+b/2%4
	}
	var body []byte
	for g.budget > 0 && g.left() {
		body = g.statement(body, 0)
	}

	var m []byte
	m = append(m, 0x00, 'a', 's', 'm', 1, 0, 0, 0)
	// Types: see randomTypes.
	var types []byte
	types = appendU32(types, uint32(len(randomTypes)))
	for _, t := range randomTypes {
		types = append(types, 0x60)
		types = appendU32(types, uint32(len(t.params)))
		types = append(types, t.params...)
		types = appendU32(types, uint32(len(t.results)))
		types = append(types, t.results...)
	}
	m = appendSection(m, 1, types)
	var imports []byte
	imports = appendU32(imports, uint32(len(randomImports)))
	for _, imp := range randomImports {
		imports = appendName(imports, "env")
		imports = appendName(imports, imp.name)
		imports = append(imports, 0x00, imp.typ)
	}
	m = appendSection(m, 2, imports)
	m = appendSection(m, 3, []byte{1, 0}) // main: () -> ()
	memory := []byte{1, memoryFlags, minPages}
	if memoryFlags == 1 {
		memory = append(memory, maxPages)
	}
	m = appendSection(m, 5, memory)
	var exports []byte
	exports = appendU32(exports, 2)
	exports = appendName(exports, "main")
	exports = append(exports, 0x00)
	exports = appendU32(exports, uint32(len(randomImports)))
	exports = appendName(exports, "memory")
	exports = append(exports, 0x02, 0)
	m = appendSection(m, 7, exports)
	// Locals: 4 general i32s (0-3), 2 loop counters (4-5), an i64 (6).
	code := []byte{2, 6, 0x7f, 1, 0x7e}
	code = append(code, body...)
	code = append(code, 0x0b)
	var section []byte
	section = appendU32(section, 1)
	section = appendU32(section, uint32(len(code)))
	section = append(section, code...)
	return appendSection(m, 10, section)
}

const (
	maxRandomStatements = 48
	maxRandomDepth      = 2
	i32Type, i64Type    = 0x7f, 0x7e
	randomCounterLocal  = 4 // the loop counter of depth 0; depth 1 uses 5
	randomI64Local      = 6
)

type randomType struct{ params, results []byte }

var randomTypes = []randomType{
	{},                        // 0: () -> ()
	{params: []byte{i32Type}}, // 1
	{params: []byte{i32Type, i32Type}},
	{params: []byte{i32Type, i32Type, i32Type}},
	{params: []byte{i32Type, i32Type, i32Type, i32Type}},
	{results: []byte{i32Type}}, // 5: () -> i32
	{params: []byte{i64Type}},  // 6: (i64) -> ()
}

// randomImports are the host functions, by env name, with their types.
var randomImports = []struct {
	name string
	typ  byte
}{
	{"eth2_loadPreStateRoot", 1},
	{"eth2_savePostStateRoot", 1},
	{"eth2_blockDataSize", 5},
	{"eth2_blockDataCopy", 3},
	{"eth2_pushNewDeposit", 2},
	{"eth2_useTicks", 1},
	{"eth2_emitLog", 2},
	{"debug_print32", 1},
	{"debug_print64", 6},
	{"debug_printMem", 2},
	{"debug_printMemHex", 2},
	{"debug_log", 2},
	{"bignum_add256", 3},
	{"bignum_sub256", 3},
	{"bignum_mul256", 3},
	{"bignum_div256", 3},
	{"bignum_mulMod", 4},
	{"abort", 4},
}

const blockDataSizeImport = 2

type moduleGenerator struct {
	choices []byte
	budget  int // statements left
}

func (g *moduleGenerator) left() bool { return len(g.choices) > 0 }

// next takes the next choice; past the end, every choice is 0.
func (g *moduleGenerator) next() byte {
	if len(g.choices) == 0 {
		return 0
	}
	b := g.choices[0]
	g.choices = g.choices[1:]
	return b
}

func (g *moduleGenerator) next32() uint32 {
	return uint32(g.next()) | uint32(g.next())<<8 | uint32(g.next())<<16 | uint32(g.next())<<24
}

// statement appends a statement, which leaves the stack as it found it.
func (g *moduleGenerator) statement(b []byte, depth int) []byte {
	g.budget--
	switch c := g.next(); c % 8 {
	case 0, 1: // a host call
		imp := int(g.next()) % len(randomImports)
		t := randomTypes[randomImports[imp].typ]
		for _, p := range t.params {
			b = g.i32(b, depth)
			if p == i64Type {
				b = append(b, 0xad) // i64.extend_i32_u
				if g.next()%2 == 1 {
					b = append(b, 0x42) // i64.const
					b = appendS64(b, int64(g.next32())<<32|int64(g.next32()))
					b = append(b, 0x7e) // i64.mul
				}
			}
		}
		b = append(b, 0x10)
		b = appendU32(b, uint32(imp))
		if len(t.results) > 0 {
			b = append(b, 0x21, g.next()%4) // local.set
		}
	case 2: // local.set
		b = g.i32(b, depth)
		b = append(b, 0x21, g.next()%4)
	case 3: // a store
		b = g.i32(b, depth)
		switch g.next() % 3 {
		case 0:
			b = g.i32(b, depth)
			b = append(b, 0x36, 2) // i32.store align 4
		case 1:
			b = g.i32(b, depth)
			b = append(b, 0x3a, 0) // i32.store8
		default:
			b = append(b, 0x20, randomI64Local, 0x37, 3) // i64.store
		}
		b = appendU32(b, uint32(g.next())) // offset
	case 4: // memory.grow
		b = append(b, 0x41)
		b = appendS32(b, int32(g.next()%4))
		b = append(b, 0x40, 0, 0x21, g.next()%4)
	case 5: // a loop
		if depth >= maxRandomDepth {
			return g.statement(b, depth)
		}
		counter := byte(randomCounterLocal + depth)
		b = append(b, 0x41)
		b = appendS32(b, int32(1+g.next()%8))
		b = append(b, 0x21, counter, 0x03, 0x40) // local.set; loop
		for n := 1 + int(g.next()%4); n > 0 && g.budget > 0; n-- {
			b = g.statement(b, depth+1)
		}
		// local.get; i32.const 1; i32.sub; local.tee; br_if 0; end
		b = append(b, 0x20, counter, 0x41, 1, 0x6b, 0x22, counter, 0x0d, 0, 0x0b)
	case 6: // an if
		if depth >= maxRandomDepth {
			return g.statement(b, depth)
		}
		b = g.i32(b, depth)
		b = append(b, 0x04, 0x40)
		for n := 1 + int(g.next()%3); n > 0 && g.budget > 0; n-- {
			b = g.statement(b, depth+1)
		}
		b = append(b, 0x0b)
	case 7: // i64 local, or rarely unreachable
		if c == 0xff {
			return append(b, 0x00)
		}
		b = g.i32(b, depth)
		b = append(b, 0xad, 0x42)
		b = appendS64(b, int64(g.next32()))
		b = append(b, 0x7e, 0x21, randomI64Local) // i64.mul; local.set
	}
	return b
}

// i32 appends an expression that pushes one i32.
func (g *moduleGenerator) i32(b []byte, depth int) []byte {
	switch g.next() % 10 {
	case 0, 1: // small
		b = append(b, 0x41)
		return appendS32(b, int32(g.next()%64))
	case 2: // anything
		b = append(b, 0x41)
		return appendS32(b, int32(g.next32()))
	case 3, 4: // near the end of memory: memory.size << 16 - k
		b = append(b, 0x3f, 0, 0x41, 16, 0x74, 0x41)
		b = appendS32(b, int32(g.next()%64))
		return append(b, 0x6b)
	case 5:
		return append(b, 0x20, g.next()%4) // local.get
	case 6:
		b = append(b, 0x10)
		return appendU32(b, blockDataSizeImport)
	case 7: // a load, which may trap
		if depth > 3 {
			return append(b, 0x41, 0)
		}
		b = g.i32(b, depth+1)
		if g.next()%2 == 0 {
			b = append(b, 0x28, 2) // i32.load
		} else {
			b = append(b, 0x2d, 0) // i32.load8_u
		}
		return appendU32(b, uint32(g.next()))
	}
	// A binary operation, which may trap (division).
	if depth > 3 {
		return append(b, 0x41, 1)
	}
	ops := []byte{0x6a, 0x6b, 0x6c, 0x6e, 0x70, 0x71, 0x73, 0x74, 0x76, 0x77}
	op := ops[int(g.next())%len(ops)]
	b = g.i32(b, depth+1)
	b = g.i32(b, depth+1)
	return append(b, op)
}

func appendSection(m []byte, id byte, content []byte) []byte {
	m = append(m, id)
	m = appendU32(m, uint32(len(content)))
	return append(m, content...)
}

func appendName(b []byte, s string) []byte {
	b = appendU32(b, uint32(len(s)))
	return append(b, s...)
}

func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendS32(b []byte, v int32) []byte { return appendS64(b, int64(v)) }

func appendS64(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
