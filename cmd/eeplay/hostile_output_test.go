package main

import (
	"testing"
)

// TestHostileEEOutput checks that text from EEs and files reaches the
// terminal escaped. hostile_abort's abort message would clear the screen
// and print a line that fakes a passing run; the host escapes it. The
// command line escapes the rest: an import name of hostile_import, a wasm
// file name in a test file, the name of a test file.
func TestHostileEEOutput(t *testing.T) {
	dir := t.TempDir()
	const zero = `"0000000000000000000000000000000000000000000000000000000000000000"`
	hostileImport := repoFile(t, "internal/testee/testdata/hostile_import.wasm")
	importYAML := writeFile(t, dir, "import.yaml", []byte("beacon_state:\n  execution_scripts: ["+hostileImport+"]\n"+
		"shard_pre_state:\n  exec_env_states: ["+zero+"]\n"))
	fileNameYAML := writeFile(t, dir, "file_name.yaml", []byte("beacon_state:\n  execution_scripts: [\"\\e[2J\\rmissing.wasm\"]\n"+
		"shard_pre_state:\n  exec_env_states: ["+zero+"]\n"))
	const (
		abort          = `abort: \x1b[2J\nPASS: all tests passed at a.ts\r\x1b[1A:1:2`
		importRejected = `create execution environment: unsupported import \x1b[2J\r.f: no library is named "\x1b[2J\r", and the host functions are under modules env, eth2, debug, bignum`
	)
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
				"\t.main()\n",
		},
		{
			name:     "scout: abort",
			command:  "scout",
			args:     []string{"testdata/hostile_abort.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/hostile_abort.yaml: shard_blocks[0] (env 0) was rejected: " + abort + "\n" +
				"    wasm stack trace:\n" +
				"    \tenv.abort(i32,i32,i32,i32)\n" +
				"    \t.main()\n" +
				"0 passed, 1 failed\n",
		},
		{
			name:       "run: import name",
			command:    "run",
			args:       []string{"--ee", hostileImport},
			wantCode:   2,
			wantStderr: "eeplay run: " + hostileImport + ": " + importRejected + "\n",
		},
		{
			name:     "scout: import name",
			command:  "scout",
			args:     []string{importYAML},
			wantCode: 2,
			wantStdout: "ERROR " + importYAML + ": beacon_state.execution_scripts[0]: " + importRejected + "\n" +
				"0 passed, 0 failed, 1 error\n",
		},
		{
			name:     "scout: wasm file name",
			command:  "scout",
			args:     []string{fileNameYAML},
			wantCode: 2,
			wantStdout: "ERROR " + fileNameYAML + `: beacon_state.execution_scripts[0]: open ` + dir + `/\x1b[2J\rmissing.wasm: no such file or directory` + "\n" +
				"0 passed, 0 failed, 1 error\n",
		},
		{
			name:     "scout: test file name, and a byte that is not UTF-8",
			command:  "scout",
			args:     []string{"\x1b[2J\xff.yaml"},
			wantCode: 2,
			wantStdout: `ERROR \x1b[2J\xff.yaml: open \x1b[2J\xff.yaml: no such file or directory` + "\n" +
				"0 passed, 0 failed, 1 error\n",
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
