package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// tester runs the test command's steps in the repository root.
type tester struct {
	root           string
	stdout, stderr io.Writer
	// chromium is the browser the e2e step drives, once the prerequisites
	// found it.
	chromium string
}

// run runs name with args in the repository root, with env added to the
// environment. It prints the command first and streams its output, so
// that a CI log shows progress and which command wrote what. Its error
// leaves env out, as the line before the output shows it.
func (c *tester) run(ctx context.Context, env []string, name string, args ...string) error {
	line := strings.Join(slices.Concat([]string{name}, args), " ")
	fmt.Fprintf(c.stdout, "$ %s\n", strings.Join(slices.Concat(env, []string{line}), " "))
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = c.root
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = c.stdout
	cmd.Stderr = c.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", line, err)
	}
	return nil
}
