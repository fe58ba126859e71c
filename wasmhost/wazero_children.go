package wasmhost

import (
	"context"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// wazeroChildren runs a transaction's child modules on wazero. It
// implements childRunner.
type wazeroChildren struct {
	ctx    context.Context // the transaction's
	engine *Engine
	root   api.Module // the EE's instance, once it exists

	compiled  []wazero.CompiledModule
	instances []api.Module
}

func (w *wazeroChildren) instantiate(code []byte) (childInstance, map[string]string, error) {
	_, compiled, exports, err := w.engine.compileChild(w.ctx, code)
	if err != nil {
		return nil, nil, err
	}
	w.compiled = append(w.compiled, compiled)
	// An empty name lets instances of the same module coexist.
	instance, err := w.engine.runtime.InstantiateModule(w.ctx, compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return nil, nil, newChildFailure(describeFailure(w.ctx, err))
	}
	w.instances = append(w.instances, instance)
	return instance, exports, nil
}

func (w *wazeroChildren) callChild(instance childInstance, name string) (uint32, error) {
	return w.call(instance.(api.Module), name)
}

func (w *wazeroChildren) callRoot(name string) (uint32, error) {
	return w.call(w.root, name)
}

// call calls the export, whose signature is checked, of instance. Each call
// gets its own api.Function, since one may be under way already: a child
// can call back an exposed export that is running.
func (w *wazeroChildren) call(instance api.Module, name string) (uint32, error) {
	results, err := instance.ExportedFunction(name).Call(w.ctx)
	if err != nil {
		return 0, newChildFailure(describeFailure(w.ctx, err))
	}
	return api.DecodeU32(results[0]), nil
}

func (w *wazeroChildren) close() {
	ctx := context.WithoutCancel(w.ctx)
	for _, instance := range w.instances {
		instance.Close(ctx)
	}
	for _, compiled := range w.compiled {
		compiled.Close(ctx)
	}
}
