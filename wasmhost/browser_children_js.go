//go:build js && wasm

package wasmhost

import (
	"context"
	"fmt"
	"math"
)

// browserChildren runs a transaction's child modules on the browser's
// WebAssembly, through the glue, which holds the instances. It implements
// childRunner.
type browserChildren struct {
	ctx       context.Context
	runtime   *browserRuntime
	execution *browserExecution
}

// Outcomes of the glue's instantiateChild, besides an index.
const (
	childInstantiateFailed = -1
	childStartFailed       = -2
)

func (b *browserChildren) instantiate(code []byte) (childInstance, map[string]string, error) {
	engine := b.runtime.engine
	checked, err := engine.compileChild(b.ctx, code)
	if err != nil {
		return nil, nil, err
	}
	made, err := engine.children.browserModule(checked, func() (any, error) {
		return b.runtime.compile(checked.code, engine.config.MaxMemoryPages, true)
	})
	if err != nil {
		return nil, nil, err
	}
	module := made.(browserCompiled)
	index := b.runtime.shared.glue.Call("instantiateChild", module.compiled, module.startExport).Int()
	switch index {
	case childInstantiateFailed:
		return nil, nil, b.failure()
	case childStartFailed:
		failure := b.failure()
		return nil, nil, &childFailure{err: fmt.Errorf("start %s failed: %w", module.startName, failure.err), trace: failure.trace}
	}
	return index, checked.exports, nil
}

func (b *browserChildren) callChild(instance childInstance, name string) (uint32, error) {
	return b.result(b.runtime.shared.glue.Call("callChild", instance.(int), name).Float())
}

func (b *browserChildren) callRoot(name string) (uint32, error) {
	return b.result(b.runtime.shared.glue.Call("callRoot", name).Float())
}

// result is a call's result, or its failure if it is NaN.
func (b *browserChildren) result(r float64) (uint32, error) {
	if math.IsNaN(r) {
		return 0, b.failure()
	}
	return uint32(int32(r)), nil
}

// failure is how the last child call failed: a host function's error, if
// one failed under it, else the exception it threw, with the callee's
// stack trace.
func (b *browserChildren) failure() *childFailure {
	thrown := b.runtime.shared.glue.Call("childFailure")
	var err error
	if b.execution.hostErr != nil {
		err = withWasmStack(b.execution.hostErr, b.execution.hostFrame, thrown)
		// Reported here: the failure of the call that follows is the
		// caller's.
		b.execution.hostErr, b.execution.hostFrame = nil, ""
	} else {
		err = browserFailure(thrown)
	}
	return newChildFailure(err)
}
