package wasmhost

import (
	"context"
	"fmt"

	"github.com/eeplay/eeplay/core"
)

// transaction is what the host functions see of the transaction they serve.
type transaction struct {
	preState  core.Root
	postState core.Root // starts as preState: an EE that saves nothing keeps its state
	data      []byte

	ticksUsed  uint64
	tickBudget uint64

	deposits []core.HexBytes
	logs     []core.HexBytes
	debug    []string

	receiptBytes    int
	maxReceiptBytes int

	buffer   bufferFrames
	children childModules

	// trace records the host calls, if the transaction is traced.
	trace *hostTrace
	// profile measures the functions, if the transaction is profiled.
	profile *profiler

	// stackBytes is what the frames on the interpreter's call stack take,
	// as stackLimit counts them.
	stackBytes uint64
}

func newTransaction(preState core.Root, data []byte, config Config) *transaction {
	return &transaction{
		preState:        preState,
		postState:       preState,
		data:            data,
		tickBudget:      config.TickBudget,
		maxReceiptBytes: config.MaxReceiptBytes,
		buffer:          bufferFrames{maxEntries: config.MaxBufferEntries},
		children:        childModules{maxModules: config.MaxChildModules, maxDepth: config.MaxCallDepth},
		// Empty, not nil, so that JSON shows [] rather than null.
		deposits: []core.HexBytes{},
		logs:     []core.HexBytes{},
		debug:    []string{},
	}
}

// useTicks charges ticks against the budget.
func (tx *transaction) useTicks(ticks uint64) error {
	if ticks > tx.tickBudget-tx.ticksUsed {
		return fmt.Errorf("tick budget exhausted: %d of %d ticks used, %d more requested", tx.ticksUsed, tx.tickBudget, ticks)
	}
	tx.ticksUsed += ticks
	return nil
}

// chargeReceipt accounts for an entry of n bytes added to the receipt.
func (tx *transaction) chargeReceipt(n int) error {
	const entryOverhead = 4 // as an SSZ offset would take
	if tx.receiptBytes+n+entryOverhead > tx.maxReceiptBytes {
		return fmt.Errorf("receipt limit exceeded: deposits, logs and debug output would take more than %d bytes (MaxReceiptBytes)", tx.maxReceiptBytes)
	}
	tx.receiptBytes += n + entryOverhead
	return nil
}

func (tx *transaction) addDebug(line string) error {
	if err := tx.chargeReceipt(len(line)); err != nil {
		return err
	}
	tx.debug = append(tx.debug, line)
	return nil
}

func (tx *transaction) receipt() core.Receipt {
	return core.Receipt{
		PreState:  tx.preState,
		PostState: tx.postState,
		Ticks:     tx.ticksUsed,
		Deposits:  tx.deposits,
		Logs:      tx.logs,
		Debug:     tx.debug,
		Modules:   tx.children.usage(),
	}
}

type transactionKey struct{}

func withTransaction(ctx context.Context, tx *transaction) context.Context {
	return context.WithValue(ctx, transactionKey{}, tx)
}

func transactionFrom(ctx context.Context) *transaction {
	tx, _ := ctx.Value(transactionKey{}).(*transaction)
	return tx
}
