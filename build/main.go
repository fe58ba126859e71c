// Command build builds, serves and tests the eeplay browser playground.
//
// Usage:
//
//	go run ./build [build [-out DIR]]
//	go run ./build serve [-addr HOST:PORT]
//	go run ./build test [-steps vet,go,js,tsc,unit,e2e]
//	go run ./build bench [-runs N]
//
// build writes the static site (the Go core as js/wasm, the bundled
// TypeScript front end, the example EEs) to dist/ at the repository root.
// serve builds, serves dist/ and rebuilds when a source changes. test runs
// every check of the repository, the browser tests included. bench times
// the engines in headless Chromium against raw V8 WebAssembly and prints
// a Markdown report.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, the same for every command.
const (
	exitOK = 0
	// exitFailed means the command line was fine but the build, the server
	// or a check failed.
	exitFailed = 1
	// exitUsage means the command line was unusable.
	exitUsage = 2
)

// programName starts every message, as `go run ./build` shows no name.
const programName = "build"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// command is a subcommand of build.
type command struct {
	name    string
	summary string
	// run runs the command with the arguments after its name and returns
	// the exit code.
	run func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands returns the subcommands in the order usage lists them.
func commands() []command {
	return []command{
		{name: "build", summary: "write the static site to dist/ (or -out DIR); the default command", run: runBuild},
		{name: "serve", summary: "build, serve dist/ on -addr and rebuild when sources change", run: runServe},
		{name: "test", summary: "run every check, or those -steps names, in the order below", run: runTest},
		{name: "bench", summary: "time the engines in headless Chromium against raw V8 and print a Markdown report", run: runBench},
		{name: "help", summary: "show this help", run: runHelp},
	}
}

// run runs build with args, the command line without the program name,
// and returns the exit code. SIGINT and SIGTERM cancel the command's
// context, so that a server shuts down and child processes are stopped.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(args) == 0 {
		args = []string{"build"}
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return usageError(stderr, programName, fmt.Sprintf("unknown command %q", args[0]))
}

// runHelp writes the usage text to stdout: asked for, it is output, as
// with cmd/eeplay's help.
func runHelp(_ context.Context, _ []string, stdout, _ io.Writer) int {
	usage(stdout)
	return exitOK
}

// usage writes the program's help to w.
func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:

	go run ./build [build [-out DIR]]
	go run ./build serve [-addr HOST:PORT]
	go run ./build test [-steps STEP,...]
	go run ./build bench [-runs N]

Commands:

`)
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-6s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Flags:

	-out DIR         where build writes the site (default dist/ at the repository root)
	-addr HOST:PORT  where serve listens (default 127.0.0.1:8080)
	-steps STEP,...  which of test's steps to run (default all)
	-runs N          how many runs, and page loads, bench takes the median of (default 5)

Steps of test:

`)
	for _, s := range steps() {
		fmt.Fprintf(w, "\t%-4s %s\n", s.name, s.summary)
	}
}

// usageError writes message, prefixed with the command's name, and the
// usage text to stderr, and returns the usage exit code.
func usageError(stderr io.Writer, commandName, message string) int {
	fmt.Fprintf(stderr, "%s: %s\n\n", commandName, message)
	usage(stderr)
	return exitUsage
}
