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
	// tree is the call tree so far; nodes finds a caller's node for a name.
	tree  []core.ProfileNode
	nodes map[profileEdge]int
	cut   bool
}

// profileEdge is a function called from a node of the tree (-1: the host).
type profileEdge struct {
	caller int
	name   string
}

// profileFrame is a call under way.
type profileFrame struct {
	name  string
	start time.Time
	ticks uint64 // the transaction's count on entry
	// node is the frame's node in the tree, or -1 past MaxProfileNodes:
	// then its time stays in its caller's node.
	node                   int
	childNanos, childTicks uint64
	// nodeChildNanos and nodeChildTicks are what callees that have a
	// node of their own took.
	nodeChildNanos, nodeChildTicks uint64
}

func newProfiler() *profiler {
	return &profiler{functions: map[string]*core.FunctionProfile{}, nodes: map[profileEdge]int{}}
}

func (p *profiler) enter(name string, ticks uint64) {
	p.stack = append(p.stack, profileFrame{name: name, start: time.Now(), ticks: ticks, node: p.node(name)})
}

// node is the tree's node for name called by the innermost frame, made if
// the bound allows, or -1.
func (p *profiler) node(name string) int {
	caller := -1
	if len(p.stack) > 0 {
		caller = p.stack[len(p.stack)-1].node
		if caller < 0 {
			return -1 // under a cut node, everything stays in the caller
		}
	}
	edge := profileEdge{caller, name}
	if n, ok := p.nodes[edge]; ok {
		return n
	}
	if len(p.tree) >= core.MaxProfileNodes {
		p.cut = true
		return -1
	}
	p.nodes[edge] = len(p.tree)
	p.tree = append(p.tree, core.ProfileNode{Name: name, Caller: caller})
	return len(p.tree) - 1
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
	if f.node >= 0 {
		n := &p.tree[f.node]
		n.Calls++
		n.TotalNanos += nanos
		n.TotalTicks += charged
		n.SelfNanos += nanos - min(nanos, f.nodeChildNanos)
		n.SelfTicks += charged - f.nodeChildTicks
	}
	if len(p.stack) > 0 {
		caller := &p.stack[len(p.stack)-1]
		caller.childNanos += nanos
		caller.childTicks += charged
		if f.node >= 0 {
			caller.nodeChildNanos += nanos
			caller.nodeChildTicks += charged
		}
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
	profile := core.Profile{
		Measure:   fmt.Sprintf("wall-clock time on wazero's %s, each call's measuring included; a recursive function's total counts each frame%s", kind, clockNote),
		Functions: functions,
		Tree:      p.tree,
	}
	if profile.Tree == nil {
		profile.Tree = []core.ProfileNode{}
	}
	if p.cut {
		profile.Cut = fmt.Sprintf("the call tree reached MaxProfileNodes (%d stacks): deeper calls count in their callers' nodes; the function table is complete", core.MaxProfileNodes)
	}
	return profile
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
