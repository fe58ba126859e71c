package core_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

var ctx = context.Background()

// testEngine is the engine the tests run EEs on: the one EEPLAY_TEST_ENGINE
// names, or wazero's interpreter, which runs on every platform. The build's
// js step runs these tests on each engine of js/wasm.
var testEngine = cmp.Or(wasmhost.EngineKind(os.Getenv("EEPLAY_TEST_ENGINE")), wasmhost.Interpreter)

// newEngine returns an engine with config, on testEngine unless config
// names another, closed when t ends.
func newEngine(t testing.TB, config wasmhost.Config) *wasmhost.Engine {
	t.Helper()
	if config.Engine == "" {
		config.Engine = testEngine
	}
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { engine.Close(ctx) })
	return engine
}

// newSimulation returns a simulation on newEngine(t, config).
func newSimulation(t testing.TB, config wasmhost.Config) *core.Simulation {
	t.Helper()
	return core.NewSimulation(newEngine(t, config))
}

func createEE(t testing.TB, sim *core.Simulation, module string, initial core.Root) uint64 {
	t.Helper()
	index, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm(module), initial)
	if err != nil {
		t.Fatalf("CreateExecutionEnvironment(%s): %v", module, err)
	}
	return index
}

func createBlock(t testing.TB, sim *core.Simulation, shard uint64, txs ...core.ShardTransaction) uint64 {
	t.Helper()
	index, err := sim.CreateShardBlock(ctx, shard, txs)
	if err != nil {
		t.Fatalf("CreateShardBlock: %v", err)
	}
	return index
}

func shardStates(t testing.TB, sim *core.Simulation, shard uint64) []core.Root {
	t.Helper()
	state, err := sim.GetShardState(shard)
	if err != nil {
		t.Fatal(err)
	}
	return state.ExecutionEnvironmentStates
}

// counterState is the counter EE's state after counting n.
func counterState(n byte) core.Root { return core.Root{n} }

func TestCreateExecutionEnvironment(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	initial := core.Root{0x42}
	if got := createEE(t, sim, "counter", core.Root{}); got != 0 {
		t.Errorf("first EE index = %d, want 0", got)
	}
	if got := createEE(t, sim, "trivial", initial); got != 1 {
		t.Errorf("second EE index = %d, want 1", got)
	}
	for shard := range uint64(core.ShardCount) {
		want := []core.Root{{}, initial}
		if got := shardStates(t, sim, shard); !reflect.DeepEqual(got, want) {
			t.Fatalf("shard %d states = %v, want %v", shard, got, want)
		}
	}
	ee, err := sim.GetExecutionEnvironment(1)
	if err != nil {
		t.Fatal(err)
	}
	if ee.InitialState != initial || !bytes.Equal(ee.WasmCode, testee.Wasm("trivial")) {
		t.Errorf("GetExecutionEnvironment(1) = %v, %d bytes; want %v and the trivial module", ee.InitialState, len(ee.WasmCode), initial)
	}
}

func TestCreateShardBlock(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	counter := createEE(t, sim, "counter", core.Root{})
	trivial := createEE(t, sim, "trivial", core.Root{7})

	// Transactions run in order, each on the state the last one left.
	if got := createBlock(t, sim, 3, core.ShardTransaction{EEIndex: counter, Data: []byte("ab")}, core.ShardTransaction{EEIndex: counter, Data: []byte("cde")}, core.ShardTransaction{EEIndex: trivial}); got != 0 {
		t.Errorf("first block on shard 3 has index %d, want 0", got)
	}
	if got := createBlock(t, sim, 3, core.ShardTransaction{EEIndex: counter, Data: []byte("f")}); got != 1 {
		t.Errorf("second block on shard 3 has index %d, want 1", got)
	}
	if got := createBlock(t, sim, 4); got != 0 {
		t.Errorf("first block on shard 4 has index %d, want 0: shards count separately", got)
	}

	if got, want := shardStates(t, sim, 3), []core.Root{counterState(6), {7}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shard 3 states = %v, want %v", got, want)
	}
	if got, want := shardStates(t, sim, 2), []core.Root{{}, {7}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shard 2 states = %v, want %v: other shards keep their states", got, want)
	}
	root, err := sim.GetExecutionEnvironmentState(counter, 3)
	if err != nil || root != counterState(6) {
		t.Errorf("GetExecutionEnvironmentState(0, 3) = %v, %v; want %v", root, err, counterState(6))
	}

	record, err := sim.GetShardBlock(3, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantTxs := []*core.ShardTransaction{{EEIndex: counter, Data: []byte("ab")}, {EEIndex: counter, Data: []byte("cde")}, {EEIndex: trivial, Data: []byte{}}}
	if len(record.Block.Transactions) != 3 {
		t.Fatalf("block has %d transactions, want 3", len(record.Block.Transactions))
	}
	for i, tx := range record.Block.Transactions {
		if tx.EEIndex != wantTxs[i].EEIndex || !bytes.Equal(tx.Data, wantTxs[i].Data) {
			t.Errorf("transaction %d = %+v, want %+v", i, tx, wantTxs[i])
		}
	}
	wantReceipts := [][2]core.Root{{{}, counterState(2)}, {counterState(2), counterState(5)}, {{7}, {7}}}
	for i, receipt := range record.Receipts {
		if receipt.PreState != wantReceipts[i][0] || receipt.PostState != wantReceipts[i][1] {
			t.Errorf("receipt %d: %v -> %v, want %v -> %v", i, receipt.PreState, receipt.PostState, wantReceipts[i][0], wantReceipts[i][1])
		}
	}
}

func TestReceiptsKeepOutputs(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	probe := createEE(t, sim, "probe", core.Root{1})
	data := testee.Probe{}.Store(0, []byte("dep")).Op(testee.OpPushNewDeposit, 0, 3).Op(testee.OpEmitLog, 0, 2).
		Op(testee.OpUseTicks, 9).Op(testee.OpPrint32, 5)
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: probe, Data: data})
	record, err := sim.GetShardBlock(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := record.Receipts[0]
	want := core.Receipt{PreState: core.Root{1}, PostState: core.Root{1}, Ticks: 9,
		Deposits: []core.HexBytes{[]byte("dep")}, Logs: []core.HexBytes{[]byte("de")}, Debug: []string{"print32: 5"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("receipt = %+v\nwant      %+v", got, want)
	}
}

func TestBlocksAreAtomic(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{TickBudget: 100})
	counter := createEE(t, sim, "counter", core.Root{})
	probe := createEE(t, sim, "probe", core.Root{})
	createBlock(t, sim, 1, core.ShardTransaction{EEIndex: counter, Data: []byte("x")})
	before := shardStates(t, sim, 1)

	tests := []struct {
		name string
		txs  []core.ShardTransaction
		want string
	}{
		{
			name: "trap",
			txs:  []core.ShardTransaction{{EEIndex: counter, Data: []byte("yy")}, {EEIndex: probe, Data: testee.Probe{}.Op(testee.OpUnreachable)}},
			want: "create shard block on shard 1: transaction 1 (execution environment 1): wasm error: unreachable",
		},
		{
			name: "host call with bad arguments",
			txs:  []core.ShardTransaction{{EEIndex: counter}, {EEIndex: probe, Data: testee.Probe{}.Op(testee.OpBlockDataCopy, 0, 0, 99)}},
			want: "create shard block on shard 1: transaction 1 (execution environment 1): eth2_blockDataCopy: range [0, 99) is outside the 13 bytes of block data",
		},
		{
			name: "tick budget exhausted",
			txs:  []core.ShardTransaction{{EEIndex: counter}, {EEIndex: counter}, {EEIndex: probe, Data: testee.Probe{}.Op(testee.OpUseTicks, 101)}},
			want: "create shard block on shard 1: transaction 2 (execution environment 1): eth2_useTicks: tick budget exhausted: 0 of 100 ticks used, 101 more requested",
		},
		{
			name: "unknown EE",
			txs:  []core.ShardTransaction{{EEIndex: counter}, {EEIndex: 2}},
			want: "create shard block on shard 1: transaction 1 (execution environment 2): no such execution environment: 2 exist",
		},
		{
			name: "data over the limit",
			txs:  []core.ShardTransaction{{EEIndex: counter}, {EEIndex: counter, Data: make([]byte, core.MaxTransactionDataSize+1)}},
			want: "create shard block on shard 1: transaction 1 (execution environment 0): data of 262145 bytes exceeds MaxTransactionDataSize (262144 bytes)",
		},
		{
			name: "too many transactions",
			txs:  make([]core.ShardTransaction, core.MaxTransactionsPerBlock+1),
			want: "create shard block on shard 1: 1025 transactions exceed MaxTransactionsPerBlock (1024)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sim.CreateShardBlock(ctx, 1, tt.txs)
			if err == nil || firstLine(err) != tt.want {
				t.Fatalf("CreateShardBlock error = %v\nwant %s", err, tt.want)
			}
			var txErr *core.TransactionError
			if !strings.Contains(tt.name, "too many") && !errors.As(err, &txErr) {
				t.Errorf("error is not a *core.TransactionError: %v", err)
			}
			if got := shardStates(t, sim, 1); !reflect.DeepEqual(got, before) {
				t.Errorf("states after a rejected block = %v, want unchanged %v", got, before)
			}
			if _, err := sim.GetShardBlock(1, 1); err == nil {
				t.Error("a rejected block was stored")
			}
		})
	}
	// The next accepted block still gets index 1.
	if got := createBlock(t, sim, 1, core.ShardTransaction{EEIndex: counter}); got != 1 {
		t.Errorf("block after rejections has index %d, want 1", got)
	}
}

func TestTransactionErrorKeepsPartialReceipt(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	probe := createEE(t, sim, "probe", core.Root{})
	_, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: probe, Data: testee.Probe{}.Op(testee.OpPrint32, 3).Op(testee.OpUnreachable)}})
	var txErr *core.TransactionError
	if !errors.As(err, &txErr) {
		t.Fatalf("error %v is not a *core.TransactionError", err)
	}
	if txErr.Position != 0 || txErr.EEIndex != probe || !reflect.DeepEqual(txErr.Receipt.Debug, []string{"print32: 3"}) {
		t.Errorf("TransactionError = %+v, want position 0, EE %d, debug [print32: 3]", txErr, probe)
	}
}

func TestMethodErrors(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	createEE(t, sim, "trivial", core.Root{})
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"CreateExecutionEnvironment with code over the limit", func() error {
			_, err := sim.CreateExecutionEnvironment(ctx, make([]byte, core.MaxWasmCodeSize+1), core.Root{})
			return err
		}, "create execution environment: wasm code of 262145 bytes exceeds MaxWasmCodeSize (262144 bytes)"},
		{"CreateExecutionEnvironment with a bad module", func() error {
			_, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("no_main"), core.Root{})
			return err
		}, "create execution environment: not an execution environment: it does not export a function named main"},
		{"CreateShardBlock on a shard that does not exist", func() error {
			_, err := sim.CreateShardBlock(ctx, 64, nil)
			return err
		}, "create shard block: shard 64 does not exist: ShardCount is 64"},
		{"GetExecutionEnvironment", func() error {
			_, err := sim.GetExecutionEnvironment(1)
			return err
		}, "get execution environment: no execution environment 1: 1 exist"},
		{"GetShardBlock on a shard that does not exist", func() error {
			_, err := sim.GetShardBlock(64, 0)
			return err
		}, "get shard block: shard 64 does not exist: ShardCount is 64"},
		{"GetShardBlock of a block that does not exist", func() error {
			_, err := sim.GetShardBlock(0, 0)
			return err
		}, "get shard block: shard 0 has no block 0: it has 0"},
		{"GetShardState", func() error {
			_, err := sim.GetShardState(100)
			return err
		}, "get shard state: shard 100 does not exist: ShardCount is 64"},
		{"GetExecutionEnvironmentState of an unknown EE", func() error {
			_, err := sim.GetExecutionEnvironmentState(5, 0)
			return err
		}, "get execution environment state: no execution environment 5: 1 exist"},
		{"GetExecutionEnvironmentState on a shard that does not exist", func() error {
			_, err := sim.GetExecutionEnvironmentState(0, 64)
			return err
		}, "get execution environment state: shard 64 does not exist: ShardCount is 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
	// None of the failures changed anything.
	if _, err := sim.GetExecutionEnvironment(1); err == nil {
		t.Error("a rejected EE was added")
	}
	if got := shardStates(t, sim, 0); len(got) != 1 {
		t.Errorf("shard 0 has %d states after rejected calls, want 1", len(got))
	}
}

func TestGettersReturnCopies(t *testing.T) {
	sim := newSimulation(t, wasmhost.Config{})
	counter := createEE(t, sim, "counter", core.Root{})
	data := []byte("abc")
	createBlock(t, sim, 0, core.ShardTransaction{EEIndex: counter, Data: data})
	data[0] = 'X' // the caller's slice is not the stored one

	ee, _ := sim.GetExecutionEnvironment(counter)
	ee.WasmCode[0] = 0xff
	state, _ := sim.GetShardState(0)
	state.ExecutionEnvironmentStates[0] = core.Root{0xff}
	record, _ := sim.GetShardBlock(0, 0)
	record.Block.Transactions[0].Data[1] = 'Y'
	record.Receipts[0].PostState = core.Root{0xff}

	ee, _ = sim.GetExecutionEnvironment(counter)
	record, _ = sim.GetShardBlock(0, 0)
	if !bytes.Equal(ee.WasmCode, testee.Wasm("counter")) {
		t.Error("changing a returned EE changed the simulation")
	}
	if got := shardStates(t, sim, 0)[0]; got != counterState(3) {
		t.Errorf("state = %v after changing a returned copy, want %v", got, counterState(3))
	}
	if got := string(record.Block.Transactions[0].Data); got != "abc" {
		t.Errorf("stored data = %q, want abc", got)
	}
	if record.Receipts[0].PostState != counterState(3) {
		t.Error("changing a returned receipt changed the simulation")
	}
}

func TestExecutionIsDeterministic(t *testing.T) {
	run := func() []core.Receipt {
		sim := newSimulation(t, wasmhost.Config{})
		probe := createEE(t, sim, "probe", core.Root{9})
		data := testee.Probe{}.Op(testee.OpLoadPreStateRoot, 0).Op(testee.OpMul256, 0, 0, 0).Op(testee.OpSavePostStateRoot, 0).Op(testee.OpEmitLog, 0, 32)
		createBlock(t, sim, 0, core.ShardTransaction{EEIndex: probe, Data: data}, core.ShardTransaction{EEIndex: probe, Data: data})
		record, _ := sim.GetShardBlock(0, 0)
		return record.Receipts
	}
	if first, second := run(), run(); !reflect.DeepEqual(first, second) {
		t.Errorf("two runs of the same block differ:\n%+v\n%+v", first, second)
	}
}

func TestTooManyExecutionEnvironments(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 65,536 EEs")
	}
	sim := newSimulation(t, wasmhost.Config{})
	code := testee.Wasm("trivial")
	for range core.MaxExecutionEnvironments {
		if _, err := sim.CreateExecutionEnvironment(ctx, code, core.Root{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := sim.CreateExecutionEnvironment(ctx, code, core.Root{})
	if want := "create execution environment: already 65536 execution environments, the limit MaxExecutionEnvironments"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

// firstLine is an error's message without a wasm stack trace.
func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}
