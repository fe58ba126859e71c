package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/eeplay/eeplay/internal/cliflags"
)

// scoutUsage writes the scout command's help.
func scoutUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay scout [flags] FILE.yaml...

Scout runs test files in the YAML format of Scout (github.com/ewasm/scout).
Each file gets a fresh simulation: it creates the EEs of
beacon_state.execution_scripts (wasm paths relative to the file), with the
initial states of shard_pre_state.exec_env_states, runs each of
shard_blocks as a one-transaction block on shard 0, and compares the states
of shard 0 with shard_post_state.exec_env_states. If deposit_receipts is
given, the deposits the EEs pushed must equal it, in order.
beacon_state.libraries lists modules EEs may import from, as
{name: NAME, file: FILE.wasm}. The wasm files a test names may come to
64 MiB (MaxTestCodeSize), a file counted each time it is named.

It prints PASS, FAIL (with what differs) or ERROR (the file is unusable)
for each file, then "N passed, M failed". The exit code is 0 if all
passed, 1 if any failed, and 2 if any file was unusable.

Flags:
`)
	fs := newFlagSet("scout")
	addEngineFlags(fs)
	printDefaults(w, fs)
}

// runScout is the scout command.
func runScout(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("scout")
	engineFlags := addEngineFlags(fs)
	if ok, code := parseFlags(fs, args, cliflags.TakesArguments, stdout, stderr, scoutUsage); !ok {
		return code
	}
	// Checked once here; each test's libraries join it later.
	if _, err := engineFlags.config(nil); err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return exitUsage
	}
	if fs.NArg() == 0 {
		usageError(stderr, fs.Name(), "no test files given")
		return exitUsage
	}

	ctx := context.Background()
	var passed, failed, unusable int
	for _, path := range fs.Args() {
		failure, err := runScoutFile(ctx, path, engineFlags)
		switch {
		case err != nil:
			unusable++
			printResult(stdout, "ERROR "+path+": "+err.Error(), nil)
		case failure != nil:
			failed++
			printResult(stdout, "FAIL "+path+": "+failure.summary, failure.details)
		default:
			passed++
			printResult(stdout, "PASS "+path, nil)
		}
	}

	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	switch unusable {
	case 0:
	case 1:
		summary += ", 1 error"
	default:
		summary += fmt.Sprintf(", %d errors", unusable)
	}
	fmt.Fprintln(stdout, summary)

	switch {
	case unusable > 0:
		return exitUsage
	case failed > 0:
		return exitFailed
	}
	return exitOK
}

// runScoutFile loads and runs the Scout test file at path.
func runScoutFile(ctx context.Context, path string, flags *engineFlags) (*scoutFailure, error) {
	test, err := loadScoutTest(path)
	if err != nil {
		return nil, err
	}
	return runScoutTest(ctx, test, flags)
}

// printResult writes a file's result line, then details, each on its own
// line and indented, so that only result lines start at the margin.
// Messages may span lines themselves (a wasm stack trace, say). What is
// not printable is escaped (terminalText).
func printResult(w io.Writer, result string, details []string) {
	lines := strings.Split(terminalText(result), "\n")
	for _, detail := range details {
		lines = append(lines, strings.Split(terminalText(detail), "\n")...)
	}
	fmt.Fprintln(w, lines[0])
	for _, line := range lines[1:] {
		fmt.Fprintln(w, "    "+line)
	}
}
