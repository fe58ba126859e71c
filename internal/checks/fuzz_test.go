package checks

import (
	"io/fs"
	"os"
	"os/exec"
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
				fuzz(t, root, dir, name)
			})
		}
	}
}

// coordinatorRace is how Go 1.26's fuzzing coordinator reports its own race
// at the end of -fuzztime (go.dev/issue/75804, fixed in Go 1.27): the
// target fails with this alone, having found nothing.
const coordinatorRace = "context deadline exceeded"

// fuzz runs target, in package directory dir, for fuzzTime. A failure that
// is only the coordinator's race, with no failing input written, is run
// once more; any other failure, or the race twice, fails the test.
func fuzz(t *testing.T, root, dir, target string) {
	t.Helper()
	args := []string{"test", "-run", "^$", "-fuzz", "^" + target + "$", "-fuzztime", fuzzTime, "./" + dir}
	for attempt := 1; ; attempt++ {
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err == nil {
			return
		}
		race := strings.Contains(string(out), coordinatorRace) && !strings.Contains(string(out), "Failing input written")
		if !race || attempt == 2 {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("go %s: the coordinator's race at the end of -fuzztime (go.dev/issue/75804), running again:\n%s", strings.Join(args, " "), out)
	}
}
