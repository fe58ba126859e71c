package wasmhost_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

func TestProfileCountsCallsAndTicks(t *testing.T) {
	hashchain, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []wasmhost.EngineKind{wasmhost.DefaultEngineKind(), wasmhost.Interpreter} {
		t.Run(string(kind), func(t *testing.T) {
			program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), hashchain).(core.ProfilingProgram)
			receipt, profile, err := program.ExecuteProfiled(context.Background(), preState, []byte("hello"))
			if err != nil {
				t.Fatalf("ExecuteProfiled: %v", err)
			}
			plain, err := program.Execute(context.Background(), preState, []byte("hello"))
			if err != nil || plain.PostState != receipt.PostState {
				t.Fatalf("profiled post-state %v, plain %v (%v): want the same", receipt.PostState, plain.PostState, err)
			}
			byName := map[string]core.FunctionProfile{}
			for _, f := range profile.Functions {
				byName[f.Name] = f
			}
			main, ok := byName["hashchain/main.ts:main"]
			if !ok {
				t.Fatalf("no main in the profile: %+v", profile.Functions)
			}
			// hashchain charges 100 ticks plus one per byte, once, from main.
			if main.Calls != 1 || main.TotalTicks != 105 || main.SelfTicks != 105 {
				t.Errorf("main: %d calls, %d total ticks, %d self; want 1, 105, 105", main.Calls, main.TotalTicks, main.SelfTicks)
			}
			if update := byName["lib/sha256.ts:update"]; update.Calls != 2 || update.TotalTicks != 0 {
				t.Errorf("lib/sha256.ts:update: %d calls, %d ticks; want 2 and 0", update.Calls, update.TotalTicks)
			}
			if main.TotalNanos < main.SelfNanos || main.TotalNanos == 0 {
				t.Errorf("main: total %d ns, self %d ns", main.TotalNanos, main.SelfNanos)
			}
			for i := 1; i < len(profile.Functions); i++ {
				if profile.Functions[i].SelfNanos > profile.Functions[i-1].SelfNanos {
					t.Fatalf("functions are not sorted by self time: %+v", profile.Functions)
				}
			}
		})
	}
}

func TestProfileTree(t *testing.T) {
	type node struct {
		name             string
		caller           int
		calls            uint64
		totalTicks, self uint64
	}
	for _, kind := range []wasmhost.EngineKind{wasmhost.DefaultEngineKind(), wasmhost.Interpreter} {
		t.Run(string(kind), func(t *testing.T) {
			program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.Wasm("profile_tree")).(core.ProfilingProgram)
			_, profile, err := program.ExecuteProfiled(context.Background(), preState, []byte{0})
			if err != nil {
				t.Fatalf("ExecuteProfiled: %v", err)
			}
			var got []node
			for _, n := range profile.Tree {
				got = append(got, node{n.Name, n.Caller, n.Calls, n.TotalTicks, n.SelfTicks})
				if n.TotalNanos < n.SelfNanos {
					t.Errorf("%s: total %d ns < self %d ns", n.Name, n.TotalNanos, n.SelfNanos)
				}
			}
			want := []node{
				{"main", -1, 1, 21, 0},
				{"a", 0, 2, 6, 0},
				{"b", 1, 2, 6, 6},
				{"b", 0, 1, 3, 3},
				{"down", 0, 1, 12, 0},
				{"c", 4, 1, 6, 0},
				{"a", 5, 1, 3, 0},
				{"b", 6, 1, 3, 3},
				{"b", 5, 1, 3, 3},
				{"a", 4, 1, 3, 0},
				{"b", 9, 1, 3, 3},
				{"b", 4, 1, 3, 3},
				{"down", 4, 1, 0, 0},
			}
			if !slices.Equal(got, want) {
				t.Errorf("tree =\n%+v\nwant\n%+v", got, want)
			}
			if profile.Cut != "" {
				t.Errorf("cut = %q, want none", profile.Cut)
			}
		})
	}
}

func TestProfileTreeIsBounded(t *testing.T) {
	program := compile(t, newEngine(t, wasmhost.Config{Engine: wasmhost.Interpreter}), testee.Wasm("profile_tree")).(core.ProfilingProgram)
	// Eight nodes a level, within the interpreter's depth of 2,000 frames.
	depth := core.MaxProfileNodes/8 + 100
	_, profile, err := program.ExecuteProfiled(context.Background(), preState, make([]byte, depth))
	if err != nil {
		t.Fatalf("ExecuteProfiled: %v", err)
	}
	if len(profile.Tree) != core.MaxProfileNodes {
		t.Errorf("%d nodes, want MaxProfileNodes (%d)", len(profile.Tree), core.MaxProfileNodes)
	}
	want := "the call tree reached MaxProfileNodes (10000 stacks): deeper calls count in their callers' nodes; the function table is complete"
	if profile.Cut != want {
		t.Errorf("cut = %q, want %q", profile.Cut, want)
	}
	var down core.FunctionProfile
	for _, f := range profile.Functions {
		if f.Name == "down" {
			down = f
		}
	}
	if down.Calls != uint64(depth)+1 {
		t.Errorf("down: %d calls in the function table, want %d", down.Calls, depth+1)
	}
	last := profile.Tree[len(profile.Tree)-1]
	if last.Name == "" || last.Calls != 1 || last.TotalNanos < last.SelfNanos {
		t.Errorf("last node = %+v", last)
	}
}
