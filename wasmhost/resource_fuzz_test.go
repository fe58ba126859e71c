package wasmhost_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// Budgets that FuzzResourceModule holds every module to, from
// docs/host-functions.md: what compiling and running one transaction of a
// module may allocate beyond its linear memory, and how long it may take
// under a time limit.
const (
	resourceMemoryBudget = 256 << 20
	resourceTimeLimit    = 5 * time.Second
)

// FuzzResourceModule compiles and runs modules that push declared sizes,
// locals, nesting and recursion to eeplay's limits and past them, on every
// engine, and checks that each stays within the memory budget and ends
// within twice the time limit, whether it is accepted, rejected or fails.
func FuzzResourceModule(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{23, 0xff, 0xff, 0x00, 0x00, 1})                                                            // 23 tables of 65,535
	f.Add([]byte{0, 0xe8, 0x03, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x20, 0x2e, 0, 0})                            // deep nesting
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0xe8, 3, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0x4f, 0xc3, 0, 0}) // grow, recursion with 49,999 locals
	f.Fuzz(func(t *testing.T, choices []byte) {
		code := testee.ResourceModule(choices)
		for _, kind := range engineKinds() {
			allocated, elapsed, err := measureResources(t, kind, code)
			if allocated > resourceMemoryBudget {
				t.Errorf("%s: compiling and running allocated %d MiB, over the budget of %d MiB (%.200v)", kind, allocated>>20, resourceMemoryBudget>>20, err)
			}
			if elapsed > 2*resourceTimeLimit {
				t.Errorf("%s: compiling and running took %v, over twice the time limit of %v (%.200v)", kind, elapsed, resourceTimeLimit, err)
			}
		}
	})
}

// measureResources compiles code on a new engine of kind and runs one
// transaction, under resourceTimeLimit, and returns what that allocated,
// how long it took and how it failed, if it did.
func measureResources(t *testing.T, kind wasmhost.EngineKind, code []byte) (allocated uint64, elapsed time.Duration, err error) {
	t.Helper()
	engine := newEngine(t, wasmhost.Config{Engine: kind})
	ctx, cancel := context.WithTimeout(context.Background(), resourceTimeLimit)
	defer cancel()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	program, err := engine.Compile(ctx, code)
	if err == nil {
		_, err = program.Execute(ctx, core.Root{}, nil)
	}
	elapsed = time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, elapsed, err
}
