package wasmhost_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// newCrossCheck cross-checks the two last engines this platform runs:
// natively wazero's interpreter against its compiler, on js/wasm the browser
// engine against wazero's interpreter.
func newCrossCheck(t testing.TB, config wasmhost.Config) wasmhost.CrossCheck {
	t.Helper()
	kinds := engineKinds()
	if len(kinds) < 2 {
		t.Skip("only one engine runs on this platform")
	}
	reference, candidate := config, config
	reference.Engine, candidate.Engine = kinds[len(kinds)-2], kinds[len(kinds)-1]
	return wasmhost.CrossCheck{Reference: newEngine(t, reference), Candidate: newEngine(t, candidate)}
}

func TestCrossCheckAgrees(t *testing.T) {
	check := newCrossCheck(t, wasmhost.Config{})
	probe := compile(t, check, testee.Wasm("probe"))
	tests := []struct {
		name    string
		module  core.Program
		data    []byte
		wantErr string
	}{
		{"every output", probe, testee.Probe{}.Op(testee.OpLoadPreStateRoot, 0).Store(40, []byte("abc")).
			Op(testee.OpEmitLog, 40, 3).Op(testee.OpPushNewDeposit, 40, 3).Op(testee.OpPrintMem, 40, 3).
			Op(testee.OpPrint64, 0xffffffff, 0x80000000).Op(testee.OpUseTicks, 77).Op(testee.OpMul256, 0, 0, 0).
			Op(testee.OpSavePostStateRoot, 0), ""},
		{"buffer frames and print", probe, bufferProbe().Op(testee.OpBufferSet, 1, 0, 32).Op(testee.OpBufferMerge, 2, 1).
			Op(testee.OpBufferGet, 96, 2, 0, 64).Op(testee.OpPrint, 64, 32).Op(testee.OpBufferClear, 2).Op(testee.OpSavePostStateRoot, 64), ""},
		{"a buffer function fails", probe, testee.Probe{}.Op(testee.OpBufferClear, 256),
			"eth2_bufferClear: frame 256 is not a buffer frame: frames are numbered 0 to 255"},
		{"a host function fails", probe, testee.Probe{}.Op(testee.OpEmitLog, memoryEnd, 1),
			"eth2_emitLog: memory access out of bounds: 1 bytes at offset 131072, but memory is 131072 bytes"},
		{"a trap", probe, testee.Probe{}.Op(testee.OpUnreachable), "wasm error: unreachable"},
		{"child modules both ways", probe, callChild(expose(childProbe(), "callback"), 0, "run",
			callbackOps(childOps().Store(0x7000, []byte("ok")).Op(testee.OpReturn, 0x7010, 0x7000, 2)), 8), ""},
		{"a child module traps", probe, callChild(childProbe(), 0, "run", childOps().Op(testee.OpUnreachable), 8),
			`eth2_callModule: the child module in slot 0 failed in "run": wasm error: unreachable`},
		{"start calls a host function", compile(t, check, testee.Wasm("start_calls_host")), nil, ""}, // post-state: pre-state + 1
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			receipt, err := tt.module.Execute(context.Background(), preState, tt.data)
			if got := errorText(err); got != tt.wantErr {
				t.Errorf("error = %q, want %q", got, tt.wantErr)
			}
			if tt.wantErr == "" && receipt.PostState == preState && len(receipt.Logs) == 0 {
				t.Errorf("the EE did nothing: %+v", receipt)
			}
		})
	}
}

func TestCompileRejectsAFailingStartFunction(t *testing.T) {
	// Each engine on its own, and the two checking each other.
	engines := map[string]core.Engine{"cross-check": newCrossCheck(t, wasmhost.Config{})}
	for _, kind := range engineKinds() {
		engines[string(kind)] = newEngine(t, wasmhost.Config{Engine: kind})
	}
	for name, engine := range engines {
		t.Run(name, func(t *testing.T) {
			_, err := engine.Compile(context.Background(), testee.Wasm("start_traps"))
			want := `not an execution environment: its start function fails (run with a zero pre-state and no block data): start function[0] export["init"] failed: wasm error: unreachable`
			if got := errorText(err); got != want {
				t.Errorf("Compile error = %q\nwant %q", got, want)
			}
		})
	}
}

// errorText is err's first line, or "" for no error.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	return firstLine(err)
}

func TestCrossCheckReportsDifferences(t *testing.T) {
	kinds := engineKinds()
	if len(kinds) < 2 {
		t.Skip("only one engine runs on this platform")
	}
	reference, candidate := kinds[len(kinds)-2], kinds[len(kinds)-1]
	t.Run("a transaction fails on one engine only", func(t *testing.T) {
		check := wasmhost.CrossCheck{
			Reference: newEngine(t, wasmhost.Config{Engine: reference}),
			Candidate: newEngine(t, wasmhost.Config{Engine: candidate, TickBudget: 10}),
		}
		_, err := compile(t, check, testee.Wasm("probe")).Execute(context.Background(), preState, testee.Probe{}.Op(testee.OpUseTicks, 11))
		want := fmt.Sprintf(`cross-check: the engines differ on the error (%s engine: no error; %s engine: "eth2_useTicks: tick budget exhausted: 0 of 10 ticks used, 11 more requested")`, reference, candidate)
		if err == nil || err.Error() != want {
			t.Errorf("error = %v\nwant    %s", err, want)
		}
	})
	t.Run("a module compiles on one engine only", func(t *testing.T) {
		check := wasmhost.CrossCheck{
			Reference: newEngine(t, wasmhost.Config{Engine: reference, MaxMemoryPages: 1}),
			Candidate: newEngine(t, wasmhost.Config{Engine: candidate}),
		}
		_, err := check.Compile(context.Background(), testee.Wasm("probe"))
		want := fmt.Sprintf("cross-check: the %s engine rejects the module, the %s engine accepts it: invalid wasm module:", reference, candidate)
		if err == nil || len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
			t.Errorf("error = %v\nwant it to start %s", err, want)
		}
	})
}

// TestCrossCheckScoutScripts runs every Scout test in scripts/ with the
// engines checking each other.
func TestCrossCheckScoutScripts(t *testing.T) {
	paths, err := filepath.Glob("../scripts/*/*.yaml")
	if err != nil || len(paths) < 3 {
		t.Fatalf("found %d Scout tests in scripts/: %v", len(paths), err)
	}
	check := newCrossCheck(t, wasmhost.Config{})
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			test, err := scout.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			sim := core.NewSimulation(check)
			for i, script := range test.ExecutionScripts {
				code, err := os.ReadFile(filepath.Join(filepath.Dir(path), script))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := sim.CreateExecutionEnvironment(context.Background(), code, test.PreStates[i]); err != nil {
					t.Fatal(err)
				}
			}
			for i, tx := range test.Blocks {
				if _, err := sim.CreateShardBlock(context.Background(), 0, []core.ShardTransaction{tx}); err != nil {
					t.Fatalf("block %d: %v", i, err)
				}
			}
			state, err := sim.GetShardState(0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := scout.DiffStates(test.PostStates, state.ExecutionEnvironmentStates); len(diff) > 0 {
				t.Errorf("post-states differ from the test's: %v", diff)
			}
		})
	}
}

// TestCrossCheckTokenDemo runs blocks of random token transfers, with both
// proof approaches, with the engines checking each other.
func TestCrossCheckTokenDemo(t *testing.T) {
	ctx := context.Background()
	check := newCrossCheck(t, wasmhost.Config{})
	genesis, err := token.RandomGenesis(1, 100)
	if err != nil {
		t.Fatal(err)
	}
	provider, err := token.NewProvider(genesis, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	sim := core.NewSimulation(check)
	if _, err := sim.CreateExecutionEnvironment(ctx, scripts.Token, provider.GenesisRoot()); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for block, kind := range []token.ProofKind{token.ProofMulti, token.ProofSingle, token.ProofMulti} {
		requests, err := token.RandomTransfers(rng, provider.Accounts(), 16)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := provider.Build(kind, requests)
		if err != nil {
			t.Fatal(err)
		}
		data, err := tx.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: 0, Data: data}}); err != nil {
			t.Fatalf("block %d: %v", block, err)
		}
		if _, err := provider.Follow(sim); err != nil || !provider.InSync() {
			t.Fatalf("block %d: provider out of sync: %v %s", block, err, provider.Problem())
		}
	}
}
