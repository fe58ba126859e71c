package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/testee"
)

var zeroRoot = "0x" + strings.Repeat("00", 32)

// hashchainRoot is the state hashchain reaches from the zero root after
// one transaction with data.
func hashchainRoot(data string) string {
	sum := sha256.Sum256(append(make([]byte, 32), data...))
	return "0x" + hex.EncodeToString(sum[:])
}

func TestScoutScripts(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			checkRun(t,
				[]string{"scout", "--engine", engine, "../../scripts/hashchain/hashchain.yaml", "../../scripts/helloworld/helloworld.yaml"},
				0,
				"PASS ../../scripts/hashchain/hashchain.yaml\n"+
					"PASS ../../scripts/helloworld/helloworld.yaml\n"+
					"2 passed, 0 failed\n",
				"")
		})
	}
}

// TestScoutEwasmRT runs a test written for quilt's ewasm-rt interface: an
// EE that loads the child module its block data carries.
func TestScoutEwasmRT(t *testing.T) {
	yaml, err := os.ReadFile("testdata/ewasm_rt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if child := hex.EncodeToString(testee.Wasm("ewasm_rt_child")); !strings.Contains(string(yaml), `data: "`+child+`"`) {
		t.Fatalf("testdata/ewasm_rt.yaml does not carry the current ewasm_rt_child.wasm as its block data: put %s there", child)
	}
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			checkRun(t, []string{"scout", "--engine", engine, "testdata/ewasm_rt.yaml"}, 0,
				"PASS testdata/ewasm_rt.yaml\n1 passed, 0 failed\n", "")
		})
	}
}

func TestScout(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		// prefix says wantStdout is only the start of stdout: the rest
		// is a wasm stack trace, which depends on how the EE was
		// compiled, or the list of host functions.
		prefix bool
	}{
		{
			name:       "Scout's own test.yaml style",
			args:       []string{"scout", "testdata/scout_style.yaml"},
			wantCode:   0,
			wantStdout: "PASS testdata/scout_style.yaml\n1 passed, 0 failed\n",
		},
		{
			name:       "unquoted and folded hex, two EEs",
			args:       []string{"scout", "testdata/unquoted.yaml"},
			wantCode:   0,
			wantStdout: "PASS testdata/unquoted.yaml\n1 passed, 0 failed\n",
		},
		{
			name:       "library",
			args:       []string{"scout", "testdata/library.yaml"},
			wantCode:   0,
			wantStdout: "PASS testdata/library.yaml\n1 passed, 0 failed\n",
		},
		{
			name:     "wrong post-state",
			args:     []string{"scout", "testdata/wrong_post_state.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/wrong_post_state.yaml: exec_env_states[0]: expected " + zeroRoot + ", actual " + hashchainRoot("hello") + "\n" +
				"0 passed, 1 failed\n",
		},
		{
			name:     "two wrong post-states",
			args:     []string{"scout", "testdata/wrong_post_states.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/wrong_post_states.yaml: shard_post_state differs\n" +
				"    exec_env_states[0]: expected 0x" + strings.Repeat("11", 32) + ", actual " + zeroRoot + "\n" +
				"    exec_env_states[1]: expected " + zeroRoot + ", actual " + hashchainRoot("") + "\n" +
				"0 passed, 1 failed\n",
		},
		{
			name:     "more post-states than EEs",
			args:     []string{"scout", "testdata/extra_post_state.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/extra_post_state.yaml: shard_post_state differs\n" +
				"    expected 2 exec_env_states, actual 1\n" +
				"    exec_env_states[1]: expected " + zeroRoot + ", actual none\n" +
				"0 passed, 1 failed\n",
		},
		{
			name:     "rejected block",
			args:     []string{"scout", "testdata/rejected_block.yaml"},
			wantCode: 1,
			wantStdout: "FAIL testdata/rejected_block.yaml: shard_blocks[1] (env 0) was rejected: wasm error: unreachable\n" +
				"    wasm stack trace:\n" +
				"    \t.main()\n" +
				"    debug: print32: 5\n" +
				"0 passed, 1 failed\n",
		},
		{
			name:     "tick budget",
			args:     []string{"scout", "--tick-budget", "104", "../../scripts/hashchain/hashchain.yaml"},
			wantCode: 1,
			// The second block, "hello", needs 100 + 5 ticks.
			wantStdout: "FAIL ../../scripts/hashchain/hashchain.yaml: shard_blocks[1] (env 0) was rejected: eth2_useTicks: tick budget exhausted: 0 of 104 ticks used, 105 more requested\n" +
				"    wasm stack trace:\n",
			prefix: true,
		},
		{
			name:     "pass and fail",
			args:     []string{"scout", "testdata/scout_style.yaml", "testdata/wrong_post_state.yaml", "testdata/library.yaml"},
			wantCode: 1,
			wantStdout: "PASS testdata/scout_style.yaml\n" +
				"FAIL testdata/wrong_post_state.yaml: exec_env_states[0]: expected " + zeroRoot + ", actual " + hashchainRoot("hello") + "\n" +
				"PASS testdata/library.yaml\n" +
				"2 passed, 1 failed\n",
		},
		{
			name:     "unusable files do not stop the others",
			args:     []string{"scout", "testdata/missing.yaml", "testdata/scout_style.yaml", "testdata/wrong_post_state.yaml", "testdata/missing_library.yaml"},
			wantCode: 2,
			wantStdout: "ERROR testdata/missing.yaml: open testdata/missing.yaml: no such file or directory\n" +
				"PASS testdata/scout_style.yaml\n" +
				"FAIL testdata/wrong_post_state.yaml: exec_env_states[0]: expected " + zeroRoot + ", actual " + hashchainRoot("hello") + "\n" +
				"ERROR testdata/missing_library.yaml: beacon_state.execution_scripts[0]: create execution environment: unsupported import mylib.double: no library is named \"mylib\", and the host functions are under modules env, eth2, debug, bignum\n" +
				"1 passed, 1 failed, 2 errors\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runEeplay(t, tt.args...)
			if tt.prefix {
				if !strings.HasPrefix(stdout, tt.wantStdout) {
					t.Errorf("stdout:\n%s\nwant it to start with:\n%s", stdout, tt.wantStdout)
				}
			} else if stdout != tt.wantStdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.wantStdout)
			}
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
		})
	}
}

// TestScoutSummary checks the last line in the cases that a prefix in
// TestScout leaves out.
func TestScoutSummary(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		wantSummary string
	}{
		{name: "failure", args: []string{"scout", "--tick-budget", "104", "../../scripts/hashchain/hashchain.yaml"}, wantSummary: "0 passed, 1 failed"},
		{name: "one error", args: []string{"scout", "testdata/missing.yaml", "testdata/scout_style.yaml"}, wantSummary: "1 passed, 0 failed, 1 error"},
		{name: "two errors", args: []string{"scout", "testdata/missing.yaml", "testdata/wrong_post_state.yaml", "testdata/missing_library.yaml"}, wantSummary: "0 passed, 1 failed, 2 errors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, _ := runEeplay(t, tt.args...)
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if got := lines[len(lines)-1]; got != tt.wantSummary {
				t.Errorf("summary %q, want %q", got, tt.wantSummary)
			}
		})
	}
}

// depositBytes is a deposit as Scout's SSZ encodes it: pubkey (48 bytes),
// withdrawal credentials (32), amount (little-endian uint64), signature
// (96), each byte string filled with one byte.
func depositBytes(pubkey, credentials byte, amount uint64, signature byte) []byte {
	b := bytes.Repeat([]byte{pubkey}, 48)
	b = append(b, bytes.Repeat([]byte{credentials}, 32)...)
	b = binary.LittleEndian.AppendUint64(b, amount)
	return append(b, bytes.Repeat([]byte{signature}, 96)...)
}

// depositYAML is the deposit_receipts entry for a deposit made by
// depositBytes.
func depositYAML(pubkey, credentials byte, amount uint64, signature byte) string {
	return fmt.Sprintf(`  - pubkey: "%s"
    withdrawal_credentials: "%s"
    amount: %d
    signature: "%s"
`, strings.Repeat(fmt.Sprintf("%02x", pubkey), 48), strings.Repeat(fmt.Sprintf("%02x", credentials), 32), amount, strings.Repeat(fmt.Sprintf("%02x", signature), 96))
}

// pushDeposits is probe block data that pushes each of deposits.
func pushDeposits(deposits ...[]byte) []byte {
	var p testee.Probe
	for _, d := range deposits {
		p = p.Store(0, d).Op(testee.OpPushNewDeposit, 0, uint32(len(d)))
	}
	return p
}

// probeTest is a Scout test of probe on the zero root that runs blocks,
// expects the zero root after them, and ends with extra.
func probeTest(t *testing.T, blocks [][]byte, extra string) string {
	t.Helper()
	var yaml strings.Builder
	fmt.Fprintf(&yaml, `beacon_state:
  execution_scripts:
    - %s
shard_pre_state:
  exec_env_states:
    - "%[2]s"
shard_blocks:
`, repoFile(t, "internal/testee/testdata/probe.wasm"), strings.Repeat("00", 32))
	for _, data := range blocks {
		fmt.Fprintf(&yaml, "  - env: 0\n    data: \"%x\"\n", data)
	}
	fmt.Fprintf(&yaml, `shard_post_state:
  exec_env_states:
    - "%s"
`, strings.Repeat("00", 32))
	return yaml.String() + extra
}

func TestScoutDeposits(t *testing.T) {
	const amount = 32_000_000_000 // 32 ether in Gwei
	a := depositBytes(0x11, 0x22, amount, 0x33)
	b := depositBytes(0x44, 0x55, 1, 0x66)
	tests := []struct {
		name     string
		blocks   [][]byte
		deposits string // deposit_receipts and its entries, if any
		wantCode int
		// wantResult is the result line and details, after "PASS path"
		// or "FAIL path".
		wantResult string
	}{
		{
			name:       "match",
			blocks:     [][]byte{pushDeposits(a)},
			deposits:   "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33),
			wantCode:   0,
			wantResult: "PASS",
		},
		{
			name:       "match across blocks, in order",
			blocks:     [][]byte{pushDeposits(a), nil, pushDeposits(b, a)},
			deposits:   "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33) + depositYAML(0x44, 0x55, 1, 0x66) + depositYAML(0x11, 0x22, amount, 0x33),
			wantCode:   0,
			wantResult: "PASS",
		},
		{
			name:       "not checked without deposit_receipts",
			blocks:     [][]byte{pushDeposits(a)},
			wantCode:   0,
			wantResult: "PASS",
		},
		{
			name:       "none expected, none pushed",
			blocks:     [][]byte{nil},
			deposits:   "deposit_receipts: []\n",
			wantCode:   0,
			wantResult: "PASS",
		},
		{
			name:       "amount differs",
			blocks:     [][]byte{pushDeposits(a)},
			deposits:   "deposit_receipts:\n" + depositYAML(0x11, 0x22, 1, 0x33),
			wantCode:   1,
			wantResult: "FAIL: deposit_receipts[0]: amount: expected 1, actual 32000000000 (pushed by shard_blocks[0])",
		},
		{
			name:     "every field differs",
			blocks:   [][]byte{nil, pushDeposits(b)},
			deposits: "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33),
			wantCode: 1,
			wantResult: "FAIL: deposit_receipts differ\n" +
				"    deposit_receipts[0]: pubkey: expected 0x" + strings.Repeat("11", 48) + ", actual 0x" + strings.Repeat("44", 48) + " (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[0]: withdrawal_credentials: expected 0x" + strings.Repeat("22", 32) + ", actual 0x" + strings.Repeat("55", 32) + " (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[0]: amount: expected 32000000000, actual 1 (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[0]: signature: expected 0x" + strings.Repeat("33", 96) + ", actual 0x" + strings.Repeat("66", 96) + " (pushed by shard_blocks[1])",
		},
		{
			name:     "wrong order",
			blocks:   [][]byte{pushDeposits(b), pushDeposits(a)},
			deposits: "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33) + depositYAML(0x44, 0x55, 1, 0x66),
			wantCode: 1,
			wantResult: "FAIL: deposit_receipts differ\n" +
				"    deposit_receipts[0]: pubkey: expected 0x" + strings.Repeat("11", 48) + ", actual 0x" + strings.Repeat("44", 48) + " (pushed by shard_blocks[0])\n" +
				"    deposit_receipts[0]: withdrawal_credentials: expected 0x" + strings.Repeat("22", 32) + ", actual 0x" + strings.Repeat("55", 32) + " (pushed by shard_blocks[0])\n" +
				"    deposit_receipts[0]: amount: expected 32000000000, actual 1 (pushed by shard_blocks[0])\n" +
				"    deposit_receipts[0]: signature: expected 0x" + strings.Repeat("33", 96) + ", actual 0x" + strings.Repeat("66", 96) + " (pushed by shard_blocks[0])\n" +
				"    deposit_receipts[1]: pubkey: expected 0x" + strings.Repeat("44", 48) + ", actual 0x" + strings.Repeat("11", 48) + " (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[1]: withdrawal_credentials: expected 0x" + strings.Repeat("55", 32) + ", actual 0x" + strings.Repeat("22", 32) + " (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[1]: amount: expected 1, actual 32000000000 (pushed by shard_blocks[1])\n" +
				"    deposit_receipts[1]: signature: expected 0x" + strings.Repeat("66", 96) + ", actual 0x" + strings.Repeat("33", 96) + " (pushed by shard_blocks[1])",
		},
		{
			name:     "fewer pushed",
			blocks:   [][]byte{pushDeposits(a)},
			deposits: "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33) + depositYAML(0x44, 0x55, 1, 0x66),
			wantCode: 1,
			wantResult: "FAIL: deposit_receipts differ\n" +
				"    expected 2 deposits, actual 1\n" +
				"    deposit_receipts[1]: expected 0x" + hex.EncodeToString(b) + ", actual none",
		},
		{
			name:     "more pushed",
			blocks:   [][]byte{pushDeposits(a)},
			deposits: "deposit_receipts: []\n",
			wantCode: 1,
			wantResult: "FAIL: deposit_receipts differ\n" +
				"    expected 0 deposits, actual 1\n" +
				"    deposit_receipts[0]: expected none, actual 0x" + hex.EncodeToString(a) + " (pushed by shard_blocks[0])",
		},
		{
			name:       "not a deposit",
			blocks:     [][]byte{pushDeposits([]byte{1, 2, 3, 4})},
			deposits:   "deposit_receipts:\n" + depositYAML(0x11, 0x22, amount, 0x33),
			wantCode:   1,
			wantResult: "FAIL: deposit_receipts[0]: expected a 184-byte deposit, actual 4 bytes 0x01020304 (pushed by shard_blocks[0])",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "deposits.yaml", []byte(probeTest(t, tt.blocks, tt.deposits)))
			verdict, rest, _ := strings.Cut(tt.wantResult, ":")
			wantStdout := verdict + " " + path
			if rest != "" {
				wantStdout += ":" + rest
			}
			if tt.wantCode == 0 {
				wantStdout += "\n1 passed, 0 failed\n"
			} else {
				wantStdout += "\n0 passed, 1 failed\n"
			}
			checkRun(t, []string{"scout", path}, tt.wantCode, wantStdout, "")
		})
	}
}

func TestScoutUnusable(t *testing.T) {
	dir := t.TempDir()
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	zero := strings.Repeat("00", 32)
	// valid returns a test of probe, which passes, with the YAML of
	// section replaced by replacement.
	valid := func(section, replacement string) string {
		yaml := fmt.Sprintf(`beacon_state:
  execution_scripts:
    - %s
shard_pre_state:
  exec_env_states:
    - "%s"
shard_blocks:
  - env: 0
    data: ""
shard_post_state:
  exec_env_states:
    - "%s"
`, probe, zero, zero)
		if section == "" {
			return yaml
		}
		if !strings.Contains(yaml, section) {
			t.Fatalf("no %q in the test file", section)
		}
		return strings.Replace(yaml, section, replacement, 1)
	}
	writeFile(t, dir, "not_wasm.wasm", []byte("not wasm"))

	tests := []struct {
		name string
		yaml string
		// wantError is the message after "ERROR path: ".
		wantError string
	}{
		{
			name:      "valid, for reference",
			yaml:      valid("", ""),
			wantError: "",
		},
		{
			name:      "empty file",
			yaml:      "",
			wantError: "beacon_state.execution_scripts is empty or missing",
		},
		{
			name:      "not YAML",
			yaml:      "beacon_state: [\n",
			wantError: "yaml: line 1: no ']' closes the flow collection opened here",
		},
		{
			name:      "wrong type",
			yaml:      valid("env: 0", `env: "first"`),
			wantError: `yaml: line 8: shard_blocks[0].env: want an unsigned integer, got "first"`,
		},
		{
			name:      "string where a list belongs",
			yaml:      valid("execution_scripts:\n    - "+probe, "execution_scripts: probe.wasm"),
			wantError: `yaml: line 2: beacon_state.execution_scripts: want a list, got "probe.wasm"`,
		},
		{
			name:      "more pre-states than scripts",
			yaml:      valid(`    - "`+zero+`"`, `    - "`+zero+`"`+"\n"+`    - "`+zero+`"`),
			wantError: "shard_pre_state.exec_env_states has 2 states for 1 execution_scripts: want one per script",
		},
		{
			name:      "pre-state too short",
			yaml:      valid(`    - "`+zero+`"`, `    - "00"`),
			wantError: `shard_pre_state.exec_env_states[0]: parse root "00": want 64 hex digits, got 2`,
		},
		{
			name:      "post-state not hex",
			yaml:      valid("shard_post_state:\n  exec_env_states:\n    - \""+zero, "shard_post_state:\n  exec_env_states:\n    - \"zz"+zero[2:]),
			wantError: `shard_post_state.exec_env_states[0]: parse root "zz00000000000000000000000000000000000000000000000000000000000000": encoding/hex: invalid byte: U+007A 'z'`,
		},
		{
			name:      "data not hex",
			yaml:      valid(`data: ""`, `data: "0xzz"`),
			wantError: `shard_blocks[0].data: parse hex "0xzz": encoding/hex: invalid byte: U+007A 'z'`,
		},
		{
			name:      "odd number of hex digits",
			yaml:      valid(`data: ""`, `data: "abc"`),
			wantError: `shard_blocks[0].data: parse hex "abc": encoding/hex: odd length hex string`,
		},
		{
			name:      "no such EE",
			yaml:      valid("env: 0", "env: 1"),
			wantError: "shard_blocks[0].env: no execution environment 1: execution_scripts has 1",
		},
		{
			name:      "missing wasm file",
			yaml:      valid(probe, "missing.wasm"),
			wantError: "beacon_state.execution_scripts[0]: open " + dir + "/missing.wasm: no such file or directory",
		},
		{
			name:      "not wasm",
			yaml:      valid(probe, "not_wasm.wasm"),
			wantError: "beacon_state.execution_scripts[0]: create execution environment: not a WebAssembly module: it starts with \"not wasm\", not \"\\x00asm\"",
		},
		{
			name:      "not an EE",
			yaml:      valid(probe, repoFile(t, "internal/testee/testdata/no_main.wasm")),
			wantError: "beacon_state.execution_scripts[0]: create execution environment: not an execution environment: it does not export a function named main",
		},
		{
			name:      "library without a name",
			yaml:      valid("beacon_state:\n", "beacon_state:\n  libraries:\n    - file: lib.wasm\n"),
			wantError: "beacon_state.libraries[0]: want both name and file",
		},
		{
			name:      "missing library file",
			yaml:      valid("beacon_state:\n", "beacon_state:\n  libraries:\n    - name: mylib\n      file: lib.wasm\n"),
			wantError: "beacon_state.libraries[0]: open " + dir + "/lib.wasm: no such file or directory",
		},
		{
			name:      "library the engine rejects",
			yaml:      valid("beacon_state:\n", "beacon_state:\n  libraries:\n    - name: mylib\n      file: "+probe+"\n"),
			wantError: `new engine: library "mylib": imports env.eth2_loadPreStateRoot, but a library may import nothing`,
		},
		{
			name:      "deposit pubkey too short",
			yaml:      valid("", "") + "deposit_receipts:\n  - pubkey: \"11\"\n",
			wantError: "deposit_receipts[0].pubkey: want 48 bytes, got 1",
		},
		{
			name:      "deposit amount not a number",
			yaml:      valid("", "") + "deposit_receipts:\n  - amount: lots\n",
			wantError: `yaml: line 14: deposit_receipts[0].amount: want an unsigned integer, got "lots"`,
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, fmt.Sprintf("test%d.yaml", i), []byte(tt.yaml))
			if tt.wantError == "" {
				checkRun(t, []string{"scout", path}, 0, "PASS "+path+"\n1 passed, 0 failed\n", "")
				return
			}
			checkRun(t, []string{"scout", path}, 2, "ERROR "+path+": "+tt.wantError+"\n0 passed, 0 failed, 1 error\n", "")
		})
	}
}

func TestScoutUsageErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{name: "no files", args: []string{"scout"}, wantStderr: "eeplay scout: no test files given\n"},
		{name: "unknown engine", args: []string{"scout", "--engine", "jit", "a.yaml"}, wantStderr: "eeplay scout: invalid value \"jit\" for flag -engine: unknown engine \"jit\": want \"compiler\" or \"interpreter\"\n"},
		{name: "unknown flag", args: []string{"scout", "--verbose", "a.yaml"}, wantStderr: "eeplay scout: flag provided but not defined: -verbose\n"},
		{name: "zero tick budget", args: []string{"scout", "--tick-budget", "0", "a.yaml"}, wantStderr: "eeplay scout: -tick-budget must be at least 1\n"},
		{name: "too much memory", args: []string{"scout", "--max-memory-pages", "65537", "a.yaml"}, wantStderr: "eeplay scout: -max-memory-pages must be between 1 and 65536, got 65537\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.args, 2, "", tt.wantStderr+"Run 'eeplay scout -h' for usage.\n")
		})
	}
}

func TestScoutMaxMemoryPages(t *testing.T) {
	// probe's memory starts at 2 pages.
	checkRun(t, []string{"scout", "--max-memory-pages", "2", "testdata/rejected_block.yaml"}, 1,
		"FAIL testdata/rejected_block.yaml: shard_blocks[1] (env 0) was rejected: wasm error: unreachable\n"+
			"    wasm stack trace:\n"+
			"    \t.main()\n"+
			"    debug: print32: 5\n"+
			"0 passed, 1 failed\n", "")
	code, stdout, _ := runEeplay(t, "scout", "--max-memory-pages", "1", "testdata/rejected_block.yaml")
	wantStart := "ERROR testdata/rejected_block.yaml: beacon_state.execution_scripts[0]: create execution environment: invalid wasm module: "
	if code != 2 || !strings.HasPrefix(stdout, wantStart) || !strings.Contains(stdout, "eeplay caps memory at 1 pages of 64 KiB (MaxMemoryPages)\n") {
		t.Errorf("with --max-memory-pages 1: exit code %d, stdout:\n%s\nwant 2 and an error starting %q that names the cap", code, stdout, wantStart)
	}
}
