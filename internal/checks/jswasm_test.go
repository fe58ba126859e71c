package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jsPackages are the packages the browser build uses; they must pass their
// tests as js/wasm too.
var jsPackages = []string{"./core/...", "./wasmhost/..."}

func TestJSWasm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the js/wasm tests under Node")
	}
	requireTool(t, "node", "install Node.js 20 or later to run the js/wasm tests")
	goroot := strings.TrimSpace(command(t, ".", nil, "go", "env", "GOROOT"))
	exec := filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(exec); err != nil {
		t.Fatalf("Go's js/wasm exec wrapper is missing: %v", err)
	}
	args := append([]string{"test", "-exec", exec, "-count", "1"}, jsPackages...)
	out := command(t, repoRoot(t), []string{"GOOS=js", "GOARCH=wasm"}, "go", args...)
	t.Logf("GOOS=js GOARCH=wasm go test %s:\n%s", strings.Join(jsPackages, " "), out)
}
