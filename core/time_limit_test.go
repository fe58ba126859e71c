package core_test

import (
	"context"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

func TestBlockTimeLimitStopsARunawayBlock(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("js/wasm cannot interrupt a running EE: the page ends its worker instead")
	}
	sim := newSimulation(t, wasmhost.Config{TickBudget: math.MaxUint64})
	probe := createEE(t, sim, "probe", core.Root{1})
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: probe, Data: testee.Probe{}.Op(testee.OpUseTicks, 1)})
	before := sim.BeaconState()

	sim.SetTimeLimit(50 * time.Millisecond)
	_, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: probe, Data: testee.Probe{}.Op(testee.OpLoopForever)}})
	want := "create shard block on shard 0: transaction 0 (execution environment 0): stopped: the block ran longer than the time limit of 50ms"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	if got := sim.BeaconState(); got.Slot != before.Slot || got.ShardStates[0].ExecutionEnvironmentStates[0] != before.ShardStates[0].ExecutionEnvironmentStates[0] {
		t.Errorf("a stopped block changed the simulation")
	}
	// A loop that never calls the host is stopped too.
	loop := createEE(t, sim, "infinite_loop", core.Root{})
	_, err = sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: loop}})
	want = "create shard block on shard 0: transaction 0 (execution environment 1): stopped: the block ran longer than the time limit of 50ms"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	// Blocks within the limit still run.
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: probe, Data: testee.Probe{}.Op(testee.OpUseTicks, 1)})
}

func TestTimeLimitStopsAStartFunctionThatNeverEnds(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("js/wasm cannot interrupt a running EE: the page ends its worker instead")
	}
	sim := newSimulation(t, wasmhost.Config{})
	sim.SetTimeLimit(50 * time.Millisecond)
	_, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("start_loops"), core.Root{})
	want := "create execution environment: not an execution environment: its start function fails (run with a zero pre-state and no block data): stopped: creating the execution environment ran longer than the time limit of 50ms"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	if n := sim.ExecutionEnvironmentCount(); n != 0 {
		t.Errorf("%d EEs after the failed creation, want 0", n)
	}
}

func TestTimeLimitStopsACompileThatRunsLong(t *testing.T) {
	if !slices.Contains(wasmhost.AvailableEngineKinds(), wasmhost.Compiler) {
		t.Skip("only wazero's compiler takes seconds to compile a module within the limits")
	}
	sim := newSimulation(t, wasmhost.Config{Engine: wasmhost.Compiler})
	sim.SetTimeLimit(50 * time.Millisecond)
	// 9,000 nested blocks: within the limits, seconds to compile.
	_, err := sim.CreateExecutionEnvironment(ctx, testee.NestedLoops(9_000, 1), core.Root{})
	want := "create execution environment: stopped while compiling: creating the execution environment ran longer than the time limit of 50ms"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	if n := sim.ExecutionEnvironmentCount(); n != 0 {
		t.Errorf("%d EEs after the failed creation, want 0", n)
	}
}

// gatedEngine is a real engine whose Compile waits until the test opens
// its gate, so that a test can act while a compile is in progress.
type gatedEngine struct {
	core.Engine
	compiling chan struct{}
	gate      chan struct{}
}

func (e gatedEngine) Compile(ctx context.Context, code []byte) (core.Program, error) {
	e.compiling <- struct{}{}
	<-e.gate
	return e.Engine.Compile(ctx, code)
}

// TestCompileDoesNotBlockReads: reads go on while an EE compiles, which
// can take seconds.
func TestCompileDoesNotBlockReads(t *testing.T) {
	engine := gatedEngine{Engine: newEngine(t, wasmhost.Config{}), compiling: make(chan struct{}), gate: make(chan struct{})}
	sim := core.NewSimulation(engine)
	created := make(chan error)
	go func() {
		_, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("trivial"), core.Root{})
		created <- err
	}()
	<-engine.compiling
	read := make(chan error)
	go func() {
		_, err := sim.GetShardState(0)
		read <- err
	}()
	select {
	case err := <-read:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("GetShardState waited for the compile")
	}
	close(engine.gate)
	if err := <-created; err != nil {
		t.Fatal(err)
	}
}
