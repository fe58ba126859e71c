package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/wasmhost"
)

// scoutFailure is why a Scout test failed: summary for the FAIL line, and
// details for the lines below it.
type scoutFailure struct {
	summary string
	details []string
}

// runScoutTest runs t on a fresh engine configured by flags and a fresh
// simulation. It returns a failure when the test fails, and an error when
// t cannot run at all: the engine rejects a module or a library.
func runScoutTest(ctx context.Context, t *scoutTest, flags *engineFlags) (*scoutFailure, error) {
	// A fresh engine per test, because each test brings its own libraries.
	config, err := flags.config(t.libraries)
	if err != nil {
		return nil, err
	}
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		return nil, err
	}
	defer closeBeforeExit(engine)

	result, err := t.Run(ctx, flags.newSimulation(engine), t.scripts, scout.RunOptions{})
	if err != nil {
		return nil, err
	}
	if i, rejected := result.Rejected(); rejected {
		return rejectedBlock(i, t.Blocks[i], result.Blocks[i]), nil
	}
	stateDiffs, depositDiffs := result.StateDifferences, result.DepositDifferences
	details := slices.Concat(stateDiffs, depositDiffs)
	var summary string
	switch {
	case len(details) == 0:
		return nil, nil
	case len(details) == 1:
		// Fits on the FAIL line.
		return &scoutFailure{summary: details[0]}, nil
	case len(depositDiffs) == 0:
		summary = "shard_post_state differs"
	case len(stateDiffs) == 0:
		summary = "deposit_receipts differ"
	default:
		summary = "shard_post_state and deposit_receipts differ"
	}
	return &scoutFailure{summary: summary, details: details}, nil
}

// rejectedBlock describes the failure of shard_blocks[i], tx, with the
// EE's debug output up to the failure.
func rejectedBlock(i int, tx core.ShardTransaction, block scout.BlockResult) *scoutFailure {
	err := block.Err
	// Each block holds a single transaction, so the core's "transaction 0
	// (execution environment N)" adds nothing to the message.
	var txErr *core.TransactionError
	if errors.As(err, &txErr) {
		err = txErr.Err
	}
	f := &scoutFailure{summary: fmt.Sprintf("shard_blocks[%d] (env %d) was rejected: %v", i, tx.EEIndex, err)}
	for _, line := range block.Debug() {
		f.details = append(f.details, "debug: "+line)
	}
	return f
}
