package core

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Operation is one recorded change to a Simulation; exactly one field is
// set. Applying a simulation's Operations in order to a new Simulation
// rebuilds it: EE code is deterministic, so the same changes give the same
// states and receipts.
type Operation struct {
	CreateExecutionEnvironment *ExecutionEnvironment `json:"create_execution_environment,omitempty"`
	CreateShardBlock           *ShardBlockOperation  `json:"create_shard_block,omitempty"`
}

// ShardBlockOperation is a CreateShardBlock call: the shard and the
// transactions.
type ShardBlockOperation struct {
	ShardIndex   uint64             `json:"shard_index"`
	Transactions []ShardTransaction `json:"transactions"`
}

// change locates one change in a Simulation: EE index, when shardIndex is
// noShard, else block index on that shard.
type change struct {
	shardIndex int
	index      uint64
}

// noShard marks a change that created an EE.
const noShard = -1

// Operations returns every change made to s, in order, as copies.
func (s *Simulation) Operations() []Operation {
	return s.OperationsFrom(0)
}

// OperationsFrom returns the changes made to s from the nth on (the first
// is 0), in order, as copies: none when n is past the last. It costs in
// proportion to those changes, not to s's history, so that a journal can
// append each change as it is made.
func (s *Simulation) OperationsFrom(n int) []Operation {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 0 {
		n = 0
	}
	if n > len(s.history) {
		n = len(s.history)
	}
	ops := make([]Operation, len(s.history)-n)
	for i, c := range s.history[n:] {
		if c.shardIndex == noShard {
			ee := s.state.ExecutionEnvironments[c.index]
			ops[i].CreateExecutionEnvironment = &ExecutionEnvironment{InitialState: ee.InitialState, WasmCode: slices.Clone(ee.WasmCode)}
			continue
		}
		block := s.blocks[c.shardIndex][c.index].Block
		op := &ShardBlockOperation{ShardIndex: uint64(c.shardIndex), Transactions: make([]ShardTransaction, len(block.Transactions))}
		for j, tx := range block.Transactions {
			op.Transactions[j] = ShardTransaction{Data: slices.Clone(tx.Data), EEIndex: tx.EEIndex}
		}
		ops[i].CreateShardBlock = op
	}
	return ops
}

// Apply makes the change op records: it creates the EE or the block.
func (s *Simulation) Apply(ctx context.Context, op Operation) error {
	switch {
	case op.CreateExecutionEnvironment != nil && op.CreateShardBlock != nil:
		return errors.New("operation sets both create_execution_environment and create_shard_block")
	case op.CreateExecutionEnvironment != nil:
		ee := op.CreateExecutionEnvironment
		_, err := s.CreateExecutionEnvironment(ctx, ee.WasmCode, ee.InitialState)
		return err
	case op.CreateShardBlock != nil:
		_, err := s.CreateShardBlock(ctx, op.CreateShardBlock.ShardIndex, op.CreateShardBlock.Transactions)
		return err
	}
	return errors.New("operation sets neither create_execution_environment nor create_shard_block")
}

// Replay returns a new Simulation on engine with ops applied in order. It
// fails at the first operation that fails, naming it.
func Replay(ctx context.Context, engine Engine, ops []Operation) (*Simulation, error) {
	s := NewSimulation(engine)
	if err := s.Restore(ctx, ops); err != nil {
		return nil, err
	}
	return s, nil
}

// Restore replaces everything in s with the simulation that ops rebuild,
// applied in order on s's engine, each under s's time limit (SetTimeLimit):
// a state file's EE whose start function never ends, or its block that
// spins, fails the restore as it would fail a new change. It fails at the
// first operation that fails, naming it, and then s is as it was.
func (s *Simulation) Restore(ctx context.Context, ops []Operation) error {
	s.mu.Lock()
	rebuilt := NewSimulation(s.engine)
	rebuilt.timeLimit = s.timeLimit
	s.mu.Unlock()
	for i, op := range ops {
		if err := rebuilt.Apply(ctx, op); err != nil {
			return fmt.Errorf("replay operation %d: %w", i, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state, s.programs, s.blocks, s.history = rebuilt.state, rebuilt.programs, rebuilt.blocks, rebuilt.history
	return nil
}
