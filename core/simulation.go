package core

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Simulation holds a beacon state with its execution environments and 64
// shards, and the blocks accepted on each shard. Its methods are safe for
// concurrent use; blocks run one at a time.
type Simulation struct {
	engine Engine

	mu       sync.Mutex
	state    BeaconState
	programs []Program                      // programs[i] is the compiled code of EE i
	blocks   [ShardCount][]ShardBlockRecord // accepted blocks, per shard
	// history is the order of every change, which Operations needs: the
	// EEs and blocks alone do not say which came first.
	history []change
	// timeLimit is SetTimeLimit's; 0 means none.
	timeLimit time.Duration
}

// NewSimulation returns an empty simulation at slot 0 that runs EE code with
// engine.
func NewSimulation(engine Engine) *Simulation {
	s := &Simulation{engine: engine}
	s.state.ShardStates = make([]*ShardState, ShardCount)
	for i := range s.state.ShardStates {
		s.state.ShardStates[i] = &ShardState{ExecutionEnvironmentStates: []Root{}}
	}
	s.state.ExecutionEnvironments = []*ExecutionEnvironment{}
	return s
}

// CreateExecutionEnvironment compiles wasmCode and adds it as a new EE whose
// state on every shard starts as initialState. It returns the EE's index:
// 0 for the first, then 1, 2, ...
func (s *Simulation) CreateExecutionEnvironment(ctx context.Context, wasmCode []byte, initialState Root) (uint64, error) {
	if len(wasmCode) > MaxWasmCodeSize {
		return 0, fmt.Errorf("create execution environment: wasm code of %d bytes exceeds MaxWasmCodeSize (%d bytes)", len(wasmCode), MaxWasmCodeSize)
	}
	s.mu.Lock()
	engine, err := s.checkExecutionEnvironmentCount()
	s.mu.Unlock()
	if err != nil {
		return 0, err
	}
	code := slices.Clone(wasmCode)
	ctx, cancel := s.withTimeLimit(ctx, "creating the execution environment")
	defer cancel()
	// Compile without the lock, which reads would otherwise wait behind for
	// as long as compiling takes.
	program, err := engine.Compile(ctx, code)
	if err != nil {
		return 0, fmt.Errorf("create execution environment: %w", err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.checkExecutionEnvironmentCount(); err != nil {
		return 0, err
	}
	if s.engine != engine {
		// SetEngine ran meanwhile: compile for the engine the other EEs use.
		if program, err = s.engine.Compile(ctx, code); err != nil {
			return 0, fmt.Errorf("create execution environment: %w", err)
		}
	}

	index := uint64(len(s.state.ExecutionEnvironments))
	s.state.ExecutionEnvironments = append(s.state.ExecutionEnvironments, &ExecutionEnvironment{
		InitialState: initialState,
		WasmCode:     code,
	})
	s.programs = append(s.programs, program)
	for _, shard := range s.state.ShardStates {
		shard.ExecutionEnvironmentStates = append(shard.ExecutionEnvironmentStates, initialState)
	}
	s.history = append(s.history, change{shardIndex: noShard, index: index})
	return index, nil
}

// checkExecutionEnvironmentCount returns the engine, or an error if no more
// EEs may be added. s.mu must be held.
func (s *Simulation) checkExecutionEnvironmentCount() (Engine, error) {
	if len(s.state.ExecutionEnvironments) >= MaxExecutionEnvironments {
		return nil, fmt.Errorf("create execution environment: already %d execution environments, the limit MaxExecutionEnvironments", MaxExecutionEnvironments)
	}
	return s.engine, nil
}

// CreateShardBlock runs transactions in order on shard shardIndex, each on
// the state the previous ones left, and stores them as the shard's next
// block. It returns the block's index on that shard, counting from 0.
//
// A block is atomic: if any transaction fails, CreateShardBlock returns a
// *TransactionError and nothing changes. Every limit is checked before any
// transaction runs. Under a context from WithProgress, it reports each
// transaction before running it; under one from WithTracer or
// WithProfiler, it traces or profiles each; SetTimeLimit bounds its time.
func (s *Simulation) CreateShardBlock(ctx context.Context, shardIndex uint64, transactions []ShardTransaction) (uint64, error) {
	if shardIndex >= ShardCount {
		return 0, fmt.Errorf("create shard block: shard %d does not exist: ShardCount is %d", shardIndex, ShardCount)
	}
	if len(transactions) > MaxTransactionsPerBlock {
		return 0, fmt.Errorf("create shard block on shard %d: %d transactions exceed MaxTransactionsPerBlock (%d)", shardIndex, len(transactions), MaxTransactionsPerBlock)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	eeCount := uint64(len(s.programs))
	for i, tx := range transactions {
		if len(tx.Data) > MaxTransactionDataSize {
			return 0, blockError(shardIndex, i, tx.EEIndex, Receipt{}, fmt.Errorf("data of %d bytes exceeds MaxTransactionDataSize (%d bytes)", len(tx.Data), MaxTransactionDataSize))
		}
		if tx.EEIndex >= eeCount {
			return 0, blockError(shardIndex, i, tx.EEIndex, Receipt{}, fmt.Errorf("no such execution environment: %d exist", eeCount))
		}
	}

	// Run on a copy of the shard's states so that a failure changes nothing.
	shard := s.state.ShardStates[shardIndex]
	states := slices.Clone(shard.ExecutionEnvironmentStates)
	record := ShardBlockRecord{
		Block:    ShardBlock{Transactions: make([]*ShardTransaction, len(transactions))},
		Receipts: make([]Receipt, len(transactions)),
	}
	ctx, cancel := s.withTimeLimit(ctx, "the block")
	defer cancel()
	progress, tracer, profiler := progressFrom(ctx), tracerFrom(ctx), profilerFrom(ctx)
	for i, tx := range transactions {
		if progress != nil {
			progress(i, len(transactions))
		}
		receipt, err := execute(ctx, s.programs[tx.EEIndex], states[tx.EEIndex], tx.Data, tracer, profiler, i)
		if err != nil {
			return 0, blockError(shardIndex, i, tx.EEIndex, receipt, err)
		}
		states[tx.EEIndex] = receipt.PostState
		// Never nil, so that a stored block is the same however its
		// transactions arrived (Go, JSON, SSZ or replay).
		record.Block.Transactions[i] = &ShardTransaction{Data: append([]byte{}, tx.Data...), EEIndex: tx.EEIndex}
		record.Receipts[i] = receipt
	}

	shard.ExecutionEnvironmentStates = states
	s.blocks[shardIndex] = append(s.blocks[shardIndex], record)
	s.state.Slot++
	blockIndex := uint64(len(s.blocks[shardIndex]) - 1)
	s.history = append(s.history, change{shardIndex: int(shardIndex), index: blockIndex})
	return blockIndex, nil
}

// execute runs a transaction of program and, if profiler or else tracer is
// not nil and program can, profiles or traces it as transaction index of
// its block.
func execute(ctx context.Context, program Program, preState Root, data []byte, tracer Tracer, profiler Profiler, index int) (Receipt, error) {
	if profiled, ok := program.(ProfilingProgram); ok && profiler != nil {
		receipt, profile, err := profiled.ExecuteProfiled(ctx, preState, data)
		profiler(index, profile)
		return receipt, err
	}
	if traced, ok := program.(TracingProgram); ok && tracer != nil {
		receipt, trace, err := traced.ExecuteTraced(ctx, preState, data)
		tracer(index, trace)
		return receipt, err
	}
	return program.Execute(ctx, preState, data)
}

// blockError wraps err as the failure of transaction position in a block on
// shard shardIndex.
func blockError(shardIndex uint64, position int, eeIndex uint64, receipt Receipt, err error) error {
	return fmt.Errorf("create shard block on shard %d: %w", shardIndex, &TransactionError{
		Position: position,
		EEIndex:  eeIndex,
		Receipt:  receipt,
		Err:      err,
	})
}

// GetExecutionEnvironment returns a copy of EE eeIndex.
func (s *Simulation) GetExecutionEnvironment(eeIndex uint64) (ExecutionEnvironment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkEEIndex(eeIndex); err != nil {
		return ExecutionEnvironment{}, fmt.Errorf("get execution environment: %w", err)
	}
	ee := s.state.ExecutionEnvironments[eeIndex]
	return ExecutionEnvironment{InitialState: ee.InitialState, WasmCode: slices.Clone(ee.WasmCode)}, nil
}

// GetShardBlock returns a copy of block blockIndex on shard shardIndex, with
// its receipts.
func (s *Simulation) GetShardBlock(shardIndex, blockIndex uint64) (ShardBlockRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkShardIndex(shardIndex); err != nil {
		return ShardBlockRecord{}, fmt.Errorf("get shard block: %w", err)
	}
	blocks := s.blocks[shardIndex]
	if blockIndex >= uint64(len(blocks)) {
		return ShardBlockRecord{}, fmt.Errorf("get shard block: shard %d has no block %d: it has %d", shardIndex, blockIndex, len(blocks))
	}
	return blocks[blockIndex].clone(), nil
}

// GetShardState returns a copy of the state of shard shardIndex: every EE's
// state there, indexed by EE index.
func (s *Simulation) GetShardState(shardIndex uint64) (ShardState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkShardIndex(shardIndex); err != nil {
		return ShardState{}, fmt.Errorf("get shard state: %w", err)
	}
	states := s.state.ShardStates[shardIndex].ExecutionEnvironmentStates
	return ShardState{ExecutionEnvironmentStates: slices.Clone(states)}, nil
}

// GetExecutionEnvironmentState returns the state of EE eeIndex on shard
// shardIndex.
func (s *Simulation) GetExecutionEnvironmentState(eeIndex, shardIndex uint64) (Root, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkEEIndex(eeIndex); err != nil {
		return Root{}, fmt.Errorf("get execution environment state: %w", err)
	}
	if err := checkShardIndex(shardIndex); err != nil {
		return Root{}, fmt.Errorf("get execution environment state: %w", err)
	}
	return s.state.ShardStates[shardIndex].ExecutionEnvironmentStates[eeIndex], nil
}

// ShardBlockCount returns how many blocks shard shardIndex has.
func (s *Simulation) ShardBlockCount(shardIndex uint64) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkShardIndex(shardIndex); err != nil {
		return 0, fmt.Errorf("shard block count: %w", err)
	}
	return uint64(len(s.blocks[shardIndex])), nil
}

// Slot returns the slot of the next block: the number of blocks so far.
func (s *Simulation) Slot() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.Slot
}

// ExecutionEnvironmentCount returns how many EEs there are.
func (s *Simulation) ExecutionEnvironmentCount() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return uint64(len(s.state.ExecutionEnvironments))
}

// BeaconState returns a copy of the whole beacon state.
func (s *Simulation) BeaconState() BeaconState {
	s.mu.Lock()
	defer s.mu.Unlock()
	state := BeaconState{
		Slot:                  s.state.Slot,
		ShardStates:           make([]*ShardState, len(s.state.ShardStates)),
		ExecutionEnvironments: make([]*ExecutionEnvironment, len(s.state.ExecutionEnvironments)),
	}
	for i, shard := range s.state.ShardStates {
		state.ShardStates[i] = &ShardState{ExecutionEnvironmentStates: slices.Clone(shard.ExecutionEnvironmentStates)}
	}
	for i, ee := range s.state.ExecutionEnvironments {
		state.ExecutionEnvironments[i] = &ExecutionEnvironment{InitialState: ee.InitialState, WasmCode: slices.Clone(ee.WasmCode)}
	}
	return state
}

func (s *Simulation) checkEEIndex(eeIndex uint64) error {
	if count := uint64(len(s.state.ExecutionEnvironments)); eeIndex >= count {
		return fmt.Errorf("no execution environment %d: %d exist", eeIndex, count)
	}
	return nil
}

func checkShardIndex(shardIndex uint64) error {
	if shardIndex >= ShardCount {
		return fmt.Errorf("shard %d does not exist: ShardCount is %d", shardIndex, ShardCount)
	}
	return nil
}
