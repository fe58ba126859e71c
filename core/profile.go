package core

import "context"

// MaxProfileNodes bounds a Profile's call tree. A deep recursion makes a
// node per level; past the bound, a new stack's time and ticks count in
// its caller's node, and Profile.Cut says so. The function table is
// complete whatever the bound.
const MaxProfileNodes = 10_000

// Profile is where one transaction spent its time and ticks, function by
// function.
type Profile struct {
	// Measure says what the times measure, on which engine.
	Measure string `json:"measure"`
	// Functions are the EE's functions that ran, most self time first.
	// Time in host functions counts as their caller's.
	Functions []FunctionProfile `json:"functions"`
	// Tree is the call tree, a node per stack of calls, each after its
	// caller: a flame graph draws it.
	Tree []ProfileNode `json:"tree"`
	// Cut says why the tree stops short of the deepest stacks, when it
	// does: it reached MaxProfileNodes.
	Cut string `json:"cut,omitempty"`
}

// ProfileNode is the calls of one function from one stack of callers.
type ProfileNode struct {
	Name string `json:"name"`
	// Caller is the index in Profile.Tree of the node that called this
	// one, or -1 for a call the host made (main, a start function).
	Caller     int    `json:"caller"`
	Calls      uint64 `json:"calls"`
	SelfNanos  uint64 `json:"self_nanos"`
	TotalNanos uint64 `json:"total_nanos"`
	SelfTicks  uint64 `json:"self_ticks"`
	TotalTicks uint64 `json:"total_ticks"`
}

// FunctionProfile is one function of a Profile. Total counts the function
// and what it called; self, the function alone.
type FunctionProfile struct {
	// Name is the function's name in stack traces: as the name section or
	// an export names it.
	Name       string `json:"name"`
	Calls      uint64 `json:"calls"`
	SelfNanos  uint64 `json:"self_nanos"`
	TotalNanos uint64 `json:"total_nanos"`
	// SelfTicks and TotalTicks are the ticks charged through
	// eth2_useTicks while the function ran.
	SelfTicks  uint64 `json:"self_ticks"`
	TotalTicks uint64 `json:"total_ticks"`
}

// A ProfilingProgram is a Program that can also profile a transaction.
// wasmhost's programs on wazero are.
type ProfilingProgram interface {
	Program
	// ExecuteProfiled is Execute, also returning the transaction's
	// Profile.
	ExecuteProfiled(ctx context.Context, preState Root, data []byte) (Receipt, Profile, error)
}

// Profiler is told the profile of transaction index (from 0) of a block
// once it has run, failed or not.
type Profiler func(index int, profile Profile)

type profilerKey struct{}

// WithProfiler returns a context under which CreateShardBlock profiles
// each transaction and gives the profile to profiler. It takes the place
// of a tracer: a transaction is traced or profiled, not both.
func WithProfiler(ctx context.Context, profiler Profiler) context.Context {
	return context.WithValue(ctx, profilerKey{}, profiler)
}

func profilerFrom(ctx context.Context) Profiler {
	profiler, _ := ctx.Value(profilerKey{}).(Profiler)
	return profiler
}
