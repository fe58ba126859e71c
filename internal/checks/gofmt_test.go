package checks

import (
	"strings"
	"testing"
)

func TestGoFilesAreFormatted(t *testing.T) {
	requireTool(t, "gofmt", "it comes with Go")
	root := repoRoot(t)
	out := command(t, root, nil, "gofmt", "-l", "build", "core", "wasmhost", "jsbridge", "cmd", "internal", "scripts")
	if files := strings.TrimSpace(out); files != "" {
		t.Errorf("gofmt would change these files; run gofmt -w:\n%s", files)
	}
}
