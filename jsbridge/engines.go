//go:build js && wasm

package jsbridge

import (
	"context"
	"fmt"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// The engines the page can choose, by the names it uses.
const (
	// engineWazero is wazero's interpreter: the reference, and the default.
	engineWazero = "wazero"
	// engineBrowser runs EE code on the browser's own WebAssembly.
	engineBrowser = "browser"
	// engineCrossCheck runs every transaction on both and fails it if
	// they differ.
	engineCrossCheck = "cross-check"
)

// engineNames are the engines' names, in the order the page offers them.
var engineNames = []string{engineWazero, engineBrowser, engineCrossCheck}

// engines is what runs EEs under one of the names above.
type engines struct {
	name   string
	engine core.Engine
	// started are the wasmhost engines behind engine, closed with it.
	started []*wasmhost.Engine
}

// startEngines starts the engines that name needs, configured by config.
func startEngines(ctx context.Context, config wasmhost.Config, name string) (*engines, error) {
	var kinds []wasmhost.EngineKind
	switch name {
	case engineWazero:
		kinds = []wasmhost.EngineKind{wasmhost.Interpreter}
	case engineBrowser:
		kinds = []wasmhost.EngineKind{wasmhost.Browser}
	case engineCrossCheck:
		kinds = []wasmhost.EngineKind{wasmhost.Interpreter, wasmhost.Browser}
	default:
		return nil, wasmhost.UnknownEngineError(name, engineNames)
	}
	e := &engines{name: name}
	for _, kind := range kinds {
		config.Engine = kind
		started, err := wasmhost.New(ctx, config)
		if err != nil {
			e.close(ctx)
			return nil, fmt.Errorf("start engine: %w", err)
		}
		e.started = append(e.started, started)
	}
	e.engine = e.started[0]
	if name == engineCrossCheck {
		e.engine = wasmhost.CrossCheck{Reference: e.started[0], Candidate: e.started[1]}
	}
	return e, nil
}

func (e *engines) close(ctx context.Context) {
	for _, started := range e.started {
		started.Close(ctx)
	}
}
