//go:build js && wasm

package jsbridge

import (
	"context"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
)

// limits returns the numbers and names the page's forms are bound by, so
// that the page repeats none of them: {shardCount, engines, maxTransfers,
// maxGenesisAccounts}.
func limits(context.Context, *Bridge, js.Value) (any, error) {
	return map[string]any{
		"shardCount":         core.ShardCount,
		"engines":            stringValues(engineNames),
		"maxTransfers":       token.MaxTransfers,
		"maxGenesisAccounts": token.MaxRandomAccounts,
	}, nil
}
