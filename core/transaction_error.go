package core

import "fmt"

// TransactionError is why a shard block was rejected: the transaction at
// Position failed. Callers that show EE output use Receipt, which holds what
// the transaction did before it failed; it is zero when the transaction was
// rejected before it ran (an unknown EE, data over the limit).
type TransactionError struct {
	Position int
	EEIndex  uint64
	Receipt  Receipt
	Err      error
}

// Error names the transaction's position and EE, then the reason.
func (e *TransactionError) Error() string {
	return fmt.Sprintf("transaction %d (execution environment %d): %v", e.Position, e.EEIndex, e.Err)
}

// Unwrap returns the reason, so that errors.Is and errors.As see it.
func (e *TransactionError) Unwrap() error { return e.Err }
