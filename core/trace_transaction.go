package core

import (
	"context"
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
	if err := checkShardIndex(shardIndex); err != nil {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: %w", err)
	}
	blocks := s.blocks[shardIndex]
	if blockIndex >= uint64(len(blocks)) {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: shard %d has no block %d: it has %d", shardIndex, blockIndex, len(blocks))
	}
	record := blocks[blockIndex]
	if txIndex >= uint64(len(record.Block.Transactions)) {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: block %d on shard %d has no transaction %d: it has %d", blockIndex, shardIndex, txIndex, len(record.Block.Transactions))
	}
	tx := record.Block.Transactions[txIndex]
	program, ok := s.programs[tx.EEIndex].(TracingProgram)
	if !ok {
		return Receipt{}, Trace{}, fmt.Errorf("trace transaction: the engine cannot trace")
	}
	ctx, cancel := s.withTimeLimit(ctx, "the transaction")
	defer cancel()
	receipt, trace, err := program.ExecuteTraced(ctx, record.Receipts[txIndex].PreState, tx.Data)
	if err != nil {
		return receipt, trace, fmt.Errorf("trace transaction %d of block %d on shard %d: %w", txIndex, blockIndex, shardIndex, err)
	}
	return receipt, trace, nil
}
