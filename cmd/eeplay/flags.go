package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a FlagSet for the command name that writes nothing
// itself: parseFlags reports errors, with the command's name like every
// other message, and shows help on stdout for -h, since it was asked for.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("eeplay "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printDefaults writes the flags of fs and their defaults to w.
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// parseFlags parses args with fs. When it returns false, the command must
// exit with code: -h was given and usage written to stdout, or the flags
// were wrong and the error written to stderr.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, usage func(io.Writer)) (ok bool, code int) {
	err := fs.Parse(args)
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
