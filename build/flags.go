package main

import (
	"flag"
	"io"

	"github.com/eeplay/eeplay/internal/cliflags"
)

// newFlagSet returns a FlagSet for the command name that writes nothing
// itself: parseFlags reports errors, with the usage text, like every other
// usage error.
func newFlagSet(name string) *flag.FlagSet {
	return cliflags.NewFlagSet(programName + " " + name)
}

// parseFlags parses args with fs, which takes no arguments after its
// flags. When it returns false, the command must exit with the usage exit
// code: the error and the usage text are written to stderr. -h counts as a
// usage error too, as help does.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	if err := cliflags.Parse(fs, args, cliflags.NoArguments); err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return false
	}
	return true
}
