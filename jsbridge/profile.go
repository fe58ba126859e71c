//go:build js && wasm

package jsbridge

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"syscall/js"
	"time"

	"github.com/eeplay/eeplay/core"
)

// The page's clock steps by 0.1 ms (see wasmhost's clockNote), longer
// than most calls take; a profile is the mean of runs of the transaction,
// as many as fit profileBudget, at most maxProfileRuns.
const (
	profileBudget  = 300 * time.Millisecond
	maxProfileRuns = 200
)

// profileTransaction returns {receipt, profile}: the transaction at
// params' position run again, as traceTransaction does, with the time and
// ticks of each of its functions (core.Simulation.ProfileTransaction).
// Times are means over repeated runs; calls and ticks are the same in
// every run. Nothing changes. On the browser engine it fails, saying why.
func profileTransaction(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	shard, block, tx, err := transactionPosition(params)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	receipt, profile, err := b.sim.ProfileTransaction(ctx, shard, block, tx)
	if err != nil {
		return nil, err
	}
	runs := []core.Profile{profile}
	for len(runs) < maxProfileRuns && time.Since(start) < profileBudget {
		_, again, err := b.sim.ProfileTransaction(ctx, shard, block, tx)
		if err != nil {
			return nil, err
		}
		runs = append(runs, again)
	}
	return map[string]any{"receipt": receiptValue(receipt), "profile": profileValue(meanProfile(runs))}, nil
}

// meanProfile is the first of runs with each time the mean over runs. The
// runs of one transaction make the same calls in the same order, so their
// functions and nodes match one for one (the names of functions, which
// are sorted by time, are looked up).
func meanProfile(runs []core.Profile) core.Profile {
	first := runs[0]
	if len(runs) == 1 {
		return first
	}
	mean := core.Profile{
		Measure:   fmt.Sprintf("mean of %d runs: %s", len(runs), first.Measure),
		Functions: slices.Clone(first.Functions),
		Tree:      slices.Clone(first.Tree),
		Cut:       first.Cut,
	}
	n := uint64(len(runs))
	byName := map[string]*core.FunctionProfile{}
	for i := range mean.Functions {
		f := &mean.Functions[i]
		f.SelfNanos, f.TotalNanos = 0, 0
		byName[f.Name] = f
	}
	for i := range mean.Tree {
		mean.Tree[i].SelfNanos, mean.Tree[i].TotalNanos = 0, 0
	}
	for _, run := range runs {
		for _, f := range run.Functions {
			if m := byName[f.Name]; m != nil {
				m.SelfNanos += f.SelfNanos
				m.TotalNanos += f.TotalNanos
			}
		}
		for i, node := range run.Tree {
			if i < len(mean.Tree) {
				mean.Tree[i].SelfNanos += node.SelfNanos
				mean.Tree[i].TotalNanos += node.TotalNanos
			}
		}
	}
	for _, f := range byName {
		f.SelfNanos /= n
		f.TotalNanos /= n
	}
	for i := range mean.Tree {
		mean.Tree[i].SelfNanos /= n
		mean.Tree[i].TotalNanos /= n
	}
	slices.SortFunc(mean.Functions, func(a, b core.FunctionProfile) int {
		return cmp.Or(cmp.Compare(b.SelfNanos, a.SelfNanos), cmp.Compare(a.Name, b.Name))
	})
	return mean
}

// profileValue is profile as {measure, functions, tree, cut?}, with the
// names and units of core.Profile in camelCase; nanoseconds and ticks fit
// a JavaScript number (2^53 ns is over 100 days).
func profileValue(profile core.Profile) map[string]any {
	functions := make([]any, len(profile.Functions))
	for i, f := range profile.Functions {
		functions[i] = map[string]any{
			"name": f.Name, "calls": f.Calls,
			"selfNanos": f.SelfNanos, "totalNanos": f.TotalNanos,
			"selfTicks": f.SelfTicks, "totalTicks": f.TotalTicks,
		}
	}
	tree := make([]any, len(profile.Tree))
	for i, n := range profile.Tree {
		tree[i] = map[string]any{
			"name": n.Name, "caller": n.Caller, "calls": n.Calls,
			"selfNanos": n.SelfNanos, "totalNanos": n.TotalNanos,
			"selfTicks": n.SelfTicks, "totalTicks": n.TotalTicks,
		}
	}
	value := map[string]any{"measure": profile.Measure, "functions": functions, "tree": tree}
	if profile.Cut != "" {
		value["cut"] = profile.Cut
	}
	return value
}
