//go:build js && wasm

package jsbridge

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// scratchRun is runScratchScoutTest's result, read back from its JSON.
type scratchRun struct {
	ExecutionScripts   []string       `json:"executionScripts"`
	PostStates         []string       `json:"postStates"`
	EEIndices          []uint64       `json:"eeIndices"`
	ActualStates       []string       `json:"actualStates"`
	Blocks             []scratchBlock `json:"blocks"`
	Passed             bool           `json:"passed"`
	StateDifferences   []string       `json:"stateDifferences"`
	DepositDifferences *[]string      `json:"depositDifferences"`
}

type scratchBlock struct {
	Env        uint64             `json:"env"`
	BlockIndex *uint64            `json:"blockIndex"`
	Error      string             `json:"error"`
	Debug      []string           `json:"debug"`
	Modules    []core.ChildModule `json:"modules"`
}

// wasmFilesValue is an object of files by name, with its keys in the
// order given: a name, then its bytes, and so on.
func wasmFilesValue(namesAndCodes ...any) js.Value {
	files := js.Global().Get("Object").New()
	for i := 0; i < len(namesAndCodes); i += 2 {
		files.Set(namesAndCodes[i].(string), uint8Array(namesAndCodes[i+1].([]byte)))
	}
	return files
}

// runScratch calls runScratchScoutTest and reads its result.
func runScratch(t *testing.T, b *Bridge, params map[string]any) scratchRun {
	t.Helper()
	result, err := b.Call(ctx, "runScratchScoutTest", js.ValueOf(params))
	if err != nil {
		t.Fatalf("runScratchScoutTest: %v", err)
	}
	var run scratchRun
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", result).String()), &run); err != nil {
		t.Fatal(err)
	}
	return run
}

// exported is the bridge's simulation as a file, to tell whether it
// changed.
func exported(t *testing.T, b *Bridge) string {
	t.Helper()
	return string(goBytes(t, call(t, b, "exportSimulation", map[string]any{"projects": []any{}})))
}

func index(i uint64) *uint64 { return &i }

// A scratch run leaves the bridge's simulation as it was, on every engine:
// its EEs start from 0 in a simulation of their own, with the test's
// libraries.
func TestRunScratchScoutTest(t *testing.T) {
	yaml := `
beacon_state:
  execution_scripts: [dir/counter.wasm, probe.wasm, uses_library.wasm]
  libraries: [{name: mylib, file: library.wasm}]
shard_pre_state:
  exec_env_states: ["0100000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000"]
shard_blocks:
  - {env: 0, data: "0102"}
  - {env: 1, data: "` + hexOf(testee.Probe{}.Op(testee.OpPrint32, 7).Op(testee.OpPrint32, 8)) + `"}
  - {env: 2, data: ""}
shard_post_state:
  exec_env_states: ["0300000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000", "2a00000000000000000000000000000000000000000000000000000000000000"]
`
	files := []any{"counter.wasm", testee.Wasm("counter"), "probe.wasm", testee.Wasm("probe"),
		"uses_library.wasm", testee.Wasm("uses_library"), "library.wasm", testee.Wasm("library"), "unused.wasm", []byte("not wasm")}
	for _, engine := range engineNames {
		t.Run(engine, func(t *testing.T) {
			b := newBridge(t)
			call(t, b, "setEngine", map[string]any{"engine": engine})
			call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
			call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x0102"}}})
			before := exported(t, b)

			var told []string
			onProgress := js.FuncOf(func(_ js.Value, args []js.Value) any {
				told = append(told, fmt.Sprintf("%d/%d", args[0].Int(), args[1].Int()))
				return nil
			})
			defer onProgress.Release()
			got := runScratch(t, b, map[string]any{"yaml": yaml, "files": wasmFilesValue(files...), "shardIndex": 3, "onProgress": onProgress})
			want := scratchRun{
				ExecutionScripts: []string{"dir/counter.wasm", "probe.wasm", "uses_library.wasm"},
				PostStates:       []string{counterRoot(3), counterRoot(0), counterRoot(42)},
				EEIndices:        []uint64{0, 1, 2},
				ActualStates:     []string{counterRoot(3), counterRoot(0), counterRoot(42)},
				Blocks: []scratchBlock{
					{Env: 0, BlockIndex: index(0), Debug: []string{}, Modules: []core.ChildModule{}},
					{Env: 1, BlockIndex: index(1), Debug: []string{"print32: 7", "print32: 8"}, Modules: []core.ChildModule{}},
					{Env: 2, BlockIndex: index(2), Debug: []string{}, Modules: []core.ChildModule{}},
				},
				Passed:           true,
				StateDifferences: []string{},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("runScratchScoutTest =\n%+v\nwant\n%+v", got, want)
			}
			if strings.Join(told, " ") != "0/3 1/3 2/3" {
				t.Errorf("onProgress told %q, want 0/3 1/3 2/3", told)
			}
			if exported(t, b) != before {
				t.Error("the bridge's simulation changed")
			}
			if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != engine {
				t.Errorf("engine = %q, want %q", got, engine)
			}
		})
	}
}

// hexOf is b as hex digits, as Scout's YAML writes data.
func hexOf(b []byte) string { return core.HexBytes(b).String()[2:] }

// A failed test says how, as the non-scratch run does: the roots, and a
// rejected block's message and debug lines.
func TestRunScratchScoutTestFails(t *testing.T) {
	zero := strings.Repeat("00", 32)
	traps := hexOf(testee.Probe{}.Op(testee.OpPrint32, 7).Op(testee.OpUnreachable))
	tests := []struct {
		name string
		yaml string
		want func(run scratchRun) bool
	}{
		{
			name: "states differ",
			yaml: `{beacon_state: {execution_scripts: [counter.wasm]}, shard_pre_state: {exec_env_states: ["` + zero + `"]},
				shard_blocks: [{env: 0, data: "01"}], shard_post_state: {exec_env_states: ["02` + zero[2:] + `"]}, deposit_receipts: []}`,
			want: func(run scratchRun) bool {
				return !run.Passed && reflect.DeepEqual(run.ActualStates, []string{counterRoot(1)}) && reflect.DeepEqual(run.PostStates, []string{counterRoot(2)}) &&
					reflect.DeepEqual(run.StateDifferences, []string{"exec_env_states[0]: expected " + counterRoot(2) + ", actual " + counterRoot(1)}) &&
					run.DepositDifferences != nil && len(*run.DepositDifferences) == 0
			},
		},
		{
			name: "a block is rejected",
			yaml: `{beacon_state: {execution_scripts: [probe.wasm]}, shard_pre_state: {exec_env_states: ["` + zero + `"]},
				shard_blocks: [{env: 0, data: ""}, {env: 0, data: "` + traps + `"}, {env: 0, data: ""}], shard_post_state: {exec_env_states: ["` + zero + `"]}}`,
			want: func(run scratchRun) bool {
				return !run.Passed && len(run.Blocks) == 2 && run.Blocks[1].BlockIndex == nil &&
					strings.HasPrefix(run.Blocks[1].Error, "create shard block on shard 0: transaction 0 (execution environment 0): ") &&
					reflect.DeepEqual(run.Blocks[1].Debug, []string{"print32: 7"}) && reflect.DeepEqual(run.Blocks[1].Modules, []core.ChildModule{}) && run.DepositDifferences == nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runScratch(t, newBridge(t), map[string]any{"yaml": tt.yaml, "files": wasmFilesValue("counter.wasm", testee.Wasm("counter"), "probe.wasm", testee.Wasm("probe"))})
			if !tt.want(got) {
				t.Errorf("runScratchScoutTest = %+v", got)
			}
		})
	}
}

// Bad input is refused with parseScoutTest's messages, and the bridge's
// simulation is left as it was.
func TestRunScratchScoutTestErrors(t *testing.T) {
	counter := testee.Wasm("counter")
	one := scoutTest([]string{"a.wasm"}, "")
	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{"yaml not a string", map[string]any{"yaml": 3}, "runScratchScoutTest: yaml: want a string, got 3"},
		{"no files", map[string]any{"yaml": one}, "runScratchScoutTest: files: want an object of Uint8Arrays by file name, got nothing"},
		{"files as an array", map[string]any{"yaml": one, "files": []any{}}, "runScratchScoutTest: files: want an object of Uint8Arrays by file name, got an array"},
		{"a file as a size", map[string]any{"yaml": one, "files": map[string]any{"a.wasm": 3}}, "runScratchScoutTest: files: a.wasm: want a Uint8Array, got 3"},
		{"a shard that is no index", map[string]any{"yaml": one, "files": wasmFilesValue("a.wasm", counter), "shardIndex": -1},
			"runScratchScoutTest: shardIndex: want a non-negative integer, got -1"},
		{"a shard that does not exist", map[string]any{"yaml": one, "files": wasmFilesValue("a.wasm", counter), "shardIndex": core.ShardCount},
			"runScratchScoutTest: shardIndex: shard 64 does not exist: ShardCount is 64"},
		{"not Scout's format", map[string]any{"yaml": "a: b", "files": wasmFilesValue()}, "beacon_state.execution_scripts is empty or missing"},
		{"a missing file", map[string]any{"yaml": scoutTest([]string{"a.wasm", "dir/b.wasm"}, ""), "files": wasmFilesValue("a.wasm", counter, "c.wasm", counter)},
			"beacon_state.execution_scripts[1]: no file named b.wasm among the files given (a.wasm, c.wasm)"},
		{"a file over MaxWasmCodeSize", map[string]any{"yaml": one, "files": wasmFilesValue("a.wasm", make([]byte, core.MaxWasmCodeSize+1))},
			"beacon_state.execution_scripts[0]: a.wasm has 262145 bytes, over MaxWasmCodeSize (262144 bytes)"},
		{"a missing library", map[string]any{"yaml": scoutTest([]string{"a.wasm"}, "  libraries: [{name: x, file: x.wasm}]\n"), "files": wasmFilesValue("a.wasm", counter)},
			"beacon_state.libraries[0]: no file named x.wasm among the files given (a.wasm)"},
		{"a library that imports", map[string]any{"yaml": scoutTest([]string{"a.wasm"}, "  libraries: [{name: x, file: x.wasm}]\n"), "files": wasmFilesValue("a.wasm", counter, "x.wasm", counter)},
			`start engine: new engine: library "x": imports env.eth2_loadPreStateRoot, but a library may import nothing`},
		{"a script that is not wasm", map[string]any{"yaml": one, "files": wasmFilesValue("a.wasm", []byte("not wasm"))},
			"beacon_state.execution_scripts[0]: create execution environment: not a WebAssembly module: it starts with \"not wasm\", not \"\\x00asm\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBridge(t)
			call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(counter)})
			before := exported(t, b)
			_, err := b.Call(ctx, "runScratchScoutTest", js.ValueOf(tt.params))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
			if exported(t, b) != before {
				t.Error("the bridge's simulation changed")
			}
		})
	}
}
