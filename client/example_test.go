package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/server"
	"github.com/eeplay/eeplay/wasmhost"
)

// A server with an empty simulation, and a client that creates the
// hashchain example EE, whose state is sha256(pre-state || data), and runs
// one block on shard 0.
func ExampleClient() {
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		panic(err)
	}
	defer engine.Close(ctx)
	srv := httptest.NewServer(server.NewHandler(core.NewSimulation(engine), server.Config{}))
	defer srv.Close()

	c := client.New(srv.URL, nil)
	code, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		panic(err)
	}
	ee, err := c.CreateExecutionEnvironment(ctx, core.Root{}, code)
	if err != nil {
		panic(err)
	}
	block, err := c.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: ee, Data: []byte("hello")}})
	if err != nil {
		panic(err)
	}
	state, err := c.GetExecutionEnvironmentState(ctx, ee, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("EE", ee, "block", block)
	fmt.Println("shard 0:", state)

	_, err = c.GetShardBlock(ctx, 0, 1)
	fmt.Println(err)
	// Output:
	// EE 0 block 0
	// shard 0: 0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62
	// server: 404 Not Found: get shard block: shard 0 has no block 1: it has 1
}
