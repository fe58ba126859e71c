package checks

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fuzzTime is how long each fuzz target runs: enough to catch regressions
// in what the seeds and corpus reach, short enough for every CI run.
const fuzzTime = "10s"

var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(f \*testing\.F\)`)

// TestFuzzTargetsBriefly runs every fuzz target in the repository, found by
// reading the test files, so a new target is fuzzed without being listed.
func TestFuzzTargetsBriefly(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzes every target for " + fuzzTime)
	}
	root := repoRoot(t)
	targets := map[string][]string{} // package directory -> targets
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		source, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, match := range fuzzFunc.FindAllSubmatch(source, -1) {
			dir, _ := filepath.Rel(root, filepath.Dir(path))
			targets[dir] = append(targets[dir], string(match[1]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) == 0 {
		t.Fatal("found no fuzz targets")
	}
	for dir, names := range targets {
		for _, name := range names {
			t.Run(name, func(t *testing.T) {
				command(t, root, nil, "go", "test", "-run", "^$", "-fuzz", "^"+name+"$", "-fuzztime", fuzzTime, "./"+dir)
			})
		}
	}
}
