package wasmhost_test

import (
	"context"
	"os"
	"testing"

	"github.com/eeplay/eeplay/core"
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
