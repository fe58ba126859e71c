package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// runBuild is the build command: it writes the whole site to -out, which
// holds only the new build afterwards.
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build")
	outFlag := fs.String("out", "", "")
	root, code := parseFlagsInRoot(fs, args, stderr)
	if code != exitOK {
		return code
	}
	out, err := outDir(root, *outFlag)
	if err != nil {
		return usageError(stderr, fs.Name(), err.Error())
	}
	s := site{root: root, warnings: stderr}
	write := func(dir string) error { return s.build(ctx, dir) }
	if err := buildSite(out, stdout, write, replaceDir); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	return exitOK
}

// buildSite writes a site into out: write gets an empty directory beside
// out, which replace puts in out's place when write succeeds, so that out
// keeps the last good build otherwise. It reports the files to stdout.
func buildSite(out string, stdout io.Writer, write func(dir string) error, replace func(staging, out string) error) error {
	start := time.Now()
	staging, err := newStaging(out)
	if err != nil {
		return err
	}
	if err := write(staging); err != nil {
		os.RemoveAll(staging)
		return err
	}
	if err := replace(staging, out); err != nil {
		return err
	}
	return reportSite(stdout, out, time.Since(start))
}
