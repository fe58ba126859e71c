package scout_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// newSimulation returns an empty simulation on wazero's interpreter.
func newSimulation(t *testing.T) *core.Simulation {
	t.Helper()
	engine, err := wasmhost.New(context.Background(), wasmhost.Config{Engine: wasmhost.Interpreter})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { engine.Close(context.Background()) })
	return core.NewSimulation(engine)
}

// pushes is probe block data that pushes d.
func pushes(d scout.Deposit) []byte {
	return testee.Probe{}.Store(0, d.Encode()).Op(testee.OpPushNewDeposit, 0, scout.DepositSize)
}

func TestRun(t *testing.T) {
	// counter adds its block data's length to its state's first byte.
	counter := testee.Wasm("counter")
	probe := testee.Wasm("probe")
	five := core.Root{5}
	printsThenTraps := testee.Probe{}.Op(testee.OpPrint32, 7).Op(testee.OpUnreachable)
	tests := []struct {
		name string
		test scout.Test
		code [][]byte
		// existing EEs are created first, as on a page that holds some.
		existing      int
		wantEEs       []uint64
		wantBlocks    []uint64
		wantRejected  int // index in Blocks, or -1
		wantDebug     [][]string
		wantStates    []core.Root
		wantStateDiff []string
		wantDepDiff   []string
		wantPassed    bool
	}{
		{
			name: "pass",
			test: scout.Test{
				ExecutionScripts: []string{"counter.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{1, 2}}, {Data: []byte{1, 2, 3}}},
				PostStates:       []core.Root{five},
			},
			code:         [][]byte{counter},
			wantEEs:      []uint64{0},
			wantBlocks:   []uint64{0, 1},
			wantRejected: -1,
			wantDebug:    [][]string{nil, nil},
			wantStates:   []core.Root{five},
			wantPassed:   true,
		},
		{
			name: "EEs of the test among others, blocks naming them by the test's indices",
			test: scout.Test{
				ExecutionScripts: []string{"probe.wasm", "counter.wasm"},
				PreStates:        []core.Root{{9}, {}},
				Blocks:           []core.ShardTransaction{{EEIndex: 1, Data: []byte{1, 2, 3, 4, 5}}, {EEIndex: 0, Data: testee.Probe{}.Op(testee.OpPrint32, 3)}},
				PostStates:       []core.Root{{9}, five},
			},
			code:         [][]byte{probe, counter},
			existing:     2,
			wantEEs:      []uint64{2, 3},
			wantBlocks:   []uint64{0, 1},
			wantRejected: -1,
			wantDebug:    [][]string{nil, {"print32: 3"}},
			wantStates:   []core.Root{{9}, five},
			wantPassed:   true,
		},
		{
			name: "state mismatch",
			test: scout.Test{
				ExecutionScripts: []string{"counter.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{1, 2, 3, 4, 5}}},
				PostStates:       []core.Root{{4}, {1}},
			},
			code:         [][]byte{counter},
			wantEEs:      []uint64{0},
			wantBlocks:   []uint64{0},
			wantRejected: -1,
			wantDebug:    [][]string{nil},
			wantStates:   []core.Root{five},
			wantStateDiff: []string{
				"expected 2 exec_env_states, actual 1",
				"exec_env_states[0]: expected 0x0400000000000000000000000000000000000000000000000000000000000000, actual 0x0500000000000000000000000000000000000000000000000000000000000000",
				"exec_env_states[1]: expected 0x0100000000000000000000000000000000000000000000000000000000000000, actual none",
			},
		},
		{
			name: "a rejected block ends the run, keeping its debug lines",
			test: scout.Test{
				ExecutionScripts: []string{"probe.wasm"},
				PreStates:        []core.Root{{}},
				Blocks: []core.ShardTransaction{
					{Data: testee.Probe{}.Store(0, []byte{6}).Op(testee.OpSavePostStateRoot, 0)},
					{Data: printsThenTraps},
					{Data: nil},
				},
				PostStates: []core.Root{{6}},
			},
			code:         [][]byte{probe},
			wantEEs:      []uint64{0},
			wantBlocks:   []uint64{0, 0},
			wantRejected: 1,
			wantDebug:    [][]string{nil, {"print32: 7"}},
			wantStates:   []core.Root{{6}},
		},
		{
			name: "deposits as expected",
			test: scout.Test{
				ExecutionScripts: []string{"probe.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: pushes(deposit(1, 1, 32, 1))}, {Data: pushes(deposit(2, 2, 64, 2))}},
				PostStates:       []core.Root{{}},
				CheckDeposits:    true,
				Deposits:         []scout.Deposit{deposit(1, 1, 32, 1), deposit(2, 2, 64, 2)},
			},
			code:         [][]byte{probe},
			wantEEs:      []uint64{0},
			wantBlocks:   []uint64{0, 1},
			wantRejected: -1,
			wantDebug:    [][]string{nil, nil},
			wantStates:   []core.Root{{}},
			wantDepDiff:  []string{},
			wantPassed:   true,
		},
		{
			name: "deposits not as expected",
			test: scout.Test{
				ExecutionScripts: []string{"probe.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: nil}, {Data: pushes(deposit(1, 1, 33, 1))}},
				PostStates:       []core.Root{{}},
				CheckDeposits:    true,
				Deposits:         []scout.Deposit{deposit(1, 1, 32, 1)},
			},
			code:         [][]byte{probe},
			wantEEs:      []uint64{0},
			wantBlocks:   []uint64{0, 1},
			wantRejected: -1,
			wantDebug:    [][]string{nil, nil},
			wantStates:   []core.Root{{}},
			wantDepDiff:  []string{"deposit_receipts[0]: amount: expected 32, actual 33 (pushed by shard_blocks[1])"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			sim := newSimulation(t)
			for range tt.existing {
				if _, err := sim.CreateExecutionEnvironment(ctx, counter, core.Root{}); err != nil {
					t.Fatal(err)
				}
			}
			const shard = 2
			var told []int
			got, err := tt.test.Run(ctx, sim, tt.code, scout.RunOptions{Shard: shard, OnBlock: func(index, total int) {
				if total != len(tt.test.Blocks) {
					t.Errorf("OnBlock total = %d, want %d", total, len(tt.test.Blocks))
				}
				told = append(told, index)
			}})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.EEIndices, tt.wantEEs) {
				t.Errorf("EEIndices = %v, want %v", got.EEIndices, tt.wantEEs)
			}
			var blocks []uint64
			var debug [][]string
			for _, b := range got.Blocks {
				blocks = append(blocks, b.Index)
				debug = append(debug, b.Debug())
			}
			if !slices.Equal(blocks, tt.wantBlocks) {
				t.Errorf("block indices = %v, want %v", blocks, tt.wantBlocks)
			}
			if want := len(tt.wantBlocks); len(told) != want {
				t.Errorf("OnBlock told of blocks %v, want the first %d", told, want)
			}
			if !slices.EqualFunc(debug, tt.wantDebug, slices.Equal) {
				t.Errorf("debug = %q, want %q", debug, tt.wantDebug)
			}
			rejected, ok := got.Rejected()
			switch {
			case tt.wantRejected < 0 && ok:
				t.Errorf("block %d rejected: %v", rejected, got.Blocks[rejected].Err)
			case tt.wantRejected >= 0 && (!ok || rejected != tt.wantRejected):
				t.Errorf("Rejected() = %d, %v, want %d", rejected, ok, tt.wantRejected)
			case ok:
				var txErr *core.TransactionError
				if !errors.As(got.Blocks[rejected].Err, &txErr) || got.Blocks[rejected].Receipts != nil {
					t.Errorf("rejected block = %+v, want a *core.TransactionError and no receipts", got.Blocks[rejected])
				}
			}
			if !slices.Equal(got.ActualStates, tt.wantStates) {
				t.Errorf("ActualStates = %v, want %v", got.ActualStates, tt.wantStates)
			}
			if !slices.Equal(got.StateDifferences, tt.wantStateDiff) {
				t.Errorf("StateDifferences = %q, want %q", got.StateDifferences, tt.wantStateDiff)
			}
			if !slices.Equal(got.DepositDifferences, tt.wantDepDiff) || (got.DepositDifferences == nil) != (tt.wantDepDiff == nil) {
				t.Errorf("DepositDifferences = %#v, want %#v", got.DepositDifferences, tt.wantDepDiff)
			}
			if got.Passed() != tt.wantPassed {
				t.Errorf("Passed() = %v, want %v", got.Passed(), tt.wantPassed)
			}
			// The blocks ran on the shard asked for, and only there.
			if n, _ := sim.ShardBlockCount(shard); n != uint64(len(tt.wantBlocks)) && tt.wantRejected < 0 {
				t.Errorf("shard %d holds %d blocks, want %d", shard, n, len(tt.wantBlocks))
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		code [][]byte
		want string
	}{
		{"an EE the simulation refuses", [][]byte{testee.Wasm("counter"), []byte("not wasm")},
			"beacon_state.execution_scripts[1]: create execution environment: not a WebAssembly module: it starts with \"not wasm\", not \"\\x00asm\""},
		{"code missing", [][]byte{testee.Wasm("counter")},
			"run scout test: want the code of 2 execution_scripts, got 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test := scout.Test{ExecutionScripts: []string{"a.wasm", "b.wasm"}, PreStates: []core.Root{{}, {}}}
			_, err := test.Run(context.Background(), newSimulation(t), tt.code, scout.RunOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Run: %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBlockResultModules(t *testing.T) {
	first := core.ChildModule{Slot: 0, Size: 10, SHA256: core.Root{1}, Calls: 2, Callbacks: 1}
	second := core.ChildModule{Slot: 1, Size: 20, SHA256: core.Root{2}, Calls: 1}
	tests := []struct {
		name  string
		block scout.BlockResult
		want  []core.ChildModule
	}{
		{"none", scout.BlockResult{Receipts: []core.Receipt{{}}}, nil},
		{"every receipt's, in order", scout.BlockResult{Receipts: []core.Receipt{{Modules: []core.ChildModule{first}}, {Modules: []core.ChildModule{second}}}}, []core.ChildModule{first, second}},
		{"the failed transaction's", scout.BlockResult{Err: &core.TransactionError{Receipt: core.Receipt{Modules: []core.ChildModule{second}}, Err: errors.New("trap")}}, []core.ChildModule{second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.block.Modules(); !slices.Equal(got, tt.want) {
				t.Errorf("Modules() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
