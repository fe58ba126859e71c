package wasmhost

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// checkModule rejects a module that is not an EE: it must export
// main () -> () and memory, and import only host functions and library
// functions, with the right types.
func (e *Engine) checkModule(code []byte, compiled wazero.CompiledModule) error {
	main, ok := compiled.ExportedFunctions()["main"]
	if !ok {
		return fmt.Errorf("not an execution environment: it does not export a function named main")
	}
	if len(main.ParamTypes()) != 0 || len(main.ResultTypes()) != 0 {
		return fmt.Errorf("not an execution environment: main has type %s, want () -> ()", signature(main.ParamTypes(), main.ResultTypes()))
	}
	if _, ok := compiled.ExportedMemories()["memory"]; !ok {
		return fmt.Errorf("not an execution environment: it does not export a memory named memory")
	}
	imported, kind, found, err := firstNonFunctionImport(code)
	if err != nil {
		return fmt.Errorf("invalid wasm module: %w", err)
	}
	if found && kind == "memory" {
		return fmt.Errorf("unsupported import %s: an execution environment defines its own memory", imported)
	}
	if found {
		return fmt.Errorf("unsupported import %s: a %s; the host provides only functions", imported, kind)
	}
	for _, f := range compiled.ImportedFunctions() {
		if err := e.checkImport(f); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) checkImport(f api.FunctionDefinition) error {
	module, name, _ := f.Import()
	imported := importName{module, name}
	params, results := f.ParamTypes(), f.ResultTypes()
	if host, ok := hostFunctions[imported]; ok {
		if !slices.Equal(params, host.params) || !slices.Equal(results, host.results) {
			return fmt.Errorf("import %s has type %s, but the host function has type %s", imported, signature(params, results), signature(host.params, host.results))
		}
		return nil
	}
	for _, lib := range e.libraries {
		if lib.name != module {
			continue
		}
		export, ok := lib.compiled.ExportedFunctions()[name]
		if !ok {
			return fmt.Errorf("unsupported import %s: library %q exports no function %q", imported, module, name)
		}
		if !slices.Equal(params, export.ParamTypes()) || !slices.Equal(results, export.ResultTypes()) {
			return fmt.Errorf("import %s has type %s, but the library function has type %s", imported, signature(params, results), signature(export.ParamTypes(), export.ResultTypes()))
		}
		return nil
	}
	if module != hostModuleName && !slices.Contains(aliasModules, module) {
		return fmt.Errorf("unsupported import %s: no library is named %q, and the host functions are under modules %s, %s", imported, module, hostModuleName, strings.Join(aliasModules, ", "))
	}
	return fmt.Errorf("unsupported import %s: supported host functions are %s", imported, supportedImports())
}
