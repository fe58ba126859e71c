package cliflags_test

import (
	"errors"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/cliflags"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		arguments cliflags.Arguments
		wantErr   string // empty for none
		wantArgs  []string
	}{
		{"flags only", []string{"-n", "3"}, cliflags.NoArguments, "", []string{}},
		{"an argument refused", []string{"-n", "3", "extra", "more"}, cliflags.NoArguments, `unexpected argument "extra"`, nil},
		{"arguments taken", []string{"a.yaml", "b.yaml"}, cliflags.TakesArguments, "", []string{"a.yaml", "b.yaml"}},
		{"unknown flag", []string{"-o", "x"}, cliflags.TakesArguments, "flag provided but not defined: -o", nil},
		{"bad value", []string{"-n", "many"}, cliflags.NoArguments, `invalid value "many" for flag -n: parse error`, nil},
		{"-h", []string{"-h"}, cliflags.NoArguments, "flag: help requested", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := cliflags.NewFlagSet("prog cmd")
			fs.Int("n", 0, "")
			err := cliflags.Parse(fs, tt.args, tt.arguments)
			if tt.wantErr == "" {
				if err != nil || !slices.Equal(fs.Args(), tt.wantArgs) {
					t.Errorf("got %v, arguments %q; want no error, arguments %q", err, fs.Args(), tt.wantArgs)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("got %v, want %s", err, tt.wantErr)
			}
		})
	}
}

// TestNewFlagSetWritesNothing checks that the flag package writes neither
// its messages nor a usage of its own: the programs write theirs.
func TestNewFlagSetWritesNothing(t *testing.T) {
	fs := cliflags.NewFlagSet("prog cmd")
	fs.Int("n", 0, "a number")
	if fs.Name() != "prog cmd" || fs.Output() != io.Discard {
		t.Errorf("name %q, output %v; want prog cmd, io.Discard", fs.Name(), fs.Output())
	}
	if err := cliflags.Parse(fs, []string{"-h"}, cliflags.NoArguments); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: got %v, want flag.ErrHelp", err)
	}
	var usage strings.Builder
	fs.SetOutput(&usage)
	fs.Usage()
	if usage.Len() > 0 {
		t.Errorf("Usage wrote %q", usage.String())
	}
}
