package main

import (
	"testing"
)

// TestHostileEEOutput checks that text an EE controls reaches the terminal
// escaped: the abort message of hostile_abort would otherwise clear the
// screen and print a line that fakes a passing run.
func TestHostileEEOutput(t *testing.T) {
	const abort = `abort: \x1b[2J\nPASS: all tests passed at a.ts\r\x1b[1A:1:2`
	tests := []struct {
		name       string
		command    string
		args       []string // after the flags
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{
			name:     "run: abort",
			command:  "run",
			args:     []string{"--ee", repoFile(t, "internal/testee/testdata/hostile_abort.wasm")},
			wantCode: 1,
			wantStdout: "block 0\n" +
				"  data        empty\n" +
				"  pre-state   " + zeroRoot + "\n" +
				"  ticks       0\n" +
				"  deposits    none\n" +
				"  logs        none\n" +
				"  debug       none\n",
			wantStderr: "eeplay run: block 0 was rejected: " + abort + "\n" +
				"wasm stack trace:\n" +
				"\tenv.abort(i32,i32,i32,i32)\n" +
				"\t.$1()\n",
		},
		{
			name:     "scout: abort",
			command:  "scout",
			args:     []string{"testdata/hostile_abort.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/hostile_abort.yaml: shard_blocks[0] (env 0) was rejected: " + abort + "\n" +
				"    wasm stack trace:\n" +
				"    \tenv.abort(i32,i32,i32,i32)\n" +
				"    \t.$1()\n" +
				"0 passed, 1 failed\n",
		},
	}
	for _, tt := range tests {
		for _, engine := range engines() {
			t.Run(tt.name+"/"+engine, func(t *testing.T) {
				args := append([]string{tt.command, "--engine", engine}, tt.args...)
				checkRun(t, args, tt.wantCode, tt.wantStdout, tt.wantStderr)
			})
		}
	}
}
