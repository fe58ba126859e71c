package wasmhost

import (
	"fmt"

	"github.com/eeplay/eeplay/core"
	"github.com/tetratelabs/wazero/api"
)

// bufferFrameCount is how many buffer frames a transaction has, numbered
// from 0, as in quilt's ewasm-rt.
const bufferFrameCount = 256

// bufferFrames is a transaction's key-value store of ewasm-rt's buffer
// functions: 32-byte keys to 32-byte values in numbered frames. It starts
// empty for every transaction and is dropped with it.
type bufferFrames struct {
	// frames are made on first use, so that a transaction that uses none
	// allocates nothing.
	frames     [bufferFrameCount]map[core.Root]core.Root
	entries    int // in all frames, against maxEntries
	maxEntries int
}

// checkFrame fails unless n numbers a frame. ewasm-rt uses the low byte
// of n; eeplay refuses a larger n rather than wrap, so that frame 256 does
// not silently alias frame 0.
func checkFrame(n uint32) error {
	if n >= bufferFrameCount {
		return fmt.Errorf("frame %d is not a buffer frame: frames are numbered 0 to %d", n, bufferFrameCount-1)
	}
	return nil
}

// writable returns frame n, made if it is missing; n is checked.
func (b *bufferFrames) writable(n uint32) map[core.Root]core.Root {
	if b.frames[n] == nil {
		b.frames[n] = map[core.Root]core.Root{}
	}
	return b.frames[n]
}

// room fails if adding n entries would pass maxEntries.
func (b *bufferFrames) room(n int) error {
	if n > b.maxEntries-b.entries {
		return fmt.Errorf("buffer limit exceeded: the frames hold %d entries and may hold %d (MaxBufferEntries)", b.entries, b.maxEntries)
	}
	return nil
}

// readRoot reads the 32 bytes at ptr.
func readRoot(mem guestMemory, ptr uint32) (core.Root, error) {
	b, err := readGuest(mem, ptr, uint32(len(core.Root{})))
	if err != nil {
		return core.Root{}, err
	}
	return core.Root(b), nil
}

// frameAndKey reads the frame number (checked) and the key at the pointer
// that eth2_bufferGet and eth2_bufferSet take first.
func frameAndKey(mem guestMemory, stack []uint64) (uint32, core.Root, error) {
	n := api.DecodeU32(stack[0])
	if err := checkFrame(n); err != nil {
		return 0, core.Root{}, err
	}
	key, err := readRoot(mem, api.DecodeU32(stack[1]))
	return n, key, err
}

// bufferFunctions are ewasm-rt's buffer functions, under module env.
var bufferFunctions = []*hostFunction{
	{
		// eth2_bufferGet(frame: i32, keyPtr: i32, valuePtr: i32) -> i32
		name:       "eth2_bufferGet",
		params:     []api.ValueType{i32, i32, i32},
		paramNames: []string{"frame", "keyPtr", "valuePtr"},
		results:    []api.ValueType{i32},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			n, key, err := frameAndKey(mem, stack)
			if err != nil {
				return err
			}
			value, ok := tx.buffer.frames[n][key]
			if !ok {
				stack[0] = 1
				return nil
			}
			if err := writeGuest(mem, api.DecodeU32(stack[2]), value[:]); err != nil {
				return err
			}
			stack[0] = 0
			return nil
		},
	},
	{
		// eth2_bufferSet(frame: i32, keyPtr: i32, valuePtr: i32)
		name:       "eth2_bufferSet",
		params:     []api.ValueType{i32, i32, i32},
		paramNames: []string{"frame", "keyPtr", "valuePtr"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			n, key, err := frameAndKey(mem, stack)
			if err != nil {
				return err
			}
			value, err := readRoot(mem, api.DecodeU32(stack[2]))
			if err != nil {
				return err
			}
			frame := tx.buffer.writable(n)
			if _, ok := frame[key]; !ok {
				if err := tx.buffer.room(1); err != nil {
					return err
				}
				tx.buffer.entries++
			}
			frame[key] = value
			return nil
		},
	},
	{
		// eth2_bufferMerge(frameA: i32, frameB: i32)
		name:       "eth2_bufferMerge",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"frameA", "frameB"},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			a, b := api.DecodeU32(stack[0]), api.DecodeU32(stack[1])
			for _, n := range []uint32{a, b} {
				if err := checkFrame(n); err != nil {
					return err
				}
			}
			if a == b || len(tx.buffer.frames[b]) == 0 {
				return nil
			}
			into, from := tx.buffer.writable(a), tx.buffer.frames[b]
			added := 0
			for key := range from {
				if _, ok := into[key]; !ok {
					added++
				}
			}
			// Checked before copying, so that a merge past the limit
			// changes nothing.
			if err := tx.buffer.room(added); err != nil {
				return err
			}
			for key, value := range from {
				into[key] = value
			}
			tx.buffer.entries += added
			return nil
		},
	},
	{
		// eth2_bufferClear(frame: i32)
		name:       "eth2_bufferClear",
		params:     []api.ValueType{i32},
		paramNames: []string{"frame"},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			n := api.DecodeU32(stack[0])
			if err := checkFrame(n); err != nil {
				return err
			}
			tx.buffer.entries -= len(tx.buffer.frames[n])
			tx.buffer.frames[n] = nil
			return nil
		},
	},
}
