package wasmhost

import (
	"fmt"
	"github.com/tetratelabs/wazero/api"
)

// eth2Functions give an EE its pre-state, block data and outputs.
var eth2Functions = []*hostFunction{
	{
		// eth2_loadPreStateRoot(ptr: i32)
		name:       "eth2_loadPreStateRoot",
		params:     []api.ValueType{i32},
		paramNames: []string{"ptr"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			return writeGuest(mem, api.DecodeU32(stack[0]), tx.preState[:])
		},
	},
	{
		// eth2_savePostStateRoot(ptr: i32)
		name:       "eth2_savePostStateRoot",
		params:     []api.ValueType{i32},
		paramNames: []string{"ptr"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			root, err := readGuest(mem, api.DecodeU32(stack[0]), uint32(len(tx.postState)))
			if err != nil {
				return err
			}
			copy(tx.postState[:], root)
			return nil
		},
	},
	{
		// eth2_blockDataSize() -> i32
		name:    "eth2_blockDataSize",
		results: []api.ValueType{i32},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			stack[0] = api.EncodeU32(uint32(len(tx.data)))
			return nil
		},
	},
	{
		// eth2_blockDataCopy(ptr: i32, offset: i32, length: i32)
		name:       "eth2_blockDataCopy",
		params:     []api.ValueType{i32, i32, i32},
		paramNames: []string{"ptr", "offset", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			ptr, offset, length := api.DecodeU32(stack[0]), uint64(api.DecodeU32(stack[1])), uint64(api.DecodeU32(stack[2]))
			if end := offset + length; end > uint64(len(tx.data)) {
				return fmt.Errorf("range [%d, %d) is outside the %d bytes of block data", offset, end, len(tx.data))
			}
			return writeGuest(mem, ptr, tx.data[offset:offset+length])
		},
	},
	{
		// eth2_pushNewDeposit(ptr: i32, length: i32)
		name:       "eth2_pushNewDeposit",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			deposit, err := readGuest(mem, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
			if err != nil {
				return err
			}
			if err := tx.chargeReceipt(len(deposit)); err != nil {
				return err
			}
			tx.deposits = append(tx.deposits, deposit)
			return nil
		},
	},
	{
		// eth2_useTicks(ticks: i32)
		name:       "eth2_useTicks",
		params:     []api.ValueType{i32},
		paramNames: []string{"ticks"},
		call: func(tx *transaction, _ guestMemory, stack []uint64) error {
			return tx.useTicks(uint64(api.DecodeU32(stack[0])))
		},
	},
	{
		// eth2_emitLog(ptr: i32, length: i32)
		name:       "eth2_emitLog",
		params:     []api.ValueType{i32, i32},
		paramNames: []string{"ptr", "length"},
		call: func(tx *transaction, mem guestMemory, stack []uint64) error {
			log, err := readGuest(mem, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
			if err != nil {
				return err
			}
			if err := tx.chargeReceipt(len(log)); err != nil {
				return err
			}
			tx.logs = append(tx.logs, log)
			return nil
		},
	},
}
