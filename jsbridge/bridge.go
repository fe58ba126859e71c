//go:build js && wasm

package jsbridge

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// Bridge serves one simulation to JavaScript. The simulation can be
// replaced whole (reset, import, restore); each gets fresh engines, so
// that the old ones' compiled modules are freed with them.
type Bridge struct {
	config  wasmhost.Config
	engines *engines
	sim     *core.Simulation
	// token is the Token panel's state provider, if one is attached. It
	// belongs to the simulation and goes when the simulation is replaced.
	token *token.Session
}

// New returns a Bridge with an empty simulation whose EEs run on wazero's
// interpreter, configured by config; config.Engine is ignored, since the
// page chooses the engine (setEngine).
func New(ctx context.Context, config wasmhost.Config) (*Bridge, error) {
	b := &Bridge{config: config}
	engines, err := startEngines(ctx, config, engineWazero)
	if err != nil {
		return nil, err
	}
	b.engines, b.sim = engines, core.NewSimulation(engines.engine)
	return b, nil
}

// Install sets target[name] to a function (method, params) that calls the
// method and returns {result: value} or {error: message}. It never throws:
// the worker passes the message on as the Error the page sees.
func (b *Bridge) Install(target js.Value, name string) {
	target.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 || args[0].Type() != js.TypeString {
			return errorResult(fmt.Errorf("%s: want (method, params)", name))
		}
		result, err := b.Call(context.Background(), args[0].String(), args[1])
		if err != nil {
			return errorResult(err)
		}
		return map[string]any{"result": result}
	}))
}

// Call calls method with params and returns its result as a JavaScript
// value.
func (b *Bridge) Call(ctx context.Context, method string, params js.Value) (js.Value, error) {
	m, ok := methods[method]
	if !ok {
		return js.Undefined(), fmt.Errorf("no method %q", method)
	}
	if params.Type() != js.TypeObject {
		return js.Undefined(), fmt.Errorf("%s: want an object of parameters, got %s", method, params.Type())
	}
	result, err := m(ctx, b, params)
	var bad *parameterError
	if errors.As(err, &bad) {
		return js.Undefined(), fmt.Errorf("%s: %w", method, err)
	}
	if err != nil {
		return js.Undefined(), err
	}
	return js.ValueOf(result), nil
}

// errorResult is {error: message}, with transaction: {index, eeIndex,
// receipt} when a block was rejected, so that the page can show what the
// failing transaction did (debug lines, above all) before it failed.
func errorResult(err error) map[string]any {
	result := map[string]any{"error": err.Error()}
	var txErr *core.TransactionError
	if errors.As(err, &txErr) {
		result["transaction"] = map[string]any{
			"index":   txErr.Position,
			"eeIndex": txErr.EEIndex,
			"receipt": receiptValue(txErr.Receipt),
		}
	}
	return result
}

// replace swaps in the simulation that build makes on fresh engines of
// the current kind; if build fails, nothing changes.
func (b *Bridge) replace(ctx context.Context, build func(core.Engine) (*core.Simulation, error)) error {
	engines, err := startEngines(ctx, b.config, b.engines.name)
	if err != nil {
		return err
	}
	sim, err := build(engines.engine)
	if err != nil {
		engines.close(ctx)
		return err
	}
	b.engines.close(ctx)
	b.engines, b.sim, b.token = engines, sim, nil
	return nil
}
