package wasmhost

import (
	"context"

	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// maxStackBytes bounds the call stack of a transaction on wazero's
// interpreter by its size, counting each frame at the most its function's
// parameters, locals and pushed values can take (moduleScan.frameSlots).
// The interpreter's own limit is a depth of 2,000 frames whatever their
// size, which with large frames would take gigabytes. The compiler bounds
// its stack itself (see docs/host-functions.md), and the browser engine
// has V8's.
const maxStackBytes = 32 << 20

// stackOverflowError is a call that would take the stack past
// maxStackBytes.
type stackOverflowError struct{}

func (stackOverflowError) Error() string { return "stack overflow" }

// stackLimit is a function listener factory that charges each call of a
// module's functions against its transaction's maxStackBytes.
type stackLimit struct {
	importedFunctions uint32
	frameSlots        []uint64
}

// NewFunctionListener implements experimental.FunctionListenerFactory.
func (l stackLimit) NewFunctionListener(def api.FunctionDefinition) experimental.FunctionListener {
	if _, _, imported := def.Import(); imported {
		return nil
	}
	i := def.Index() - l.importedFunctions
	if i >= uint32(len(l.frameSlots)) {
		return nil
	}
	return frameListener(l.frameSlots[i] * 8)
}

// frameListener charges a function's frame, of that many bytes.
type frameListener uint64

// Before implements experimental.FunctionListener.
func (f frameListener) Before(ctx context.Context, _ api.Module, _ api.FunctionDefinition, _ []uint64, _ experimental.StackIterator) {
	tx := transactionFrom(ctx)
	if tx == nil {
		return
	}
	if tx.stackBytes += uint64(f); tx.stackBytes > maxStackBytes {
		panic(stackOverflowError{}) // wazero unwinds, adding the wasm stack trace
	}
}

// After implements experimental.FunctionListener.
func (f frameListener) After(ctx context.Context, _ api.Module, _ api.FunctionDefinition, _ []uint64) {
	if tx := transactionFrom(ctx); tx != nil {
		tx.stackBytes -= uint64(f)
	}
}

// Abort implements experimental.FunctionListener: a trap ends the
// transaction, and its stack with it.
func (frameListener) Abort(context.Context, api.Module, api.FunctionDefinition, error) {}
