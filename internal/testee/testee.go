// Package testee holds the WebAssembly modules that tests run as EEs, and
// helpers to write block data for the probe EE. The .wat sources sit beside
// the .wasm in testdata/; `npm run build:testdata` rebuilds them.
package testee

//go:generate npm run --silent build:testdata

import (
	"embed"
	"encoding/binary"
)

//go:embed testdata/*.wasm
var modules embed.FS

// Wasm returns testdata/<name>.wasm, panicking if it does not exist: tests
// name only modules that are committed.
func Wasm(name string) []byte {
	b, err := modules.ReadFile("testdata/" + name + ".wasm")
	if err != nil {
		panic(err)
	}
	return b
}

// Probe opcodes: see testdata/probe.wat.
const (
	OpLoadPreStateRoot  = 0x01 // ptr
	OpSavePostStateRoot = 0x02 // ptr
	OpBlockDataSize     = 0x03 // ptr: store the size at ptr
	OpBlockDataCopy     = 0x04 // ptr offset length
	OpPushNewDeposit    = 0x05 // ptr length
	OpUseTicks          = 0x06 // ticks
	OpEmitLog           = 0x07 // ptr length
	OpPrint32           = 0x08 // value
	OpPrint64           = 0x09 // low high
	OpPrintMem          = 0x0a // ptr length
	OpPrintMemHex       = 0x0b // ptr length
	OpLog               = 0x0c // ptr length
	OpAdd256            = 0x0d // a b c
	OpSub256            = 0x0e // a b c
	OpMul256            = 0x0f // a b c
	OpDiv256            = 0x10 // a b c
	OpMulMod            = 0x11 // a b n r
	OpAbort             = 0x12 // message file line column
	OpUnreachable       = 0x13
	OpGrowMemory        = 0x15 // ptr pages: store memory.grow(pages) at ptr
	OpLoopForever       = 0x16 // loop, using one tick per iteration
	OpEth2BlockDataSize = 0x17 // ptr: as OpBlockDataSize, through module eth2
	OpBufferGet         = 0x18 // ptr frame key value: store eth2_bufferGet's result at ptr
	OpBufferSet         = 0x19 // frame key value
	OpBufferMerge       = 0x1a // frameA frameB
	OpBufferClear       = 0x1b // frame
	OpPrint             = 0x1c // ptr length
	OpLoadModule        = 0x1d // slot code codeLength
	OpCallModule        = 0x1e // ptr slot name nameLength arg argLength ret retLength: store the result at ptr
	OpExpose            = 0x1f // name nameLength
	OpArgument          = 0x20 // ptr dest destLength: store eth2_argument's result at ptr
	OpReturn            = 0x21 // ptr src srcLength: store eth2_return's result at ptr
	OpCall              = 0x22 // ptr name nameLength arg argLength ret retLength: store the result at ptr
)

// Probe is block data for the probe EE: a list of operations.
type Probe []byte

// Op appends an operation with its operands.
func (p Probe) Op(op byte, operands ...uint32) Probe {
	p = append(p, op)
	for _, operand := range operands {
		p = binary.LittleEndian.AppendUint32(p, operand)
	}
	return p
}

// Store appends an operation that copies b to ptr in the EE's memory.
func (p Probe) Store(ptr uint32, b []byte) Probe {
	return append(p.Op(0x14, ptr, uint32(len(b))), b...)
}
