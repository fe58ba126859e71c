package wasmhost

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/eeplay/eeplay/core"
)

// profiler measures a transaction's functions for a core.Profile: the
// function listeners of a program compiled to be profiled (profileListeners)
// tell it each call's entry and exit.
type profiler struct {
	stack     []profileFrame
	functions map[string]*core.FunctionProfile
}

// profileFrame is a call under way.
type profileFrame struct {
	name                   string
	start                  time.Time
	ticks                  uint64 // the transaction's count on entry
	childNanos, childTicks uint64
}

func newProfiler() *profiler {
	return &profiler{functions: map[string]*core.FunctionProfile{}}
}

func (p *profiler) enter(name string, ticks uint64) {
	p.stack = append(p.stack, profileFrame{name: name, start: time.Now(), ticks: ticks})
}

// leave ends the innermost call; ticks is the transaction's count.
func (p *profiler) leave(ticks uint64) {
	if len(p.stack) == 0 {
		return // wazero pairs each entry with an exit; this is a guard
	}
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	nanos, charged := uint64(time.Since(f.start).Nanoseconds()), ticks-f.ticks
	fp := p.functions[f.name]
	if fp == nil {
		fp = &core.FunctionProfile{Name: f.name}
		p.functions[f.name] = fp
	}
	fp.Calls++
	fp.TotalNanos += nanos
	fp.TotalTicks += charged
	fp.SelfNanos += nanos - min(nanos, f.childNanos)
	fp.SelfTicks += charged - f.childTicks
	if len(p.stack) > 0 {
		parent := &p.stack[len(p.stack)-1]
		parent.childNanos += nanos
		parent.childTicks += charged
	}
}

// profile is what p measured on the engine kind, most self time first.
func (p *profiler) profile(kind EngineKind) core.Profile {
	functions := make([]core.FunctionProfile, 0, len(p.functions))
	for _, fp := range p.functions {
		functions = append(functions, *fp)
	}
	slices.SortFunc(functions, func(a, b core.FunctionProfile) int {
		return cmp.Or(cmp.Compare(b.SelfNanos, a.SelfNanos), cmp.Compare(a.Name, b.Name))
	})
	return core.Profile{
		Measure:   fmt.Sprintf("wall-clock time on wazero's %s, each call's measuring included; a recursive function's total counts each frame", kind),
		Functions: functions,
	}
}

// profileListeners is a function listener factory that tells each call of
// a module's functions to its transaction's profiler. wazero asks it for
// no imported function: time in host functions counts as their caller's.
type profileListeners struct{}

// NewFunctionListener implements experimental.FunctionListenerFactory.
func (profileListeners) NewFunctionListener(def api.FunctionDefinition) experimental.FunctionListener {
	if def.Name() != "" {
		return profileListener(def.Name())
	}
	return profileListener(fmt.Sprintf("$%d", def.Index()))
}

// profileListener reports the calls of the function it names.
type profileListener string

// Before implements experimental.FunctionListener.
func (l profileListener) Before(ctx context.Context, _ api.Module, _ api.FunctionDefinition, _ []uint64, _ experimental.StackIterator) {
	if tx := transactionFrom(ctx); tx != nil && tx.profile != nil {
		tx.profile.enter(string(l), tx.ticksUsed)
	}
}

// After implements experimental.FunctionListener.
func (l profileListener) After(ctx context.Context, _ api.Module, _ api.FunctionDefinition, _ []uint64) {
	if tx := transactionFrom(ctx); tx != nil && tx.profile != nil {
		tx.profile.leave(tx.ticksUsed)
	}
}

// Abort implements experimental.FunctionListener: a trap ends each call it
// unwinds.
func (l profileListener) Abort(ctx context.Context, _ api.Module, _ api.FunctionDefinition, _ error) {
	l.After(ctx, nil, nil, nil)
}
