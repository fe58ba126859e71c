package wasmhost

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tetratelabs/wazero/api"
)

// hostFunction is one function that EEs may import. Each is exported as
// env.<name>; a name with a prefix (eth2_, debug_, bignum_) is also exported
// without it from the module of that name, as Scout resolves them.
type hostFunction struct {
	name   string
	params []api.ValueType
	// paramNames name params, as the EE-facing declarations do
	// (scripts/lib/eth2.ts, docs/host-functions.md), for wazero's function
	// definitions and for anything that shows a call's arguments.
	paramNames []string
	results    []api.ValueType
	// call runs the function for tx against mem; stack holds the params on
	// entry and receives the results. Engines reach it through invoke.
	call func(tx *transaction, mem guestMemory, stack []uint64) error
}

// invoke is the one path by which every engine calls f, so that what
// applies to all host calls is added here once. stack holds the params on
// entry and receives the results; how they arrive and leave is the
// engine's. A failure returns as a *hostError naming f, and so does a
// panic, which must not unwind into the engine: through a wasm export into
// JavaScript it would end this program.
func (f *hostFunction) invoke(tx *transaction, mem guestMemory, stack []uint64) (err error) {
	if tx == nil {
		return &hostError{function: f.name, err: errors.New("called outside a transaction")}
	}
	if tx.trace != nil {
		// Deferred before the recover below, so that it runs after it and
		// sees the call's outcome.
		call, recording := tx.trace.begin(f, mem, stack)
		mem = recording
		defer func() { tx.trace.end(call, f, stack, tx.ticksUsed, err) }()
	}
	defer func() {
		if r := recover(); r != nil {
			err = &hostError{function: f.name, err: fmt.Errorf("host function panicked: %v", r)}
		}
	}()
	if err := f.call(tx, mem, stack); err != nil {
		return &hostError{function: f.name, err: err}
	}
	return nil
}

// hostError is a host function failing the transaction, usually because of
// bad arguments.
type hostError struct {
	function string
	err      error
}

func (e *hostError) Error() string { return e.function + ": " + e.err.Error() }
func (e *hostError) Unwrap() error { return e.err }

// hostModuleName is the module every host function is exported from.
const hostModuleName = "env"

// aliasModules are the modules that export the unprefixed names.
var aliasModules = []string{"eth2", "debug", "bignum"}

// importName is a function import: module and name.
type importName struct{ module, name string }

// String writes what is not printable in the names, which the EE chose,
// as debug lines do, so that a message naming an import stays one line.
func (n importName) String() string { return text([]byte(n.module)) + "." + text([]byte(n.name)) }

// exports lists where f is exported from.
func (f *hostFunction) exports() []importName {
	names := []importName{{hostModuleName, f.name}}
	if prefix, rest, ok := strings.Cut(f.name, "_"); ok && slices.Contains(aliasModules, prefix) {
		names = append(names, importName{prefix, rest})
	}
	return names
}

var i32, i64 = api.ValueTypeI32, api.ValueTypeI64

// hostFunctions are all the host functions, by the import that reaches them.
var hostFunctions = func() map[importName]*hostFunction {
	all := [][]*hostFunction{eth2Functions, bufferFunctions, childFunctions, debugFunctions, bignumFunctions, {abortFunction}}
	byImport := map[importName]*hostFunction{}
	for _, group := range all {
		for _, f := range group {
			for _, name := range f.exports() {
				byImport[name] = f
			}
		}
	}
	return byImport
}()

// supportedImports lists the env names of all host functions, for messages.
func supportedImports() string {
	var names []string
	for name := range hostFunctions {
		if name.module == hostModuleName {
			names = append(names, name.name)
		}
	}
	slices.Sort(names)
	return fmt.Sprintf("%s (module %s; under modules %s the same names without their prefix)",
		strings.Join(names, ", "), hostModuleName, strings.Join(aliasModules, ", "))
}

// signature formats a function type as wasm text does: (i32, i32) -> (i32).
func signature(params, results []api.ValueType) string {
	return "(" + valueTypeNames(params) + ") -> (" + valueTypeNames(results) + ")"
}

func valueTypeNames(types []api.ValueType) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = api.ValueTypeName(t)
	}
	return strings.Join(names, ", ")
}
