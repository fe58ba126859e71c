package core_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/eeplay/eeplay/core"
)

// operationByTags is core.Operation without its MarshalJSON, which
// encoding/json encodes from the field tags.
type operationByTags core.Operation

func TestOperationMarshalJSONMatchesTheTags(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomBytes := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	ops := []core.Operation{
		{},
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: []byte{}}},
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{InitialState: core.Root{1, 2}, WasmCode: randomBytes(300)}},
		{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 63}},
		{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 1, Transactions: []core.ShardTransaction{}}},
		{
			CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: randomBytes(3)},
			CreateShardBlock:           &core.ShardBlockOperation{Transactions: []core.ShardTransaction{{Data: nil, EEIndex: 1<<64 - 1}}},
		},
	}
	for range 20 {
		txs := make([]core.ShardTransaction, rng.IntN(5))
		for i := range txs {
			txs[i] = core.ShardTransaction{Data: randomBytes(rng.IntN(100)), EEIndex: rng.Uint64()}
		}
		ops = append(ops, core.Operation{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: rng.Uint64N(64), Transactions: txs}})
	}
	for i, op := range ops {
		want, err := json.Marshal(operationByTags(op))
		if err != nil {
			t.Fatal(err)
		}
		got, err := op.MarshalJSON()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("operation %d: MarshalJSON = %s, %v\nwant %s", i, got, err, want)
		}
		var back core.Operation
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("operation %d: decode: %v", i, err)
		}
	}
}

// TestOperationUnmarshalJSONIsStrict checks the keys of an operation read
// alone, as the page restores its stored operations.
func TestOperationUnmarshalJSONIsStrict(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"capitals", `{"CREATE_SHARD_BLOCK":{"shard_index":1,"transactions":[]}}`,
			`field "CREATE_SHARD_BLOCK": unknown field; field names are matched exactly: did you mean "create_shard_block"?`},
		{"a key given twice", `{"create_shard_block":{"shard_index":1,"transactions":[],"shard_index":70}}`,
			`field "create_shard_block.shard_index": given twice: each field may appear only once`},
		{"an unknown key in a transaction", `{"create_shard_block":{"shard_index":1,"transactions":[{"data":"0x","ee_index":0,"gas":1}]}}`,
			`field "create_shard_block.transactions[0].gas": unknown field: want "data" or "ee_index"`},
		{"an unknown key in an EE", `{"create_execution_environment":{"initial_state":"0x00","wasm_code":"0x","wasm":"0x"}}`,
			`field "create_execution_environment.wasm": unknown field: want "initial_state" or "wasm_code"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var op core.Operation
			if err := json.Unmarshal([]byte(tt.json), &op); err == nil || err.Error() != tt.want {
				t.Fatalf("Unmarshal = %v\nwant %s", err, tt.want)
			}
		})
	}
}
