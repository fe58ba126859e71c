//go:build js && wasm

package jsbridge

import (
	"context"
	"fmt"
	"slices"
	"syscall/js"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// setEngine switches the engine to params.engine: "wazero", "browser" or
// "cross-check". Every EE is compiled again, and the token panel's, if one
// is attached; no block runs again. It returns {engine}.
func setEngine(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	name, err := stringParam(params, "engine")
	if err != nil {
		return nil, err
	}
	engines, err := startEngines(ctx, b.config, name)
	if err != nil {
		return nil, fmt.Errorf("setEngine: %w", err)
	}
	var tokenProgram core.Program
	if b.token != nil {
		ee, err := b.sim.GetExecutionEnvironment(b.token.EEIndex())
		if err == nil {
			tokenProgram, err = engines.engine.Compile(ctx, ee.WasmCode)
		}
		if err != nil {
			engines.close(ctx)
			return nil, fmt.Errorf("setEngine: token EE: %w", err)
		}
	}
	if err := b.sim.SetEngine(ctx, engines.engine); err != nil {
		engines.close(ctx)
		return nil, fmt.Errorf("setEngine: %w", err)
	}
	if b.token != nil {
		b.token.SetProgram(tokenProgram)
	}
	b.engines.close(ctx)
	b.engines = engines
	return map[string]any{"engine": name}, nil
}

// checkEngine says whether params.engine names an engine: {engine} when it
// does, else {unknown}, the message every layer gives for a name that is
// none (wasmhost.UnknownEngineError), for the page to show where the name
// came from. It changes nothing.
func checkEngine(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	name, err := stringParam(params, "engine")
	if err != nil {
		return nil, err
	}
	if !slices.Contains(engineNames, name) {
		return map[string]any{"unknown": wasmhost.UnknownEngineError(name, engineNames).Error()}, nil
	}
	return map[string]any{"engine": name}, nil
}

// progressInterval is how often a block reports progress at most: often
// enough for a live count, rarely enough to cost nothing.
const progressInterval = 50 * time.Millisecond

// throttledProgress calls onProgress(index, total) for a block's first
// transaction, and then for the next one to start once progressInterval
// has passed since the last call.
func throttledProgress(onProgress js.Value) core.Progress {
	var last time.Time
	return func(index, total int) {
		if now := time.Now(); index == 0 || now.Sub(last) >= progressInterval {
			last = now
			onProgress.Invoke(index, total)
		}
	}
}
