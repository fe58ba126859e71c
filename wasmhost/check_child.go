package wasmhost

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tetratelabs/wazero"
)

// childImports are the host functions a child module may import, by their
// name under module env: ewasm-rt's child functions and the debug output.
var childImports = func() map[*hostFunction]bool {
	allowed := map[*hostFunction]bool{}
	for name, f := range hostFunctions {
		if name.module != hostModuleName {
			continue
		}
		switch {
		case f.name == "eth2_call", f.name == "eth2_argument", f.name == "eth2_return", f.name == "print",
			strings.HasPrefix(f.name, "debug_"):
			allowed[f] = true
		}
	}
	return allowed
}()

// compileChild compiles code as compile does for an EE and checks that it
// is a child module (checkChild), or finds it in the engine's childCache.
func (e *Engine) compileChild(ctx context.Context, code []byte) (*checkedChild, error) {
	return e.children.child(code, func() (*checkedChild, error) {
		compiledCode, compiled, err := e.compile(ctx, code, false)
		if err != nil {
			return nil, e.compileError(err)
		}
		if err := checkChild(code, compiled); err != nil {
			compiled.Close(ctx)
			return nil, err
		}
		return &checkedChild{code: compiledCode, compiled: compiled, exports: functionExports(compiled)}, nil
	})
}

// checkChild rejects a module that is not a child module: it must export
// memory and import only the functions of childImports, with their types.
func checkChild(code []byte, compiled wazero.CompiledModule) error {
	if _, ok := compiled.ExportedMemories()["memory"]; !ok {
		return fmt.Errorf("not a child module: it does not export a memory named memory")
	}
	imported, kind, found, err := firstNonFunctionImport(code)
	if err != nil {
		return fmt.Errorf("invalid wasm module: %w", err)
	}
	if found {
		return fmt.Errorf("unsupported import %s: a %s; a child module imports only functions", imported, kind)
	}
	for _, def := range compiled.ImportedFunctions() {
		module, name, _ := def.Import()
		imported := importName{module, name}
		f, ok := hostFunctions[imported]
		if !ok || !childImports[f] {
			return fmt.Errorf("unsupported import %s: a child module may import only eth2_call, eth2_argument, eth2_return, print and the debug_ functions (module %s)", imported, hostModuleName)
		}
		params, results := def.ParamTypes(), def.ResultTypes()
		if !slices.Equal(params, f.params) || !slices.Equal(results, f.results) {
			return fmt.Errorf("import %s has type %s, but the host function has type %s", imported, signature(params, results), signature(f.params, f.results))
		}
	}
	return nil
}

// functionExports lists compiled's function exports as signatures, by name.
func functionExports(compiled wazero.CompiledModule) map[string]string {
	exports := map[string]string{}
	for name, def := range compiled.ExportedFunctions() {
		exports[name] = signature(def.ParamTypes(), def.ResultTypes())
	}
	return exports
}
