package core

import (
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// MarshalJSON encodes op as its field tags say, writing the bytes directly:
// encoding/json takes milliseconds in js/wasm over a block of a few hundred
// kilobytes, and the page records the operation of every block. Call it
// directly to skip the pass encoding/json makes over its output.
func (op Operation) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	if ee := op.CreateExecutionEnvironment; ee != nil {
		b = append(b, `"create_execution_environment":{"initial_state":`...)
		b = appendHexString(b, ee.InitialState[:])
		b = append(b, `,"wasm_code":`...)
		b = appendHexString(b, ee.WasmCode)
		b = append(b, '}')
	}
	if block := op.CreateShardBlock; block != nil {
		if op.CreateExecutionEnvironment != nil {
			b = append(b, ',')
		}
		b = append(b, `"create_shard_block":{"shard_index":`...)
		b = strconv.AppendUint(b, block.ShardIndex, 10)
		b = append(b, `,"transactions":`...)
		if block.Transactions == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i, tx := range block.Transactions {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"data":`...)
				b = appendHexString(b, tx.Data)
				b = append(b, `,"ee_index":`...)
				b = strconv.AppendUint(b, tx.EEIndex, 10)
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendHexString appends data as a JSON string of 0x-prefixed hex.
func appendHexString(b, data []byte) []byte {
	b = append(b, `"0x`...)
	b = hex.AppendEncode(b, data)
	return append(b, '"')
}

// UnmarshalJSON reads an operation as MarshalJSON writes it (bytes as hex,
// with or without 0x). Keys are matched exactly and each may appear once
// (package strictjson): encoding/json alone would take
// "CREATE_SHARD_BLOCK", keep the last of two "shard_index" and ignore
// unknown keys.
func (op *Operation) UnmarshalJSON(data []byte) error {
	if err := strictjson.Check(data, reflect.TypeFor[Operation]()); err != nil {
		return err
	}
	type byTags Operation // without this method
	return json.Unmarshal(data, (*byTags)(op))
}
