package scout

import (
	"context"
	"errors"
	"fmt"

	"github.com/eeplay/eeplay/core"
)

// RunOptions say where and how a test runs.
type RunOptions struct {
	// Shard is the shard the blocks run on; Scout's tests use shard 0.
	Shard uint64
	// OnBlock, if set, is called before Blocks[index] of total runs.
	OnBlock func(index, total int)
}

// Result is what a run of a test did (Test.Run).
type Result struct {
	// EEIndices[i] is the index the EE of ExecutionScripts[i] got.
	EEIndices []uint64
	// Blocks are the blocks of Test.Blocks that ran, in order; a rejected
	// one ends the run.
	Blocks []BlockResult
	// ActualStates are the states of the test's EEs on the shard after the
	// blocks, in the order of ExecutionScripts.
	ActualStates []core.Root
	// StateDifferences are how ActualStates differ from Test.PostStates
	// (DiffStates); empty when they match.
	StateDifferences []string
	// DepositDifferences are how the deposits pushed differ from
	// Test.Deposits (DiffDeposits); nil unless Test.CheckDeposits.
	DepositDifferences []string
}

// BlockResult is one block of a run: its receipts, or why it was rejected.
type BlockResult struct {
	// Index is the block's index on the shard; 0 when it was rejected.
	Index uint64
	// Receipts are the block's receipts; nil when it was rejected.
	Receipts []core.Receipt
	// Err is why the block was rejected, nil if it was not. A
	// transaction's failure is a *core.TransactionError.
	Err error
}

// Debug returns the lines the block's EE printed through debug_*: its
// receipts', or those of the transaction that failed, up to the failure.
func (b BlockResult) Debug() []string {
	var txErr *core.TransactionError
	if errors.As(b.Err, &txErr) {
		return txErr.Receipt.Debug
	}
	var debug []string
	for _, r := range b.Receipts {
		debug = append(debug, r.Debug...)
	}
	return debug
}

// Modules returns the child modules the block's EE loaded: its
// receipts', or those of the transaction that failed, up to the failure.
func (b BlockResult) Modules() []core.ChildModule {
	var txErr *core.TransactionError
	if errors.As(b.Err, &txErr) {
		return txErr.Receipt.Modules
	}
	var modules []core.ChildModule
	for _, r := range b.Receipts {
		modules = append(modules, r.Modules...)
	}
	return modules
}

// Rejected returns the index in Blocks of the block that was rejected,
// and false when none was.
func (r *Result) Rejected() (int, bool) {
	for i, b := range r.Blocks {
		if b.Err != nil {
			return i, true
		}
	}
	return 0, false
}

// Passed says whether the test passed: no block was rejected, and the
// states and deposits are as expected.
func (r *Result) Passed() bool {
	_, rejected := r.Rejected()
	return !rejected && len(r.StateDifferences) == 0 && len(r.DepositDifferences) == 0
}

// Run runs t on sim: it creates the EEs of ExecutionScripts, whose code
// scripts holds in order, then runs each of Blocks as a one-transaction
// block on opts.Shard until one is rejected, and judges the states and
// deposits they leave. sim is usually a fresh simulation, its EEs the
// test's; blocks name the test's EEs whatever indices they got. A
// rejected block ends the run but is no error: the Result says so. The
// error is for a test that cannot run: an EE the simulation refuses
// ("beacon_state.execution_scripts[1]: …"), or a failure to read sim.
func (t *Test) Run(ctx context.Context, sim *core.Simulation, scripts [][]byte, opts RunOptions) (*Result, error) {
	if len(scripts) != len(t.ExecutionScripts) {
		return nil, fmt.Errorf("run scout test: want the code of %d execution_scripts, got %d", len(t.ExecutionScripts), len(scripts))
	}
	r := &Result{}
	for i, code := range scripts {
		index, err := sim.CreateExecutionEnvironment(ctx, code, t.PreStates[i])
		if err != nil {
			return nil, fmt.Errorf("beacon_state.execution_scripts[%d]: %w", i, err)
		}
		r.EEIndices = append(r.EEIndices, index)
	}

	var pushed [][]byte
	var pushedBy []string
	for i, tx := range t.Blocks {
		if opts.OnBlock != nil {
			opts.OnBlock(i, len(t.Blocks))
		}
		// Parse checked that env names one of the test's EEs.
		tx.EEIndex = r.EEIndices[tx.EEIndex]
		blockIndex, err := sim.CreateShardBlock(ctx, opts.Shard, []core.ShardTransaction{tx})
		if err != nil {
			r.Blocks = append(r.Blocks, BlockResult{Err: err})
			break
		}
		record, err := sim.GetShardBlock(opts.Shard, blockIndex)
		if err != nil {
			return nil, err
		}
		r.Blocks = append(r.Blocks, BlockResult{Index: blockIndex, Receipts: record.Receipts})
		for _, receipt := range record.Receipts {
			for _, d := range receipt.Deposits {
				pushed = append(pushed, d)
				pushedBy = append(pushedBy, fmt.Sprintf("shard_blocks[%d]", i))
			}
		}
	}

	for _, index := range r.EEIndices {
		state, err := sim.GetExecutionEnvironmentState(index, opts.Shard)
		if err != nil {
			return nil, err
		}
		r.ActualStates = append(r.ActualStates, state)
	}
	r.StateDifferences = DiffStates(t.PostStates, r.ActualStates)
	if t.CheckDeposits {
		// Not nil when they match: nil says they were not checked.
		r.DepositDifferences = append([]string{}, DiffDeposits(t.Deposits, pushed, pushedBy)...)
	}
	return r, nil
}
