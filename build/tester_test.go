package main

import (
	"context"
	"strings"
	"testing"
)

func TestTesterRun(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		args   []string
		stdout string
		err    string
	}{
		{"output streamed", []string{"GOOS=js"}, []string{"env", "GOOS"}, "$ GOOS=js go env GOOS\njs\n", ""},
		{"failure", nil, []string{"frob"}, "$ go frob\n", "go frob: exit status 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			c := &tester{root: t.TempDir(), stdout: &stdout, stderr: &stderr}
			err := c.run(context.Background(), tt.env, "go", tt.args...)
			if got := errorText(err); got != tt.err {
				t.Errorf("error %q, want %q", got, tt.err)
			}
			if stdout.String() != tt.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.stdout)
			}
			if tt.err != "" && stderr.Len() == 0 {
				t.Errorf("stderr is empty, want the go command's complaint")
			}
		})
	}
}
