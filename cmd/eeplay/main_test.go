package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/wasmhost"
)

// runEeplay runs eeplay with args and returns its exit code and output.
func runEeplay(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// checkRun runs eeplay with args and fails the test unless it exits with
// wantCode and writes exactly wantStdout and wantStderr.
func checkRun(t *testing.T, args []string, wantCode int, wantStdout, wantStderr string) {
	t.Helper()
	code, stdout, stderr := runEeplay(t, args...)
	if stdout != wantStdout {
		t.Errorf("eeplay %s: stdout:\n%s\nwant:\n%s", strings.Join(args, " "), stdout, wantStdout)
	}
	if stderr != wantStderr {
		t.Errorf("eeplay %s: stderr:\n%s\nwant:\n%s", strings.Join(args, " "), stderr, wantStderr)
	}
	if code != wantCode {
		t.Errorf("eeplay %s: exit code %d, want %d", strings.Join(args, " "), code, wantCode)
	}
}

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// repoFile returns the absolute path of path, relative to the repository's
// root, so that YAML written to a temporary directory can name it.
func repoFile(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// engines returns the engine kinds that run on this platform.
func engines() []string {
	if wasmhost.DefaultEngineKind() == wasmhost.Compiler {
		return []string{string(wasmhost.Compiler), string(wasmhost.Interpreter)}
	}
	return []string{string(wasmhost.Interpreter)}
}

const wantUsage = `eeplay runs Ethereum 2.0 Phase 2 execution environments (EEs): WebAssembly
modules that keep a 32-byte state root per shard and update it from
transaction data.

Usage:

	eeplay <command> [arguments]

Commands:

	scout           run test files in Scout's YAML format
	run             run an EE on transaction data and show what it did
	token           run the stateless token EE with its state provider (token demo)
	serve           serve the simulation over HTTP, with the reference simulation's API
	client-example  try a running simulation server: create an EE, run a block, check the state
	help            show this help, or a command's with "help COMMAND"

Run 'eeplay help <command>' or 'eeplay <command> -h' for a command's flags.
`

func TestUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no arguments", args: nil, wantCode: 2, wantStderr: wantUsage},
		{name: "help", args: []string{"help"}, wantCode: 0, wantStdout: wantUsage},
		{name: "-h", args: []string{"-h"}, wantCode: 0, wantStdout: wantUsage},
		{name: "--help", args: []string{"--help"}, wantCode: 0, wantStdout: wantUsage},
		{
			name:       "unknown command",
			args:       []string{"frobnicate"},
			wantCode:   2,
			wantStderr: "eeplay: unknown command \"frobnicate\"\nRun 'eeplay help' for usage.\n",
		},
		{
			name:       "help for an unknown command",
			args:       []string{"help", "frobnicate"},
			wantCode:   2,
			wantStderr: "eeplay help: unknown command \"frobnicate\"\nRun 'eeplay help' for usage.\n",
		},
		{
			name:       "help with too many arguments",
			args:       []string{"help", "scout", "run"},
			wantCode:   2,
			wantStderr: "eeplay help: too many arguments\nRun 'eeplay help' for usage.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.args, tt.wantCode, tt.wantStdout, tt.wantStderr)
		})
	}
}

// TestCommandHelp checks that each command's help, whichever way it is
// asked for, goes to stdout and describes its flags.
func TestCommandHelp(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantStart string
		wantFlags []string
	}{
		{name: "help scout", args: []string{"help", "scout"}, wantStart: "Usage: eeplay scout [flags] FILE.yaml...\n", wantFlags: []string{"-engine kind", "-tick-budget ticks", "-max-memory-pages pages"}},
		{name: "scout -h", args: []string{"scout", "-h"}, wantStart: "Usage: eeplay scout [flags] FILE.yaml...\n", wantFlags: []string{"-engine kind", "-tick-budget ticks", "-max-memory-pages pages"}},
		{name: "help run", args: []string{"help", "run"}, wantStart: "Usage: eeplay run --ee FILE.wasm", wantFlags: []string{"-ee FILE.wasm", "-state root", "-data hex", "-library NAME=FILE.wasm", "-engine kind", "-tick-budget ticks", "-max-memory-pages pages"}},
		{name: "run --help", args: []string{"run", "--help"}, wantStart: "Usage: eeplay run --ee FILE.wasm", wantFlags: []string{"-ee FILE.wasm", "-data hex"}},
		{name: "help help", args: []string{"help", "help"}, wantStart: wantUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runEeplay(t, tt.args...)
			if code != 0 || stderr != "" {
				t.Errorf("exit code %d, stderr %q; want 0 and none", code, stderr)
			}
			if !strings.HasPrefix(stdout, tt.wantStart) {
				t.Errorf("help does not start with %q:\n%s", tt.wantStart, stdout)
			}
			for _, flag := range tt.wantFlags {
				if !strings.Contains(stdout, "\n  "+flag+"\n") {
					t.Errorf("help does not describe %s:\n%s", flag, stdout)
				}
			}
		})
	}
}
