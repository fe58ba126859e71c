//go:build js && wasm

package jsbridge

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// These tests run as GOOS=js GOARCH=wasm under Node: go run ./build test
// does that.

var ctx = context.Background()

func newBridge(t *testing.T) *Bridge {
	t.Helper()
	b, err := New(ctx, wasmhost.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// call calls method with params made by js.ValueOf and fails the test on
// an error.
func call(t *testing.T, b *Bridge, method string, params map[string]any) js.Value {
	t.Helper()
	result, err := b.Call(ctx, method, js.ValueOf(params))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return result
}

// goBytes copies a Uint8Array.
func goBytes(t *testing.T, v js.Value) []byte {
	t.Helper()
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		t.Fatalf("got %s, want a Uint8Array", describe(v))
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b
}

// counterRoot is the counter EE's state after counting n bytes.
func counterRoot(n byte) string { return core.Root{n}.String() }

func TestMethods(t *testing.T) {
	b := newBridge(t)
	ee := call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	if got := ee.Get("eeIndex").Int(); got != 0 {
		t.Errorf("eeIndex = %d, want 0", got)
	}
	var op core.Operation
	if err := json.Unmarshal(goBytes(t, ee.Get("operation")), &op); err != nil || op.CreateExecutionEnvironment == nil {
		t.Fatalf("operation: %+v, %v", op, err)
	}
	trivialInitial := "0x" + strings.Repeat("ab", 32)
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("trivial")), "initialState": trivialInitial})

	block := call(t, b, "createShardBlock", map[string]any{"shardIndex": 7, "transactions": []any{
		map[string]any{"eeIndex": 0, "data": "0x010203"},
		map[string]any{"eeIndex": 0, "data": uint8Array([]byte{9})},
		map[string]any{"eeIndex": 1, "data": "0x"},
	}})
	if got := block.Get("blockIndex").Int(); got != 0 {
		t.Errorf("blockIndex = %d, want 0", got)
	}

	record := call(t, b, "getShardBlock", map[string]any{"shardIndex": 7, "blockIndex": 0})
	txs, receipts := record.Get("transactions"), record.Get("receipts")
	if txs.Length() != 3 || receipts.Length() != 3 {
		t.Fatalf("%d transactions, %d receipts; want 3 of each", txs.Length(), receipts.Length())
	}
	if got := goBytes(t, txs.Index(0).Get("data")); string(got) != "\x01\x02\x03" || txs.Index(1).Get("eeIndex").Int() != 0 || txs.Index(2).Get("eeIndex").Int() != 1 {
		t.Errorf("transactions = %v", js.Global().Get("JSON").Call("stringify", txs))
	}
	second := receipts.Index(1)
	if pre, post := second.Get("preState").String(), second.Get("postState").String(); pre != counterRoot(3) || post != counterRoot(4) {
		t.Errorf("second receipt: %s -> %s, want %s -> %s", pre, post, counterRoot(3), counterRoot(4))
	}
	if second.Get("ticks").Int() != 0 || second.Get("logs").Length() != 0 || second.Get("deposits").Length() != 0 || second.Get("debug").Length() != 0 || second.Get("modules").Length() != 0 {
		t.Errorf("second receipt = %v", js.Global().Get("JSON").Call("stringify", second))
	}

	state := call(t, b, "getShardState", map[string]any{"shardIndex": 7}).Get("executionEnvironmentStates")
	if state.Length() != 2 || state.Index(0).String() != counterRoot(4) || state.Index(1).String() != trivialInitial {
		t.Errorf("shard 7 states = %v", js.Global().Get("JSON").Call("stringify", state))
	}
	if got := call(t, b, "getExecutionEnvironmentState", map[string]any{"eeIndex": 0, "shardIndex": 6}).String(); got != counterRoot(0) {
		t.Errorf("EE 0 on shard 6 = %s, want %s", got, counterRoot(0))
	}
	got := call(t, b, "getExecutionEnvironment", map[string]any{"eeIndex": 1})
	if string(goBytes(t, got.Get("wasmCode"))) != string(testee.Wasm("trivial")) || got.Get("initialState").String() != trivialInitial {
		t.Errorf("getExecutionEnvironment(1) = %d bytes, %s", got.Get("wasmCode").Length(), got.Get("initialState"))
	}

	overview := call(t, b, "getOverview", map[string]any{})
	counts := overview.Get("blockCounts")
	if overview.Get("slot").Int() != 1 || overview.Get("executionEnvironmentCount").Int() != 2 || counts.Length() != 64 || counts.Index(7).Int() != 1 || counts.Index(0).Int() != 0 {
		t.Errorf("overview = %v", js.Global().Get("JSON").Call("stringify", overview))
	}

	var beacon core.BeaconState
	if err := beacon.UnmarshalSSZ(goBytes(t, call(t, b, "getBeaconStateSSZ", map[string]any{}))); err != nil {
		t.Fatalf("getBeaconStateSSZ: %v", err)
	}
	if beacon.Slot != 1 || beacon.ShardStates[7].ExecutionEnvironmentStates[0].String() != counterRoot(4) {
		t.Errorf("decoded beacon state: slot %d, shard 7 EE 0 %v", beacon.Slot, beacon.ShardStates[7].ExecutionEnvironmentStates[0])
	}
}

// sortedJSON is the object v as JSON with its keys sorted, as js.ValueOf
// of a map does not keep them in order; its values hold no objects.
func sortedJSON(v js.Value) string {
	keys := js.Global().Get("Object").Call("keys", v).Call("sort")
	return js.Global().Get("JSON").Call("stringify", v, keys).String()
}

func TestLimits(t *testing.T) {
	want := `{"engines":["wazero","browser","cross-check"],"maxGenesisAccounts":65536,"maxTransfers":1024,"shardCount":64}`
	if got := sortedJSON(call(t, newBridge(t), "limits", map[string]any{})); got != want {
		t.Errorf("limits = %s, want %s", got, want)
	}
}

func TestParameterErrors(t *testing.T) {
	trivial := uint8Array(testee.Wasm("trivial"))
	tests := []struct {
		method string
		params any
		want   string
	}{
		{"createExecutionEnvironment", map[string]any{}, "createExecutionEnvironment: wasmCode: want a Uint8Array or a 0x-prefixed hex string, got nothing"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": "0061736d"}, `createExecutionEnvironment: wasmCode: want a Uint8Array or a 0x-prefixed hex string, got "0061736d"`},
		{"createExecutionEnvironment", map[string]any{"wasmCode": "0x0g"}, `createExecutionEnvironment: wasmCode: parse hex "0x0g": encoding/hex: invalid byte: U+0067 'g'`},
		{"createExecutionEnvironment", map[string]any{"wasmCode": js.Global().Get("Uint16Array").New(2)}, "createExecutionEnvironment: wasmCode: want a Uint8Array or a 0x-prefixed hex string, got [object Uint16Array]"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": trivial, "initialState": "0x00"}, "createExecutionEnvironment: initialState: want 32 bytes, got 1"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": "0x00"}, "create execution environment: not a WebAssembly module: its header is cut short at 1 bytes, want 8 (\\0asm and the version)"},
		{"createShardBlock", map[string]any{"shardIndex": -1, "transactions": []any{}}, "createShardBlock: shardIndex: want a non-negative integer, got -1"},
		{"createShardBlock", map[string]any{"shardIndex": 1.5, "transactions": []any{}}, "createShardBlock: shardIndex: want a non-negative integer, got 1.5"},
		{"createShardBlock", map[string]any{"shardIndex": "3", "transactions": []any{}}, `createShardBlock: shardIndex: want a non-negative integer, got "3"`},
		{"createShardBlock", map[string]any{"shardIndex": 64, "transactions": []any{}}, "create shard block: shard 64 does not exist: ShardCount is 64"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": "0x"}, `createShardBlock: transactions: want an array, got "0x"`},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{7}}, "createShardBlock: transactions[0]: want {eeIndex, data}, got 7"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{map[string]any{"eeIndex": 0}}}, "createShardBlock: transactions[0].data: want a Uint8Array or a 0x-prefixed hex string, got nothing"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{map[string]any{"data": "0x"}}}, "createShardBlock: transactions[0].eeIndex: want a non-negative integer, got nothing"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x"}}},
			"create shard block on shard 0: transaction 0 (execution environment 0): no such execution environment: 0 exist"},
		{"getShardBlock", map[string]any{"shardIndex": 0, "blockIndex": 0}, "get shard block: shard 0 has no block 0: it has 0"},
		{"restore", map[string]any{"operations": []any{"{}"}}, `restore: operations[0]: want a Uint8Array, got "{}"`},
		{"exportStoredOperations", map[string]any{}, "exportStoredOperations: operations: want an array, got nothing"},
		{"exportStoredOperations", map[string]any{"operations": []any{}}, "exportStoredOperations: projects: want an array, got nothing"},
		{"exportSimulation", map[string]any{}, "exportSimulation: projects: want an array, got nothing"},
		{"exportSimulation", map[string]any{"projects": []any{"p1"}}, `exportSimulation: projects[0]: want a project, got "p1"`},
		{"exportSimulation", map[string]any{"projects": []any{map[string]any{"id": "p1", "name": "x", "language": "wat"}}}, "exportSimulation: projects[0].entry: want a string, got nothing"},
		{"exportSimulation", map[string]any{"projects": []any{withFile(pageProject(0), map[string]any{"path": "main.wat", "text": 3})}},
			"exportSimulation: projects[0].files[1].text: want a string, got 3"},
		{"exportSimulation", map[string]any{"projects": []any{withFile(pageProject(0), map[string]any{"path": "a.wat", "text": "", "readOnly": "yes"})}},
			`exportSimulation: projects[0].files[1].readOnly: want true, false or nothing, got "yes"`},
		{"exportSimulation", map[string]any{"projects": []any{pageProject(0)}}, "write simulation file: projects[0].builds[0].ee_index is 0: want one of the 0 EEs the file's operations create"},
		{"exportStoredOperations", map[string]any{"operations": []any{uint8Array([]byte("{}")), 3}}, "exportStoredOperations: operations[1]: want a Uint8Array, got 3"},
		{"importSimulation", map[string]any{"file": uint8Array([]byte(`{"format": "x"}`))}, `read simulation file: format is "x", want "eeplay-simulation": not an eeplay simulation file`},
		{"parseScoutTest", map[string]any{"yaml": 3}, "parseScoutTest: yaml: want a string, got 3"},
		{"parseScoutTest", map[string]any{"yaml": "a: b", "fileSizes": map[string]any{}}, "beacon_state.execution_scripts is empty or missing"},
		{"parseScoutTest", map[string]any{"yaml": "a: b"}, "parseScoutTest: fileSizes: want an object of file sizes by name, got nothing"},
		{"parseScoutTest", map[string]any{"yaml": "a: b", "fileSizes": []any{3}}, "parseScoutTest: fileSizes: want an object of file sizes by name, got an array"},
		{"parseScoutTest", map[string]any{"yaml": "a: b", "fileSizes": map[string]any{"a.wasm": -1}}, "parseScoutTest: fileSizes: a.wasm: want a non-negative integer, got -1"},
		{"judgeScoutTest", map[string]any{"expectedStates": []any{"0x00"}}, `judgeScoutTest: expectedStates[0]: parse root "0x00": want 64 hex digits, got 2`},
		{"judgeScoutTest", map[string]any{"expectedStates": []any{}, "actualStates": []any{1}}, "judgeScoutTest: actualStates[0]: want a root as a hex string, got 1"},
		{"judgeScoutTest", map[string]any{"expectedStates": []any{}, "actualStates": []any{}, "expectedDeposits": []any{uint8Array([]byte{1})}},
			"judgeScoutTest: expectedDeposits[0]: want a 184-byte deposit, got 1 bytes"},
		{"judgeScoutTest", map[string]any{"expectedStates": []any{}, "actualStates": []any{}, "expectedDeposits": nil, "pushedDeposits": []any{uint8Array([]byte{1})}, "pushedBy": []any{}},
			"judgeScoutTest: pushedBy: want the block of each of the 1 pushed deposits, got 0"},
		{"getShardState", "shard 1", "getShardState: want an object of parameters, got string"},
		{"runBlocks", map[string]any{}, `no method "runBlocks"`},

		// Limits, checked before the parameter is copied.
		{"createExecutionEnvironment", map[string]any{"wasmCode": js.Global().Get("Uint8Array").New(core.MaxWasmCodeSize + 1)},
			"createExecutionEnvironment: wasmCode: 262145 bytes exceed MaxWasmCodeSize (262144 bytes)"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": "0x" + strings.Repeat("00", core.MaxWasmCodeSize) + "0"},
			"createExecutionEnvironment: wasmCode: 262145 bytes exceed MaxWasmCodeSize (262144 bytes)"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": trivial, "initialState": js.Global().Get("Uint8Array").New(100 << 20)},
			"createExecutionEnvironment: initialState: want 32 bytes, got 104857600"},
		{"createExecutionEnvironment", map[string]any{"wasmCode": trivial, "initialState": "0x" + strings.Repeat("ab", 33)},
			"createExecutionEnvironment: initialState: want 32 bytes, got 33"},
		{"createShardBlock", map[string]any{"shardIndex": "x", "transactions": []any{}}, `createShardBlock: shardIndex: want a non-negative integer, got "x"`},
		{"createShardBlock", map[string]any{"shardIndex": 1 << 53, "transactions": []any{}}, "createShardBlock: shardIndex: want a non-negative integer, got 9007199254740992"},
		{"createShardBlock", map[string]any{"shardIndex": 64, "transactions": []any{map[string]any{"eeIndex": 0, "data": js.Global().Get("Uint8Array").New(100 << 20)}}},
			"create shard block: shard 64 does not exist: ShardCount is 64"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": js.Global().Get("Array").New(core.MaxTransactionsPerBlock + 1)},
			"createShardBlock: transactions: 1025 transactions exceed MaxTransactionsPerBlock (1024)"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{map[string]any{"eeIndex": 0, "data": js.Global().Get("Uint8Array").New(100 << 20)}}},
			"createShardBlock: transactions[0].data: 104857600 bytes exceed MaxTransactionDataSize (262144 bytes)"},
		{"createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x" + strings.Repeat("ff", core.MaxTransactionDataSize+1)}}},
			"createShardBlock: transactions[0].data: 262145 bytes exceed MaxTransactionDataSize (262144 bytes)"},
	}
	for _, test := range tests {
		t.Run(test.method, func(t *testing.T) {
			b := newBridge(t)
			_, err := b.Call(ctx, test.method, js.ValueOf(test.params))
			if err == nil || err.Error() != test.want {
				t.Fatalf("got %v\nwant %s", err, test.want)
			}
			if b.sim.ExecutionEnvironmentCount() != 0 || b.sim.Slot() != 0 {
				t.Error("a failed call changed the simulation")
			}
		})
	}
}

func TestExportImportRestoreReset(t *testing.T) {
	b := newBridge(t)
	ee := call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	block := call(t, b, "createShardBlock", map[string]any{"shardIndex": 2, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0xaabb"}}})
	project := pageProject(0)
	file := goBytes(t, call(t, b, "exportSimulation", map[string]any{"projects": []any{project}}))

	other := newBridge(t)
	imported := call(t, other, "importSimulation", map[string]any{"file": uint8Array(file)})
	if got := other.sim.Operations(); len(got) != 2 || imported.Get("operations").Length() != 2 {
		t.Fatalf("import gave %d operations, returned %d", len(got), imported.Get("operations").Length())
	}
	if got, want := plain(t, imported.Get("projects")), plain(t, js.ValueOf([]any{project})); !reflect.DeepEqual(got, want) {
		t.Errorf("import returned projects %v\nwant %v", got, want)
	}
	assertState(t, other, 2, counterRoot(2))

	restored := newBridge(t)
	call(t, restored, "restore", map[string]any{"operations": []any{ee.Get("operation"), block.Get("operation")}})
	assertState(t, restored, 2, counterRoot(2))
	call(t, restored, "restore", map[string]any{"operations": imported.Get("operations")})
	assertState(t, restored, 2, counterRoot(2))

	// A file that fails part-way changes nothing.
	bad := strings.Replace(string(file), `"shard_index": 2`, `"shard_index": 99`, 1)
	if _, err := restored.Call(ctx, "importSimulation", js.ValueOf(map[string]any{"file": uint8Array([]byte(bad))})); err == nil {
		t.Fatal("importing a bad file succeeded")
	}
	assertState(t, restored, 2, counterRoot(2))
	// So does a file whose project is not one.
	badProject := strings.Replace(string(file), `"language": "wat"`, `"language": "rust"`, 1)
	const want = `read simulation file: projects[0].language "rust" is not one: want "assemblyscript" or "wat"`
	if _, err := restored.Call(ctx, "importSimulation", js.ValueOf(map[string]any{"file": uint8Array([]byte(badProject))})); err == nil || err.Error() != want {
		t.Fatalf("importing a file with a bad project = %v, want %q", err, want)
	}
	assertState(t, restored, 2, counterRoot(2))

	// A version 2 file (a version 3 file without projects) gives none.
	v2 := goBytes(t, call(t, b, "exportSimulation", map[string]any{"projects": []any{}}))
	v2 = []byte(strings.Replace(string(v2), `"version": 3`, `"version": 2`, 1))
	if got := call(t, newBridge(t), "importSimulation", map[string]any{"file": uint8Array(v2)}).Get("projects").Length(); got != 0 {
		t.Errorf("a version 2 file gave %d projects", got)
	}

	call(t, restored, "reset", map[string]any{})
	if restored.sim.ExecutionEnvironmentCount() != 0 {
		t.Error("reset kept the EEs")
	}
}

func TestExportStoredOperations(t *testing.T) {
	b := newBridge(t)
	ee := call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	block := call(t, b, "createShardBlock", map[string]any{"shardIndex": 2, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0xaabb"}}})
	stored := [][]byte{goBytes(t, ee.Get("operation")), goBytes(t, block.Get("operation"))}
	tests := []struct {
		name   string
		stored [][]byte
	}{
		{"as the page stores them", stored},
		{"one unreadable", [][]byte{stored[0], []byte("\x00\xffnot an operation{"), stored[1]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := core.MarshalStoredOperations(tt.stored, []core.Project{{ID: "p1", Name: "counter", Language: "wat", Entry: "main.wat",
				Files:  []core.ProjectFile{{Path: "lib.wat", Text: ";; library", ReadOnly: true}, {Path: "main.wat", Text: "(module)"}},
				Builds: []core.ProjectBuild{{Version: 1, EEIndex: 0, Entry: "main.wat", Files: []core.ProjectFile{{Path: "main.wat", Text: "(module)"}}}}}})
			if err != nil {
				t.Fatal(err)
			}
			operations := make([]any, len(tt.stored))
			for i, op := range tt.stored {
				operations[i] = uint8Array(op)
			}
			// Another bridge, whose simulation is empty: the file is made of what it is given.
			got := goBytes(t, call(t, newBridge(t), "exportStoredOperations", map[string]any{"operations": operations, "projects": []any{pageProject(0)}}))
			if string(got) != string(want) {
				t.Errorf("exportStoredOperations =\n%s\nwant core.MarshalStoredOperations's\n%s", got, want)
			}
		})
	}
	// Of a simulation's own operations, the file its export gives.
	exported := goBytes(t, call(t, b, "exportSimulation", map[string]any{"projects": []any{pageProject(0)}}))
	operations := []any{ee.Get("operation"), block.Get("operation")}
	if got := goBytes(t, call(t, b, "exportStoredOperations", map[string]any{"operations": operations, "projects": []any{pageProject(0)}})); string(got) != string(exported) {
		t.Errorf("exportStoredOperations =\n%s\nwant exportSimulation's\n%s", got, exported)
	}
}

// pageProject is a project as the page gives it (api.ts Project): a
// read-only file and the entry, deployed once as EE eeIndex.
func pageProject(eeIndex int) map[string]any {
	return map[string]any{
		"id": "p1", "name": "counter", "language": "wat", "entry": "main.wat",
		"files": []any{
			map[string]any{"path": "lib.wat", "text": ";; library", "readOnly": true},
			map[string]any{"path": "main.wat", "text": "(module)"},
		},
		"builds": []any{map[string]any{"version": 1, "eeIndex": eeIndex, "entry": "main.wat", "files": []any{map[string]any{"path": "main.wat", "text": "(module)"}}}},
	}
}

// withFile returns project with file as its second file, in place of main.wat.
func withFile(project map[string]any, file map[string]any) map[string]any {
	project["files"] = []any{project["files"].([]any)[0], file}
	return project
}

// plain is v through JSON, as Go values, for comparing JavaScript values
// whatever the order of their keys.
func plain(t *testing.T, v js.Value) any {
	t.Helper()
	var out any
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", v).String()), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func assertState(t *testing.T, b *Bridge, shard int, want string) {
	t.Helper()
	got := call(t, b, "getExecutionEnvironmentState", map[string]any{"eeIndex": 0, "shardIndex": shard}).String()
	if got != want {
		t.Errorf("EE 0 on shard %d = %s, want %s", shard, got, want)
	}
}

func TestParseScoutTest(t *testing.T) {
	b := newBridge(t)
	yaml := `
beacon_state:
  execution_scripts: [dir/a.wasm, 'dir\b.wasm', a.wasm]
shard_pre_state:
  exec_env_states: ["0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000"]
shard_blocks:
  - {env: 0, data: "68656c6c6f"}
shard_post_state:
  exec_env_states: ["0100000000000000000000000000000000000000000000000000000000000000"]
deposit_receipts: []
`
	got := call(t, b, "parseScoutTest", map[string]any{"yaml": yaml, "fileSizes": map[string]any{"a.wasm": 1, "b.wasm": 2}})
	if got.Get("executionScripts").Index(1).String() != `dir\b.wasm` ||
		js.Global().Get("JSON").Call("stringify", got.Get("scriptFiles")).String() != `["a.wasm","b.wasm","a.wasm"]` ||
		got.Get("preStates").Index(0).String() != counterRoot(0) ||
		string(goBytes(t, got.Get("blocks").Index(0).Get("data"))) != "hello" ||
		got.Get("postStates").Index(0).String() != counterRoot(1) ||
		got.Get("deposits").Length() != 0 {
		t.Errorf("parseScoutTest = %v", js.Global().Get("JSON").Call("stringify", got))
	}
}

// scoutTest is a Scout test of scripts, each with a zero pre-state, and
// of the beacon_state YAML more, such as libraries.
func scoutTest(scripts []string, more string) string {
	var text strings.Builder
	text.WriteString("beacon_state:\n" + more + "  execution_scripts:\n")
	for _, s := range scripts {
		text.WriteString("    - " + s + "\n")
	}
	text.WriteString("shard_pre_state:\n  exec_env_states:\n")
	for range scripts {
		text.WriteString("    - \"" + strings.Repeat("00", 32) + "\"\n")
	}
	return text.String()
}

// fileSizes is an object of sizes by file name, with its keys in the order
// given, unlike js.ValueOf of a map: a name, then its size, and so on.
func fileSizes(namesAndSizes ...any) js.Value {
	sizes := js.Global().Get("Object").New()
	for i := 0; i < len(namesAndSizes); i += 2 {
		sizes.Set(namesAndSizes[i].(string), namesAndSizes[i+1])
	}
	return sizes
}

// A Scout test run in the page is judged with the messages of `eeplay scout`.
func TestJudgeScoutTest(t *testing.T) {
	deposit := scout.Deposit{Amount: 32_000_000_000}
	other := scout.Deposit{Amount: 7}
	deposits := func(list ...scout.Deposit) []any {
		encoded := make([]any, len(list))
		for i, d := range list {
			encoded[i] = uint8Array(d.Encode())
		}
		return encoded
	}
	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{
			name: "passed",
			params: map[string]any{"expectedStates": []any{counterRoot(1)}, "actualStates": []any{counterRoot(1)},
				"expectedDeposits": deposits(deposit), "pushedDeposits": deposits(deposit), "pushedBy": []any{"shard_blocks[0]"}},
			want: `{"depositDifferences":[],"passed":true,"stateDifferences":[]}`,
		},
		{
			name: "deposits not checked",
			params: map[string]any{"expectedStates": []any{counterRoot(1)}, "actualStates": []any{counterRoot(1)},
				"expectedDeposits": nil, "pushedDeposits": deposits(deposit), "pushedBy": []any{"shard_blocks[0]"}},
			want: `{"depositDifferences":null,"passed":true,"stateDifferences":[]}`,
		},
		{
			name: "a state and a deposit differ",
			params: map[string]any{"expectedStates": []any{counterRoot(1), counterRoot(2)}, "actualStates": []any{counterRoot(1), counterRoot(3)},
				"expectedDeposits": deposits(deposit), "pushedDeposits": deposits(other), "pushedBy": []any{"shard_blocks[1]"}},
			want: `{"depositDifferences":["deposit_receipts[0]: amount: expected 32000000000, actual 7 (pushed by shard_blocks[1])"],"passed":false,` +
				`"stateDifferences":["exec_env_states[1]: expected ` + counterRoot(2) + `, actual ` + counterRoot(3) + `"]}`,
		},
		{
			name: "post-states missing",
			params: map[string]any{"expectedStates": []any{}, "actualStates": []any{counterRoot(1)},
				"expectedDeposits": nil, "pushedDeposits": []any{}, "pushedBy": []any{}},
			want: `{"depositDifferences":null,"passed":false,"stateDifferences":["expected 0 exec_env_states, actual 1","exec_env_states[0]: expected none, actual ` + counterRoot(1) + `"]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if text := sortedJSON(call(t, newBridge(t), "judgeScoutTest", tt.params)); text != tt.want {
				t.Errorf("judgeScoutTest =\n%s\nwant\n%s", text, tt.want)
			}
		})
	}
}

// The files a test names are checked by their sizes, as on the command
// line, before the page creates any EE.
func TestParseScoutTestChecksTheFiles(t *testing.T) {
	maxAndOne := fileSizes("max.wasm", core.MaxWasmCodeSize, "a.wasm", 1)
	tests := []struct {
		name      string
		yaml      string
		fileSizes js.Value
		want      string
	}{
		{
			// The page would have created 257 EEs: e2e/bad-input.test.mjs
			// tries 65,536.
			name:      "one byte over",
			yaml:      scoutTest(append(slices.Repeat([]string{"dir/max.wasm"}, scout.MaxTestCodeSize/core.MaxWasmCodeSize), "a.wasm"), ""),
			fileSizes: maxAndOne,
			want:      "beacon_state: execution_scripts and libraries name 67108865 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named",
		},
		{
			name:      "a file over MaxWasmCodeSize",
			yaml:      scoutTest([]string{"a.wasm", "dir/big.wasm"}, ""),
			fileSizes: fileSizes("a.wasm", 1, "big.wasm", core.MaxWasmCodeSize+1),
			want:      "beacon_state.execution_scripts[1]: dir/big.wasm has 262145 bytes, over MaxWasmCodeSize (262144 bytes)",
		},
		{
			name:      "a missing file",
			yaml:      scoutTest([]string{"a.wasm", "dir/b.wasm"}, ""),
			fileSizes: fileSizes("a.wasm", 1, "c.wasm", 1),
			want:      "beacon_state.execution_scripts[1]: no file named b.wasm among the files given (a.wasm, c.wasm)",
		},
		{
			name:      "no files",
			yaml:      scoutTest([]string{"a.wasm"}, ""),
			fileSizes: fileSizes(),
			want:      "beacon_state.execution_scripts[0]: no file named a.wasm among the files given (none)",
		},
		{
			// Before their files are looked for.
			name:      "libraries",
			yaml:      scoutTest([]string{"a.wasm"}, "  libraries:\n    - {name: x, file: x.wasm}\n    - {name: y, file: y.wasm}\n"),
			fileSizes: fileSizes("a.wasm", 1),
			want:      "beacon_state.libraries: the page cannot run Scout libraries yet (x, y); run this test with `eeplay scout`",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBridge(t)
			_, err := b.Call(ctx, "parseScoutTest", js.ValueOf(map[string]any{"yaml": tt.yaml, "fileSizes": tt.fileSizes}))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestRejectedBlockCarriesTheTransaction(t *testing.T) {
	b := newBridge(t)
	target := js.Global().Get("Object").New()
	b.Install(target, "core")
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("probe"))})
	// The probe prints a debug line, then traps.
	data := testee.Probe{}.Op(testee.OpPrint32, 7).Op(testee.OpUnreachable)
	failed := target.Call("core", "createShardBlock", js.ValueOf(map[string]any{"shardIndex": 1, "transactions": []any{
		map[string]any{"eeIndex": 0, "data": "0x01"},
		map[string]any{"eeIndex": 1, "data": uint8Array(data)},
	}}))
	tx := failed.Get("transaction")
	if tx.Get("index").Int() != 1 || tx.Get("eeIndex").Int() != 1 {
		t.Fatalf("result = %v", js.Global().Get("JSON").Call("stringify", failed))
	}
	if debug := tx.Get("receipt").Get("debug"); debug.Length() != 1 || debug.Index(0).String() != "print32: 7" {
		t.Errorf("debug = %v, want [print32: 7]", js.Global().Get("JSON").Call("stringify", debug))
	}
	if !strings.HasPrefix(failed.Get("error").String(), "create shard block on shard 1: transaction 1 (execution environment 1): ") {
		t.Errorf("error = %q", failed.Get("error").String())
	}
}

func TestInstall(t *testing.T) {
	b := newBridge(t)
	target := js.Global().Get("Object").New()
	b.Install(target, "core")
	ok := target.Call("core", "getOverview", js.ValueOf(map[string]any{}))
	if ok.Get("result").Get("slot").Int() != 0 {
		t.Errorf("core(getOverview) = %v", js.Global().Get("JSON").Call("stringify", ok))
	}
	failed := target.Call("core", "getShardState", js.ValueOf(map[string]any{"shardIndex": 64}))
	if got := failed.Get("error").String(); got != "get shard state: shard 64 does not exist: ShardCount is 64" {
		t.Errorf("error = %q", got)
	}
	if !failed.Get("transaction").IsUndefined() {
		t.Errorf("transaction = %v, want none", js.Global().Get("JSON").Call("stringify", failed.Get("transaction")))
	}
	if got := target.Call("core").Get("error").String(); got != "core: want (method, params)" {
		t.Errorf("no arguments: error = %q", got)
	}
}
