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

	instances []api.Module
	// idle holds the api.Functions no call is using, by instance and
	// export, to use again: making one costs microseconds on the compiler,
	// more than a call.
	idle map[export][]api.Function
}

// export is an instance's export.
type export struct {
	instance api.Module
	name     string
}

func (w *wazeroChildren) instantiate(code []byte) (childInstance, map[string]string, error) {
	checked, err := w.engine.compileChild(w.ctx, code)
	if err != nil {
		return nil, nil, err
	}
	// An empty name lets instances of the same module coexist.
	instance, err := w.engine.runtime.InstantiateModule(w.ctx, checked.compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return nil, nil, newChildFailure(describeFailure(w.ctx, err))
	}
	w.instances = append(w.instances, instance)
	return instance, checked.exports, nil
}

func (w *wazeroChildren) callChild(instance childInstance, name string) (uint32, error) {
	return w.call(instance.(api.Module), name)
}

func (w *wazeroChildren) callRoot(name string) (uint32, error) {
	return w.call(w.root, name)
}

// call calls the export, whose signature is checked, of instance. A call
// takes an api.Function no other call is using, since one may be under way
// already: a child can call back an exposed export that is running.
func (w *wazeroChildren) call(instance api.Module, name string) (uint32, error) {
	key := export{instance, name}
	var f api.Function
	if idle := w.idle[key]; len(idle) > 0 {
		f, w.idle[key] = idle[len(idle)-1], idle[:len(idle)-1]
	} else {
		f = instance.ExportedFunction(name)
	}
	results, err := f.Call(w.ctx)
	if w.idle == nil {
		w.idle = map[export][]api.Function{}
	}
	w.idle[key] = append(w.idle[key], f)
	if err != nil {
		return 0, newChildFailure(describeFailure(w.ctx, err))
	}
	return api.DecodeU32(results[0]), nil
}

// close closes the instances the transaction made, once it has ended; the
// compiled modules stay in the engine's childCache.
func (w *wazeroChildren) close() {
	ctx := context.WithoutCancel(w.ctx)
	for _, instance := range w.instances {
		instance.Close(ctx)
	}
}
