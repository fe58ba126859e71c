package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help"}, &stdout, &stderr); code != exitOK {
		t.Errorf("exit code %d, want %d", code, exitOK)
	}
	if !strings.HasPrefix(stdout.String(), "Usage:") || stderr.Len() != 0 {
		t.Errorf("stdout = %q, stderr = %q; want the usage on stdout", stdout.String(), stderr.String())
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// message is the first line on stderr; the usage text follows.
		message string
	}{
		{"unknown command", []string{"frob"}, `build: unknown command "frob"`},
		{"flag without command", []string{"-out", "x"}, `build: unknown command "-out"`},
		{"build argument", []string{"build", "extra"}, `build build: unexpected argument "extra"`},
		{"build unknown flag", []string{"build", "-o", "x"}, "build build: flag provided but not defined: -o"},
		{"build -h", []string{"build", "-h"}, "build build: flag: help requested"},
		// The tests run in build/, so .. is the repository.
		{"build -out repository", []string{"build", "-out", ".."}, "build build: -out .. holds the repository, and a build replaces its whole directory"},
		{"serve argument", []string{"serve", "dist"}, `build serve: unexpected argument "dist"`},
		{"serve -addr missing", []string{"serve", "-addr"}, "build serve: flag needs an argument: -addr"},
		{"test argument", []string{"test", "vet"}, `build test: unexpected argument "vet"`},
		{"test unknown step", []string{"test", "-steps", "vet,lint"}, `build test: -steps names unknown step "lint"; the steps are vet,go,js,tsc,unit,e2e`},
		{"test empty steps", []string{"test", "-steps", ""}, `build test: -steps "" has an empty step name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
			first, rest, _ := strings.Cut(stderr.String(), "\n")
			if first != tt.message {
				t.Errorf("stderr starts %q, want %q", first, tt.message)
			}
			if !strings.Contains(rest, "go run ./build test [-steps STEP,...]") {
				t.Errorf("stderr has no usage text:\n%s", stderr.String())
			}
		})
	}
}
