package wasmhost_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// engineKinds are the engines this platform runs: every test runs on each.
func engineKinds() []wasmhost.EngineKind {
	return wasmhost.AvailableEngineKinds()
}

// forEachEngine runs f as a subtest per engine kind.
func forEachEngine(t *testing.T, f func(t *testing.T, kind wasmhost.EngineKind)) {
	t.Helper()
	for _, kind := range engineKinds() {
		t.Run(string(kind), func(t *testing.T) { f(t, kind) })
	}
}

func newEngine(t testing.TB, config wasmhost.Config) *wasmhost.Engine {
	t.Helper()
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		t.Fatalf("wasmhost.New: %v", err)
	}
	t.Cleanup(func() { engine.Close(ctx) })
	return engine
}

func compile(t testing.TB, engine core.Engine, code []byte) core.Program {
	t.Helper()
	program, err := engine.Compile(context.Background(), code)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return program
}

// assertFailsWithStack runs a transaction of data on program and checks
// that it fails with want as its first line, followed by a wasm stack trace.
func assertFailsWithStack(t *testing.T, program core.Program, data []byte, want string) {
	t.Helper()
	_, err := program.Execute(context.Background(), preState, data)
	if err == nil {
		t.Fatalf("Execute succeeded, want error %q", want)
	}
	if got := firstLine(err); got != want {
		t.Errorf("error = %q\nwant    %q", got, want)
	}
	if !strings.Contains(err.Error(), "\nwasm stack trace:\n\t") {
		t.Errorf("error has no wasm stack trace after its first line: %q", err)
	}
}

// firstLine is an error's message without the wasm stack trace that follows.
func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

// word is x as a 32-byte big-endian bignum word.
func word(x *big.Int) []byte {
	return x.FillBytes(make([]byte, 32))
}

// rootOf is b padded with zeros to a root.
func rootOf(b ...byte) core.Root {
	var r core.Root
	copy(r[:], b)
	return r
}

// asString lays out s as AssemblyScript does: the byte length of its UTF-16
// code units, then the code units; the string's pointer is 4 bytes in.
func asString(s string) []byte {
	var units []byte
	for _, r := range s {
		units = append(units, byte(r), byte(r>>8))
	}
	return append([]byte{byte(len(units)), 0, 0, 0}, units...)
}

var (
	preState  = rootOf(0xaa, 0xbb, 0xcc)
	maxWord   = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	twoTo255  = new(big.Int).Lsh(big.NewInt(1), 255)
	memoryEnd = uint32(2 * 65536) // the probe's memory size
)

// bignumProbe stores a at 0 and b at 32, runs op(0, 32, 64) and saves the
// result as the post-state.
func bignumProbe(op byte, a, b *big.Int) testee.Probe {
	return testee.Probe{}.Store(0, word(a)).Store(32, word(b)).Op(op, 0, 32, 64).Op(testee.OpSavePostStateRoot, 64)
}

var (
	bufferKey   = core.Root(bytes.Repeat([]byte{'k'}, 32))
	bufferValue = core.Root(bytes.Repeat([]byte{'v'}, 32))
)

// bufferProbe stores a key at 0, a value at 32 and 0xff bytes at 64 and 96,
// where the buffer tests have eth2_bufferGet write.
// bufferResult is the post-state saved from 96 after eth2_bufferGet
// returned result there: the i32, then bufferProbe's 0xff bytes.
func bufferResult(result byte) core.Root {
	root := core.Root(bytes.Repeat([]byte{0xff}, 32))
	copy(root[:], []byte{result, 0, 0, 0})
	return root
}

func bufferProbe() testee.Probe {
	return testee.Probe{}.Store(0, bufferKey[:]).Store(32, bufferValue[:]).Store(64, bytes.Repeat([]byte{0xff}, 64))
}

func TestHostFunctions(t *testing.T) {
	mulModWant := new(big.Int).Mod(new(big.Int).Mul(maxWord, maxWord), big.NewInt(7))
	copyProbe := testee.Probe{}.Op(testee.OpBlockDataCopy, 0, 0, 13).Op(testee.OpSavePostStateRoot, 0)

	tests := []struct {
		name string
		data []byte
		want core.Receipt // PreState is always preState
	}{
		{name: "saving nothing keeps the pre-state", data: nil,
			want: core.Receipt{PostState: preState}},
		{name: "load then save", data: testee.Probe{}.Op(testee.OpLoadPreStateRoot, 0).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: preState}},
		{name: "save stored bytes", data: testee.Probe{}.Store(64, []byte{1, 2, 3, 4}).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: rootOf(1, 2, 3, 4)}},
		{name: "last save wins", data: testee.Probe{}.Op(testee.OpSavePostStateRoot, 100).Op(testee.OpSavePostStateRoot, 0),
			// memory at 0 holds the start of nothing stored: zeros
			want: core.Receipt{PostState: core.Root{}}},
		{name: "blockDataSize", data: testee.Probe{}.Op(testee.OpBlockDataSize, 0).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: rootOf(10)}},
		{name: "blockDataSize through module eth2", data: testee.Probe{}.Op(testee.OpEth2BlockDataSize, 0).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: rootOf(10)}},
		{name: "blockDataCopy", data: copyProbe,
			want: core.Receipt{PostState: rootOf(copyProbe[:13]...)}},
		{name: "blockDataCopy of nothing at the end", data: testee.Probe{}.Op(testee.OpBlockDataCopy, 0, 13, 0),
			want: core.Receipt{PostState: preState}},
		{name: "pushNewDeposit", data: testee.Probe{}.Store(0, []byte("deposit")).Op(testee.OpPushNewDeposit, 0, 7).Op(testee.OpPushNewDeposit, 0, 3),
			want: core.Receipt{PostState: preState, Deposits: []core.HexBytes{[]byte("deposit"), []byte("dep")}}},
		{name: "useTicks", data: testee.Probe{}.Op(testee.OpUseTicks, 5).Op(testee.OpUseTicks, 7),
			want: core.Receipt{PostState: preState, Ticks: 12}},
		{name: "useTicks spends the whole budget", data: testee.Probe{}.Op(testee.OpUseTicks, wasmhost.DefaultTickBudget),
			want: core.Receipt{PostState: preState, Ticks: wasmhost.DefaultTickBudget}},
		{name: "emitLog", data: testee.Probe{}.Store(0, []byte("log1")).Op(testee.OpEmitLog, 0, 4).Op(testee.OpEmitLog, 0, 0),
			want: core.Receipt{PostState: preState, Logs: []core.HexBytes{[]byte("log1"), {}}}},
		{name: "print32 is unsigned", data: testee.Probe{}.Op(testee.OpPrint32, math.MaxUint32),
			want: core.Receipt{PostState: preState, Debug: []string{"print32: 4294967295"}}},
		{name: "print64", data: testee.Probe{}.Op(testee.OpPrint64, 1, 2),
			want: core.Receipt{PostState: preState, Debug: []string{"print64: 8589934593"}}},
		{name: "printMem replaces invalid UTF-8", data: testee.Probe{}.Store(0, []byte("hi\xff")).Op(testee.OpPrintMem, 0, 3),
			want: core.Receipt{PostState: preState, Debug: []string{"printMem: hi\uFFFD"}}},
		{name: "printMem escapes what is not printable", data: testee.Probe{}.Store(0, []byte("a\x00\nb\t")).Op(testee.OpPrintMem, 0, 5),
			want: core.Receipt{PostState: preState, Debug: []string{`printMem: a\x00\nb\t`}}},
		{name: "printMemHex", data: testee.Probe{}.Store(0, []byte{0xde, 0xad}).Op(testee.OpPrintMemHex, 0, 2),
			want: core.Receipt{PostState: preState, Debug: []string{"printMemHex: 0xdead"}}},
		{name: "log", data: testee.Probe{}.Store(0, []byte("hello")).Op(testee.OpLog, 0, 5).Op(testee.OpPrint32, 1),
			want: core.Receipt{PostState: preState, Debug: []string{"log: hello", "print32: 1"}}},
		{name: "add256 wraps", data: bignumProbe(testee.OpAdd256, maxWord, big.NewInt(1)),
			want: core.Receipt{PostState: core.Root{}}},
		{name: "add256 through module bignum", data: bignumProbe(testee.OpAdd256, big.NewInt(40), big.NewInt(2)),
			want: core.Receipt{PostState: core.Root(word(big.NewInt(42)))}},
		{name: "sub256 wraps", data: bignumProbe(testee.OpSub256, big.NewInt(0), big.NewInt(1)),
			want: core.Receipt{PostState: core.Root(word(maxWord))}},
		{name: "mul256", data: bignumProbe(testee.OpMul256, big.NewInt(3), big.NewInt(5)),
			want: core.Receipt{PostState: core.Root(word(big.NewInt(15)))}},
		{name: "mul256 wraps", data: bignumProbe(testee.OpMul256, twoTo255, big.NewInt(2)),
			want: core.Receipt{PostState: core.Root{}}},
		{name: "div256 rounds down", data: bignumProbe(testee.OpDiv256, big.NewInt(7), big.NewInt(2)),
			want: core.Receipt{PostState: core.Root(word(big.NewInt(3)))}},
		{name: "mulMod uses the full product",
			data: testee.Probe{}.Store(0, word(maxWord)).Store(32, word(maxWord)).Store(64, word(big.NewInt(7))).
				Op(testee.OpMulMod, 0, 32, 64, 96).Op(testee.OpSavePostStateRoot, 96),
			want: core.Receipt{PostState: core.Root(word(mulModWant))}},
		{name: "result may overwrite an operand",
			data: testee.Probe{}.Store(0, word(big.NewInt(5))).Store(32, word(big.NewInt(6))).
				Op(testee.OpAdd256, 0, 32, 0).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: core.Root(word(big.NewInt(11)))}},
		{name: "print", data: testee.Probe{}.Store(0, []byte("hi\n")).Op(testee.OpPrint, 0, 3),
			want: core.Receipt{PostState: preState, Debug: []string{`print: hi\n`}}},
		{name: "bufferGet of a missing key returns 1 and writes nothing", data: bufferProbe().Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: core.Root(bytes.Repeat([]byte{0xff}, 32))}},
		{name: "bufferGet of a missing key", data: bufferProbe().Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 96),
			want: core.Receipt{PostState: bufferResult(1)}},
		{name: "bufferSet then bufferGet", data: bufferProbe().Op(testee.OpBufferSet, 7, 0, 32).Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferValue}},
		{name: "bufferGet of a key returns 0", data: bufferProbe().Op(testee.OpBufferSet, 7, 0, 32).Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 96),
			want: core.Receipt{PostState: bufferResult(0)}},
		{name: "frames are separate", data: bufferProbe().Op(testee.OpBufferSet, 7, 0, 32).Op(testee.OpBufferGet, 96, 8, 0, 64).Op(testee.OpSavePostStateRoot, 96),
			want: core.Receipt{PostState: bufferResult(1)}},
		{name: "frame 255 is the last", data: bufferProbe().Op(testee.OpBufferSet, 255, 0, 32).Op(testee.OpBufferGet, 96, 255, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferValue}},
		{name: "bufferSet replaces the value", data: bufferProbe().Op(testee.OpBufferSet, 7, 0, 32).Op(testee.OpBufferSet, 7, 0, 0).Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferKey}},
		{name: "bufferMerge copies B into A, B's values winning",
			data: bufferProbe().Op(testee.OpBufferSet, 1, 0, 0).Op(testee.OpBufferSet, 2, 0, 32).Op(testee.OpBufferMerge, 1, 2).
				Op(testee.OpBufferGet, 96, 1, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferValue}},
		{name: "bufferMerge keeps A's other keys",
			data: bufferProbe().Op(testee.OpBufferSet, 1, 32, 0).Op(testee.OpBufferSet, 2, 0, 32).Op(testee.OpBufferMerge, 1, 2).
				Op(testee.OpBufferGet, 96, 1, 32, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferKey}},
		{name: "bufferMerge leaves B unchanged",
			data: bufferProbe().Op(testee.OpBufferSet, 1, 0, 0).Op(testee.OpBufferSet, 2, 0, 32).Op(testee.OpBufferMerge, 1, 2).Op(testee.OpBufferClear, 1).
				Op(testee.OpBufferGet, 96, 2, 0, 64).Op(testee.OpSavePostStateRoot, 64),
			want: core.Receipt{PostState: bufferValue}},
		{name: "bufferClear empties the frame", data: bufferProbe().Op(testee.OpBufferSet, 7, 0, 32).Op(testee.OpBufferClear, 7).Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 96),
			want: core.Receipt{PostState: bufferResult(1)}},
		{name: "memory.grow within the cap", data: testee.Probe{}.Op(testee.OpGrowMemory, 0, 254).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: rootOf(2)}}, // the old size in pages
		{name: "memory.grow past the cap returns -1", data: testee.Probe{}.Op(testee.OpGrowMemory, 0, 255).Op(testee.OpSavePostStateRoot, 0),
			want: core.Receipt{PostState: rootOf(0xff, 0xff, 0xff, 0xff)}},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := program.Execute(context.Background(), preState, tt.data)
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				want := tt.want
				want.PreState = preState
				assertReceipt(t, got, want)
			})
		}
	})
}

func assertReceipt(t *testing.T, got, want core.Receipt) {
	t.Helper()
	if got.PreState != want.PreState || got.PostState != want.PostState || got.Ticks != want.Ticks {
		t.Errorf("receipt states and ticks = %v %v %d, want %v %v %d", got.PreState, got.PostState, got.Ticks, want.PreState, want.PostState, want.Ticks)
	}
	if !equalHex(got.Deposits, want.Deposits) {
		t.Errorf("deposits = %v, want %v", got.Deposits, want.Deposits)
	}
	if !equalHex(got.Logs, want.Logs) {
		t.Errorf("logs = %v, want %v", got.Logs, want.Logs)
	}
	if strings.Join(got.Debug, "\n") != strings.Join(want.Debug, "\n") || len(got.Debug) != len(want.Debug) {
		t.Errorf("debug = %q, want %q", got.Debug, want.Debug)
	}
}

func equalHex(a, b []core.HexBytes) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].String() != b[i].String() {
			return false
		}
	}
	return true
}

func TestHostFunctionFailures(t *testing.T) {
	boom := testee.Probe{}.Store(96, asString("boom")).Store(196, asString("a.ts"))
	tests := []struct {
		name   string
		config wasmhost.Config
		data   []byte
		want   string // the first line of the error
	}{
		{name: "loadPreStateRoot out of bounds", data: testee.Probe{}.Op(testee.OpLoadPreStateRoot, memoryEnd-16),
			want: "eth2_loadPreStateRoot: memory access out of bounds: 32 bytes at offset 131056, but memory is 131072 bytes"},
		{name: "savePostStateRoot out of bounds", data: testee.Probe{}.Op(testee.OpSavePostStateRoot, math.MaxUint32),
			want: "eth2_savePostStateRoot: memory access out of bounds: 32 bytes at offset 4294967295, but memory is 131072 bytes"},
		{name: "blockDataCopy past the data", data: testee.Probe{}.Op(testee.OpBlockDataCopy, 0, 10, 10),
			want: "eth2_blockDataCopy: range [10, 20) is outside the 13 bytes of block data"},
		{name: "blockDataCopy range overflowing 32 bits", data: testee.Probe{}.Op(testee.OpBlockDataCopy, 0, math.MaxUint32, 2),
			want: "eth2_blockDataCopy: range [4294967295, 4294967297) is outside the 13 bytes of block data"},
		{name: "blockDataCopy to memory out of bounds", data: testee.Probe{}.Op(testee.OpBlockDataCopy, memoryEnd-2, 0, 13),
			want: "eth2_blockDataCopy: memory access out of bounds: 13 bytes at offset 131070, but memory is 131072 bytes"},
		{name: "pushNewDeposit out of bounds", data: testee.Probe{}.Op(testee.OpPushNewDeposit, 0, math.MaxUint32),
			want: "eth2_pushNewDeposit: memory access out of bounds: 4294967295 bytes at offset 0, but memory is 131072 bytes"},
		{name: "emitLog out of bounds", data: testee.Probe{}.Op(testee.OpEmitLog, memoryEnd, 1),
			want: "eth2_emitLog: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "printMem out of bounds", data: testee.Probe{}.Op(testee.OpPrintMem, memoryEnd, 1),
			want: "debug_printMem: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "printMemHex out of bounds", data: testee.Probe{}.Op(testee.OpPrintMemHex, memoryEnd, 1),
			want: "debug_printMemHex: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "log out of bounds", data: testee.Probe{}.Op(testee.OpLog, memoryEnd, 1),
			want: "debug_log: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "tick budget exhausted", config: wasmhost.Config{TickBudget: 100}, data: testee.Probe{}.Op(testee.OpUseTicks, 60).Op(testee.OpUseTicks, 41),
			want: "eth2_useTicks: tick budget exhausted: 60 of 100 ticks used, 41 more requested"},
		{name: "receipt limit", config: wasmhost.Config{MaxReceiptBytes: 64}, data: testee.Probe{}.Op(testee.OpEmitLog, 0, 61),
			want: "eth2_emitLog: receipt limit exceeded: deposits, logs and debug output would take more than 64 bytes (MaxReceiptBytes)"},
		{name: "receipt limit counts debug lines", config: wasmhost.Config{MaxReceiptBytes: 32}, data: testee.Probe{}.Op(testee.OpPrint32, 1).Op(testee.OpPrint32, 2).Op(testee.OpPrint32, 3),
			want: "debug_print32: receipt limit exceeded: deposits, logs and debug output would take more than 32 bytes (MaxReceiptBytes)"},
		{name: "div256 by zero", data: bignumProbe(testee.OpDiv256, big.NewInt(1), big.NewInt(0)),
			want: "bignum_div256: division by zero"},
		{name: "mulMod modulo zero", data: testee.Probe{}.Op(testee.OpMulMod, 0, 0, 64, 96),
			want: "bignum_mulMod: modulus is zero"},
		{name: "bignum operand out of bounds", data: testee.Probe{}.Op(testee.OpAdd256, 0, memoryEnd-31, 0),
			want: "bignum_add256: memory access out of bounds: 32 bytes at offset 131041, but memory is 131072 bytes"},
		{name: "bignum result out of bounds", data: testee.Probe{}.Op(testee.OpSub256, 0, 0, memoryEnd-1),
			want: "bignum_sub256: memory access out of bounds: 32 bytes at offset 131071, but memory is 131072 bytes"},
		{name: "abort", data: boom.Op(testee.OpAbort, 100, 200, 3, 7),
			want: "abort: boom at a.ts:3:7"},
		{name: "abort with null strings", data: testee.Probe{}.Op(testee.OpAbort, 0, 0, 0, 0),
			want: "abort: null at null:0:0"},
		{name: "abort with a bad string pointer", data: testee.Probe{}.Op(testee.OpAbort, 2, memoryEnd+4, 1, 1),
			want: "abort: (string at 2 out of bounds) at (string at 131076 out of bounds):1:1"},
		{name: "abort with a bad string length", data: testee.Probe{}.Store(0, []byte{3, 0, 0, 0}).Op(testee.OpAbort, 4, 0, 1, 1),
			want: "abort: (string at 4 has bad length 3) at null:1:1"},
		{name: "bufferGet of frame 256", data: testee.Probe{}.Op(testee.OpBufferGet, 96, 256, 0, 64),
			want: "eth2_bufferGet: frame 256 is not a buffer frame: frames are numbered 0 to 255"},
		{name: "bufferSet of frame -1", data: testee.Probe{}.Op(testee.OpBufferSet, math.MaxUint32, 0, 32),
			want: "eth2_bufferSet: frame 4294967295 is not a buffer frame: frames are numbered 0 to 255"},
		{name: "bufferMerge into frame 256", data: testee.Probe{}.Op(testee.OpBufferMerge, 256, 0),
			want: "eth2_bufferMerge: frame 256 is not a buffer frame: frames are numbered 0 to 255"},
		{name: "bufferMerge from frame 300", data: testee.Probe{}.Op(testee.OpBufferMerge, 0, 300),
			want: "eth2_bufferMerge: frame 300 is not a buffer frame: frames are numbered 0 to 255"},
		{name: "bufferClear of frame 256", data: testee.Probe{}.Op(testee.OpBufferClear, 256),
			want: "eth2_bufferClear: frame 256 is not a buffer frame: frames are numbered 0 to 255"},
		{name: "bufferGet key out of bounds", data: testee.Probe{}.Op(testee.OpBufferGet, 96, 0, memoryEnd-31, 64),
			want: "eth2_bufferGet: memory access out of bounds: 32 bytes at offset 131041, but memory is 131072 bytes"},
		{name: "bufferGet value out of bounds", data: bufferProbe().Op(testee.OpBufferSet, 0, 0, 32).Op(testee.OpBufferGet, 96, 0, 0, memoryEnd),
			want: "eth2_bufferGet: memory access out of bounds: 32 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "bufferSet value out of bounds", data: testee.Probe{}.Op(testee.OpBufferSet, 0, 0, math.MaxUint32),
			want: "eth2_bufferSet: memory access out of bounds: 32 bytes at offset 4294967295, but memory is 131072 bytes"},
		{name: "buffer limit on set", config: wasmhost.Config{MaxBufferEntries: 2},
			data: testee.Probe{}.Op(testee.OpBufferSet, 0, 0, 0).Op(testee.OpBufferSet, 1, 0, 0).Op(testee.OpBufferSet, 1, 0, 32).Op(testee.OpBufferSet, 2, 0, 0),
			want: "eth2_bufferSet: buffer limit exceeded: the frames hold 2 entries and may hold 2 (MaxBufferEntries)"},
		{name: "buffer limit on merge", config: wasmhost.Config{MaxBufferEntries: 3},
			data: bufferProbe().Op(testee.OpBufferSet, 0, 0, 0).Op(testee.OpBufferSet, 1, 0, 0).Op(testee.OpBufferSet, 1, 32, 0).Op(testee.OpBufferMerge, 0, 1),
			want: "eth2_bufferMerge: buffer limit exceeded: the frames hold 3 entries and may hold 3 (MaxBufferEntries)"},
		{name: "print out of bounds", data: testee.Probe{}.Op(testee.OpPrint, memoryEnd, 1),
			want: "print: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{name: "trap", data: testee.Probe{}.Op(testee.OpUnreachable),
			want: "wasm error: unreachable"},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.config.Engine = kind
				program := compile(t, newEngine(t, tt.config), testee.Wasm("probe"))
				assertFailsWithStack(t, program, tt.data, tt.want)
			})
		}
	})
}

func TestFailureMessageHasStackTrace(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		_, err := program.Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpLoadPreStateRoot, memoryEnd))
		want := "eth2_loadPreStateRoot: memory access out of bounds: 32 bytes at offset 131072, but memory is 131072 bytes\n" +
			"wasm stack trace:\n" +
			"\tenv.eth2_loadPreStateRoot(i32)\n" +
			"\t.main()"
		if kind == wasmhost.Browser {
			// V8 gives no function types, but code offsets.
			want = strings.Replace(want, ".main()", ".main at 0x39f", 1)
		}
		if err == nil || err.Error() != want {
			t.Errorf("error = %q\nwant    %q", err, want)
		}
	})
}

func TestFailureKeepsPartialReceipt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		data := testee.Probe{}.Op(testee.OpUseTicks, 3).Op(testee.OpPrint32, 9).Op(testee.OpUnreachable)
		got, err := program.Execute(context.Background(), preState, data)
		if err == nil {
			t.Fatal("Execute succeeded, want a trap")
		}
		assertReceipt(t, got, core.Receipt{PreState: preState, PostState: preState, Ticks: 3, Debug: []string{"print32: 9"}})
	})
}

func TestHostErrorUnwraps(t *testing.T) {
	program := compile(t, newEngine(t, wasmhost.Config{}), testee.Wasm("probe"))
	_, err := program.Execute(context.Background(), preState, bignumProbe(testee.OpDiv256, big.NewInt(1), big.NewInt(0)))
	if err == nil || errors.Unwrap(err) == nil {
		t.Fatalf("error %v does not wrap the host function's error", err)
	}
}

func TestCompileRejects(t *testing.T) {
	tests := []struct {
		name string
		code []byte
		want string
	}{
		{name: "a text file", code: []byte("# eeplay\n\nA browser playground"),
			want: `not a WebAssembly module: it starts with "# eeplay", not "\x00asm"`},
		{name: "a short text file", code: []byte("hello"), want: `not a WebAssembly module: it starts with "hello", not "\x00asm"`},
		{name: "a binary file", code: []byte("\x7fELF\x02\x01\x01\x00\x00"),
			want: `not a WebAssembly module: it starts with the bytes 7f 45 4c 46 02 01 01 00, not "\x00asm"`},
		{name: "empty", code: nil, want: "not a WebAssembly module: the file is empty"},
		{name: "a truncated header", code: []byte("\x00asm\x01"),
			want: "not a WebAssembly module: its header is cut short at 5 bytes, want 8 (\\0asm and the version)"},
		{name: "the magic alone", code: []byte("\x00as"),
			want: "not a WebAssembly module: its header is cut short at 3 bytes, want 8 (\\0asm and the version)"},
		{name: "text format", code: []byte("(module\n  (func (export \"main\")))\n"),
			want: "not a WebAssembly module: it is WebAssembly text (.wat); compile it to a binary .wasm in the page's Code tab (New from template: blank-wat) or with wat2wasm"},
		{name: "text format after comments", code: []byte(";; an EE\n  (; block ;)\n\t(module)"),
			want: "not a WebAssembly module: it is WebAssembly text (.wat); compile it to a binary .wasm in the page's Code tab (New from template: blank-wat) or with wat2wasm"},
		{name: "a component", code: []byte("\x00asm\x0d\x00\x01\x00"), want: "unsupported WebAssembly version 0x1000d: want 1"},
		{name: "version 2", code: []byte("\x00asm\x02\x00\x00\x00"), want: "unsupported WebAssembly version 0x2: want 1"},
		{name: "no main", code: testee.Wasm("no_main"),
			want: "not an execution environment: it does not export a function named main"},
		{name: "main with parameters", code: testee.Wasm("main_with_params"),
			want: "not an execution environment: main has type (i32) -> (), want () -> ()"},
		{name: "no memory", code: testee.Wasm("no_memory"),
			want: "not an execution environment: it does not export a memory named memory"},
		{name: "imported memory", code: testee.Wasm("imports_memory"),
			want: "unsupported import env.memory: an execution environment defines its own memory"},
		{name: "unknown import", code: testee.Wasm("unknown_import"),
			want: "unsupported import env.eth2_getBalance: supported host functions are abort, bignum_add256, bignum_div256, bignum_mul256, bignum_mulMod, bignum_sub256, debug_log, debug_print32, debug_print64, debug_printMem, debug_printMemHex, eth2_argument, eth2_blockDataCopy, eth2_blockDataSize, eth2_bufferClear, eth2_bufferGet, eth2_bufferMerge, eth2_bufferSet, eth2_call, eth2_callModule, eth2_emitLog, eth2_expose, eth2_loadModule, eth2_loadPreStateRoot, eth2_pushNewDeposit, eth2_return, eth2_savePostStateRoot, eth2_useTicks, print (module env; under modules eth2, debug, bignum the same names without their prefix)"},
		{name: "a vector longer than the module", code: []byte("\x00asm\x01\x00\x00\x00\x07\x05\xff\xff\xff\xff\x0f"),
			want: "invalid wasm module: export section: length 4294967295 exceeds the 0 bytes that remain"},
		{name: "a section longer than the module", code: []byte("\x00asm\x01\x00\x00\x00\x07\x30\x00"),
			want: "invalid wasm module: export section: length 48 exceeds the 1 bytes that remain"},
		{name: "too many locals", code: tooManyLocals,
			want: "invalid wasm module: code section: function body 0 declares 100000 or more locals, over the limit of 50000"},
		{name: "a table too large", code: testee.Wasm("big_table"),
			want: "invalid wasm module: table section: a table starts with 70000 elements, over the limit of 65536"},
		{name: "imported global", code: testee.Wasm("imports_global"),
			want: "unsupported import env.gas: a global; the host provides only functions"},
		{name: "wrong import type", code: testee.Wasm("wrong_signature"),
			want: "import env.eth2_useTicks has type (i64) -> (), but the host function has type (i32) -> ()"},
		{name: "memory over the cap", code: testee.Wasm("big_memory"),
			want: "invalid wasm module: section memory: min 257 pages (16 Mi) over limit of 256 pages (16 Mi): eeplay caps memory at 256 pages of 64 KiB (MaxMemoryPages)"},
		{name: "library import without the library", code: testee.Wasm("uses_library"),
			want: `unsupported import mylib.double: no library is named "mylib", and the host functions are under modules env, eth2, debug, bignum`},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := engine.Compile(context.Background(), tt.code)
				if err == nil || err.Error() != tt.want {
					t.Errorf("Compile error = %v\nwant            %s", err, tt.want)
				}
			})
		}
	})
}

// tooManyLocals is a module whose one function declares 100,000 i32 locals
// in a single compressed declaration, which text format cannot write.
var tooManyLocals = []byte("\x00asm\x01\x00\x00\x00" +
	"\x01\x04\x01\x60\x00\x00" + // type section: () -> ()
	"\x03\x02\x01\x00" + // function section: one function of type 0
	"\x0a\x08\x01\x06\x01\xa0\x8d\x06\x7f\x0b") // code: 100000 x i32, end

func TestMemoryCapIsConfigurable(t *testing.T) {
	engine := newEngine(t, wasmhost.Config{MaxMemoryPages: 300})
	compile(t, engine, testee.Wasm("big_memory"))
	program := compile(t, engine, testee.Wasm("probe"))
	got, err := program.Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpGrowMemory, 0, 298).Op(testee.OpSavePostStateRoot, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got.PostState != rootOf(2) {
		t.Errorf("memory.grow(298) from 2 pages under a 300-page cap stored %v, want the old size 2", got.PostState)
	}
}

func TestStackOverflowFailsTheTransaction(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("recursion"))
		_, err := program.Execute(context.Background(), preState, nil)
		// The compiler adds that it has no stack trace.
		if err == nil || !strings.HasPrefix(firstLine(err), "wasm error: stack overflow") {
			t.Errorf("error = %.200v, want a stack overflow", err)
		}
	})
}

func TestEverySectionRuns(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("every_section"))
		got, err := program.Execute(context.Background(), preState, nil)
		if err != nil {
			t.Fatal(err)
		}
		assertReceipt(t, got, core.Receipt{PreState: preState, PostState: preState, Ticks: 1, Debug: []string{"print64: 18446744073709551615"}})
	})
}

func TestDeclaredMaximumAboveTheCap(t *testing.T) {
	program := compile(t, newEngine(t, wasmhost.Config{}), testee.Wasm("declares_max_memory"))
	if _, err := program.Execute(context.Background(), preState, nil); err != nil {
		t.Fatal(err)
	}
	// probe grows instead: the cap, not a declared maximum, decides.
	probe := compile(t, newEngine(t, wasmhost.Config{MaxMemoryPages: 3}), testee.Wasm("probe"))
	got, err := probe.Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpGrowMemory, 0, 2).Op(testee.OpSavePostStateRoot, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got.PostState != rootOf(0xff, 0xff, 0xff, 0xff) {
		t.Errorf("memory.grow(2) from 2 pages under a 3-page cap stored %v, want -1", got.PostState)
	}
}

func TestMaxMemoryPagesOverWasmLimit(t *testing.T) {
	_, err := wasmhost.New(context.Background(), wasmhost.Config{MaxMemoryPages: 65537})
	if want := "new engine: MaxMemoryPages is 65537, over the 65536 pages of a 32-bit wasm memory"; err == nil || err.Error() != want {
		t.Errorf("New error = %v, want %s", err, want)
	}
}

func TestStackTraceNamesTheImport(t *testing.T) {
	// probe imports debug_print32 as debug.print32.
	program := compile(t, newEngine(t, wasmhost.Config{MaxReceiptBytes: 8}), testee.Wasm("probe"))
	_, err := program.Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpPrint32, 1))
	if want := "\n\tdebug.print32(i32)\n\t.main()"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("error = %q, want it to end with %q", err, want)
	}
}

func FuzzCompile(f *testing.F) {
	f.Add(testee.Wasm("probe"))
	f.Add(testee.Wasm("imports_global"))
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	engine := newEngine(f, wasmhost.Config{Engine: wasmhost.Interpreter})
	f.Fuzz(func(t *testing.T, code []byte) {
		// Any bytes: an error or a program, never a panic.
		program, err := engine.Compile(context.Background(), code)
		if err == nil && program == nil {
			t.Fatal("Compile returned neither a program nor an error")
		}
	})
}

func TestLibraries(t *testing.T) {
	library := wasmhost.Library{Name: "mylib", Code: testee.Wasm("library")}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind, Libraries: []wasmhost.Library{library}})
		program := compile(t, engine, testee.Wasm("uses_library"))
		for range 2 { // a fresh library instance per transaction
			got, err := program.Execute(context.Background(), preState, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.PostState != rootOf(42) {
				t.Errorf("post-state = %v, want mylib.double(21) = 42", got.PostState)
			}
		}
	})
}

func TestLibraryConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		libraries []wasmhost.Library
		want      string
	}{
		{name: "reserved name", libraries: []wasmhost.Library{{Name: "env", Code: testee.Wasm("library")}},
			want: `new engine: library "env": the name is taken by the host functions`},
		{name: "twice", libraries: []wasmhost.Library{{Name: "a", Code: testee.Wasm("library")}, {Name: "a", Code: testee.Wasm("library")}},
			want: `new engine: library "a": given twice`},
		{name: "imports", libraries: []wasmhost.Library{{Name: "a", Code: testee.Wasm("trivial")}},
			want: `new engine: library "a": imports env.eth2_loadPreStateRoot, but a library may import nothing`},
		{name: "not wasm", libraries: []wasmhost.Library{{Name: "a", Code: []byte("x")}},
			want: `new engine: library "a": not a WebAssembly module: it starts with "x", not "\x00asm"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := wasmhost.New(context.Background(), wasmhost.Config{Libraries: tt.libraries})
			if err == nil || err.Error() != tt.want {
				t.Errorf("New error = %v\nwant        %s", err, tt.want)
			}
		})
	}
}

func TestUsesImportedLibraryExportTypes(t *testing.T) {
	// uses_library imports double as (i32) -> (i32); a library whose double
	// has another type must be rejected when the EE is compiled.
	engine := newEngine(t, wasmhost.Config{Libraries: []wasmhost.Library{{Name: "mylib", Code: testee.Wasm("trivial_library")}}})
	_, err := engine.Compile(context.Background(), testee.Wasm("uses_library"))
	want := "import mylib.double has type (i32) -> (i32), but the library function has type (i64) -> (i64)"
	if err == nil || err.Error() != want {
		t.Errorf("Compile error = %v\nwant            %s", err, want)
	}
}

func TestParseEngineKind(t *testing.T) {
	for _, s := range []string{"compiler", "interpreter", "browser"} {
		if kind, err := wasmhost.ParseEngineKind(s); err != nil || string(kind) != s {
			t.Errorf("ParseEngineKind(%q) = %q, %v", s, kind, err)
		}
	}
	_, err := wasmhost.ParseEngineKind("jit")
	if want := `unknown engine "jit": want "compiler", "interpreter" or "browser"`; err == nil || err.Error() != want {
		t.Errorf("ParseEngineKind(jit) error = %v, want %s", err, want)
	}
	_, err = wasmhost.New(context.Background(), wasmhost.Config{Engine: "jit"})
	if want := `new engine: unknown engine "jit": want "compiler", "interpreter" or "browser"`; err == nil || err.Error() != want {
		t.Errorf("New error = %v, want %s", err, want)
	}
}

func TestCancelStopsRunawayEE(t *testing.T) {
	if runtime.GOOS == "js" {
		// js/wasm has one thread and no preemption: the goroutine that
		// would see ctx expire never runs while the EE loops. There the
		// tick budget (TestRunawayEERunsOutOfTicks) is what stops it.
		t.Skip("js/wasm cannot interrupt a running EE")
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind, TickBudget: math.MaxUint64}), testee.Wasm("probe"))
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := program.Execute(ctx, preState, testee.Probe{}.Op(testee.OpLoopForever))
		if want := "stopped: context deadline exceeded"; err == nil || err.Error() != want {
			t.Errorf("error = %v, want %s", err, want)
		}
	})
}

func TestRunawayEERunsOutOfTicks(t *testing.T) {
	program := compile(t, newEngine(t, wasmhost.Config{TickBudget: 1000}), testee.Wasm("probe"))
	_, err := program.Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpLoopForever))
	if want := "eth2_useTicks: tick budget exhausted: 1000 of 1000 ticks used, 1 more requested"; err == nil || firstLine(err) != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestEnginesAgree(t *testing.T) {
	kinds := engineKinds()
	if len(kinds) < 2 {
		t.Skip("only one engine runs on this platform")
	}
	data := testee.Probe{}.Op(testee.OpLoadPreStateRoot, 0).Store(40, []byte("abc")).Op(testee.OpEmitLog, 40, 3).
		Op(testee.OpUseTicks, 77).Op(testee.OpMul256, 0, 0, 0).Op(testee.OpSavePostStateRoot, 0)
	var receipts []core.Receipt
	for _, kind := range kinds {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		got, err := program.Execute(context.Background(), preState, data)
		if err != nil {
			t.Fatal(err)
		}
		receipts = append(receipts, got)
	}
	assertReceipt(t, receipts[1], receipts[0])
}

// TestFinishedInstancesAreFreed runs 320 transactions whose instances each
// hold 16 MiB: 5 GiB in all, more than js/wasm can address, so it fails
// unless each instance is freed when its transaction ends (on js/wasm,
// wazero's close-on-context-done once kept them all).
func TestFinishedInstancesAreFreed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("grows_to_cap"))
		for i := range 320 {
			if _, err := program.Execute(context.Background(), preState, nil); err != nil {
				t.Fatalf("transaction %d: %v", i, err)
			}
		}
	})
}

func TestBufferFramesStartEmptyForEveryTransaction(t *testing.T) {
	set := bufferProbe().Op(testee.OpBufferSet, 7, 0, 32)
	get := bufferProbe().Op(testee.OpBufferGet, 96, 7, 0, 64).Op(testee.OpSavePostStateRoot, 96)
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
		for _, data := range [][]byte{set, set.Op(testee.OpUnreachable)} {
			if _, err := program.Execute(context.Background(), preState, data); err != nil && !strings.Contains(err.Error(), "unreachable") {
				t.Fatalf("Execute: %v", err)
			}
			got, err := program.Execute(context.Background(), preState, get)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if got.PostState != bufferResult(1) {
				t.Errorf("after a transaction that set a key, eth2_bufferGet's result and memory = %v, want %v (not found)", got.PostState, bufferResult(1))
			}
		}
	})
}
