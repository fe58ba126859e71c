//go:build js && wasm

package jsbridge

import (
	"context"
	"syscall/js"

	"github.com/eeplay/eeplay/internal/scout"
)

// parseScoutTest parses params.yaml, a Scout test file, with the checks and
// messages of `eeplay scout`. The page reads the wasm files it names and
// runs the test through the core's methods.
func parseScoutTest(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	text, err := stringParam(params, "yaml")
	if err != nil {
		return nil, err
	}
	test, err := scout.Parse([]byte(text))
	if err != nil {
		return nil, err
	}
	libraries := make([]any, len(test.Libraries))
	for i, lib := range test.Libraries {
		libraries[i] = map[string]any{"name": lib.Name, "file": lib.File}
	}
	blocks := make([]any, len(test.Blocks))
	for i, tx := range test.Blocks {
		blocks[i] = map[string]any{"eeIndex": tx.EEIndex, "data": uint8Array(tx.Data)}
	}
	var deposits any // null: deposits are not checked
	if test.CheckDeposits {
		encoded := make([]any, len(test.Deposits))
		for i, d := range test.Deposits {
			encoded[i] = uint8Array(d.Encode())
		}
		deposits = encoded
	}
	return map[string]any{
		"executionScripts": stringValues(test.ExecutionScripts),
		"libraries":        libraries,
		"preStates":        roots(test.PreStates),
		"blocks":           blocks,
		"postStates":       roots(test.PostStates),
		"deposits":         deposits,
	}, nil
}
