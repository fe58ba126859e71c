//go:build js && wasm

package jsbridge

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
)

// method is one function of the bridge: it reads its parameters from
// params and returns what js.ValueOf accepts.
type method func(ctx context.Context, b *Bridge, params js.Value) (any, error)

// methods are the bridge's functions by name: the core's methods, as the
// page's eeplay object names them, and what the page needs besides.
var methods = map[string]method{
	"createExecutionEnvironment":   createExecutionEnvironment,
	"createShardBlock":             createShardBlock,
	"getExecutionEnvironment":      getExecutionEnvironment,
	"getShardBlock":                getShardBlock,
	"getShardState":                getShardState,
	"getExecutionEnvironmentState": getExecutionEnvironmentState,
	"getOverview":                  getOverview,
	"getBeaconStateSSZ":            getBeaconStateSSZ,
	"reset":                        reset,
	"exportSimulation":             exportSimulation,
	"importSimulation":             importSimulation,
	"restore":                      restore,
	"exportStoredOperations":       exportStoredOperations,
	"parseScoutTest":               parseScoutTest,
	"judgeScoutTest":               judgeScoutTest,
	"runScratchScoutTest":          runScratchScoutTest,
	"tokenGenesis":                 tokenGenesis,
	"tokenAttach":                  tokenAttach,
	"tokenStatus":                  tokenStatus,
	"tokenBuild":                   tokenBuild,
	"tokenDetach":                  tokenDetach,
	"setEngine":                    setEngine,
	"checkEngine":                  checkEngine,
	"limits":                       limits,
	"traceTransaction":             traceTransaction,
	"profileTransaction":           profileTransaction,
}

// createExecutionEnvironment returns {eeIndex, operation}: operation is the
// change as JSON (a core.Operation), for the page to record and replay.
func createExecutionEnvironment(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	code, err := bytesParam(params, "wasmCode", wasmCodeLimit)
	if err != nil {
		return nil, err
	}
	initial, err := rootParam(params, "initialState")
	if err != nil {
		return nil, err
	}
	index, err := b.sim.CreateExecutionEnvironment(ctx, code, initial)
	if err != nil {
		return nil, err
	}
	op := core.Operation{CreateExecutionEnvironment: &core.ExecutionEnvironment{InitialState: initial, WasmCode: code}}
	return withOperation("eeIndex", index, op)
}

// createShardBlock returns {blockIndex, operation}, as
// createExecutionEnvironment does. If params.onProgress is a function, it
// is called as onProgress(index, total) before transaction index runs (see
// throttledProgress).
func createShardBlock(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	shard, err := indexParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	// As the core would, but before the transactions are copied.
	if shard >= core.ShardCount {
		return nil, fmt.Errorf("create shard block: shard %d does not exist: ShardCount is %d", shard, core.ShardCount)
	}
	txs, err := transactionsParam(params, "transactions")
	if err != nil {
		return nil, err
	}
	if onProgress := params.Get("onProgress"); onProgress.Type() == js.TypeFunction {
		ctx = core.WithProgress(ctx, throttledProgress(onProgress))
	}
	index, err := b.sim.CreateShardBlock(ctx, shard, txs)
	if err != nil {
		return nil, err
	}
	op := core.Operation{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: shard, Transactions: txs}}
	return withOperation("blockIndex", index, op)
}

func withOperation(name string, index uint64, op core.Operation) (any, error) {
	encoded, err := op.MarshalJSON() // not json.Marshal, which scans the result again
	if err != nil {
		return nil, fmt.Errorf("record operation: %w", err)
	}
	return map[string]any{name: index, "operation": uint8Array(encoded)}, nil
}

func getExecutionEnvironment(_ context.Context, b *Bridge, params js.Value) (any, error) {
	index, err := indexParam(params, "eeIndex")
	if err != nil {
		return nil, err
	}
	ee, err := b.sim.GetExecutionEnvironment(index)
	if err != nil {
		return nil, err
	}
	return map[string]any{"wasmCode": uint8Array(ee.WasmCode), "initialState": ee.InitialState.String()}, nil
}

func getShardBlock(_ context.Context, b *Bridge, params js.Value) (any, error) {
	shard, err := indexParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	index, err := indexParam(params, "blockIndex")
	if err != nil {
		return nil, err
	}
	record, err := b.sim.GetShardBlock(shard, index)
	if err != nil {
		return nil, err
	}
	receipts := make([]any, len(record.Receipts))
	for i, r := range record.Receipts {
		receipts[i] = receiptValue(r)
	}
	return map[string]any{"transactions": transactionValues(record.Block.Transactions), "receipts": receipts}, nil
}

func getShardState(_ context.Context, b *Bridge, params js.Value) (any, error) {
	shard, err := indexParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	state, err := b.sim.GetShardState(shard)
	if err != nil {
		return nil, err
	}
	return map[string]any{"executionEnvironmentStates": roots(state.ExecutionEnvironmentStates)}, nil
}

func getExecutionEnvironmentState(_ context.Context, b *Bridge, params js.Value) (any, error) {
	ee, err := indexParam(params, "eeIndex")
	if err != nil {
		return nil, err
	}
	shard, err := indexParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	root, err := b.sim.GetExecutionEnvironmentState(ee, shard)
	if err != nil {
		return nil, err
	}
	return root.String(), nil
}

func getOverview(_ context.Context, b *Bridge, _ js.Value) (any, error) {
	counts := make([]any, core.ShardCount)
	for shard := range uint64(core.ShardCount) {
		n, err := b.sim.ShardBlockCount(shard)
		if err != nil {
			return nil, err
		}
		counts[shard] = n
	}
	return map[string]any{
		"slot":                      b.sim.Slot(),
		"executionEnvironmentCount": b.sim.ExecutionEnvironmentCount(),
		"blockCounts":               counts,
		"engine":                    b.engines.name,
	}, nil
}

func getBeaconStateSSZ(_ context.Context, b *Bridge, _ js.Value) (any, error) {
	state := b.sim.BeaconState()
	encoded, err := state.MarshalSSZ()
	if err != nil {
		return nil, fmt.Errorf("encode beacon state: %w", err)
	}
	return uint8Array(encoded), nil
}

func reset(ctx context.Context, b *Bridge, _ js.Value) (any, error) {
	return nil, b.replace(ctx, func(engine core.Engine) (*core.Simulation, error) {
		return core.NewSimulation(engine), nil
	})
}

// exportSimulation returns the simulation as a file that carries
// params.projects, the page's.
func exportSimulation(_ context.Context, b *Bridge, params js.Value) (any, error) {
	projects, err := projectsParam(params, "projects")
	if err != nil {
		return nil, err
	}
	file, err := core.MarshalSimulationFile(b.sim, projects)
	if err != nil {
		return nil, err
	}
	return uint8Array(file), nil
}

// importSimulation replaces the simulation with the one in params.file and
// returns its operations, each as JSON, and its projects (none before
// version 3), for the page to record.
func importSimulation(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	// A file holds any number of operations: no limit of the core's
	// applies to it as a whole.
	file, err := bytesParam(params, "file", noLimit)
	if err != nil {
		return nil, err
	}
	var projects []core.Project
	err = b.replace(ctx, func(engine core.Engine) (sim *core.Simulation, err error) {
		sim, projects, err = core.ReadSimulationFile(ctx, engine, file)
		return sim, err
	})
	if err != nil {
		return nil, err
	}
	ops := b.sim.Operations()
	encoded := make([]any, len(ops))
	for i, op := range ops {
		b, err := json.Marshal(op)
		if err != nil {
			return nil, fmt.Errorf("record operation %d: %w", i, err)
		}
		encoded[i] = uint8Array(b)
	}
	return map[string]any{"operations": encoded, "projects": projectValues(projects)}, nil
}

// restore replaces the simulation with one rebuilt from params.operations,
// the operations the page recorded, each as JSON.
func restore(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	stored, err := byteStringsParam(params, "operations")
	if err != nil {
		return nil, err
	}
	ops := make([]core.Operation, len(stored))
	for i, encoded := range stored {
		if err := json.Unmarshal(encoded, &ops[i]); err != nil {
			return nil, badParameter("operations[%d]: %w", i, err)
		}
	}
	return nil, b.replace(ctx, func(engine core.Engine) (*core.Simulation, error) {
		return core.Replay(ctx, engine, ops)
	})
}

// exportStoredOperations returns the simulation file of params.operations,
// the operations the page recorded, each as JSON, and params.projects, the
// page's projects (core.MarshalStoredOperations). It replays none of them and leaves the
// simulation alone: it is the way out when they cannot be replayed.
func exportStoredOperations(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	stored, err := byteStringsParam(params, "operations")
	if err != nil {
		return nil, err
	}
	projects, err := projectsParam(params, "projects")
	if err != nil {
		return nil, err
	}
	file, err := core.MarshalStoredOperations(stored, projects)
	if err != nil {
		return nil, err
	}
	return uint8Array(file), nil
}
