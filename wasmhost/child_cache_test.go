package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// emptyModule is the smallest wasm module: its header.
var emptyModule = []byte("\x00asm\x01\x00\x00\x00")

func TestChildCache(t *testing.T) {
	ctx := context.Background()
	runtime := wazero.NewRuntime(ctx)
	defer runtime.Close(ctx)
	var c childCache
	compiled := 0
	compile := func() (*checkedChild, error) {
		compiled++
		module, err := runtime.CompileModule(ctx, emptyModule)
		if err != nil {
			t.Fatal(err)
		}
		return &checkedChild{compiled: module}, nil
	}
	code := func(i int) []byte { return []byte(fmt.Sprintf("child %d", i)) }

	first, _ := c.child(code(0), compile)
	again, _ := c.child(code(0), compile)
	if first != again || compiled != 1 {
		t.Errorf("the same code twice: %d compiles, same module %t; want 1 and true", compiled, first == again)
	}

	failed := errors.New("not a child module")
	for range 2 {
		if _, err := c.child(code(1), func() (*checkedChild, error) { compiled++; return nil, failed }); err != failed {
			t.Errorf("a failing compile = %v, want %v", err, failed)
		}
	}
	if compiled != 3 || len(c.entries) != 1 {
		t.Errorf("a failing compile: %d compiles, %d kept; want it tried each time (3) and not kept (1)", compiled, len(c.entries))
	}

	for i := 1; i <= maxCachedChildren; i++ {
		c.child(code(i), compile)
	}
	if len(c.entries) != maxCachedChildren {
		t.Errorf("%d modules kept, want maxCachedChildren (%d)", len(c.entries), maxCachedChildren)
	}
	before := compiled
	c.child(code(0), compile) // the oldest, gone
	c.child(code(maxCachedChildren), compile)
	if compiled != before+1 {
		t.Errorf("%d compiles after the oldest went and the newest stayed, want 1", compiled-before)
	}
}

func TestChildModuleCompiledOncePerEngine(t *testing.T) {
	child := testee.Wasm("child")
	// The same module, with a custom section that makes its code, and so
	// its hash, another.
	other := append(append([]byte{}, child...), 0, 3, 1, 'x', 0)
	load := func(code []byte) []byte {
		return testee.Probe{}.Store(0x1000, code).Op(testee.OpLoadModule, 0, 0x1000, uint32(len(code)))
	}
	for _, kind := range AvailableEngineKinds() {
		t.Run(string(kind), func(t *testing.T) {
			ctx := context.Background()
			engine, err := New(ctx, Config{Engine: kind})
			if err != nil {
				t.Fatal(err)
			}
			defer engine.Close(ctx)
			program, err := engine.Compile(ctx, testee.Wasm("probe"))
			if err != nil {
				t.Fatal(err)
			}
			var modules [][]core.ChildModule
			for _, data := range [][]byte{load(child), load(child), load(other), load(child)} {
				receipt, err := program.Execute(ctx, core.Root{}, data)
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				modules = append(modules, receipt.Modules)
			}
			if engine.children.compiles != 2 {
				t.Errorf("%d compiles for two modules loaded in four transactions, want 2", engine.children.compiles)
			}
			if modules[0][0].SHA256 != modules[3][0].SHA256 || modules[0][0].SHA256 == modules[2][0].SHA256 {
				t.Errorf("receipts' modules = %v", modules)
			}
		})
	}
}
