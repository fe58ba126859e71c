package scout_test

import (
	"fmt"

	"github.com/eeplay/eeplay/internal/scout"
)

// A test of the hashchain example EE: one block, "hello", takes its state
// from zero to sha256(zero || "hello"). Parse reads no files: the caller
// reads the wasm of ExecutionScripts, here relative to the YAML file.
func ExampleParse() {
	test, err := scout.Parse([]byte(`
beacon_state:
  execution_scripts:
    - hashchain.wasm
shard_pre_state:
  exec_env_states:
    - "0000000000000000000000000000000000000000000000000000000000000000"
shard_blocks:
  - env: 0
    data: "68656c6c6f"
shard_post_state:
  exec_env_states:
    - "a41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62"
`))
	if err != nil {
		panic(err)
	}
	fmt.Println("scripts:", test.ExecutionScripts)
	fmt.Printf("block 0: EE %d, data %q\n", test.Blocks[0].EEIndex, test.Blocks[0].Data)
	fmt.Println("expected:", test.PostStates[0])
	fmt.Println("check deposits:", test.CheckDeposits)

	_, err = scout.Parse([]byte("shard_blocks: []\n"))
	fmt.Println("error:", err)
	// Output:
	// scripts: [hashchain.wasm]
	// block 0: EE 0, data "hello"
	// expected: 0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62
	// check deposits: false
	// error: beacon_state.execution_scripts is empty or missing
}
