package wasmhost_test

import (
	"context"
	"fmt"
	"os"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// Running one transaction of the helloworld example EE directly, without a
// simulation: the receipt shows its debug output and its unchanged state.
func ExampleEngine() {
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{Engine: wasmhost.Interpreter})
	if err != nil {
		panic(err)
	}
	defer engine.Close(ctx)

	code, err := os.ReadFile("../scripts/helloworld/helloworld.wasm")
	if err != nil {
		panic(err)
	}
	program, err := engine.Compile(ctx, code)
	if err != nil {
		panic(err)
	}
	receipt, err := program.Execute(ctx, core.Root{0x01}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(receipt.Debug)
	fmt.Println(receipt.PostState)
	fmt.Println("ticks:", receipt.Ticks)
	// Output:
	// [log: hello, world]
	// 0x0100000000000000000000000000000000000000000000000000000000000000
	// ticks: 10
}
