package core_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

func TestSetEngineKeepsStateAndRunsOn(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	createEE(t, sim, "counter", core.Root{})
	createBlock(t, sim, 3, core.ShardTransaction{EEIndex: 0, Data: []byte{1, 2}})
	before := sim.BeaconState()

	// A cap of 1 page: creating the probe EE (2 pages) must now fail.
	if err := sim.SetEngine(ctx, newEngine(t, wasmhost.Config{MaxMemoryPages: 1})); err != nil {
		t.Fatal(err)
	}
	if got := sim.BeaconState(); !slices.Equal(got.ShardStates[3].ExecutionEnvironmentStates, before.ShardStates[3].ExecutionEnvironmentStates) {
		t.Errorf("shard 3 after SetEngine: %v, want %v", got.ShardStates[3], before.ShardStates[3])
	}
	createBlock(t, sim, 3, core.ShardTransaction{EEIndex: 0, Data: []byte{1}})
	if got := shardStates(t, sim, 3); got[0] != counterState(3) {
		t.Errorf("counter after another block = %s, want %s", got[0], counterState(3))
	}
	if _, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("probe"), core.Root{}); err == nil {
		t.Errorf("the new engine's cap does not apply")
	}
}

func TestSetEngineFailureChangesNothing(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	createEE(t, sim, "counter", core.Root{})
	createEE(t, sim, "probe", core.Root{})
	err := sim.SetEngine(ctx, newEngine(t, wasmhost.Config{MaxMemoryPages: 1}))
	if want := "set engine: execution environment 1: invalid wasm module:"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("SetEngine error = %v, want it to start %q", err, want)
	}
	// Still the old engine: the probe EE still runs.
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: 1, Data: testee.Probe{}.Op(testee.OpUseTicks, 1)})
}

func TestProgressReportsEachTransaction(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	createEE(t, sim, "counter", core.Root{})
	var calls [][2]int
	progressCtx := core.WithProgress(ctx, func(index, total int) { calls = append(calls, [2]int{index, total}) })
	tx := core.ShardTransaction{EEIndex: 0, Data: []byte{1}}
	if _, err := sim.CreateShardBlock(progressCtx, 0, []core.ShardTransaction{tx, tx, tx}); err != nil {
		t.Fatal(err)
	}
	if want := [][2]int{{0, 3}, {1, 3}, {2, 3}}; !slices.Equal(calls, want) {
		t.Errorf("progress calls = %v, want %v", calls, want)
	}
}
