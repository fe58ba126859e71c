package main

import (
	"fmt"
	"io"
)

// tokenUsage writes the token command's help.
func tokenUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay token demo [flags]

The token commands run the stateless token EE (scripts/token, described in
docs/token.md) together with its state provider.

Commands:

	demo    run a deterministic demo: genesis, random transfers, the provider following the chain

Run 'eeplay token demo -h' for its flags.
`)
}

// runToken is the token command, which only dispatches to its subcommands.
func runToken(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usageError(stderr, "eeplay token", "no subcommand given: the token subcommand is demo")
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		tokenUsage(stdout)
		return exitOK
	case "demo":
		return runTokenDemo(args[1:], stdout, stderr)
	}
	usageError(stderr, "eeplay token", fmt.Sprintf("unknown subcommand %q: the token subcommand is demo", args[0]))
	return exitUsage
}
