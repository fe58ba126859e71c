package core_test

import (
	"context"
	"fmt"
	"os"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// A simulation with the hashchain example EE, whose state is
// sha256(pre-state || data): one block on shard 0 changes the EE's state
// there and nowhere else.
func ExampleSimulation() {
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		panic(err)
	}
	defer engine.Close(ctx)
	sim := core.NewSimulation(engine)

	code, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		panic(err)
	}
	ee, err := sim.CreateExecutionEnvironment(ctx, code, core.Root{})
	if err != nil {
		panic(err)
	}
	block, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: ee, Data: []byte("hello")}})
	if err != nil {
		panic(err)
	}

	record, _ := sim.GetShardBlock(0, block)
	fmt.Println("ticks:", record.Receipts[0].Ticks)
	shard0, _ := sim.GetExecutionEnvironmentState(ee, 0)
	shard1, _ := sim.GetExecutionEnvironmentState(ee, 1)
	fmt.Println("shard 0:", shard0)
	fmt.Println("shard 1:", shard1)
	// Output:
	// ticks: 105
	// shard 0: 0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62
	// shard 1: 0x0000000000000000000000000000000000000000000000000000000000000000
}
