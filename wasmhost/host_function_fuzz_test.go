package wasmhost

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/eeplay/eeplay/core"
)

// sliceMemory is guest memory backed by a Go slice, bounds-checked as
// wazero's api.Memory is: offset + byteCount, without overflow, must not
// exceed the size.
type sliceMemory struct{ b []byte }

func (m *sliceMemory) Size() uint32 { return uint32(len(m.b)) }

func (m *sliceMemory) inBounds(offset uint32, byteCount uint64) bool {
	return uint64(offset)+byteCount <= uint64(len(m.b))
}

func (m *sliceMemory) Read(offset, byteCount uint32) ([]byte, bool) {
	if !m.inBounds(offset, uint64(byteCount)) {
		return nil, false
	}
	return m.b[offset : offset+byteCount : offset+byteCount], true
}

func (m *sliceMemory) Write(offset uint32, v []byte) bool {
	if !m.inBounds(offset, uint64(len(v))) {
		return false
	}
	copy(m.b[offset:], v)
	return true
}

// notFuzzed are the host functions the fuzzer leaves out: they compile
// and run child modules on an engine, which TestChildModules and
// TestChildModuleFailures do on every engine.
var notFuzzed = []string{"eth2_loadModule", "eth2_callModule", "eth2_expose", "eth2_call"}

// fuzzHostFunctionNames are the host functions by their env names, in a
// fixed order, for the fuzzer to pick from.
var fuzzHostFunctionNames = func() []string {
	var names []string
	for name := range hostFunctions {
		if name.module == hostModuleName && !slices.Contains(notFuzzed, name.name) {
			names = append(names, name.name)
		}
	}
	slices.Sort(names)
	return names
}()

// fuzzedCall is one fuzzed call: the function, its memory, its arguments and
// the transaction it serves.
type fuzzedCall struct {
	f     *hostFunction
	mem   *sliceMemory
	args  [4]uint32
	tx    *transaction
	stack []uint64
}

// hostOutcome is what a host function call should do, as the model below
// works it out from the documentation (docs/host-functions.md).
type hostOutcome struct {
	err       string // the exact error message, or "" for success
	memory    []byte // the memory after the call
	postState core.Root
	ticks     uint64
	deposits  []core.HexBytes
	logs      []core.HexBytes
	debug     []string
	result    *uint32 // eth2_blockDataSize's and eth2_bufferGet's result
	buffer    map[uint32]map[core.Root]core.Root
	returned  []byte // what the call's frame holds as returned, if it has one
}

// bufferContents is what the frames of b hold, leaving out empty ones.
func bufferContents(b *bufferFrames) map[uint32]map[core.Root]core.Root {
	contents := map[uint32]map[core.Root]core.Root{}
	for n, frame := range b.frames {
		if len(frame) > 0 {
			contents[uint32(n)] = maps.Clone(frame)
		}
	}
	return contents
}

// countEntries counts the entries of all frames.
func countEntries(frames map[uint32]map[core.Root]core.Root) int {
	n := 0
	for _, frame := range frames {
		n += len(frame)
	}
	return n
}

// seedBuffer fills frames 0, 1, 2 with an entry each whose key is what
// memory filled with pattern holds at offsets 0, 1, 2 (modulo the
// pattern's length), so that fuzzed pointers find keys as often as not.
func seedBuffer(b *bufferFrames, pattern []byte) {
	for r := range min(len(pattern), 3) {
		var key, value core.Root
		for i := range key {
			key[i] = pattern[(r+i)%len(pattern)]
			value[i] = ^key[i]
		}
		b.writable(uint32(r))[key] = value
		b.entries++
	}
}

func outOfBoundsMessage(length uint64, ptr uint32, size int) string {
	return fmt.Sprintf("memory access out of bounds: %d bytes at offset %d, but memory is %d bytes", length, ptr, size)
}

// model returns what calling c.f should do, without calling it.
func (c *fuzzedCall) model() hostOutcome {
	mem := c.mem.b
	tx := c.tx
	want := hostOutcome{
		memory:    bytes.Clone(mem),
		postState: tx.postState,
		ticks:     tx.ticksUsed,
		deposits:  tx.deposits,
		logs:      tx.logs,
		debug:     tx.debug,
		buffer:    bufferContents(&tx.buffer),
	}
	if len(tx.children.frames) > 0 {
		want.returned = bytes.Clone(tx.children.frames[0].returned)
	}
	inBounds := func(ptr uint32, length uint64) bool { return uint64(ptr)+length <= uint64(len(mem)) }
	a := c.args
	// receipt adds an entry of n bytes, or fails on the limit.
	receipt := func(n int) bool {
		if tx.receiptBytes+n+4 > tx.maxReceiptBytes {
			want.err = fmt.Sprintf("receipt limit exceeded: deposits, logs and debug output would take more than %d bytes (MaxReceiptBytes)", tx.maxReceiptBytes)
			return false
		}
		return true
	}
	// memoryLine adds the line prefix + format(bytes at a[0], a[1]).
	memoryLine := func(prefix string, format func([]byte) string) {
		if !inBounds(a[0], uint64(a[1])) {
			want.err = outOfBoundsMessage(uint64(a[1]), a[0], len(mem))
			return
		}
		line := prefix + format(mem[a[0]:uint64(a[0])+uint64(a[1])])
		if receipt(len(line)) {
			want.debug = append(slices.Clone(want.debug), line)
		}
	}
	// bignum reads words at ptrs and writes op of them at result.
	bignum := func(ptrs []uint32, result uint32, op func(w []*big.Int) (*big.Int, string)) {
		words := make([]*big.Int, len(ptrs))
		for i, p := range ptrs {
			if !inBounds(p, 32) {
				want.err = outOfBoundsMessage(32, p, len(mem))
				return
			}
			words[i] = new(big.Int).SetBytes(mem[p : p+32])
		}
		x, failure := op(words)
		if failure != "" {
			want.err = failure
			return
		}
		if !inBounds(result, 32) {
			want.err = outOfBoundsMessage(32, result, len(mem))
			return
		}
		x.Mod(x, new(big.Int).Lsh(big.NewInt(1), 256))
		x.FillBytes(want.memory[result : result+32])
	}

	switch c.f.name {
	case "eth2_loadPreStateRoot":
		if !inBounds(a[0], 32) {
			want.err = outOfBoundsMessage(32, a[0], len(mem))
			break
		}
		copy(want.memory[a[0]:], tx.preState[:])
	case "eth2_savePostStateRoot":
		if !inBounds(a[0], 32) {
			want.err = outOfBoundsMessage(32, a[0], len(mem))
			break
		}
		copy(want.postState[:], mem[a[0]:])
	case "eth2_blockDataSize":
		n := uint32(len(tx.data))
		want.result = &n
	case "eth2_blockDataCopy":
		ptr, offset, length := a[0], uint64(a[1]), uint64(a[2])
		switch {
		case offset+length > uint64(len(tx.data)):
			want.err = fmt.Sprintf("range [%d, %d) is outside the %d bytes of block data", offset, offset+length, len(tx.data))
		case !inBounds(ptr, length):
			want.err = outOfBoundsMessage(length, ptr, len(mem))
		default:
			copy(want.memory[ptr:], tx.data[offset:offset+length])
		}
	case "eth2_pushNewDeposit", "eth2_emitLog":
		if !inBounds(a[0], uint64(a[1])) {
			want.err = outOfBoundsMessage(uint64(a[1]), a[0], len(mem))
			break
		}
		entry := core.HexBytes(bytes.Clone(mem[a[0] : uint64(a[0])+uint64(a[1])]))
		if !receipt(len(entry)) {
			break
		}
		if c.f.name == "eth2_emitLog" {
			want.logs = append(slices.Clone(want.logs), entry)
		} else {
			want.deposits = append(slices.Clone(want.deposits), entry)
		}
	case "eth2_useTicks":
		if uint64(a[0]) > tx.tickBudget-tx.ticksUsed {
			want.err = fmt.Sprintf("tick budget exhausted: %d of %d ticks used, %d more requested", tx.ticksUsed, tx.tickBudget, a[0])
			break
		}
		want.ticks += uint64(a[0])
	case "debug_print32":
		line := fmt.Sprintf("print32: %d", a[0])
		if receipt(len(line)) {
			want.debug = append(slices.Clone(want.debug), line)
		}
	case "debug_print64":
		line := fmt.Sprintf("print64: %d", uint64(a[0])|uint64(a[1])<<32)
		if receipt(len(line)) {
			want.debug = append(slices.Clone(want.debug), line)
		}
	case "debug_printMem":
		memoryLine("printMem: ", text)
	case "debug_log":
		memoryLine("log: ", text)
	case "debug_printMemHex":
		memoryLine("printMemHex: 0x", hex.EncodeToString)
	case "bignum_add256":
		bignum(a[:2], a[2], func(w []*big.Int) (*big.Int, string) { return w[0].Add(w[0], w[1]), "" })
	case "bignum_sub256":
		bignum(a[:2], a[2], func(w []*big.Int) (*big.Int, string) { return w[0].Sub(w[0], w[1]), "" })
	case "bignum_mul256":
		bignum(a[:2], a[2], func(w []*big.Int) (*big.Int, string) { return w[0].Mul(w[0], w[1]), "" })
	case "bignum_div256":
		bignum(a[:2], a[2], func(w []*big.Int) (*big.Int, string) {
			if w[1].Sign() == 0 {
				return nil, "division by zero"
			}
			return w[0].Div(w[0], w[1]), ""
		})
	case "bignum_mulMod":
		bignum(a[:3], a[3], func(w []*big.Int) (*big.Int, string) {
			if w[2].Sign() == 0 {
				return nil, "modulus is zero"
			}
			return w[0].Mod(w[0].Mul(w[0], w[1]), w[2]), ""
		})
	case "print":
		memoryLine("print: ", text)
	case "eth2_bufferGet", "eth2_bufferSet", "eth2_bufferMerge", "eth2_bufferClear":
		c.modelBuffer(&want)
	case "eth2_argument", "eth2_return":
		c.modelFrame(&want)
	case "abort":
		want.err = fmt.Sprintf("%s at %s:%d:%d", modelASString(mem, a[0]), modelASString(mem, a[1]), a[2], a[3])
	default:
		panic("no model for host function " + c.f.name)
	}
	return want
}

// modelFrame works out want for eth2_argument or eth2_return, from
// docs/host-functions.md#child-modules.
func (c *fuzzedCall) modelFrame(want *hostOutcome) {
	mem, a, frames := c.mem.b, c.args, c.tx.children.frames
	if len(frames) == 0 {
		want.err = "no caller: only an export called through eth2_callModule or eth2_call has an argument and a return buffer"
		return
	}
	frame := frames[len(frames)-1]
	want.returned = bytes.Clone(frame.returned)
	if c.f.name == "eth2_argument" {
		n := min(a[1], uint32(len(frame.argument)))
		if uint64(a[0])+uint64(n) > uint64(len(mem)) {
			want.err = outOfBoundsMessage(uint64(n), a[0], len(mem))
			return
		}
		copy(want.memory[a[0]:], frame.argument[:n])
		result := uint32(len(frame.argument))
		want.result = &result
		return
	}
	n := min(a[1], frame.returnCapacity)
	if uint64(a[0])+uint64(n) > uint64(len(mem)) {
		want.err = outOfBoundsMessage(uint64(n), a[0], len(mem))
		return
	}
	if int(n) > len(want.returned) {
		want.returned = append(want.returned, make([]byte, int(n)-len(want.returned))...)
	}
	copy(want.returned, mem[a[0]:a[0]+n])
	want.result = &frame.returnCapacity
}

// seedFrame gives tx a call frame, unless pattern is empty or odd-sized:
// pattern is the argument, and the return buffer is of capacity bytes and
// already holds pattern's first half.
func seedFrame(tx *transaction, pattern []byte, capacity uint32) {
	if len(pattern)%2 == 1 || len(pattern) == 0 {
		return
	}
	returned := pattern[:min(len(pattern)/2, int(capacity))]
	tx.children.frames = append(tx.children.frames, callFrame{argument: pattern, returnCapacity: capacity, returned: bytes.Clone(returned)})
}

// modelBuffer works out want for a call of a buffer function, from
// docs/host-functions.md#buffer-frames.
func (c *fuzzedCall) modelBuffer(want *hostOutcome) {
	mem, a, tx := c.mem.b, c.args, c.tx
	frames := 1
	if c.f.name == "eth2_bufferMerge" {
		frames = 2
	}
	for _, n := range a[:frames] {
		if n > 255 {
			want.err = fmt.Sprintf("frame %d is not a buffer frame: frames are numbered 0 to 255", n)
			return
		}
	}
	entries := countEntries(want.buffer)
	full := fmt.Sprintf("buffer limit exceeded: the frames hold %d entries and may hold %d (MaxBufferEntries)", entries, tx.buffer.maxEntries)
	// root reads the 32 bytes at ptr, or sets the error.
	root := func(ptr uint32) (core.Root, bool) {
		if uint64(ptr)+32 > uint64(len(mem)) {
			want.err = outOfBoundsMessage(32, ptr, len(mem))
			return core.Root{}, false
		}
		return core.Root(mem[ptr : ptr+32]), true
	}
	switch c.f.name {
	case "eth2_bufferGet":
		key, ok := root(a[1])
		if !ok {
			return
		}
		value, found := want.buffer[a[0]][key]
		result := uint32(1)
		if found {
			if uint64(a[2])+32 > uint64(len(mem)) {
				want.err = outOfBoundsMessage(32, a[2], len(mem))
				return
			}
			copy(want.memory[a[2]:], value[:])
			result = 0
		}
		want.result = &result
	case "eth2_bufferSet":
		key, ok := root(a[1])
		if !ok {
			return
		}
		value, ok := root(a[2])
		if !ok {
			return
		}
		if _, old := want.buffer[a[0]][key]; !old && entries >= tx.buffer.maxEntries {
			want.err = full
			return
		}
		if want.buffer[a[0]] == nil {
			want.buffer[a[0]] = map[core.Root]core.Root{}
		}
		want.buffer[a[0]][key] = value
	case "eth2_bufferMerge":
		added := 0
		for key := range want.buffer[a[1]] {
			if _, old := want.buffer[a[0]][key]; !old {
				added++
			}
		}
		if entries+added > tx.buffer.maxEntries {
			want.err = full
			return
		}
		if len(want.buffer[a[1]]) > 0 && want.buffer[a[0]] == nil {
			want.buffer[a[0]] = map[core.Root]core.Root{}
		}
		for key, value := range want.buffer[a[1]] {
			want.buffer[a[0]][key] = value
		}
	case "eth2_bufferClear":
		delete(want.buffer, a[0])
	}
}

// modelASString is the text abort uses for the AssemblyScript string at
// ptr, as the table in docs/host-functions.md#abort says.
func modelASString(mem []byte, ptr uint32) string {
	switch {
	case ptr == 0:
		return "null"
	case ptr < 4 || uint64(ptr) > uint64(len(mem)):
		return fmt.Sprintf("(string at %d out of bounds)", ptr)
	}
	size := binary.LittleEndian.Uint32(mem[ptr-4:])
	switch {
	case size > 4096 || size%2 != 0:
		return fmt.Sprintf("(string at %d has bad length %d)", ptr, size)
	case uint64(ptr)+uint64(size) > uint64(len(mem)):
		return fmt.Sprintf("(string at %d out of bounds)", ptr)
	}
	var units []uint16
	for i := ptr; i < ptr+size; i += 2 {
		units = append(units, uint16(mem[i])|uint16(mem[i+1])<<8)
	}
	return text([]byte(string(utf16.Decode(units))))
}

// fuzzArg turns a fuzzed value into a pointer, length or offset: mode picks
// the value as given, a small one, one just below memSize, or one just
// below the data's length, where the bounds are.
func fuzzArg(raw uint32, mode uint8, memSize, dataSize int) uint32 {
	switch mode & 3 {
	case 1:
		return raw % 48
	case 2:
		return uint32(memSize) - raw%48 // wraps to near 2^32 when raw%48 > memSize
	case 3:
		return uint32(dataSize) - raw%48
	}
	return raw
}

// FuzzHostFunctions calls every host function directly, with random
// memory, arguments and transaction, and checks it against a model of the
// documentation: never a panic, an error exactly when an access would be
// out of bounds (or an argument bad, or a limit reached) with the
// documented message, no change to memory but the documented write, a
// receipt that grows by exactly the entry, within MaxReceiptBytes, and
// nothing changed at all when it fails.
func FuzzHostFunctions(f *testing.F) {
	// function, memory size, memory pattern, argument modes, arguments,
	// pre-state, data, tick budget, ticks used, receipt limit, receipt bytes
	// used.
	for i := range fuzzHostFunctionNames {
		f.Add(uint8(i), uint32(65536), []byte{1, 2, 3, 0xff}, uint8(0), uint32(0), uint32(32), uint32(64), uint32(96),
			[]byte("pre-state"), []byte("block data"), uint64(100), uint64(0), uint32(1<<20), uint32(0))
		// Pointers at and just past the end of memory.
		f.Add(uint8(i), uint32(100), []byte{0}, uint8(0b10101010), uint32(32), uint32(31), uint32(0), uint32(33),
			[]byte{}, []byte{}, uint64(5), uint64(5), uint32(40), uint32(30))
		f.Add(uint8(i), uint32(0), []byte{}, uint8(0b11111111), uint32(0), uint32(1), uint32(2), uint32(3),
			[]byte{7}, []byte("xyz"), uint64(math.MaxUint64), uint64(3), uint32(0), uint32(0))
	}
	// An AssemblyScript string for abort: length 4, "hi", at pointer 4.
	f.Add(uint8(slices.Index(fuzzHostFunctionNames, "abort")), uint32(16), []byte{4, 0, 0, 0, 'h', 0, 'i', 0}, uint8(0), uint32(4), uint32(0), uint32(7), uint32(8),
		[]byte{}, []byte{}, uint64(1), uint64(0), uint32(100), uint32(0))
	// One whose text would move a terminal's cursor: ESC, then a newline.
	f.Add(uint8(slices.Index(fuzzHostFunctionNames, "abort")), uint32(16), []byte{4, 0, 0, 0, 0x1b, 0, '\n', 0}, uint8(0), uint32(4), uint32(0), uint32(7), uint32(8),
		[]byte{}, []byte{}, uint64(1), uint64(0), uint32(100), uint32(0))
	f.Fuzz(func(t *testing.T, function uint8, memSize uint32, pattern []byte, modes uint8, a0, a1, a2, a3 uint32,
		preState, data []byte, tickBudget, ticksUsed uint64, maxReceipt, receiptUsed uint32) {
		name := fuzzHostFunctionNames[int(function)%len(fuzzHostFunctionNames)]
		mem := &sliceMemory{b: make([]byte, memSize%(3*65536+1))}
		if len(pattern) > 0 {
			for i := range mem.b {
				mem.b[i] = pattern[i%len(pattern)]
			}
		}
		if len(data) > core.MaxTransactionDataSize {
			data = data[:core.MaxTransactionDataSize]
		}
		var pre core.Root
		copy(pre[:], preState)
		// The buffer's limit, from 3 (just the seeded entries) to 6, so
		// that it is reached.
		tx := newTransaction(pre, data, Config{TickBudget: tickBudget, MaxReceiptBytes: int(maxReceipt % (1 << 21)), MaxBufferEntries: 3 + int(receiptUsed%4)})
		seedBuffer(&tx.buffer, pattern)
		seedFrame(tx, pattern, a3%64)
		if tickBudget != math.MaxUint64 {
			tx.ticksUsed = ticksUsed % (tickBudget + 1)
		} else {
			tx.ticksUsed = ticksUsed
		}
		tx.receiptBytes = int(receiptUsed % uint32(tx.maxReceiptBytes+1))
		// A post-state saved earlier, to see that a failed save keeps it.
		tx.postState[0] ^= 0x5a

		c := &fuzzedCall{f: hostFunctions[importName{hostModuleName, name}], mem: mem, tx: tx}
		for i, raw := range []uint32{a0, a1, a2, a3} {
			c.args[i] = fuzzArg(raw, modes>>(2*i), len(mem.b), len(data))
		}
		// wazero's stack holds max(params, results) values.
		c.stack = make([]uint64, max(len(c.f.params), len(c.f.results)))
		for i := range c.f.params {
			c.stack[i] = uint64(c.args[i])
		}
		if name == "debug_print64" {
			c.stack[0] = uint64(c.args[0]) | uint64(c.args[1])<<32
		}
		stackBefore := slices.Clone(c.stack)
		receiptBefore := tx.receiptBytes

		want := c.model()
		err := c.f.call(tx, mem, c.stack)

		switch {
		case want.err != "" && err == nil:
			t.Fatalf("%s%v succeeded, want error %q", name, c.args, want.err)
		case want.err == "" && err != nil:
			t.Fatalf("%s%v failed: %v", name, c.args, err)
		case err != nil && err.Error() != want.err:
			t.Fatalf("%s%v failed with\n%q\nwant\n%q", name, c.args, err, want.err)
		}
		if !bytes.Equal(mem.b, want.memory) {
			i := 0
			for mem.b[i] == want.memory[i] {
				i++
			}
			t.Fatalf("%s%v: memory differs from the model first at byte %d: %#x, want %#x", name, c.args, i, mem.b[i], want.memory[i])
		}
		if tx.postState != want.postState || tx.ticksUsed != want.ticks {
			t.Fatalf("%s%v: post-state %v, ticks %d; want %v, %d", name, c.args, tx.postState, tx.ticksUsed, want.postState, want.ticks)
		}
		if !slices.EqualFunc(tx.deposits, want.deposits, bytesEqual) || !slices.EqualFunc(tx.logs, want.logs, bytesEqual) || !slices.Equal(tx.debug, want.debug) {
			t.Fatalf("%s%v: deposits %x, logs %x, debug %q; want %x, %x, %q", name, c.args, tx.deposits, tx.logs, tx.debug, want.deposits, want.logs, want.debug)
		}
		if got := bufferContents(&tx.buffer); !maps.EqualFunc(got, want.buffer, maps.Equal) {
			t.Fatalf("%s%v: buffer frames hold %x, want %x", name, c.args, got, want.buffer)
		}
		if entries := countEntries(want.buffer); tx.buffer.entries != entries || entries > tx.buffer.maxEntries {
			t.Fatalf("%s%v: buffer counts %d entries, holds %d, may hold %d", name, c.args, tx.buffer.entries, entries, tx.buffer.maxEntries)
		}
		added := len(tx.deposits) + len(tx.logs) + len(tx.debug)
		switch {
		case tx.receiptBytes > tx.maxReceiptBytes:
			t.Fatalf("%s%v: receipt takes %d bytes, over MaxReceiptBytes %d", name, c.args, tx.receiptBytes, tx.maxReceiptBytes)
		case added == 0 && tx.receiptBytes != receiptBefore:
			t.Fatalf("%s%v: receipt bytes went from %d to %d with nothing added", name, c.args, receiptBefore, tx.receiptBytes)
		case added == 1:
			var n int
			for _, entries := range [][]core.HexBytes{tx.deposits, tx.logs} {
				for _, e := range entries {
					n = len(e)
				}
			}
			for _, line := range tx.debug {
				n = len(line)
				if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return !unicode.IsPrint(r) }) {
					t.Fatalf("%s%v: debug line %q is not one line of printable UTF-8", name, c.args, line)
				}
			}
			if tx.receiptBytes != receiptBefore+n+4 {
				t.Fatalf("%s%v: receipt bytes went from %d to %d for an entry of %d bytes", name, c.args, receiptBefore, tx.receiptBytes, n)
			}
		}
		if frames := tx.children.frames; len(frames) > 0 && !bytes.Equal(frames[0].returned, want.returned) {
			t.Fatalf("%s%v: the frame holds %x as returned, want %x", name, c.args, frames[0].returned, want.returned)
		}
		if want.result != nil {
			if c.stack[0] != uint64(*want.result) {
				t.Fatalf("%s: result %d, want %d", name, c.stack[0], *want.result)
			}
		} else if !slices.Equal(c.stack, stackBefore) {
			t.Fatalf("%s%v: stack changed from %v to %v", name, c.args, stackBefore, c.stack)
		}
		if name == "abort" {
			// A code unit takes at most 6 bytes, escaped as \uXXXX.
			if len(err.Error()) > 2*6*4096/2+64 {
				t.Fatalf("abort's message is %d bytes, more than two 4096-byte strings allow", len(err.Error()))
			}
			if !utf8.ValidString(err.Error()) || strings.ContainsFunc(err.Error(), func(r rune) bool { return !unicode.IsPrint(r) }) {
				t.Fatalf("abort%v: message %q is not one line of printable UTF-8", c.args, err)
			}
		}
	})
}
