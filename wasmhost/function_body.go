package wasmhost

// bodyShape is what scanBody finds in a function body.
type bodyShape struct {
	depth        uint64 // how deeply blocks, loops and ifs nest
	instructions uint64
	calls        uint64 // call and call_indirect instructions
}

// scanBody walks a function body's instructions, which follow its locals.
// wazero's compiler does work for every local at every enclosing block,
// so the depth bounds its cost, and the instructions and calls bound how
// many values the body can push (see checkDeclaredSizes). It knows the
// instructions of the features eeplay's runtime enables (WebAssembly 2.0);
// at any other opcode it stops with errUnscanned, and wazero rejects the
// module.
func scanBody(r *wasmReader) bodyShape {
	var shape bodyShape
	var depth uint64
	for len(r.b) > 0 && r.err == nil {
		shape.instructions++
		switch op := r.byte(); {
		case op == 0x02 || op == 0x03 || op == 0x04: // block, loop, if
			skipBlockType(r)
			depth++
			shape.depth = max(shape.depth, depth)
		case op == 0x0b: // end
			if depth == 0 {
				return shape // the function's own end
			}
			depth--
		case op == 0x10: // call
			r.u32()
			shape.calls++
		case op == 0x0c || op == 0x0d || // br, br_if
			(op >= 0x20 && op <= 0x26) || // local.*, global.*, table.get, table.set
			op == 0x3f || op == 0x40 || // memory.size, memory.grow
			op == 0xd2: // ref.func
			r.u32()
		case op == 0x0e: // br_table
			for n := r.count(); n > 0 && r.err == nil; n-- {
				r.u32()
			}
			r.u32()
		case op == 0x11: // call_indirect
			r.u32()
			r.u32()
			shape.calls++
		case op == 0x1c: // select with types
			for n := r.count(); n > 0 && r.err == nil; n-- {
				skipRefOrValueType(r)
			}
		case op >= 0x28 && op <= 0x3e: // loads and stores
			skipMemArg(r)
		case op == 0x41 || op == 0x42: // i32.const, i64.const
			r.skipLEB()
		case op == 0x43: // f32.const
			r.skip(4)
		case op == 0x44: // f64.const
			r.skip(8)
		case op == 0xd0: // ref.null
			r.skipLEB()
		case op <= 0x01 || op == 0x05 || op == 0x0f || op == 0x1a || op == 0x1b || // unreachable, nop, else, return, drop, select
			(op >= 0x45 && op <= 0xc4) || op == 0xd1: // numeric, ref.is_null
		case op == 0xfc:
			skipMiscImmediates(r)
		case op == 0xfd:
			skipVectorImmediates(r)
		default:
			r.failWith(errUnscanned)
		}
	}
	return shape
}

// skipBlockType skips a block type: empty (0x40), a value type, or a type
// index as a signed LEB128.
func skipBlockType(r *wasmReader) {
	// One byte from 0x40 to 0x7f is a negative LEB128 number, which no
	// type index is: the empty type or a value type.
	if len(r.b) > 0 && r.b[0] >= 0x40 && r.b[0] <= 0x7f {
		skipRefOrValueType(r)
		return
	}
	r.skipLEB()
}

// skipMemArg skips a load's or store's alignment and offset, with a memory
// index where the alignment's bit 6 says so (multiple memories).
func skipMemArg(r *wasmReader) {
	if r.u32()&0x40 != 0 {
		r.u32()
	}
	r.skipLEB()
}

// skipMiscImmediates skips the immediates of an 0xfc instruction: the
// saturating conversions, bulk memory and table instructions.
func skipMiscImmediates(r *wasmReader) {
	switch op := r.u32(); {
	case op <= 7: // saturating truncations
	case op == 9 || op == 11 || op == 13 || (op >= 15 && op <= 17): // data.drop, memory.fill, elem.drop, table.grow/size/fill
		r.u32()
	case op == 8 || op == 10 || op == 12 || op == 14: // memory.init, memory.copy, table.init, table.copy
		r.u32()
		r.u32()
	default:
		r.failWith(errUnscanned)
	}
}

// skipVectorImmediates skips the immediates of an 0xfd (SIMD) instruction.
func skipVectorImmediates(r *wasmReader) {
	switch op := r.u32(); {
	case op <= 11 || op == 92 || op == 93: // loads and stores
		skipMemArg(r)
	case op == 12 || op == 13: // v128.const, i8x16.shuffle
		r.skip(16)
	case op >= 21 && op <= 34: // extract and replace lane
		r.byte()
	case op >= 84 && op <= 91: // load and store lane
		skipMemArg(r)
		r.byte()
	case op <= 0x113: // every other vector instruction has no immediates
	default:
		r.failWith(errUnscanned)
	}
}
