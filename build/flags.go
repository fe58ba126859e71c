package main

import (
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a FlagSet for the command name that writes nothing
// itself: parseFlags reports errors, with the usage text, like every other
// usage error.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(programName+" "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs, which takes no arguments after its
// flags. When it returns false, the command must exit with the usage exit
// code: the error and the usage text are written to stderr. -h counts as a
// usage error too, as help does.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return false
	}
	if fs.NArg() > 0 {
		usageError(stderr, fs.Name(), fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
		return false
	}
	return true
}
