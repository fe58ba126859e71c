package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// unitSources is where the unit tests are, beside the modules they test.
const unitSources = "web/src"

// unitStep runs the front end's unit tests, web/src/**/*.test.ts, under
// Node.js's test runner, from bundles in a temporary directory.
func unitStep(ctx context.Context, c *tester) error {
	dir, err := os.MkdirTemp("", "eeplay-unit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	return runUnitTests(ctx, c, dir)
}

// runUnitTests bundles each unit test into dir and runs the bundles with
// node --test. Node.js 20 cannot run TypeScript, and a bundle brings the
// modules a test imports; its source map makes a failure's stack point at
// the .ts lines.
func runUnitTests(ctx context.Context, c *tester, dir string) error {
	tests, err := findUnitTests(c.root)
	if err != nil {
		return err
	}
	if len(tests) == 0 {
		return fmt.Errorf("found no unit tests: %s has no *.test.ts", unitSources)
	}
	bundles, err := bundleUnitTests(c.root, tests, dir, c.stderr)
	if err != nil {
		return err
	}
	return c.run(ctx, nil, "node", append([]string{"--enable-source-maps", "--test", "--test-reporter=spec"}, bundles...)...)
}

// findUnitTests returns the paths of the *.test.ts files under
// unitSources, relative to root and with forward slashes, in lexical
// order.
func findUnitTests(root string) ([]string, error) {
	var tests []string
	err := filepath.WalkDir(filepath.Join(root, unitSources), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".test.ts") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		tests = append(tests, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("finding the unit tests: %w", err)
	}
	return tests, nil
}

// bundleUnitTests bundles each test, a path relative to root, into dir as
// an ES module for Node.js with an inline source map, keeping its place
// under unitSources (web/src/core/bytes.test.ts becomes
// dir/core/bytes.test.mjs), and returns the bundles' paths. It writes
// esbuild's warnings to warnings.
func bundleUnitTests(root string, tests []string, dir string, warnings io.Writer) ([]string, error) {
	result := api.Build(api.BuildOptions{
		AbsWorkingDir: root,
		EntryPoints:   tests,
		Outbase:       unitSources,
		Outdir:        dir,
		// .mjs, as dir has no package.json to say that .js is a module.
		OutExtension: map[string]string{".js": ".mjs"},
		Format:       api.FormatESModule,
		Platform:     api.PlatformNode,
		Target:       api.ES2022,
		Bundle:       true,
		Sourcemap:    api.SourceMapInline,
		Write:        true,
		LogLevel:     api.LogLevelSilent,
	})
	if err := buildError(result, warnings); err != nil {
		return nil, fmt.Errorf("bundling the unit tests: %w", err)
	}
	bundles := make([]string, len(tests))
	for i, test := range tests {
		rel := strings.TrimPrefix(strings.TrimSuffix(test, ".ts"), unitSources+"/")
		bundles[i] = filepath.Join(dir, filepath.FromSlash(rel)+".mjs")
	}
	return bundles, nil
}
