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
