package wasmhost

import (
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero/api"

	"github.com/eeplay/eeplay/core"
)

// childFunctions are quilt ewasm-rt's functions for child modules: the EE
// loads wasm from its memory into numbered slots and calls the modules'
// exports; a module calls back the exports the EE exposed. Each call has
// a frame holding the caller's argument and return buffer.
var childFunctions = []*hostFunction{
	{
		// eth2_loadModule(slot: i32, codePtr: i32, codeLength: i32)
		name:       "eth2_loadModule",
		params:     []api.ValueType{i32, i32, i32},
		paramNames: []string{"slot", "codePtr", "codeLength"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			slot, length := api.DecodeU32(stack[0]), api.DecodeU32(stack[2])
			// Checked before the code is read, so that a huge length costs
			// nothing.
			if length > core.MaxWasmCodeSize {
				return fmt.Errorf("child module of %d bytes exceeds MaxWasmCodeSize (%d bytes)", length, core.MaxWasmCodeSize)
			}
			code, err := readGuest(mem, api.DecodeU32(stack[1]), length)
			if err != nil {
				return err
			}
			return tx.children.load(slot, code)
		},
	},
	{
		// eth2_callModule(slot: i32, namePtr: i32, nameLength: i32, argPtr: i32, argLength: i32, retPtr: i32, retLength: i32) -> i32
		name:       "eth2_callModule",
		params:     []api.ValueType{i32, i32, i32, i32, i32, i32, i32},
		paramNames: []string{"slot", "namePtr", "nameLength", "argPtr", "argLength", "retPtr", "retLength"},
		results:    []api.ValueType{i32},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			slot := api.DecodeU32(stack[0])
			m, err := tx.children.module(slot)
			if err != nil {
				return err
			}
			name, err := readName(mem, stack[1:3])
			if err != nil {
				return err
			}
			if err := checkCallable(fmt.Sprintf("the child module in slot %d", slot), name, m.exports); err != nil {
				return err
			}
			frame, err := readFrame(tx, mem, stack[3:7])
			if err != nil {
				return err
			}
			m.usage.Calls++
			result, returned, err := tx.children.call(m, name, frame.argument, frame.retLength)
			if err != nil {
				return fmt.Errorf("the child module in slot %d failed in %s: %w", slot, quoteName(name), err)
			}
			stack[0] = api.EncodeU32(result)
			return writeGuest(mem, frame.retPtr, returned)
		},
	},
	{
		// eth2_expose(namePtr: i32, nameLength: i32)
		name:       "eth2_expose",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"namePtr", "nameLength"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			name, err := readName(mem, stack[0:2])
			if err != nil {
				return err
			}
			if err := checkCallable("the EE", name, tx.children.rootExports); err != nil {
				return err
			}
			if tx.children.exposed == nil {
				tx.children.exposed = map[string]bool{}
			}
			tx.children.exposed[name] = true
			return nil
		},
	},
	{
		// eth2_call(namePtr: i32, nameLength: i32, argPtr: i32, argLength: i32, retPtr: i32, retLength: i32) -> i32
		name:       "eth2_call",
		params:     []api.ValueType{i32, i32, i32, i32, i32, i32},
		paramNames: []string{"namePtr", "nameLength", "argPtr", "argLength", "retPtr", "retLength"},
		results:    []api.ValueType{i32},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			caller := tx.children.caller()
			if caller == nil {
				return errors.New("only a child module may call it: the EE calls its child modules with eth2_callModule")
			}
			name, err := readName(mem, stack[0:2])
			if err != nil {
				return err
			}
			if !tx.children.exposed[name] {
				return fmt.Errorf("the EE has not exposed %s: it exposes an export with eth2_expose", quoteName(name))
			}
			frame, err := readFrame(tx, mem, stack[2:6])
			if err != nil {
				return err
			}
			caller.usage.Callbacks++
			result, returned, err := tx.children.call(nil, name, frame.argument, frame.retLength)
			if err != nil {
				return fmt.Errorf("the EE failed in %s: %w", quoteName(name), err)
			}
			stack[0] = api.EncodeU32(result)
			return writeGuest(mem, frame.retPtr, returned)
		},
	},
	{
		// eth2_argument(destPtr: i32, destLength: i32) -> i32
		name:       "eth2_argument",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"destPtr", "destLength"},
		results:    []api.ValueType{i32},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			frame, err := tx.children.frame()
			if err != nil {
				return err
			}
			n := min(api.DecodeU32(stack[1]), uint32(len(frame.argument)))
			if err := writeGuest(mem, api.DecodeU32(stack[0]), frame.argument[:n]); err != nil {
				return err
			}
			stack[0] = api.EncodeU32(uint32(len(frame.argument)))
			return nil
		},
	},
	{
		// eth2_return(srcPtr: i32, srcLength: i32) -> i32
		name:       "eth2_return",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"srcPtr", "srcLength"},
		results:    []api.ValueType{i32},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			frame, err := tx.children.frame()
			if err != nil {
				return err
			}
			n := min(api.DecodeU32(stack[1]), frame.returnCapacity)
			b, err := readGuest(mem, api.DecodeU32(stack[0]), n)
			if err != nil {
				return err
			}
			// Each return writes from the buffer's start, as in ewasm-rt,
			// over what an earlier one wrote.
			if n > uint32(len(frame.returned)) {
				frame.returned = append(frame.returned, make([]byte, n-uint32(len(frame.returned)))...)
			}
			copy(frame.returned, b)
			stack[0] = api.EncodeU32(frame.returnCapacity)
			return nil
		},
	},
}

// frameWords is what the caller gives a call: an argument, and a return
// buffer in its memory.
type frameWords struct {
	argument          []byte
	retPtr, retLength uint32
}

// readFrame reads the frame that words (argPtr, argLength, retPtr,
// retLength) give in mem, the caller's memory, and checks that the call
// may go ahead. Both are done before the call, so that the callee's work
// is not wasted on a buffer that cannot take its result.
func readFrame(tx *transaction, mem guestMemory, words []uint64) (frameWords, error) {
	if err := tx.children.checkDepth(); err != nil {
		return frameWords{}, err
	}
	argument, err := readGuest(mem, api.DecodeU32(words[0]), api.DecodeU32(words[1]))
	if err != nil {
		return frameWords{}, err
	}
	retPtr, retLength := api.DecodeU32(words[2]), api.DecodeU32(words[3])
	if uint64(retPtr)+uint64(retLength) > uint64(mem.Size()) {
		return frameWords{}, fmt.Errorf("return buffer: %w", outOfBounds(mem, retPtr, retLength))
	}
	return frameWords{argument: argument, retPtr: retPtr, retLength: retLength}, nil
}

// maxQuotedName bounds how much of a name a message quotes.
const maxQuotedName = 64

// readName reads the export name at words (namePtr, nameLength).
func readName(mem guestMemory, words []uint64) (string, error) {
	b, err := readGuest(mem, api.DecodeU32(words[0]), api.DecodeU32(words[1]))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// quoteName quotes an export name for a message, escaped as debug lines
// are and cut short if it is long, since the EE chose it.
func quoteName(name string) string {
	if len(name) > maxQuotedName {
		return `"` + text([]byte(name[:maxQuotedName])) + fmt.Sprintf(`…" (%d bytes)`, len(name))
	}
	return `"` + text([]byte(name)) + `"`
}
