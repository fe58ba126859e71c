package wasmhost

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDeclaredSizesAcceptValidModules runs the scan over every committed
// module: none declares more than it holds, so none may be rejected.
func TestDeclaredSizesAcceptValidModules(t *testing.T) {
	paths, _ := filepath.Glob("../internal/testee/testdata/*.wasm")
	examples, _ := filepath.Glob("../scripts/*/*.wasm")
	paths = append(paths, examples...)
	if len(paths) < 10 {
		t.Fatalf("found only %d modules", len(paths))
	}
	for _, path := range paths {
		if bytes.Contains([]byte(path), []byte("big_table")) {
			continue // over the table limit on purpose
		}
		code, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := checkDeclaredSizes(code); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
