//go:build js && wasm

package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"syscall/js"

	"github.com/tetratelabs/wazero/api"

	"github.com/eeplay/eeplay/core"
)

func browserSupported() bool { return true }

// browserGlueSource is the JavaScript side of the browser engine. It runs
// each transaction whole (instantiate, start, main), so that Go never holds
// a reference to an instance: syscall/js frees the JavaScript objects Go
// refers to only when Go's garbage collector runs, which the instances'
// memories, in JavaScript's heap, would not make it do.
//
// Host functions reach Go through the export eeplayHostCall (see
// hostCall), not through syscall/js's FuncOf, whose every call costs
// microseconds: a token transaction makes thousands of host calls. Finding
// this program's exports takes one trick: syscall/js's FuncOf calls the
// Go object of wasm_exec.js (which holds the instance) as
// _makeFuncWrapper, so the glue watches that method for one call.
const browserGlueSource = `
let memory = null; // the memory of the instance running now
let failure = null;
let go = null;
// The transaction's instances: the EE's, and its child modules' by index.
let root = null;
let children = [];
let hostImportsNow = null;
let childFailure = null;
// i64 arrives as a BigInt: pass Go its two u32 halves.
const low = (x) => Number(BigInt.asUintN(32, x)) | 0;
const high = (x) => Number(BigInt.asUintN(32, x >> 32n)) | 0;
const asError = (e) => (e instanceof Error ? e : new Error(String(e)));
// Outcomes of run; failure holds the exception.
const OK = 0, LIBRARY_FAILED = 1, INSTANTIATE_FAILED = 2, START_FAILED = 3, MAIN_FAILED = 4;
// callExport calls an export of instance, () -> i32, with memory its own
// meanwhile; NaN, which no i32 is, says it threw, childFailure what.
const callExport = (instance, name) => {
  const saved = memory;
  memory = instance.exports.memory;
  try {
    return instance.exports[name]();
  } catch (e) {
    childFailure = asError(e);
    return NaN;
  } finally {
    memory = saved;
  }
};
return {
  watchGo() {
    const wrap = Go.prototype._makeFuncWrapper;
    Go.prototype._makeFuncWrapper = function (id) {
      go = this;
      Go.prototype._makeFuncWrapper = wrap;
      return wrap.call(this, id);
    };
  },
  foundGo() {
    return go !== null && typeof go._inst?.exports?.eeplayHostCall === 'function';
  },
  compile(bytes) {
    try {
      return new WebAssembly.Module(bytes);
    } catch (e) {
      return asError(e);
    }
  },
  // hostImports makes the imports object of the host functions: each
  // calls Go's eeplayHostCall with its index and up to seven i32 words, and
  // throws if Go returns NaN, the sign of failure.
  hostImports(functions) {
    const call = go._inst.exports.eeplayHostCall;
    const check = (result) => {
      // A new Error each time, for the stack trace of the EE's frames.
      if (result !== result) throw new Error('a host function failed');
      return result;
    };
    const imports = {};
    for (const [module, name, index, params] of functions) {
      imports[module] ??= {};
      imports[module][name] =
        params === 'I'
          ? (x) => check(call(index, low(x), high(x), 0, 0, 0, 0, 0))
          : (a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0) => check(call(index, a, b, c, d, e, f, g));
    }
    return imports;
  },
  // run runs one transaction, or only the start function unless callMain,
  // and returns its outcome. libraries are [name, module] pairs,
  // instantiated afresh each time.
  run(module, hostImports, libraries, startExport, callMain) {
    failure = null;
    hostImportsNow = hostImports;
    let imports = hostImports;
    let stage = LIBRARY_FAILED;
    let current = '';
    try {
      for (const [name, library] of libraries) {
        current = name;
        imports = { ...imports, [name]: new WebAssembly.Instance(library, {}).exports };
      }
      stage = INSTANTIATE_FAILED;
      const instance = new WebAssembly.Instance(module, imports);
      root = instance;
      memory = instance.exports.memory;
      stage = START_FAILED;
      if (startExport !== '') instance.exports[startExport]();
      stage = MAIN_FAILED;
      if (callMain) instance.exports.main();
      return OK;
    } catch (e) {
      failure = asError(e);
      failure.library = current;
      return stage;
    } finally {
      memory = null;
      root = null;
      children = [];
      hostImportsNow = null;
    }
  },
  failure() {
    return failure;
  },
  // instantiateChild instantiates a child module of the running
  // transaction, with the host functions, and runs its start function:
  // it returns the child's index, or -1 if instantiating failed and -2 if
  // the start function did, childFailure saying how.
  instantiateChild(module, startExport) {
    const saved = memory;
    let instance = null;
    try {
      instance = new WebAssembly.Instance(module, hostImportsNow);
      memory = instance.exports.memory;
      if (startExport !== '') instance.exports[startExport]();
    } catch (e) {
      childFailure = asError(e);
      return instance === null ? -1 : -2;
    } finally {
      memory = saved;
    }
    children.push(instance);
    return children.length - 1;
  },
  callChild(index, name) {
    return callExport(children[index], name);
  },
  callRoot(name) {
    return callExport(root, name);
  },
  childFailure() {
    return childFailure;
  },
  // size is the current instance's memory size in bytes.
  size() {
    return memory.buffer.byteLength;
  },
  // read copies length bytes at offset to the start of scratch, if they
  // are in bounds; write copies them from scratch. Both return the
  // memory's size, for the bounds check.
  read(scratch, offset, length) {
    const size = memory.buffer.byteLength;
    if (offset + length <= size) scratch.set(new Uint8Array(memory.buffer, offset, length));
    return size;
  },
  write(scratch, offset, length) {
    const size = memory.buffer.byteLength;
    if (offset + length <= size) new Uint8Array(memory.buffer, offset, length).set(scratch.subarray(0, length));
    return size;
  },
};
`

// Outcomes of the glue's run.
const (
	runOK = iota
	runLibraryFailed
	runInstantiateFailed
	runStartFailed
	runMainFailed
)

var uint8Array = js.Global().Get("Uint8Array")

// browserHost is what every browser engine shares: the glue, and the host
// functions as an imports object, by index for hostCall.
var browserHost = sync.OnceValues(func() (*browserShared, error) {
	glue := js.Global().Get("Function").New(browserGlueSource).Invoke()
	if js.Global().Get("Go").Type() != js.TypeFunction {
		return nil, errors.New("the browser engine needs Go's wasm_exec.js, which defines Go")
	}
	glue.Call("watchGo")
	js.FuncOf(func(js.Value, []js.Value) any { return nil }).Release()
	if !glue.Call("foundGo").Bool() {
		return nil, errors.New("the browser engine cannot find this program's export eeplayHostCall")
	}
	h := &browserShared{glue: glue}
	var specs []any
	for name, f := range hostFunctions {
		params := ""
		for _, t := range f.params {
			params += map[api.ValueType]string{i32: "i", i64: "I"}[t]
		}
		specs = append(specs, []any{name.module, name.name, len(h.functions), params})
		h.functions = append(h.functions, f)
		h.imported = append(h.imported, name)
	}
	h.imports = glue.Call("hostImports", specs)
	h.memory = browserMemory{glue: glue, scratch: uint8Array.New(4096), scratchSize: 4096}
	return h, nil
})

type browserShared struct {
	glue      js.Value
	imports   js.Value // the host functions, as an imports object
	functions []*hostFunction
	imported  []importName // imported[i] is the import that reaches functions[i]
	memory    browserMemory

	// mu lets one transaction run at a time, across engines: current is
	// the one hostCall serves.
	mu      sync.Mutex
	current *browserExecution
}

// browserRuntime runs EEs on the WebAssembly of the JavaScript host that
// runs this program (a browser, or Node.js), with the host functions of
// hostFunctions.
type browserRuntime struct {
	engine    *Engine // checks modules, child modules among them, with wazero
	shared    *browserShared
	libraries js.Value // [name, module] pairs
}

// browserExecution is one instance running one transaction.
type browserExecution struct {
	tx      *transaction
	hostErr error // the failed host call's *hostError
	// hostFrame is the failed host function as a stack frame, as wazero
	// shows it: "\n\tenv.eth2_emitLog(i32,i32)".
	hostFrame string
}

func newBrowserRuntime(e *Engine) (browserRunner, error) {
	shared, err := browserHost()
	if err != nil {
		return nil, err
	}
	r := &browserRuntime{engine: e, shared: shared}
	var libraries []any
	for _, lib := range e.config.Libraries {
		module, err := r.compile(lib.Code, e.config.MaxMemoryPages, false)
		if err != nil {
			return nil, fmt.Errorf("library %q: %w", lib.Name, err)
		}
		libraries = append(libraries, []any{lib.Name, module.compiled})
	}
	r.libraries = js.ValueOf(libraries)
	return r, nil
}

func (r *browserRuntime) program(code []byte, exports map[string]string, config Config) (startChecker, error) {
	module, err := r.compile(code, config.MaxMemoryPages, true)
	if err != nil {
		return nil, err
	}
	return &browserProgram{runtime: r, config: config, module: module, exports: exports}, nil
}

// browserCompiled is a module compiled by the browser.
type browserCompiled struct {
	compiled js.Value
	// startExport is the export the start section became, or "", as a
	// JavaScript string made once rather than per transaction.
	startExport js.Value
	startName   string
}

func (r *browserRuntime) compile(code []byte, maxPages uint32, moveStart bool) (browserCompiled, error) {
	prepared, err := prepareBrowserModule(code, maxPages, moveStart)
	if err != nil {
		return browserCompiled{}, fmt.Errorf("invalid wasm module: %w", err)
	}
	bytes := uint8Array.New(len(prepared.code))
	js.CopyBytesToJS(bytes, prepared.code)
	compiled := r.shared.glue.Call("compile", bytes)
	if compiled.InstanceOf(js.Global().Get("Error")) {
		return browserCompiled{}, fmt.Errorf("invalid wasm module: the browser's WebAssembly rejects it: %s", compiled.Get("message").String())
	}
	return browserCompiled{compiled: compiled, startExport: js.ValueOf(prepared.startExport), startName: prepared.startName}, nil
}

// hostCall serves every host function import of the EEs and child modules
// the browser engine runs: the glue's imports call it with the function's
// index in browserShared.functions and up to seven i32 words of parameters
// (an i64 as its low and high halves). It returns the function's i32
// result, 0 if it has none, or NaN if it failed. A child-module function
// calls into the glue, and so may come back here before it returns.
//
//go:wasmexport eeplayHostCall
func hostCall(index, w0, w1, w2, w3, w4, w5, w6 int32) float64 {
	h, err := browserHost()
	if err != nil || h.current == nil || index < 0 || int(index) >= len(h.functions) {
		return math.NaN()
	}
	execution := h.current
	f := h.functions[index]
	words := [7]int32{w0, w1, w2, w3, w4, w5, w6}
	var stack [7]uint64 // no host function has more parameters or results
	w := 0
	for i, t := range f.params {
		stack[i] = uint64(uint32(words[w]))
		w++
		if t == i64 {
			stack[i] |= uint64(uint32(words[w])) << 32
			w++
		}
	}
	if err := f.invoke(execution.tx, &h.memory, stack[:max(len(f.params), len(f.results))]); err != nil {
		execution.hostErr = err
		execution.hostFrame = hostFrame(h.imported[index], f)
		return math.NaN()
	}
	if len(f.results) == 1 { // i32, the only result type host functions have
		return float64(int32(uint32(stack[0])))
	}
	return 0
}

// browserProgram is an EE compiled by the browser. It implements
// core.Program.
type browserProgram struct {
	runtime *browserRuntime
	config  Config
	module  browserCompiled
	exports map[string]string // function exports, as signatures
}

var _ core.TracingProgram = (*browserProgram)(nil)

// Execute instantiates the EE afresh, runs its start function if it has
// one, and calls main, as program.Execute does on wazero.
func (p *browserProgram) Execute(ctx context.Context, preState core.Root, data []byte) (core.Receipt, error) {
	return p.run(ctx, preState, data, true, nil)
}

// ExecuteTraced is Execute, recording the transaction's host calls.
func (p *browserProgram) ExecuteTraced(ctx context.Context, preState core.Root, data []byte) (core.Receipt, core.Trace, error) {
	trace := newHostTrace()
	receipt, err := p.run(ctx, preState, data, true, trace)
	return receipt, trace.trace, err
}

// checkStart instantiates the EE once and runs its start function, and
// returns how that failed, if it did.
func (p *browserProgram) checkStart(ctx context.Context) error {
	_, err := p.run(ctx, core.Root{}, nil, false, nil)
	return err
}

// run instantiates the EE for a transaction of preState and data, runs its
// start function and, if callMain, main; trace, if not nil, records its
// host calls.
func (p *browserProgram) run(ctx context.Context, preState core.Root, data []byte, callMain bool, trace *hostTrace) (core.Receipt, error) {
	tx := newTransaction(preState, data, p.config)
	tx.trace = trace
	h := p.runtime.shared
	h.mu.Lock()
	defer h.mu.Unlock()
	if ctx.Err() != nil {
		return tx.receipt(), fmt.Errorf("stopped: %w", context.Cause(ctx))
	}

	execution := &browserExecution{tx: tx}
	tx.children.runner = &browserChildren{ctx: ctx, runtime: p.runtime, execution: execution}
	tx.children.rootExports = p.exports
	h.current = execution
	defer func() { h.current = nil }()
	outcome := h.glue.Call("run", p.module.compiled, h.imports, p.runtime.libraries, p.module.startExport, callMain).Int()
	if outcome == runOK {
		return tx.receipt(), nil
	}
	thrown := h.glue.Call("failure")
	var err error
	if execution.hostErr != nil {
		err = withWasmStack(execution.hostErr, execution.hostFrame, thrown)
	} else {
		err = browserFailure(thrown)
	}
	switch outcome {
	case runLibraryFailed:
		err = fmt.Errorf("instantiate library %q: %w", thrown.Get("library").String(), err)
	case runStartFailed:
		err = fmt.Errorf("start %s failed: %w", p.module.startName, err)
	}
	return tx.receipt(), err
}

// browserFailure turns an exception from the browser's WebAssembly into an
// error worded as wazero words it, where wazero has words for it.
func browserFailure(thrown js.Value) error {
	message := thrown.Get("message").String()
	if trap, ok := wazeroTrapMessage(message); ok {
		return withWasmStack(errors.New("wasm error: "+trap), "", thrown)
	}
	return withWasmStack(fmt.Errorf("%s: %s", thrown.Get("name").String(), message), "", thrown)
}

// withWasmStack appends the frames of the child call that err reports, if
// any, hostFrame, if any, and the EE's frames of thrown's stack to err,
// after "wasm stack trace:" as wazero does.
func withWasmStack(err error, hostFrame string, thrown js.Value) error {
	trace := innerTrace(err) + hostFrame + browserStackTrace(thrown.Get("stack").String())
	if trace == "" {
		return err
	}
	return fmt.Errorf("%w\nwasm stack trace:%s", err, trace)
}

// browserMemory is the memory of the instance the glue is running. Bytes
// pass through scratch, a Uint8Array that Go keeps, so that an access
// creates no JavaScript object Go must track.
type browserMemory struct {
	glue        js.Value
	scratch     js.Value
	scratchSize uint32
}

var _ guestMemory = (*browserMemory)(nil)

func (m *browserMemory) Size() uint32 {
	return uint32(m.glue.Call("size").Int())
}

func (m *browserMemory) Read(offset, byteCount uint32) ([]byte, bool) {
	if !m.fit(offset, byteCount) {
		return nil, false
	}
	if !inBounds(offset, byteCount, m.glue.Call("read", m.scratch, offset, byteCount).Int()) {
		return nil, false
	}
	b := make([]byte, byteCount)
	js.CopyBytesToGo(b, m.scratch) // copies len(b) bytes
	return b, true
}

func (m *browserMemory) Write(offset uint32, v []byte) bool {
	if !m.fit(offset, uint32(len(v))) {
		return false
	}
	js.CopyBytesToJS(m.scratch, v)
	return inBounds(offset, uint32(len(v)), m.glue.Call("write", m.scratch, offset, len(v)).Int())
}

// fit grows scratch to hold byteCount bytes, unless they are not all in
// memory at offset: a bad length must not make the host allocate.
func (m *browserMemory) fit(offset, byteCount uint32) bool {
	if byteCount <= m.scratchSize {
		return true
	}
	if !inBounds(offset, byteCount, int(m.Size())) {
		return false
	}
	m.scratch, m.scratchSize = uint8Array.New(byteCount), byteCount
	return true
}

func inBounds(offset, byteCount uint32, size int) bool {
	return uint64(offset)+uint64(byteCount) <= uint64(size)
}
