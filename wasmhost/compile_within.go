package wasmhost

import (
	"context"
	"fmt"
	"sync"

	"github.com/tetratelabs/wazero"
)

// stoppedError is a compilation that ctx ended before it finished.
type stoppedError struct{ cause error }

func (e *stoppedError) Error() string { return fmt.Sprintf("stopped while compiling: %v", e.cause) }
func (e *stoppedError) Unwrap() error { return e.cause }

// compileWithin compiles code, returning when ctx ends if that comes first:
// wazero's compiler does not look at ctx, and the largest modules that
// checkDeclaredSizes lets through take it seconds. The compilation goes on
// in the background until it ends, bounded by those checks, and what it
// compiled is then closed; Close waits for it. Where nothing can interrupt
// (js/wasm, no preemption), it compiles in place.
func (e *Engine) compileWithin(ctx context.Context, code []byte) (wazero.CompiledModule, error) {
	if ctx.Done() == nil || !canInterrupt {
		return e.runtime.CompileModule(ctx, code)
	}
	type result struct {
		compiled wazero.CompiledModule
		err      error
	}
	done := make(chan result, 1)
	var mu sync.Mutex // guards abandoned, and the send on done
	abandoned := false
	e.compiling.Add(1)
	e.compilingCount.Add(1)
	go func() {
		defer e.compilingCount.Add(-1)
		defer e.compiling.Done()
		compiled, err := e.runtime.CompileModule(context.WithoutCancel(ctx), code)
		mu.Lock()
		defer mu.Unlock()
		if abandoned {
			if err == nil {
				compiled.Close(context.Background()) // nobody takes it
			}
			return
		}
		done <- result{compiled, err}
	}()
	select {
	case r := <-done:
		return r.compiled, r.err
	case <-ctx.Done():
		mu.Lock()
		defer mu.Unlock()
		select {
		case r := <-done: // finished meanwhile
			return r.compiled, r.err
		default:
			abandoned = true
			return nil, &stoppedError{context.Cause(ctx)}
		}
	}
}
