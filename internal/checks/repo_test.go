package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// repoRoot is the repository's top directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// command runs name with args in dir and returns its combined output,
// failing the test with that output if it fails.
func command(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// requireTool fails the test, saying what to install, when name is not on
// PATH: a missing tool must not pass for a passing check.
func requireTool(t *testing.T, name, install string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found on PATH: %s", name, install)
	}
}

var npmInstall sync.Once

// requireNodeModules installs the npm packages (npm ci) when they are
// missing, so that `go test ./...` works on a fresh clone.
func requireNodeModules(t *testing.T) {
	t.Helper()
	requireTool(t, "node", "install Node.js 20 or later")
	requireTool(t, "npm", "install npm (it comes with Node.js)")
	root := repoRoot(t)
	npmInstall.Do(func() {
		if _, err := os.Stat(filepath.Join(root, "node_modules", ".package-lock.json")); err == nil {
			return
		}
		t.Log("node_modules missing: running npm ci")
		command(t, root, nil, "npm", "ci", "--no-audit", "--no-fund")
	})
}
