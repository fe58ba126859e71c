package checks

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Each test here regenerates files into a temporary directory and compares
// them with the committed ones. To update them: go generate ./...

func TestSSZCodeIsCurrent(t *testing.T) {
	for _, pkg := range []string{"core", "token"} {
		t.Run(pkg, func(t *testing.T) {
			dir := filepath.Join(repoRoot(t), pkg)
			args := generateArgs(t, filepath.Join(dir, "doc.go"), "sszgen")

			// sszgen writes beside its input, so give it a copy of the
			// sources. It hashes every file but tests and its own output
			// into the header of what it generates, so the copy must hold
			// them all.
			tmp := t.TempDir()
			sources, _ := filepath.Glob(filepath.Join(dir, "*.go"))
			for _, source := range sources {
				if !strings.HasSuffix(source, "_test.go") {
					copyFile(t, source, filepath.Join(tmp, filepath.Base(source)))
				}
			}
			for i, arg := range args {
				switch arg {
				case "--path":
					args[i+1] = tmp
				case "--output":
					args[i+1] = filepath.Join(tmp, args[i+1])
				}
			}
			// In dir, so that paths such as --include ../core/root.go
			// resolve as they do for go generate.
			command(t, dir, nil, "go", args...)

			generated, _ := filepath.Glob(filepath.Join(tmp, "*_ssz.go"))
			if len(generated) == 0 {
				t.Fatal("sszgen generated no files")
			}
			for _, path := range generated {
				compareFiles(t, path, filepath.Join(dir, filepath.Base(path)))
			}
		})
	}
}

func TestExampleEEsAreCurrent(t *testing.T) {
	requireNodeModules(t)
	root := repoRoot(t)
	tmp := t.TempDir()
	command(t, root, nil, "node", "scripts/build.mjs", "--out", tmp)
	built, _ := filepath.Glob(filepath.Join(tmp, "*", "*.wasm"))
	if len(built) < 2 {
		t.Fatalf("scripts/build.mjs built %d EEs, want at least 2", len(built))
	}
	for _, path := range built {
		rel, _ := filepath.Rel(tmp, path)
		compareFiles(t, path, filepath.Join(root, "scripts", rel))
	}
}

// TestScoutTestsFromScriptsAreCurrent checks the Scout tests that a script
// writes, scripts/NAME/scout.mjs to NAME.yaml beside it: the libhash
// EE's holds its child module's bytes, so a rebuilt child makes it stale.
func TestScoutTestsFromScriptsAreCurrent(t *testing.T) {
	requireTool(t, "node", "install Node.js 20 or later")
	root := repoRoot(t)
	scripts, _ := filepath.Glob(filepath.Join(root, "scripts", "*", "scout.mjs"))
	if len(scripts) == 0 {
		t.Fatal("found no scripts/*/scout.mjs")
	}
	for _, script := range scripts {
		name := filepath.Base(filepath.Dir(script))
		t.Run(name, func(t *testing.T) {
			tmp := filepath.Join(t.TempDir(), name+".yaml")
			command(t, root, nil, "node", script, "--out", tmp)
			compareFiles(t, tmp, filepath.Join(filepath.Dir(script), name+".yaml"))
		})
	}
}

func TestTestdataWasmIsCurrent(t *testing.T) {
	requireNodeModules(t)
	root := repoRoot(t)
	tmp := t.TempDir()
	command(t, root, nil, "node", "scripts/wat2wasm.mjs", "--out", tmp)
	sources, _ := filepath.Glob(filepath.Join(root, "*", "*", "testdata", "*.wat"))
	if len(sources) == 0 {
		t.Fatal("found no testdata .wat files")
	}
	for _, source := range sources {
		rel, _ := filepath.Rel(root, strings.TrimSuffix(source, ".wat")+".wasm")
		compareFiles(t, filepath.Join(tmp, rel), filepath.Join(root, rel))
	}
}

func TestTokenScoutTestIsCurrent(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "scripts")
	args := generateArgs(t, filepath.Join(dir, "generate.go"), "token demo")
	tmp := filepath.Join(t.TempDir(), "token.yaml")
	committed := ""
	for i, arg := range args {
		if arg == "--scout" {
			committed, args[i+1] = filepath.Join(dir, args[i+1]), tmp
		}
	}
	if committed == "" {
		t.Fatal("the go:generate line running token demo has no --scout")
	}
	command(t, dir, nil, "go", args...)
	compareFiles(t, tmp, committed)
}

// generateArgs returns the arguments of the go:generate line in file that
// mentions tool, so that the check runs exactly what go generate runs.
func generateArgs(t *testing.T, file, tool string) []string {
	t.Helper()
	source, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^//go:generate go (.*` + tool + `.*)$`).FindSubmatch(source)
	if line == nil {
		t.Fatalf("%s has no go:generate line running %s", file, tool)
	}
	return strings.Fields(string(line[1]))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// compareFiles fails when the committed file differs from the regenerated.
func compareFiles(t *testing.T, regenerated, committed string) {
	t.Helper()
	want, err := os.ReadFile(regenerated)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(committed)
	if err != nil {
		t.Errorf("%s: %v; run go generate ./...", committed, err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go generate ./... and commit the result", committed)
	}
}
