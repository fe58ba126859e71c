package wasmhost

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"

	"github.com/tetratelabs/wazero/api"

	"github.com/eeplay/eeplay/core"
)

// childModules is what a transaction holds of quilt's ewasm-rt child
// modules: the modules the EE loaded, the exports it exposed to them, and
// the stack of calls between them.
type childModules struct {
	// runner loads and calls modules on the transaction's engine.
	runner childRunner
	// rootExports are the EE's function exports, by name, as signatures.
	rootExports map[string]string

	slots   map[uint32]*childModule
	loaded  []*childModule // in the order the EE loaded them, for the receipt
	exposed map[string]bool
	frames  []callFrame

	maxModules, maxDepth int
}

// childModule is one loaded module.
type childModule struct {
	usage    core.ChildModule
	exports  map[string]string // function exports, by name, as signatures
	instance childInstance
}

// childInstance is a module instance, as its engine knows it.
type childInstance any

// childRunner is what an engine does for the child-module functions: it
// compiles, checks (checkChild) and instantiates code, returning the
// instance and its function exports as signatures, and calls exports whose
// signatures the caller has checked. A call that fails returns a
// *childFailure, whose stack trace goes before the caller's.
type childRunner interface {
	instantiate(code []byte) (childInstance, map[string]string, error)
	callChild(instance childInstance, name string) (uint32, error)
	callRoot(name string) (uint32, error)
	close()
}

// callFrame is one call from the EE to a child or back: the caller's
// argument and return buffer, which the callee reaches through
// eth2_argument and eth2_return.
type callFrame struct {
	argument []byte
	// returned holds what the callee returned, up to the return buffer's
	// length; it reaches the caller's memory when the call returns.
	returned       []byte
	returnCapacity uint32
	// child is the callee, or nil for the EE.
	child *childModule
}

// exportSignature is the type of every export called through
// eth2_callModule or eth2_call: no parameters (the argument is in the
// call's frame) and an i32 result.
var exportSignature = signature(nil, []api.ValueType{i32})

// checkCallable fails unless exports holds name with exportSignature;
// owner names the module in the message.
func checkCallable(owner, name string, exports map[string]string) error {
	sig, ok := exports[name]
	switch {
	case !ok:
		return fmt.Errorf("%s exports no function named %s", owner, quoteName(name))
	case sig != exportSignature:
		return fmt.Errorf("%s's export %s has type %s, want %s", owner, quoteName(name), sig, exportSignature)
	}
	return nil
}

// childFailure is a failed call of a child module's export or of the EE's
// exposed export: the callee's error, and its frames of the stack trace,
// each after "\n\t", which go before the caller's.
type childFailure struct {
	err   error
	trace string
}

func (f *childFailure) Error() string { return f.err.Error() }
func (f *childFailure) Unwrap() error { return f.err }

// newChildFailure splits err, worded as describeFailure words a failed
// transaction, into its message and its stack trace.
func newChildFailure(err error) *childFailure {
	message, trace, _ := strings.Cut(err.Error(), "\nwasm stack trace:")
	return &childFailure{err: errors.New(message), trace: trace}
}

// innerTrace is the stack trace of the child call that err reports, if
// it does: the frames to put before the failed host function's.
func innerTrace(err error) string {
	var failure *childFailure
	if errors.As(err, &failure) {
		return failure.trace
	}
	return ""
}

// module is the module in slot.
func (c *childModules) module(slot uint32) (*childModule, error) {
	m, ok := c.slots[slot]
	if !ok {
		return nil, fmt.Errorf("slot %d holds no module: load one with eth2_loadModule first", slot)
	}
	return m, nil
}

// caller is the child module that made the current host call, or nil if
// the EE made it.
func (c *childModules) caller() *childModule {
	if len(c.frames) == 0 {
		return nil
	}
	return c.frames[len(c.frames)-1].child
}

// frame is the current call's frame, which eth2_argument and eth2_return
// use.
func (c *childModules) frame() (*callFrame, error) {
	if len(c.frames) == 0 {
		return nil, errors.New("no caller: only an export called through eth2_callModule or eth2_call has an argument and a return buffer")
	}
	return &c.frames[len(c.frames)-1], nil
}

// load compiles and instantiates code as the module in slot.
func (c *childModules) load(slot uint32, code []byte) error {
	if _, ok := c.slots[slot]; ok {
		return fmt.Errorf("slot %d already holds a module: a slot is loaded once per transaction", slot)
	}
	if len(c.loaded) >= c.maxModules {
		return fmt.Errorf("module limit exceeded: the transaction has loaded %d child modules and may load %d (MaxChildModules)", len(c.loaded), c.maxModules)
	}
	instance, exports, err := c.runner.instantiate(code)
	if err != nil {
		return fmt.Errorf("child module for slot %d: %w", slot, err)
	}
	m := &childModule{
		usage:    core.ChildModule{Slot: slot, Size: uint32(len(code)), SHA256: sha256.Sum256(code)},
		exports:  exports,
		instance: instance,
	}
	if c.slots == nil {
		c.slots = map[uint32]*childModule{}
	}
	c.slots[slot] = m
	c.loaded = append(c.loaded, m)
	return nil
}

// checkDepth fails if one more call would pass maxDepth.
func (c *childModules) checkDepth() error {
	if len(c.frames) >= c.maxDepth {
		return fmt.Errorf("call depth exceeded: %d calls between the EE and its child modules are already under way (MaxCallDepth)", len(c.frames))
	}
	return nil
}

// call runs child's export name (the EE's if child is nil; checkDepth has
// passed) with a frame of argument and a return buffer of returnCapacity
// bytes, and returns its result and what it returned.
func (c *childModules) call(child *childModule, name string, argument []byte, returnCapacity uint32) (uint32, []byte, error) {
	c.frames = append(c.frames, callFrame{argument: argument, returnCapacity: returnCapacity, child: child})
	defer func() { c.frames = c.frames[:len(c.frames)-1] }()
	var result uint32
	var err error
	if child == nil {
		result, err = c.runner.callRoot(name)
	} else {
		result, err = c.runner.callChild(child.instance, name)
	}
	return result, c.frames[len(c.frames)-1].returned, err
}

// usage lists what the transaction did with each module, for the receipt.
func (c *childModules) usage() []core.ChildModule {
	if len(c.loaded) == 0 {
		return nil
	}
	usage := make([]core.ChildModule, len(c.loaded))
	for i, m := range c.loaded {
		usage[i] = m.usage
	}
	return usage
}
