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

// Two engines checking each other: the same transaction runs on both, and
// a difference fails it. Here the second engine allows fewer ticks, so the
// hashchain EE, which charges 100 plus one per byte, fails only there.
func ExampleCrossCheck() {
	ctx := context.Background()
	reference, err := wasmhost.New(ctx, wasmhost.Config{Engine: wasmhost.Interpreter})
	if err != nil {
		panic(err)
	}
	defer reference.Close(ctx)
	candidate, err := wasmhost.New(ctx, wasmhost.Config{Engine: wasmhost.Interpreter, TickBudget: 104})
	if err != nil {
		panic(err)
	}
	defer candidate.Close(ctx)

	code, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		panic(err)
	}
	program, err := wasmhost.CrossCheck{Reference: reference, Candidate: candidate}.Compile(ctx, code)
	if err != nil {
		panic(err)
	}
	for _, data := range []string{"abc", "hello"} {
		_, err := program.Execute(ctx, core.Root{}, []byte(data))
		fmt.Printf("%q: %v\n", data, err)
	}
	// Output:
	// "abc": <nil>
	// "hello": cross-check: the engines differ on the error (interpreter engine: no error; interpreter engine: "eth2_useTicks: tick budget exhausted: 0 of 104 ticks used, 105 more requested")
}
