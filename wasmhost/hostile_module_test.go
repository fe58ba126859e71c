package wasmhost_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// TestTableGrowIsCapped: table.grow past 65,536 elements returns -1 on
// every engine, as memory.grow does past the memory cap, rather than
// allocating what the EE asks for.
func TestTableGrowIsCapped(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind})
		// Its start function grows the table by 2^32 - 16 elements.
		compile(t, engine, testee.Wasm("table_grow_bomb"))
		program := compile(t, engine, testee.Wasm("table_grows_to_cap"))
		got, err := program.Execute(context.Background(), preState, nil)
		if err != nil {
			t.Fatal(err)
		}
		assertReceipt(t, got, core.Receipt{PreState: preState, PostState: preState,
			Debug: []string{"print32: 65536", "print32: 4294967295"}})
	})
}

// TestHostileModulesAreRejected: modules that respect every per-item limit
// but whose totals would take gigabytes, or whose compilation would take
// minutes, are rejected before wazero allocates or compiles by them.
func TestHostileModulesAreRejected(t *testing.T) {
	tests := []struct {
		name string
		code []byte
		want string
	}{
		{name: "50,000 tables of 65,536 elements", code: testee.ManyTables(50_000, 65_536),
			want: "invalid wasm module: table section: the tables can hold 1114112 elements in all, each counted at its maximum (65536 for a table that declares none or more), over the limit of 1048576"},
		{name: "30,000 functions of 49,999 locals", code: testee.ManyLocals(30_000, 49_999),
			want: "invalid wasm module: code section: the functions through body 21 have 1049979 parameters and locals in all, over the limit of 1000000"},
		{name: "a type of 1,001 parameters", code: testee.ManyParams(1, 1_001),
			want: "invalid wasm module: type section: type 1 has 1001 parameters, over the limit of 1000"},
		{name: "10,000 nested loops over 1,000 locals", code: testee.NestedLoops(10_000, 1_000),
			want: "invalid wasm module: code section: function body 0 nests blocks 10000 deep over 1000 parameters and locals: the compile cost of the functions through it (depth·slots² + 25·depth² each) is 12500000000, over the limit of 2500000000; split large functions"},
		{name: "40,000 nested loops", code: testee.NestedLoops(40_000, 1),
			want: "invalid wasm module: code section: function body 0 nests blocks 40000 deep over 1 parameters and locals: the compile cost of the functions through it (depth·slots² + 25·depth² each) is 40000040000, over the limit of 2500000000; split large functions"},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if len(tt.code) > core.MaxWasmCodeSize {
					t.Fatalf("the module has %d bytes, over MaxWasmCodeSize", len(tt.code))
				}
				_, err := engine.Compile(context.Background(), tt.code)
				if err == nil || err.Error() != tt.want {
					t.Errorf("Compile error = %v\nwant            %s", err, tt.want)
				}
			})
		}
	})
}

// TestRecursionWithLargeFramesOverflows: on the interpreter the stack is
// bounded by its size, not only by its depth of 2,000 frames, which with
// frames of 50,000 locals took 3 GB; every engine fails the transaction
// with a stack overflow.
func TestRecursionWithLargeFramesOverflows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), testee.RecursionWithLocals(49_999))
		_, err := program.Execute(context.Background(), preState, nil)
		if err == nil || firstLine(err) != "wasm error: stack overflow" {
			t.Errorf("error = %.200v, want a stack overflow", err)
		}
	})
}

// TestCompileStopsWithTheContext: compiling a large module ends when its
// context does, with the context's cause, where wazero's compiler runs.
func TestCompileStopsWithTheContext(t *testing.T) {
	if !slices.Contains(wasmhost.AvailableEngineKinds(), wasmhost.Compiler) {
		t.Skip("wazero's compiler does not run on this platform")
	}
	engine := newEngine(t, wasmhost.Config{Engine: wasmhost.Compiler})
	// Seconds of compiling, within the limits.
	code := testee.NestedLoops(9_000, 1)
	ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, errors.New("the test's time limit"))
	defer cancel()
	_, err := engine.Compile(ctx, code)
	if want := "stopped while compiling: the test's time limit"; err == nil || err.Error() != want {
		t.Errorf("Compile error = %v, want %s", err, want)
	}
	// The compilation goes on: Close waits for it, unless told not to.
	done, stop := context.WithCancel(context.Background())
	stop()
	if err, want := engine.Close(done), "close engine: a compilation that a time limit stopped is still running: context canceled"; err == nil || err.Error() != want {
		t.Errorf("Close error = %v, want %s", err, want)
	}
	if err := engine.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
}
