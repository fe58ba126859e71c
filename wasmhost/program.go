package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tetratelabs/wazero"

	"github.com/eeplay/eeplay/core"
)

// program is a compiled EE. It implements core.Program.
type program struct {
	engine   *Engine
	compiled wazero.CompiledModule
}

// Execute instantiates the EE afresh, with no start function beyond the
// module's own start section, and calls main.
func (p *program) Execute(ctx context.Context, preState core.Root, data []byte) (core.Receipt, error) {
	tx := newTransaction(preState, data, p.engine.config)
	ctx = withTransaction(ctx, tx)

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
	instance, err := p.engine.runtime.InstantiateModule(ctx, p.compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return tx.receipt(), describeFailure(ctx, err)
	}
	defer instance.Close(ctx)
	if _, err := instance.ExportedFunction("main").Call(ctx); err != nil {
		return tx.receipt(), describeFailure(ctx, err)
	}
	return tx.receipt(), nil
}

// describeFailure turns a failed wazero call into the transaction's error:
// a host function's own error with the wasm stack, wazero's message for a
// trap, or the context's error when the call was cancelled.
func describeFailure(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("stopped: %w", ctxErr)
	}
	var hostErr *hostError
	if errors.As(err, &hostErr) {
		// wazero adds "(recovered by wazero)" to the message of a panicking
		// host function; keep only its stack trace.
		_, stack, _ := strings.Cut(err.Error(), "\nwasm stack trace:")
		if stack == "" {
			return hostErr
		}
		return fmt.Errorf("%w\nwasm stack trace:%s", hostErr, stack)
	}
	return err
}
