package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// maxWasmPages is the most memory a 32-bit WebAssembly module can have, in
// 64 KiB pages: 4 GiB.
const maxWasmPages = 65536

// engineFlags are the flags that configure the WebAssembly engine, shared
// by every command that runs EEs.
type engineFlags struct {
	kind           engineKindValue
	tickBudget     uint64
	maxMemoryPages uint
	timeout        time.Duration
}

// defaultTimeout is how long a block may run unless -timeout says.
const defaultTimeout = 10 * time.Second

// addEngineFlags defines -engine, -tick-budget, -max-memory-pages and
// -timeout on fs.
func addEngineFlags(fs *flag.FlagSet) *engineFlags {
	f := &engineFlags{kind: engineKindValue(wasmhost.DefaultEngineKind())}
	fs.Var(&f.kind, "engine", "wazero engine `kind`: compiler (fast) or interpreter (runs everywhere)")
	fs.Uint64Var(&f.tickBudget, "tick-budget", wasmhost.DefaultTickBudget, "how many `ticks` one transaction may use through eth2_useTicks")
	fs.UintVar(&f.maxMemoryPages, "max-memory-pages", wasmhost.DefaultMaxMemoryPages, "cap each EE instance's memory at `pages` of 64 KiB")
	fs.DurationVar(&f.timeout, "timeout", defaultTimeout, "stop and reject a block that runs longer than `duration` (e.g. 2s)")
	return f
}

// config returns the engine configuration the flags ask for, with
// libraries.
func (f *engineFlags) config(libraries []wasmhost.Library) (wasmhost.Config, error) {
	// wasmhost reads 0 as "the default", which would surprise someone who
	// asked for 0.
	if f.tickBudget == 0 {
		return wasmhost.Config{}, errors.New("-tick-budget must be at least 1")
	}
	if f.timeout <= 0 {
		return wasmhost.Config{}, fmt.Errorf("-timeout must be positive, got %s", f.timeout)
	}
	if f.maxMemoryPages == 0 || f.maxMemoryPages > maxWasmPages {
		return wasmhost.Config{}, fmt.Errorf("-max-memory-pages must be between 1 and %d, got %d", maxWasmPages, f.maxMemoryPages)
	}
	return wasmhost.Config{
		Engine:         wasmhost.EngineKind(f.kind),
		MaxMemoryPages: uint32(f.maxMemoryPages),
		TickBudget:     f.tickBudget,
		Libraries:      libraries,
	}, nil
}

// newSimulation returns an empty simulation on engine whose blocks stop
// after -timeout.
func (f *engineFlags) newSimulation(engine core.Engine) *core.Simulation {
	sim := core.NewSimulation(engine)
	sim.SetTimeLimit(f.timeout)
	return sim
}

// engineKindValue is the -engine flag: a wasmhost.EngineKind that only
// takes the kinds that run here.
type engineKindValue wasmhost.EngineKind

func (v *engineKindValue) String() string { return string(*v) }

func (v *engineKindValue) Set(s string) error {
	available := wasmhost.AvailableEngineKinds()
	names := make([]string, len(available))
	for i, kind := range available {
		names[i] = string(kind)
	}
	kind, err := wasmhost.ParseEngineKind(s)
	switch {
	case err != nil:
		return wasmhost.UnknownEngineError(s, names)
	case kind == wasmhost.Browser && !slices.Contains(available, kind):
		return fmt.Errorf("the browser engine runs only in the page, where Go runs as js/wasm: want %s", wasmhost.QuoteChoices(names))
	}
	*v = engineKindValue(kind)
	return nil
}

// closeBeforeExit closes engine as a command ends, without waiting for a
// compilation that the time limit stopped: the process ends it.
func closeBeforeExit(engine *wasmhost.Engine) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	engine.Close(ctx)
}
