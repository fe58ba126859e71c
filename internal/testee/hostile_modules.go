package testee

// Generators of hostile modules: each respects every per-item limit but
// declares resources whose totals, or whose product with nesting, would
// take the host's memory or time. They are generated rather than committed
// because they are large and their shape is the point.

// ManyTables declares tables funcref tables of elements elements each.
func ManyTables(tables, elements int) []byte {
	var section []byte
	section = appendU32(section, uint32(tables))
	for range tables {
		section = append(section, 0x70, 0x00) // funcref, no maximum
		section = appendU32(section, uint32(elements))
	}
	return eeModule(moduleParts{tables: section, functions: []function{{}}})
}

// ManyLocals declares functions functions besides main, each with locals
// i64 locals.
func ManyLocals(functions, locals int) []byte {
	parts := moduleParts{functions: []function{{}}}
	for range functions {
		parts.functions = append(parts.functions, function{locals: locals})
	}
	return eeModule(parts)
}

// ManyParams declares a type of params i64 parameters and functions
// functions of it besides main.
func ManyParams(functions, params int) []byte {
	parts := moduleParts{functions: []function{{}}, params: params}
	for range functions {
		parts.functions = append(parts.functions, function{typ: 1})
	}
	return eeModule(parts)
}

// NestedLoops is main with locals i64 locals and depth loops nested in
// one another; the innermost reads every local.
func NestedLoops(depth, locals int) []byte {
	var body []byte
	for range depth {
		body = append(body, 0x03, 0x40) // loop
	}
	for i := range locals {
		body = append(body, 0x20) // local.get
		body = appendU32(body, uint32(i))
		body = append(body, 0x1a) // drop
	}
	for range depth {
		body = append(body, 0x0b)
	}
	return eeModule(moduleParts{functions: []function{{locals: locals, body: body}}})
}

// RecursionWithLocals is main calling a function with locals i64 locals
// that calls itself until the stack runs out.
func RecursionWithLocals(locals int) []byte {
	return eeModule(moduleParts{functions: []function{
		{body: []byte{0x10, 0x01}},                 // main: call 1
		{locals: locals, body: []byte{0x10, 0x01}}, // call 1
	}})
}

type function struct {
	typ    byte // 0: () -> (); 1: the parameters of moduleParts.params
	locals int
	body   []byte // without its end
}

type moduleParts struct {
	tables    []byte     // a table section's content, or nil
	params    int        // the parameters of type 1, if any function uses it
	functions []function // functions[0] is main
}

// eeModule builds an EE: a memory, the functions with functions[0]
// exported as main, and the tables.
func eeModule(p moduleParts) []byte {
	m := []byte{0x00, 'a', 's', 'm', 1, 0, 0, 0}
	types := []byte{2, 0x60, 0, 0, 0x60}
	types = appendU32(types, uint32(p.params))
	for range p.params {
		types = append(types, i64Type)
	}
	types = append(types, 0)
	m = appendSection(m, 1, types)
	var functions []byte
	functions = appendU32(functions, uint32(len(p.functions)))
	for _, f := range p.functions {
		functions = append(functions, f.typ)
	}
	m = appendSection(m, 3, functions)
	if p.tables != nil {
		m = appendSection(m, 4, p.tables)
	}
	m = appendSection(m, 5, []byte{1, 0, 1})
	var exports []byte
	exports = appendU32(exports, 2)
	exports = appendName(exports, "main")
	exports = append(exports, 0x00, 0)
	exports = appendName(exports, "memory")
	exports = append(exports, 0x02, 0)
	m = appendSection(m, 7, exports)
	var code []byte
	code = appendU32(code, uint32(len(p.functions)))
	for _, f := range p.functions {
		var body []byte
		if f.locals > 0 {
			body = append(body, 1)
			body = appendU32(body, uint32(f.locals))
			body = append(body, i64Type)
		} else {
			body = append(body, 0)
		}
		body = append(body, f.body...)
		body = append(body, 0x0b)
		code = appendU32(code, uint32(len(body)))
		code = append(code, body...)
	}
	return appendSection(m, 10, code)
}
