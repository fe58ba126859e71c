package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/eeplay/eeplay/core"
)

// maxWasmPages is the most a 32-bit wasm memory can have: 4 GiB.
const maxWasmPages = 65536

// Engine runs EE code with wazero. It implements core.Engine.
type Engine struct {
	config    Config
	runtime   wazero.Runtime
	libraries []library

	// browser runs EE code when config.Engine is Browser; wazero then only
	// checks modules.
	browser browserRunner

	// instantiateLibraries serializes transactions that use libraries:
	// a library instance is registered under its name, which must be unique
	// in the runtime.
	instantiateLibraries sync.Mutex

	// children are the child modules compiled and checked so far.
	children childCache

	// compiling and compilingCount count the compilations that
	// compileWithin runs in the background, which Close waits for.
	compiling      sync.WaitGroup
	compilingCount atomic.Int32
}

type library struct {
	name     string
	compiled wazero.CompiledModule
}

var _ core.Engine = (*Engine)(nil)

// browserRunner is the browser engine, which exists only on js/wasm.
type browserRunner interface {
	program(code []byte, exports map[string]string, config Config) (startChecker, error)
}

// startChecker is a program that can run its start section alone.
type startChecker interface {
	core.Program
	checkStart(ctx context.Context) error
}

// New returns an Engine configured by config, with the host functions
// instantiated and the libraries compiled.
func New(ctx context.Context, config Config) (*Engine, error) {
	config = config.withDefaults()
	if config.MaxMemoryPages > maxWasmPages {
		return nil, fmt.Errorf("new engine: MaxMemoryPages is %d, over the %d pages of a 32-bit wasm memory", config.MaxMemoryPages, maxWasmPages)
	}
	var runtimeConfig wazero.RuntimeConfig
	switch config.Engine {
	case Compiler:
		if !compilerSupported() {
			return nil, fmt.Errorf("new engine: wazero's compiler does not run on this platform; use %q", Interpreter)
		}
		runtimeConfig = wazero.NewRuntimeConfigCompiler()
	case Interpreter, Browser:
		// The browser engine runs no code on wazero, but checks modules
		// with it, so that both engines accept the same EEs.
		runtimeConfig = wazero.NewRuntimeConfigInterpreter()
	default:
		_, err := ParseEngineKind(string(config.Engine))
		return nil, fmt.Errorf("new engine: %w", err)
	}
	runtimeConfig = runtimeConfig.
		WithMemoryLimitPages(config.MaxMemoryPages).
		// Lets a caller stop a runaway EE by cancelling ctx, where that
		// can work.
		WithCloseOnContextDone(canInterrupt)

	e := &Engine{config: config, runtime: wazero.NewRuntimeWithConfig(ctx, runtimeConfig)}
	if err := e.instantiateHostModules(ctx); err != nil {
		e.runtime.Close(ctx)
		return nil, fmt.Errorf("new engine: %w", err)
	}
	if err := e.compileLibraries(ctx); err != nil {
		e.runtime.Close(ctx)
		return nil, fmt.Errorf("new engine: %w", err)
	}
	if config.Engine == Browser {
		browser, err := newBrowserRuntime(e)
		if err != nil {
			e.runtime.Close(ctx)
			return nil, fmt.Errorf("new engine: %w", err)
		}
		e.browser = browser
	}
	return e, nil
}

// Config returns the engine's configuration, with defaults filled in.
func (e *Engine) Config() Config { return e.config }

// Close releases everything the engine compiled with wazero; modules the
// browser compiled go when nothing refers to them. A compilation that a
// time limit stopped may still be running in the background (see
// compileWithin): Close waits for it to end, or for ctx to, and in that
// case leaves the engine open and says so, since closing wazero's runtime
// under a running compilation would crash it. A command about to exit can
// pass a done ctx not to wait.
func (e *Engine) Close(ctx context.Context) error {
	if e.compilingCount.Load() > 0 {
		idle := make(chan struct{})
		go func() {
			e.compiling.Wait()
			close(idle)
		}()
		select {
		case <-idle:
		case <-ctx.Done():
			return fmt.Errorf("close engine: a compilation that a time limit stopped is still running: %w", context.Cause(ctx))
		}
	}
	return e.runtime.Close(context.WithoutCancel(ctx))
}

func (e *Engine) instantiateHostModules(ctx context.Context) error {
	builders := map[string]wazero.HostModuleBuilder{}
	for name, f := range hostFunctions {
		builder, ok := builders[name.module]
		if !ok {
			builder = e.runtime.NewHostModuleBuilder(name.module)
			builders[name.module] = builder
		}
		builder.NewFunctionBuilder().
			WithGoModuleFunction(goFunction(f), f.params, f.results).
			WithName(name.name).
			WithParameterNames(f.paramNames...).
			Export(name.name)
	}
	// Instantiate in a fixed order, so that any failure is reproducible.
	modules := []string{hostModuleName}
	modules = append(modules, aliasModules...)
	for _, module := range modules {
		if _, err := builders[module].Instantiate(ctx); err != nil {
			return fmt.Errorf("instantiate host module %s: %w", module, err)
		}
	}
	return nil
}

// goFunction adapts f to wazero, which fails the call with what the
// function panics with.
func goFunction(f *hostFunction) api.GoModuleFunction {
	return api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
		if err := f.invoke(transactionFrom(ctx), mod.Memory(), stack); err != nil {
			panic(err)
		}
	})
}

func (e *Engine) compileLibraries(ctx context.Context) error {
	for _, lib := range e.config.Libraries {
		if lib.Name == hostModuleName || slices.Contains(aliasModules, lib.Name) {
			return fmt.Errorf("library %q: the name is taken by the host functions", lib.Name)
		}
		if slices.ContainsFunc(e.libraries, func(l library) bool { return l.name == lib.Name }) {
			return fmt.Errorf("library %q: given twice", lib.Name)
		}
		_, compiled, err := e.compile(ctx, lib.Code, false)
		if err != nil {
			return fmt.Errorf("library %q: %w", lib.Name, err)
		}
		if imports := compiled.ImportedFunctions(); len(imports) > 0 {
			module, name, _ := imports[0].Import()
			return fmt.Errorf("library %q: imports %s.%s, but a library may import nothing", lib.Name, module, name)
		}
		e.libraries = append(e.libraries, library{name: lib.Name, compiled: compiled})
	}
	return nil
}

// profiledSection is a custom section named "eeplay-profiled", which
// compile adds to code it compiles to be profiled.
var profiledSection = append(append([]byte{0x00, 17, 15}, "eeplay-profiled"...), 0)

// compile compiles code with wazero, once its header (checkHeader) and
// declared sizes are checked, with its tables capped (capTables), its
// functions named for stack traces (nameFunctions), on the interpreter its
// stack bounded (stackLimit) and, if profiled, its calls measured
// (profileListeners). It returns the code as it compiled it.
func (e *Engine) compile(ctx context.Context, code []byte, profiled bool) ([]byte, wazero.CompiledModule, error) {
	if err := checkHeader(code); err != nil {
		return nil, nil, err
	}
	scan, err := checkDeclaredSizes(code)
	if err != nil {
		return nil, nil, err
	}
	code = nameFunctions(capTables(code))
	var listeners []experimental.FunctionListenerFactory
	if e.config.Engine == Interpreter {
		listeners = append(listeners, stackLimit{importedFunctions: scan.importedFunctions, frameSlots: scan.frameSlots})
	}
	if profiled {
		listeners = append(listeners, profileListeners{})
		// wazero keeps compiled code by the module's bytes, whatever the
		// listeners: different bytes make it compile them in.
		code = append(slices.Clip(code), profiledSection...)
	}
	if len(listeners) > 0 {
		ctx = experimental.WithFunctionListenerFactory(ctx, experimental.MultiFunctionListenerFactory(listeners...))
	}
	compiled, err := e.compileWithin(ctx, code)
	return code, compiled, err
}

// compileError words a failure of compile as an invalid module, unless
// compile was stopped or the code is no module at all.
func (e *Engine) compileError(err error) error {
	var stopped *stoppedError
	var header *headerError
	switch {
	case errors.As(err, &stopped), errors.As(err, &header):
		return err
	case strings.Contains(err.Error(), "over limit of"):
		// wazero rounds sizes to MiB; say exactly what the cap is.
		return fmt.Errorf("invalid wasm module: %w: eeplay caps memory at %d pages of 64 KiB (MaxMemoryPages)", err, e.config.MaxMemoryPages)
	}
	return fmt.Errorf("invalid wasm module: %w", err)
}

// Compile checks that wasmCode is an EE eeplay can run and compiles it.
func (e *Engine) Compile(ctx context.Context, wasmCode []byte) (core.Program, error) {
	code, compiled, err := e.compile(ctx, wasmCode, false)
	if err != nil {
		return nil, e.compileError(err)
	}
	if err := e.checkModule(wasmCode, compiled); err != nil {
		compiled.Close(ctx)
		return nil, err
	}
	exports := functionExports(compiled)
	var p startChecker
	if e.browser != nil {
		compiled.Close(ctx)
		bp, err := e.browser.program(code, exports, e.config)
		if err != nil {
			return nil, err
		}
		p = bp
	} else {
		p = &program{engine: e, code: wasmCode, compiled: compiled, exports: exports}
	}
	// A start function that fails would fail every transaction: say so now,
	// before the EE is created.
	if err := p.checkStart(ctx); err != nil {
		return nil, fmt.Errorf("not an execution environment: its start function fails (run with a zero pre-state and no block data): %w", err)
	}
	return p, nil
}
