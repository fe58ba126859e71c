package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// result is how one step went.
type result struct {
	name string
	took time.Duration
	err  error
}

// runTest is the test command: it runs the steps -steps selects, all of
// them by default, prints each one's output under a header and then a
// summary, and fails when any step failed.
func runTest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("test")
	stepsFlag := fs.String("steps", stepNames(), "")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	selected, err := parseSteps(*stepsFlag)
	if err != nil {
		return usageError(stderr, fs.Name(), err.Error())
	}
	root, err := workingRoot()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	c := &tester{root: root, stdout: stdout, stderr: stderr}

	var needs need
	for _, s := range selected {
		needs |= s.needs
	}
	var unmet map[need]error
	if needs != 0 {
		header(stdout, "prerequisites")
		unmet = c.prerequisites(ctx, needs)
	}

	var results []result
	for _, s := range selected {
		header(stdout, s.name)
		start := time.Now()
		err := unmetNeed(s.needs, unmet)
		if err == nil {
			err = s.run(ctx, c)
		}
		if err != nil {
			fmt.Fprintf(stdout, "FAIL %s: %v\n", s.name, err)
		}
		results = append(results, result{name: s.name, took: time.Since(start), err: err})
	}

	header(stdout, "summary")
	if writeSummary(stdout, results) {
		return exitFailed
	}
	return exitOK
}

// header starts the output of a part of the test command.
func header(w io.Writer, name string) {
	fmt.Fprintf(w, "\n==== %s\n", name)
}

// unmetNeed returns why one of needs is unmet, or nil.
func unmetNeed(needs need, unmet map[need]error) error {
	for _, n := range []need{needNode, needNodeModules, needChromium} {
		if err := unmet[n]; needs&n != 0 && err != nil {
			return err
		}
	}
	return nil
}

// writeSummary writes a line per step and the counts, the last line in a
// form CI systems read, and reports whether any step failed.
func writeSummary(w io.Writer, results []result) (failed bool) {
	passed, failures := 0, 0
	for _, r := range results {
		if r.err != nil {
			failures++
			// The whole error is above, under the step's header.
			first, _, _ := strings.Cut(r.err.Error(), "\n")
			fmt.Fprintf(w, "FAIL %-4s %6.1fs  %s\n", r.name, r.took.Seconds(), first)
		} else {
			passed++
			fmt.Fprintf(w, "ok   %-4s %6.1fs\n", r.name, r.took.Seconds())
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failures)
	return failures > 0
}
