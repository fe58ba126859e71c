package main

import (
	"flag"
	"fmt"
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

// parseFlagsInRoot is parseFlags, then finding the repository root that the
// command works in. When code is not exitOK, the command must exit with it:
// why is written to stderr.
func parseFlagsInRoot(fs *flag.FlagSet, args []string, stderr io.Writer) (root string, code int) {
	if !parseFlags(fs, args, stderr) {
		return "", exitUsage
	}
	root, err := workingRoot()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return "", exitFailed
	}
	return root, exitOK
}
