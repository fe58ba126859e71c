package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero"

	"github.com/eeplay/eeplay/core"
)

// program is a compiled EE. It implements core.Program.
type program struct {
	engine   *Engine
	code     []byte // as the EE's creator gave it
	compiled wazero.CompiledModule
	exports  map[string]string // function exports, as signatures

	// profiled is the code compiled again with profileListeners, by the
	// first ExecuteProfiled that succeeds in compiling it: measuring each
	// call slows every call, so Execute does not run it.
	profiled   wazero.CompiledModule
	profiledMu sync.Mutex
}

var (
	_ core.TracingProgram   = (*program)(nil)
	_ core.ProfilingProgram = (*program)(nil)
)

// Execute instantiates the EE afresh, with no start function beyond the
// module's own start section, and calls main.
func (p *program) Execute(ctx context.Context, preState core.Root, data []byte) (core.Receipt, error) {
	return p.run(ctx, p.compiled, preState, data, true, nil, nil)
}

// ExecuteTraced is Execute, recording the transaction's host calls.
func (p *program) ExecuteTraced(ctx context.Context, preState core.Root, data []byte) (core.Receipt, core.Trace, error) {
	trace := newHostTrace()
	receipt, err := p.run(ctx, p.compiled, preState, data, true, trace, nil)
	return receipt, trace.trace, err
}

// ExecuteProfiled is Execute, measuring the time and ticks of each of the
// EE's functions. Host functions, and the child modules eth2_callModule
// runs, count in their callers.
func (p *program) ExecuteProfiled(ctx context.Context, preState core.Root, data []byte) (core.Receipt, core.Profile, error) {
	module, err := p.profiledModule(ctx)
	if err != nil {
		return core.Receipt{}, core.Profile{}, fmt.Errorf("compile to profile: %w", err)
	}
	profile := newProfiler()
	receipt, err := p.run(ctx, module, preState, data, true, nil, profile)
	return receipt, profile.profile(p.engine.config.Engine), err
}

// profiledModule is p.profiled, compiled if it is not yet.
func (p *program) profiledModule(ctx context.Context) (wazero.CompiledModule, error) {
	p.profiledMu.Lock()
	defer p.profiledMu.Unlock()
	if p.profiled == nil {
		_, compiled, err := p.engine.compile(ctx, p.code, true)
		if err != nil {
			return nil, err
		}
		p.profiled = compiled
	}
	return p.profiled, nil
}

// checkStart instantiates the EE once, which runs its start section, and
// returns how that failed, if it did.
func (p *program) checkStart(ctx context.Context) error {
	_, err := p.run(ctx, p.compiled, core.Root{}, nil, false, nil, nil)
	return err
}

// run instantiates module, the EE, for a transaction of preState and data
// and, if callMain, calls main; trace and profile, if not nil, record its
// host calls and measure its functions.
func (p *program) run(ctx context.Context, module wazero.CompiledModule, preState core.Root, data []byte, callMain bool, trace *hostTrace, profile *profiler) (core.Receipt, error) {
	tx := newTransaction(preState, data, p.engine.config)
	tx.trace, tx.profile = trace, profile
	ctx = withTransaction(ctx, tx)
	children := &wazeroChildren{ctx: ctx, engine: p.engine}
	defer children.close()
	tx.children.runner, tx.children.rootExports = children, p.exports

	if len(p.engine.libraries) > 0 {
		p.engine.instantiateLibraries.Lock()
		defer p.engine.instantiateLibraries.Unlock()
		for _, lib := range p.engine.libraries {
			instance, err := p.engine.runtime.InstantiateModule(ctx, lib.compiled, wazero.NewModuleConfig().WithName(lib.name).WithStartFunctions())
			if err != nil {
				return tx.receipt(), fmt.Errorf("instantiate library %q: %w", lib.name, describeFailure(ctx, err))
			}
			defer instance.Close(ctx)
		}
	}

	// An empty name lets instances of the same module coexist.
	instance, err := p.engine.runtime.InstantiateModule(ctx, module, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return tx.receipt(), describeFailure(ctx, err)
	}
	defer instance.Close(ctx)
	children.root = instance
	if !callMain {
		return tx.receipt(), nil
	}
	if _, err := instance.ExportedFunction("main").Call(ctx); err != nil {
		return tx.receipt(), describeFailure(ctx, err)
	}
	return tx.receipt(), nil
}

// describeFailure turns a failed wazero call into the transaction's error:
// a host function's own error with the wasm stack, wazero's message for a
// trap, or the context's cause when the call was cancelled.
func describeFailure(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		// The cause says why, when the canceller gave one.
		return fmt.Errorf("stopped: %w", context.Cause(ctx))
	}
	var overflow stackOverflowError
	if errors.As(err, &overflow) {
		// As wazero words its own stack overflow, with the stack.
		_, stack, _ := strings.Cut(err.Error(), "\nwasm stack trace:")
		return fmt.Errorf("wasm error: stack overflow\nwasm stack trace:%s", stack)
	}
	if err.Error() == "stack overflow" {
		// wazero's compiler returns its overflow bare, without unwinding
		// the stack to describe it.
		return fmt.Errorf("wasm error: %w\n(wazero's compiler gives no wasm stack trace for a stack overflow)", err)
	}
	var hostErr *hostError
	if errors.As(err, &hostErr) {
		// wazero adds "(recovered by wazero)" to the message of a panicking
		// host function; keep only its stack trace, after that of the
		// child call that failed, if one did.
		_, stack, _ := strings.Cut(err.Error(), "\nwasm stack trace:")
		stack = innerTrace(hostErr) + stack
		if stack == "" {
			return hostErr
		}
		return fmt.Errorf("%w\nwasm stack trace:%s", hostErr, stack)
	}
	return err
}
