package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/eeplay/eeplay/internal/cliflags"
)

// newFlagSet returns a FlagSet for the command name that writes nothing
// itself: parseFlags reports errors, with the command's name like every
// other message, and shows help on stdout for -h, since it was asked for.
func newFlagSet(name string) *flag.FlagSet {
	return cliflags.NewFlagSet("eeplay " + name)
}

// printDefaults writes the flags of fs and their defaults to w.
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// parseFlags parses args with fs, which does with the arguments after its
// flags what arguments says. When it returns false, the command must exit
// with code: -h was given and usage written to stdout, or the command line
// was wrong and the error written to stderr.
func parseFlags(fs *flag.FlagSet, args []string, arguments cliflags.Arguments, stdout, stderr io.Writer, usage func(io.Writer)) (ok bool, code int) {
	err := cliflags.Parse(fs, args, arguments)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage(stdout)
		return false, exitOK
	case err != nil:
		usageError(stderr, fs.Name(), err.Error())
		return false, exitUsage
	}
	return true, exitOK
}

// usageError writes message and a pointer to the command's help to stderr.
func usageError(stderr io.Writer, commandName, message string) {
	fmt.Fprintf(stderr, "%s: %s\nRun '%s -h' for usage.\n", commandName, message, commandName)
}
