// Command eeplay runs Ethereum 2.0 Phase 2 execution environments (EEs):
// WebAssembly modules that own a 32-byte state on each shard and update it
// from transaction data.
//
// Usage:
//
//	eeplay scout [flags] FILE.yaml...
//	eeplay run --ee FILE.wasm [flags]
//	eeplay token demo [flags]
//	eeplay serve [--bind HOST:PORT] [--state FILE] [flags]
//	eeplay client-example [--base_url URL] [--timeout DURATION]
//
// scout runs test files in the YAML format of Scout (github.com/ewasm/scout)
// and prints PASS, FAIL or ERROR for each. run runs one EE on the given
// transaction data and prints what each transaction did. token demo runs the
// stateless token EE of scripts/token with its state provider. serve runs
// the simulation headless, behind the HTTP API of the reference simulation;
// client-example tries such a server. Run "eeplay help <command>" for a
// command's flags.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes, the same for every command.
const (
	exitOK = 0
	// exitFailed means the input was fine but something it ran failed: a
	// Scout test, or a transaction.
	exitFailed = 1
	// exitUsage means the command line or an input file was unusable.
	exitUsage = 2
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// command is an eeplay subcommand.
type command struct {
	name    string
	summary string
	// run runs the command with the arguments after its name and returns
	// the exit code.
	run func(args []string, stdout, stderr io.Writer) int
	// usage writes the command's full help, flags included.
	usage func(w io.Writer)
}

// commands returns the subcommands in the order usage lists them. It is a
// function, not a variable, because help refers back to the list.
func commands() []command {
	return []command{
		{name: "scout", summary: "run test files in Scout's YAML format", run: runScout, usage: scoutUsage},
		{name: "run", summary: "run an EE on transaction data and show what it did", run: runRun, usage: runUsage},
		{name: "token", summary: "run the stateless token EE with its state provider (token demo)", run: runToken, usage: tokenUsage},
		{name: "serve", summary: "serve the simulation over HTTP, with the reference simulation's API", run: runServe, usage: serveUsage},
		{name: "client-example", summary: "try a running simulation server: create an EE, run a block, check the state", run: runClientExample, usage: clientExampleUsage},
		{name: "help", summary: "show this help, or a command's with \"help COMMAND\"", run: runHelp, usage: usage},
	}
}

// run runs eeplay with args, the command line without the program name,
// and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// Nothing asked: a usage error, as with the go command.
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	cmd, ok := findCommand(args[0])
	if !ok {
		fmt.Fprintf(stderr, "eeplay: unknown command %q\nRun 'eeplay help' for usage.\n", args[0])
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func findCommand(name string) (command, bool) {
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd, true
		}
	}
	return command{}, false
}

// usage writes eeplay's help, listing the commands.
func usage(w io.Writer) {
	fmt.Fprint(w, `eeplay runs Ethereum 2.0 Phase 2 execution environments (EEs): WebAssembly
modules that keep a 32-byte state root per shard and update it from
transaction data.

Usage:

	eeplay <command> [arguments]

Commands:

`)
	width := 0
	for _, cmd := range commands() {
		width = max(width, len(cmd.name))
	}
	for _, cmd := range commands() {
		fmt.Fprintf(w, "\t%-*s  %s\n", width, cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Run 'eeplay help <command>' or 'eeplay <command> -h' for a command's flags.
`)
}

// runHelp is the help command.
func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return exitOK
	case 1:
		cmd, ok := findCommand(args[0])
		if !ok {
			fmt.Fprintf(stderr, "eeplay help: unknown command %q\nRun 'eeplay help' for usage.\n", args[0])
			return exitUsage
		}
		cmd.usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "eeplay help: too many arguments\nRun 'eeplay help' for usage.\n")
	return exitUsage
}
