package main

import (
	"bytes"
	"testing"
)

// TestOutsideTheRepository checks that the commands that work in the
// repository fail, saying why, when run outside it.
func TestOutsideTheRepository(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"build", []string{"build"}, "build build: no go.mod in " + dir + " or any directory above it: run build inside the eeplay repository\n"},
		{"serve", []string{"serve", "-addr", "127.0.0.1:0"}, "build serve: no go.mod in " + dir + " or any directory above it: run build inside the eeplay repository\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitFailed || stdout.Len() > 0 || stderr.String() != tt.want {
				t.Errorf("exit %d\nstdout %q\nstderr %q\nwant exit %d, stderr %q", code, stdout.String(), stderr.String(), exitFailed, tt.want)
			}
		})
	}
}
