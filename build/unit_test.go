package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// passingTest and failingTest are unit tests of web/src/core/add.ts; the
// failing one's assertion is on line 6.
const (
	addModule   = "export function add(a: number, b: number): number {\n  return a + b;\n}\n"
	passingTest = "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from './add';\n\ntest('adds', () => {\n  assert.equal(add(1, 2), 3);\n});\n"
	failingTest = "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from './add';\n\ntest('adds wrongly', () => {\n  assert.equal(add(1, 2), 4);\n});\n"
)

func TestRunUnitTests(t *testing.T) {
	if _, err := checkNode(context.Background()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		// err is the step's error, with DIR for the bundles' directory.
		err string
		// stdout holds these, with ROOT for the repository root.
		stdout []string
	}{
		{
			name:   "passing",
			files:  map[string]string{"web/src/core/add.ts": addModule, "web/src/core/add.test.ts": passingTest},
			stdout: []string{"$ node --enable-source-maps --test --test-reporter=spec DIR/core/add.test.mjs\n", "✔ adds"},
		},
		{
			// Every test file runs, in every folder, and a failure points
			// at the lines of the .ts files.
			name: "failing",
			files: map[string]string{
				"web/src/core/add.ts":       addModule,
				"web/src/core/add.test.ts":  passingTest,
				"web/src/ui/wrong.test.ts":  strings.ReplaceAll(failingTest, "'./add'", "'../core/add'"),
				"web/src/ui/not-a-test.ts":  "throw new Error('not a test');\n",
				"web/e2e/outside.test.ts":   failingTest,
				"web/src/core/add.test.mjs": failingTest,
			},
			err: "node --enable-source-maps --test --test-reporter=spec DIR/core/add.test.mjs DIR/ui/wrong.test.mjs: exit status 1",
			stdout: []string{
				"✔ adds",
				"✖ adds wrongly",
				"test at web/src/ui/wrong.test.ts:5:1\n",
				"(ROOT/web/src/ui/wrong.test.ts:6:10)\n",
				"ℹ pass 1\nℹ fail 1\n",
			},
		},
		{
			name:  "none",
			files: map[string]string{"web/src/core/add.ts": addModule},
			err:   "found no unit tests: web/src has no *.test.ts",
		},
		{
			name:  "unbundlable",
			files: map[string]string{"web/src/core/add.test.ts": passingTest},
			err:   `bundling the unit tests: esbuild: web/src/core/add.test.ts:3: Could not resolve "./add"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, dir := t.TempDir(), t.TempDir()
			writeFiles(t, root, tt.files)
			var stdout, stderr strings.Builder
			c := &tester{root: root, stdout: &stdout, stderr: &stderr}
			err := runUnitTests(context.Background(), c, dir)
			if want := strings.ReplaceAll(tt.err, "DIR", dir); errorText(err) != want {
				t.Errorf("error %q, want %q", errorText(err), want)
			}
			for _, s := range tt.stdout {
				s = strings.NewReplacer("DIR", dir, "ROOT", filepath.ToSlash(root)).Replace(s)
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
		})
	}
}
