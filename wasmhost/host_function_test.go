package wasmhost

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
)

// tableFunctions lists every host function once, by name.
func tableFunctions() []*hostFunction {
	var functions []*hostFunction
	for _, f := range hostFunctions {
		if !slices.Contains(functions, f) {
			functions = append(functions, f)
		}
	}
	slices.SortFunc(functions, func(a, b *hostFunction) int { return strings.Compare(a.name, b.name) })
	return functions
}

func TestHostFunctionParamNames(t *testing.T) {
	for _, f := range tableFunctions() {
		if len(f.paramNames) != len(f.params) {
			t.Errorf("%s: %d parameter names %q for %d parameters", f.name, len(f.paramNames), f.paramNames, len(f.params))
			continue
		}
		for i, name := range f.paramNames {
			if name == "" {
				t.Errorf("%s: parameter %d has no name", f.name, i)
			}
			if slices.Index(f.paramNames, name) != i {
				t.Errorf("%s: parameter name %q is given twice", f.name, name)
			}
		}
	}
}

// TestWazeroHasParamNames checks that wazero's definition of every host
// function import names its parameters as the table does.
func TestWazeroHasParamNames(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, Config{Engine: Interpreter})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer e.Close(ctx)
	for name, f := range hostFunctions {
		definition, ok := e.runtime.Module(name.module).ExportedFunctionDefinitions()[name.name]
		if !ok {
			t.Errorf("wazero has no host function %s", name)
			continue
		}
		if got := definition.ParamNames(); !slices.Equal(got, f.paramNames) {
			t.Errorf("wazero names the parameters of %s %q, want %q", name, got, f.paramNames)
		}
	}
}

func TestInvoke(t *testing.T) {
	useTicks := hostFunctions[importName{hostModuleName, "eth2_useTicks"}]
	tests := []struct {
		name  string
		tx    *transaction
		stack []uint64
		want  string
	}{
		{"succeeds", newTransaction(core.Root{}, nil, Config{TickBudget: 10}), []uint64{10}, ""},
		{"fails", newTransaction(core.Root{}, nil, Config{TickBudget: 10}), []uint64{11},
			"eth2_useTicks: tick budget exhausted: 0 of 10 ticks used, 11 more requested"},
		{"outside a transaction", nil, []uint64{1}, "eth2_useTicks: called outside a transaction"},
		{"panics", newTransaction(core.Root{}, nil, Config{TickBudget: 10}), []uint64{},
			"eth2_useTicks: host function panicked: runtime error: index out of range [0] with length 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := useTicks.invoke(tt.tx, &sliceMemory{}, tt.stack)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("invoke failed: %v", err)
			case tt.want == "":
				return
			case err == nil:
				t.Fatalf("invoke succeeded, want error %q", tt.want)
			case err.Error() != tt.want:
				t.Fatalf("invoke failed with %q, want %q", err, tt.want)
			}
			if _, ok := err.(*hostError); !ok {
				t.Fatalf("invoke failed with a %T, want a *hostError", err)
			}
		})
	}
}
