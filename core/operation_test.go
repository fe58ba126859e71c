package core_test

import (
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// busySimulation returns a simulation with EEs created between blocks on
// several shards, so that replaying it depends on the order of changes.
func busySimulation(t *testing.T) *core.Simulation {
	t.Helper()
	sim := newSimulation(t, wasmhost.Config{})
	counter := createEE(t, sim, "counter", core.Root{})
	createBlock(t, sim, 5, core.ShardTransaction{EEIndex: counter, Data: []byte{1}})
	trivial := createEE(t, sim, "trivial", core.Root{0x42})
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: trivial}, core.ShardTransaction{EEIndex: counter, Data: []byte("abc")})
	createBlock(t, sim, 5, core.ShardTransaction{EEIndex: counter})
	return sim
}

func TestReplayRebuildsTheSimulation(t *testing.T) {
	sim := busySimulation(t)
	ops := sim.Operations()
	if len(ops) != 5 {
		t.Fatalf("got %d operations, want 5", len(ops))
	}
	replayed, err := core.Replay(ctx, newEngine(t, wasmhost.Config{}), ops)
	if err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, replayed, sim)
	if got := replayed.Operations(); !reflect.DeepEqual(got, ops) {
		t.Errorf("replayed operations differ:\n got %+v\nwant %+v", got, ops)
	}
}

func TestOperationsFrom(t *testing.T) {
	sim := busySimulation(t)
	all := sim.Operations()
	tests := []struct {
		name string
		n    int
		want []core.Operation
	}{
		{"from the first", 0, all},
		{"from the middle", 3, all[3:]},
		{"the last", 4, all[4:]},
		{"past the last", 5, []core.Operation{}},
		{"far past the last", 99, []core.Operation{}},
		{"negative", -1, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sim.OperationsFrom(tt.n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("OperationsFrom(%d) = %+v, want %+v", tt.n, got, tt.want)
			}
		})
	}
}

func TestOperationsAreCopies(t *testing.T) {
	sim := busySimulation(t)
	ops := sim.Operations()
	ops[0].CreateExecutionEnvironment.WasmCode[0] ^= 0xff
	ops[1].CreateShardBlock.Transactions[0].Data[0] ^= 0xff
	assertSameSimulation(t, busySimulation(t), sim)
}

func TestApplyErrors(t *testing.T) {
	tests := []struct {
		name string
		op   core.Operation
		want string
	}{
		{"empty", core.Operation{}, "operation sets neither create_execution_environment nor create_shard_block"},
		{"both", core.Operation{
			CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("trivial")},
			CreateShardBlock:           &core.ShardBlockOperation{},
		}, "operation sets both create_execution_environment and create_shard_block"},
		{"bad block", core.Operation{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 64}},
			"create shard block: shard 64 does not exist: ShardCount is 64"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			sim := newSimulation(t, wasmhost.Config{})
			if err := sim.Apply(ctx, test.op); err == nil || err.Error() != test.want {
				t.Fatalf("Apply = %v, want %q", err, test.want)
			}
			if ops := sim.Operations(); len(ops) != 0 {
				t.Errorf("failed Apply recorded %d operations", len(ops))
			}
		})
	}
}

func TestReplayNamesTheFailingOperation(t *testing.T) {
	ops := []core.Operation{
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("trivial")}},
		{CreateShardBlock: &core.ShardBlockOperation{Transactions: []core.ShardTransaction{{EEIndex: 1}}}},
	}
	_, err := core.Replay(ctx, newEngine(t, wasmhost.Config{}), ops)
	want := "replay operation 1: create shard block on shard 0: transaction 0 (execution environment 1): no such execution environment: 1 exist"
	if err == nil || err.Error() != want {
		t.Fatalf("Replay = %v, want %q", err, want)
	}
}

// TestRestoreAppliesTheTimeLimit checks that restoring a simulation runs
// its operations under the time limit: an EE whose start function never
// ends, or a block that spins, fails the restore and leaves the simulation
// as it was.
func TestRestoreAppliesTheTimeLimit(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("js/wasm cannot interrupt a running EE: the page ends its worker instead")
	}
	loopingStart := []core.Operation{
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("trivial")}},
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("start_loops")}},
	}
	spinningBlock := []core.Operation{
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("infinite_loop")}},
		{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 2, Transactions: []core.ShardTransaction{{EEIndex: 0}}}},
	}
	tests := []struct {
		name string
		ops  []core.Operation
		want string
	}{
		{"a start function that never ends", loopingStart, "replay operation 1: create execution environment: not an execution environment: its start function fails (run with a zero pre-state and no block data): stopped: creating the execution environment ran longer than the time limit of 50ms"},
		{"a block that spins", spinningBlock, "replay operation 1: create shard block on shard 2: transaction 0 (execution environment 0): stopped: the block ran longer than the time limit of 50ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim := busySimulation(t)
			sim.SetTimeLimit(50 * time.Millisecond)
			if err := sim.Restore(ctx, tt.ops); err == nil || err.Error() != tt.want {
				t.Fatalf("Restore = %v\nwant %s", err, tt.want)
			}
			assertSameSimulation(t, sim, busySimulation(t))
		})
	}
}

func TestRestoreReplacesTheSimulation(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	createEE(t, sim, "traps", core.Root{9})
	want := busySimulation(t)
	if err := sim.Restore(ctx, want.Operations()); err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, sim, want)
	if got := sim.Operations(); !reflect.DeepEqual(got, want.Operations()) {
		t.Errorf("restored operations differ:\n got %+v\nwant %+v", got, want.Operations())
	}
}

func TestBeaconStateIsACopy(t *testing.T) {
	sim := busySimulation(t)
	state := sim.BeaconState()
	if state.Slot != 3 || len(state.ExecutionEnvironments) != 2 || len(state.ShardStates) != core.ShardCount {
		t.Fatalf("BeaconState: slot %d, %d EEs, %d shards; want 3, 2, 64", state.Slot, len(state.ExecutionEnvironments), len(state.ShardStates))
	}
	if sim.Slot() != 3 || sim.ExecutionEnvironmentCount() != 2 {
		t.Errorf("Slot, ExecutionEnvironmentCount = %d, %d; want 3, 2", sim.Slot(), sim.ExecutionEnvironmentCount())
	}
	if got, want := state.ShardStates[5].ExecutionEnvironmentStates, shardStates(t, sim, 5); !reflect.DeepEqual(got, want) {
		t.Errorf("shard 5 states = %v, want %v", got, want)
	}
	state.ShardStates[5].ExecutionEnvironmentStates[0][0] ^= 0xff
	state.ExecutionEnvironments[0].WasmCode[0] ^= 0xff
	assertSameSimulation(t, busySimulation(t), sim)
}

func TestShardBlockCount(t *testing.T) {
	sim := busySimulation(t)
	for shard, want := range map[uint64]uint64{0: 1, 5: 2, 63: 0} {
		if got, err := sim.ShardBlockCount(shard); err != nil || got != want {
			t.Errorf("ShardBlockCount(%d) = %d, %v; want %d", shard, got, err, want)
		}
	}
	if _, err := sim.ShardBlockCount(64); err == nil || err.Error() != "shard block count: shard 64 does not exist: ShardCount is 64" {
		t.Errorf("ShardBlockCount(64) = %v", err)
	}
}

// assertSameSimulation checks that got has want's beacon state and blocks,
// receipts included.
func assertSameSimulation(t *testing.T, got, want *core.Simulation) {
	t.Helper()
	if g, w := got.BeaconState(), want.BeaconState(); !reflect.DeepEqual(g, w) {
		t.Fatalf("beacon state differs:\n got %+v\nwant %+v", g, w)
	}
	for shard := range uint64(core.ShardCount) {
		count, _ := want.ShardBlockCount(shard)
		if n, _ := got.ShardBlockCount(shard); n != count {
			t.Fatalf("shard %d has %d blocks, want %d", shard, n, count)
		}
		for i := range count {
			g, _ := got.GetShardBlock(shard, i)
			w, _ := want.GetShardBlock(shard, i)
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("shard %d block %d differs:\n got %+v\nwant %+v", shard, i, g, w)
			}
		}
	}
}
