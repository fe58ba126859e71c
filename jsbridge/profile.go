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
	var sum profileSum
	sum.add(profile)
	for sum.runs < maxProfileRuns && time.Since(start) < profileBudget {
		_, again, err := b.sim.ProfileTransaction(ctx, shard, block, tx)
		if err != nil {
			return nil, err
		}
		sum.add(again)
	}
	return map[string]any{"receipt": receiptValue(receipt), "profile": profileValue(sum.mean())}, nil
}

// profileSum adds up the times of runs of one transaction as they come,
// holding one profile however many runs there are: a call tree of
// MaxProfileNodes nodes, kept for each of maxProfileRuns runs, would take
// the worker a hundred megabytes or more.
type profileSum struct {
	sum core.Profile
	// byName finds a function in sum.Functions, which are sorted by time.
	byName map[string]int
	runs   int
}

// add adds run's times. The runs of one transaction make the same calls in
// the same order, so their functions and nodes match the first's one for
// one; calls and ticks are the first's.
func (s *profileSum) add(run core.Profile) {
	s.runs++
	if s.runs == 1 {
		s.sum = core.Profile{Measure: run.Measure, Functions: slices.Clone(run.Functions), Tree: slices.Clone(run.Tree), Cut: run.Cut}
		s.byName = map[string]int{}
		for i, f := range s.sum.Functions {
			s.byName[f.Name] = i
		}
		return
	}
	for _, f := range run.Functions {
		if i, ok := s.byName[f.Name]; ok {
			s.sum.Functions[i].SelfNanos += f.SelfNanos
			s.sum.Functions[i].TotalNanos += f.TotalNanos
		}
	}
	for i, node := range run.Tree {
		if i < len(s.sum.Tree) {
			s.sum.Tree[i].SelfNanos += node.SelfNanos
			s.sum.Tree[i].TotalNanos += node.TotalNanos
		}
	}
}

// mean is the first run with each time the mean over the runs added.
func (s *profileSum) mean() core.Profile {
	if s.runs == 1 {
		return s.sum
	}
	mean := s.sum
	mean.Measure = fmt.Sprintf("mean of %d runs: %s", s.runs, s.sum.Measure)
	n := uint64(s.runs)
	for i := range mean.Functions {
		mean.Functions[i].SelfNanos /= n
		mean.Functions[i].TotalNanos /= n
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
