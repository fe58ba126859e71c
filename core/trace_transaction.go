package core

import (
	"context"
	"errors"
	"fmt"
)

// TraceTransaction runs transaction txIndex of block blockIndex on shard
// shardIndex again, on the pre-state its receipt records, and returns its
// receipt and Trace. Nothing changes: the run is on a scratch copy, and it
// is deterministic, so any stored transaction can be traced though it was
// not traced when it ran. SetTimeLimit bounds its time.
func (s *Simulation) TraceTransaction(ctx context.Context, shardIndex, blockIndex, txIndex uint64) (Receipt, Trace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, preState, err := s.storedTransaction(shardIndex, blockIndex, txIndex)
	if err != nil {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: %w", err)
	}
	program, ok := s.programs[tx.EEIndex].(TracingProgram)
	if !ok {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: the engine cannot trace")
	}
	ctx, cancel := s.withTimeLimit(ctx, "the transaction")
	defer cancel()
	receipt, trace, err := program.ExecuteTraced(ctx, preState, tx.Data)
	if err != nil {
		return receipt, trace, fmt.Errorf("trace transaction %d of block %d on shard %d: %w", txIndex, blockIndex, shardIndex, err)
	}
	return receipt, trace, nil
}

// ProfileTransaction runs transaction txIndex of block blockIndex on shard
// shardIndex again, as TraceTransaction does, and returns its receipt and
// Profile. An engine that cannot measure each function, the browser's,
// returns an error saying so.
func (s *Simulation) ProfileTransaction(ctx context.Context, shardIndex, blockIndex, txIndex uint64) (Receipt, Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, preState, err := s.storedTransaction(shardIndex, blockIndex, txIndex)
	if err != nil {
		return Receipt{}, Profile{}, fmt.Errorf("profile transaction: %w", err)
	}
	program, ok := s.programs[tx.EEIndex].(ProfilingProgram)
	if !ok {
		return Receipt{}, Profile{}, fmt.Errorf("profile transaction: %w", ErrCannotProfile)
	}
	ctx, cancel := s.withTimeLimit(ctx, "the transaction")
	defer cancel()
	receipt, profile, err := program.ExecuteProfiled(ctx, preState, tx.Data)
	if err != nil {
		return receipt, profile, fmt.Errorf("profile transaction %d of block %d on shard %d: %w", txIndex, blockIndex, shardIndex, err)
	}
	return receipt, profile, nil
}

// ErrCannotProfile is ProfileTransaction's error on an engine that gives
// no hook on each function's entry and exit.
var ErrCannotProfile = errors.New("the engine cannot measure each function: it gives no hook on a function's entry and exit; wazero's engines can")

// storedTransaction is transaction txIndex of block blockIndex on shard
// shardIndex and the pre-state its receipt records. s.mu is held.
func (s *Simulation) storedTransaction(shardIndex, blockIndex, txIndex uint64) (*ShardTransaction, Root, error) {
	if err := checkShardIndex(shardIndex); err != nil {
		return nil, Root{}, err
	}
	blocks := s.blocks[shardIndex]
	if blockIndex >= uint64(len(blocks)) {
		return nil, Root{}, fmt.Errorf("shard %d has no block %d: it has %d", shardIndex, blockIndex, len(blocks))
	}
	record := blocks[blockIndex]
	if txIndex >= uint64(len(record.Block.Transactions)) {
		return nil, Root{}, fmt.Errorf("block %d on shard %d has no transaction %d: it has %d", blockIndex, shardIndex, txIndex, len(record.Block.Transactions))
	}
	return record.Block.Transactions[txIndex], record.Receipts[txIndex].PreState, nil
}
