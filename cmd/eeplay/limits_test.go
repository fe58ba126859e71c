package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
)

// bigFile writes a sparse file of size bytes: the limits must reject it
// without reading it.
func bigFile(t *testing.T, dir, name string, size int64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunLimits(t *testing.T) {
	dir := t.TempDir()
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	overData := bigFile(t, dir, "data.bin", core.MaxTransactionDataSize+1)
	hugeData := bigFile(t, dir, "huge.bin", 100<<20)
	hugeEE := bigFile(t, dir, "huge.wasm", 100<<20)
	const hint = "Run 'eeplay run -h' for usage.\n"
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"data file one byte over", []string{"run", "--ee", probe, "--data", "@" + overData},
			`eeplay run: invalid value "@` + overData + `" for flag -data: ` + overData + " has 262145 bytes, over MaxTransactionDataSize (262144 bytes)\n" + hint},
		{"100 MB data file", []string{"run", "--ee", probe, "--data", "@" + hugeData},
			`eeplay run: invalid value "@` + hugeData + `" for flag -data: ` + hugeData + " has 104857600 bytes, over MaxTransactionDataSize (262144 bytes)\n" + hint},
		{"data from a pipe that is too long", []string{"run", "--ee", probe, "--data", "@/dev/zero"},
			`eeplay run: invalid value "@/dev/zero" for flag -data: /dev/zero has more than MaxTransactionDataSize (262144 bytes)` + "\n" + hint},
		{"text data over", []string{"run", "--ee", probe, "--data", "text:" + strings.Repeat("a", core.MaxTransactionDataSize+1)},
			`eeplay run: invalid value "text:` + strings.Repeat("a", core.MaxTransactionDataSize+1) + `" for flag -data: text of 262145 bytes is more than MaxTransactionDataSize (262144 bytes)` + "\n" + hint},
		{"hex data over", []string{"run", "--ee", probe, "--data", "0x" + strings.Repeat("00", core.MaxTransactionDataSize) + "0"},
			`eeplay run: invalid value "0x` + strings.Repeat("00", core.MaxTransactionDataSize) + `0" for flag -data: 524289 hex digits are more than MaxTransactionDataSize (262144 bytes)` + "\n" + hint},
		{"100 MB EE", []string{"run", "--ee", hugeEE},
			"eeplay run: " + hugeEE + " has 104857600 bytes, over MaxWasmCodeSize (262144 bytes)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.args, 2, "", tt.wantStderr)
		})
	}
}

func TestScoutLimits(t *testing.T) {
	dir := t.TempDir()
	bigFile(t, dir, "huge.wasm", core.MaxWasmCodeSize+1)
	bigFile(t, dir, "max.wasm", core.MaxWasmCodeSize)
	zero := `"` + strings.Repeat("00", 32) + `"`
	tooBig := writeFile(t, dir, "too_big.yaml", []byte("beacon_state:\n  execution_scripts: [huge.wasm]\nshard_pre_state:\n  exec_env_states: ["+zero+"]\n"))
	bigBlock := writeFile(t, dir, "big_block.yaml", []byte("beacon_state:\n  execution_scripts: [huge.wasm]\nshard_pre_state:\n  exec_env_states: ["+zero+"]\n"+
		"shard_blocks:\n  - env: 0\n    data: \""+strings.Repeat("ab", core.MaxTransactionDataSize+1)+"\"\n"))
	// 5.7 MB naming one 256 KiB file for every EE there can be: 16 GiB,
	// were each read.
	var everyEE strings.Builder
	everyEE.WriteString("beacon_state:\n  execution_scripts:\n")
	for range core.MaxExecutionEnvironments {
		everyEE.WriteString("    - max.wasm\n")
	}
	everyEE.WriteString("shard_pre_state:\n  exec_env_states:\n")
	for range core.MaxExecutionEnvironments {
		everyEE.WriteString("    - " + zero + "\n")
	}
	manyNames := writeFile(t, dir, "many_names.yaml", []byte(everyEE.String()))
	want := "ERROR " + tooBig + ": beacon_state.execution_scripts[0]: huge.wasm has 262145 bytes, over MaxWasmCodeSize (262144 bytes)\n" +
		"ERROR " + bigBlock + ": shard_blocks[0].data: 262145 bytes exceed MaxTransactionDataSize (262144 bytes)\n" +
		"ERROR " + manyNames + ": beacon_state: execution_scripts and libraries name 17179869184 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named\n" +
		"0 passed, 0 failed, 3 errors\n"
	checkRun(t, []string{"scout", tooBig, bigBlock, manyNames}, 2, want, "")
}
