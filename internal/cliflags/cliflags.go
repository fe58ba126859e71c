// Package cliflags is the flag scaffolding shared by eeplay's two programs,
// the eeplay command line and `go run ./build`: flag sets that write
// nothing themselves and hand every problem back as an error, which each
// program reports in its own words.
package cliflags

import (
	"flag"
	"fmt"
	"io"
)

// Arguments says what a command does with the arguments after its flags.
type Arguments int

const (
	// NoArguments makes the first argument after the flags an error.
	NoArguments Arguments = iota
	// TakesArguments leaves them in fs.Args() for the command to check.
	TakesArguments
)

// NewFlagSet returns a flag set named name, the command as the user types
// it, that writes nothing and has no usage of its own: Parse returns every
// problem, -h included, for the program to report.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// Parse parses args with fs. Its error is worded for the user: the flag
// package's for a wrong flag, flag.ErrHelp for -h, or, with NoArguments,
// one naming the first argument after the flags.
func Parse(fs *flag.FlagSet, args []string, arguments Arguments) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if arguments == NoArguments && fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
