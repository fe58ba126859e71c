package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// chain returns the roots hashchain goes through from root, one per data.
func chain(root []byte, data ...string) []string {
	roots := make([]string, len(data))
	for i, d := range data {
		sum := sha256.Sum256(append(root, d...))
		root = sum[:]
		roots[i] = "0x" + hex.EncodeToString(root)
	}
	return roots
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	hashchain := repoFile(t, "scripts/hashchain/hashchain.wasm")
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	helloFile := writeFile(t, dir, "hello.bin", []byte("hello"))
	state := strings.Repeat("ab", 32)
	stateBytes, _ := hex.DecodeString(state)

	fromZero := chain(make([]byte, 32), "hello", "")
	fromState := chain(stateBytes, "hello")
	// helloFromState is the output of one block of "hello" from state.
	helloFromState := `block 0
  data        0x68656c6c6f (5 bytes)
  pre-state   0x` + state + `
  post-state  ` + fromState[0] + `
  ticks       105
  deposits    none
  logs        ` + fromState[0] + `
  debug       none

final state   ` + fromState[0] + `
`

	// outputs has probe save 32 bytes of 0x07 as its state, emit two logs,
	// push a deposit and print two debug lines.
	outputs := testee.Probe{}.
		Store(0x100, []byte(strings.Repeat("\x07", 32))).
		Op(testee.OpSavePostStateRoot, 0x100).
		Store(0, []byte("hi\nthere")).
		Op(testee.OpEmitLog, 0, 2).
		Op(testee.OpEmitLog, 3, 5).
		Op(testee.OpPushNewDeposit, 0, 1).
		Op(testee.OpLog, 0, 8).
		Op(testee.OpPrint32, 42)

	// children has probe expose its callback, load testdata/child.wat into
	// slot 3 and call it three times: run, whose program calls the
	// callback back once, then echo twice.
	child := testee.Wasm("child")
	callsBack := testee.Probe{}.Store(0x100, []byte("callback")).Op(testee.OpCall, 0x0ffc, 0x100, 8, 0, 0, 0, 0)
	children := testee.Probe{}.
		Store(0x100, []byte("callback")).Store(0x110, []byte("run")).Store(0x120, []byte("echo")).Store(0x200, callsBack).
		Op(testee.OpExpose, 0x100, 8).
		Store(0x4000, child).Op(testee.OpLoadModule, 3, 0x4000, uint32(len(child))).
		Op(testee.OpCallModule, 0x300, 3, 0x110, 3, 0x200, uint32(len(callsBack)), 0, 0).
		Op(testee.OpCallModule, 0x300, 3, 0x120, 4, 0, 0, 0, 0).
		Op(testee.OpCallModule, 0x300, 3, 0x120, 4, 0, 0, 0, 0)

	tests := []struct {
		name       string
		args       []string
		wantStdout string
	}{
		{
			name: "hashchain",
			args: []string{"run", "--ee", hashchain, "--data", "0x68656c6c6f", "--data", ""},
			wantStdout: `block 0
  data        0x68656c6c6f (5 bytes)
  pre-state   ` + zeroRoot + `
  post-state  ` + fromZero[0] + `
  ticks       105
  deposits    none
  logs        ` + fromZero[0] + `
  debug       none

block 1
  data        empty
  pre-state   ` + fromZero[0] + `
  post-state  ` + fromZero[1] + `
  ticks       100
  deposits    none
  logs        ` + fromZero[1] + `
  debug       none

final state   ` + fromZero[1] + `
`,
		},
		{
			name: "--trace",
			args: []string{"run", "--trace", "--ee", hashchain, "--data", "text:hello"},
			wantStdout: `block 0
  data        0x68656c6c6f (5 bytes)
  pre-state   ` + zeroRoot + `
  post-state  ` + fromZero[0] + `
  ticks       105
  deposits    none
  logs        ` + fromZero[0] + `
  debug       none
  trace       eth2_blockDataSize() -> 5  ticks 0
              eth2_useTicks(ticks=105)  ticks 105
              eth2_loadPreStateRoot(ptr=0x1680)  ticks 105
                wrote 32 bytes at 0x1680: ` + zeroRoot + `
              eth2_blockDataCopy(ptr=0x680, offset=0, length=5)  ticks 105
                wrote 5 bytes at 0x680: 0x68656c6c6f "hello"
              eth2_savePostStateRoot(ptr=0x1680)  ticks 105
                read 32 bytes at 0x1680: ` + fromZero[0] + `
              eth2_emitLog(ptr=0x1680, length=32)  ticks 105
                read 32 bytes at 0x1680: ` + fromZero[0] + `

final state   ` + fromZero[0] + `
`,
		},
		{
			name:       "@file and --state",
			args:       []string{"run", "--ee", hashchain, "--state", state, "--data", "@" + helloFile},
			wantStdout: helloFromState,
		},
		{
			name:       "text:",
			args:       []string{"run", "--ee", hashchain, "--state", state, "--data", "text:hello"},
			wantStdout: helloFromState,
		},
		{
			name: "no --data runs one empty transaction",
			args: []string{"run", "--ee", repoFile(t, "scripts/helloworld/helloworld.wasm"), "--state", "0x" + state},
			wantStdout: `block 0
  data        empty
  pre-state   0x` + state + `
  post-state  0x` + state + `
  ticks       10
  deposits    none
  logs        none
  debug       log: hello, world

final state   0x` + state + `
`,
		},
		{
			name: "several outputs of each kind",
			args: []string{"run", "--ee", probe, "--data", hex.EncodeToString(outputs), "--data", "0x"},
			wantStdout: `block 0
  data        ` + fmt.Sprintf("0x%x... (%d bytes)", outputs[:32], len(outputs)) + `
  pre-state   ` + zeroRoot + `
  post-state  0x` + strings.Repeat("07", 32) + `
  ticks       0
  deposits    0x68
  logs        0x6869
              0x7468657265
  debug       log: hi\nthere
              print32: 42

block 1
  data        empty
  pre-state   0x` + strings.Repeat("07", 32) + `
  post-state  0x` + strings.Repeat("07", 32) + `
  ticks       0
  deposits    none
  logs        none
  debug       none

final state   0x` + strings.Repeat("07", 32) + `
`,
		},
		{
			name: "a child module",
			args: []string{"run", "--ee", probe, "--data", hex.EncodeToString(children)},
			wantStdout: `block 0
  data        ` + fmt.Sprintf("0x%x... (%d bytes)", children[:32], len(children)) + `
  pre-state   ` + zeroRoot + `
  post-state  ` + zeroRoot + `
  ticks       0
  deposits    none
  logs        none
  debug       none
  modules     ` + fmt.Sprintf("slot 3: %d bytes, sha256 0x%x, 3 calls, 1 callback", len(child), sha256.Sum256(child)) + `

final state   ` + zeroRoot + `
`,
		},
		{
			name: "one byte",
			args: []string{"run", "--ee", hashchain, "--data", "00"},
			wantStdout: `block 0
  data        0x00 (1 byte)
  pre-state   ` + zeroRoot + `
  post-state  ` + chain(make([]byte, 32), "\x00")[0] + `
  ticks       101
  deposits    none
  logs        ` + chain(make([]byte, 32), "\x00")[0] + `
  debug       none

final state   ` + chain(make([]byte, 32), "\x00")[0] + `
`,
		},
		{
			name: "library",
			args: []string{"run", "--ee", repoFile(t, "internal/testee/testdata/uses_library.wasm"), "--library", "mylib=" + repoFile(t, "internal/testee/testdata/library.wasm")},
			wantStdout: `block 0
  data        empty
  pre-state   ` + zeroRoot + `
  post-state  0x2a` + strings.Repeat("00", 31) + `
  ticks       0
  deposits    none
  logs        none
  debug       none

final state   0x2a` + strings.Repeat("00", 31) + `
`,
		},
	}
	for _, tt := range tests {
		for _, engine := range engines() {
			t.Run(tt.name+"/"+engine, func(t *testing.T) {
				checkRun(t, append(tt.args, "--engine", engine), 0, tt.wantStdout, "")
			})
		}
	}
}

func TestRunFailure(t *testing.T) {
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	// trap prints 5, then traps on unreachable.
	trap := testee.Probe{}.Op(testee.OpPrint32, 5).Op(testee.OpUnreachable)
	// overspend uses 30 ticks, logs, then asks for 30 more.
	overspend := testee.Probe{}.Op(testee.OpUseTicks, 30).Store(0, []byte{0xee}).Op(testee.OpEmitLog, 0, 1).Op(testee.OpUseTicks, 30)

	tests := []struct {
		name       string
		args       []string
		wantStdout string
		wantStderr string
	}{
		{
			name: "trap after a good block",
			// The third block must not run.
			args: []string{"run", "--ee", probe, "--data", "", "--data", hex.EncodeToString(trap), "--data", ""},
			wantStdout: `block 0
  data        empty
  pre-state   ` + zeroRoot + `
  post-state  ` + zeroRoot + `
  ticks       0
  deposits    none
  logs        none
  debug       none

block 1
  data        0x080500000013 (6 bytes)
  pre-state   ` + zeroRoot + `
  ticks       0
  deposits    none
  logs        none
  debug       print32: 5
`,
			wantStderr: "eeplay run: block 1 was rejected: wasm error: unreachable\nwasm stack trace:\n\t.main()\n",
		},
		{
			name: "tick budget",
			args: []string{"run", "--ee", probe, "--tick-budget", "50", "--data", hex.EncodeToString(overspend)},
			wantStdout: `block 0
  data        0x` + hex.EncodeToString(overspend) + ` (29 bytes)
  pre-state   ` + zeroRoot + `
  ticks       30
  deposits    none
  logs        0xee
  debug       none
`,
			wantStderr: "eeplay run: block 0 was rejected: eth2_useTicks: tick budget exhausted: 30 of 50 ticks used, 30 more requested\nwasm stack trace:\n\tenv.eth2_useTicks(i32)\n\t.main()\n",
		},
		{
			name: "a trace ends at the failure",
			args: []string{"run", "--trace", "--ee", probe, "--tick-budget", "50", "--data", hex.EncodeToString(overspend)},
			wantStdout: `block 0
  data        0x` + hex.EncodeToString(overspend) + ` (29 bytes)
  pre-state   ` + zeroRoot + `
  ticks       30
  deposits    none
  logs        0xee
  debug       none
  trace       eth2_blockDataSize() -> 29  ticks 0
              eth2_blockDataSize() -> 29  ticks 0
              eth2_blockDataCopy(ptr=0x8000, offset=0, length=29)  ticks 0
                wrote 29 bytes at 0x8000: 0x` + hex.EncodeToString(overspend) + `
              eth2_useTicks(ticks=30)  ticks 30
              eth2_emitLog(ptr=0x0, length=1)  ticks 30
                read 1 byte at 0x0: 0xee
              eth2_useTicks(ticks=30) failed: tick budget exhausted: 30 of 50 ticks used, 30 more requested  ticks 30
`,
			wantStderr: "eeplay run: block 0 was rejected: eth2_useTicks: tick budget exhausted: 30 of 50 ticks used, 30 more requested\nwasm stack trace:\n\tenv.eth2_useTicks(i32)\n\t.main()\n",
		},
	}
	for _, tt := range tests {
		for _, engine := range engines() {
			t.Run(tt.name+"/"+engine, func(t *testing.T) {
				checkRun(t, append(tt.args, "--engine", engine), 1, tt.wantStdout, tt.wantStderr)
			})
		}
	}
}

// TestPrintChildModules writes receipts as run does, with child modules,
// which the test EEs do not load: the modules come after the debug lines,
// one line each.
func TestPrintChildModules(t *testing.T) {
	pre, post := core.Root{1}, core.Root{2}
	modules := []core.ChildModule{
		{Slot: 0, Size: 1234, SHA256: core.Root{0xab}, Calls: 3, Callbacks: 1},
		{Slot: 5, Size: 1, SHA256: core.Root{0xcd}, Calls: 1, Callbacks: 0},
	}
	r := core.Receipt{PreState: pre, PostState: post, Ticks: 7, Debug: []string{"print32: 1"}, Modules: modules}
	failed := core.Receipt{Ticks: 7, Debug: []string{"print32: 1"}, Modules: modules}
	outputs := `  ticks       7
  deposits    none
  logs        none
  debug       print32: 1
  modules     slot 0: 1234 bytes, sha256 0xab` + strings.Repeat("0", 62) + `, 3 calls, 1 callback
              slot 5: 1 byte, sha256 0xcd` + strings.Repeat("0", 62) + `, 1 call, 0 callbacks
`
	tests := []struct {
		name  string
		print func(io.Writer)
		want  string
	}{
		{"receipt", func(w io.Writer) { printReceipt(w, r) }, "  pre-state   " + pre.String() + "\n  post-state  " + post.String() + "\n" + outputs},
		// A transaction that failed after it loaded a module.
		{"partial receipt", func(w io.Writer) { printPartialReceipt(w, pre, failed) }, "  pre-state   " + pre.String() + "\n" + outputs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			tt.print(&b)
			if b.String() != tt.want {
				t.Errorf("output =\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestRunUnusable(t *testing.T) {
	dir := t.TempDir()
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	noMain := repoFile(t, "internal/testee/testdata/no_main.wasm")
	usesLibrary := repoFile(t, "internal/testee/testdata/uses_library.wasm")
	const hint = "Run 'eeplay run -h' for usage.\n"

	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{
			name:       "bad hex",
			args:       []string{"run", "--ee", probe, "--data", "0x1g"},
			wantStderr: "eeplay run: invalid value \"0x1g\" for flag -data: not hex (encoding/hex: invalid byte: U+0067 'g'): want hex (0x optional), text:TEXT for text, or @FILE for a file's bytes\n" + hint,
		},
		{
			name:       "text without text:",
			args:       []string{"run", "--ee", probe, "--data", "hello"},
			wantStderr: "eeplay run: invalid value \"hello\" for flag -data: not hex (encoding/hex: invalid byte: U+0068 'h'): want hex (0x optional), text:TEXT for text, or @FILE for a file's bytes\n" + hint,
		},
		{
			name:       "odd hex",
			args:       []string{"run", "--ee", probe, "--data", "123"},
			wantStderr: "eeplay run: invalid value \"123\" for flag -data: not hex (encoding/hex: odd length hex string): want hex (0x optional), text:TEXT for text, or @FILE for a file's bytes\n" + hint,
		},
		{
			name:       "missing data file",
			args:       []string{"run", "--ee", probe, "--data", "@" + dir + "/missing.bin"},
			wantStderr: "eeplay run: invalid value \"@" + dir + "/missing.bin\" for flag -data: open " + dir + "/missing.bin: no such file or directory\n" + hint,
		},
		{
			name:       "short state",
			args:       []string{"run", "--ee", probe, "--state", "0x1234"},
			wantStderr: "eeplay run: invalid value \"0x1234\" for flag -state: parse root \"0x1234\": want 64 hex digits, got 4\n" + hint,
		},
		{
			name:       "--trace and --profile",
			args:       []string{"run", "--trace", "--profile", "--ee", probe},
			wantStderr: "eeplay run: --trace and --profile run a transaction differently: give one\n" + hint,
		},
		{
			name:       "no --ee",
			args:       []string{"run", "--data", "00"},
			wantStderr: "eeplay run: no EE given: use --ee FILE.wasm\n" + hint,
		},
		{
			name:       "EE as an argument",
			args:       []string{"run", probe},
			wantStderr: "eeplay run: unexpected argument \"" + probe + "\": give the EE with --ee and each transaction's data with --data\n" + hint,
		},
		{
			name:       "unknown engine",
			args:       []string{"run", "--ee", probe, "--engine", "jit"},
			wantStderr: "eeplay run: invalid value \"jit\" for flag -engine: unknown engine \"jit\": want \"compiler\" or \"interpreter\"\n" + hint,
		},
		{
			name:       "browser engine",
			args:       []string{"run", "--ee", probe, "--engine", "browser"},
			wantStderr: "eeplay run: invalid value \"browser\" for flag -engine: the browser engine runs only in the page, where Go runs as js/wasm: want \"compiler\" or \"interpreter\"\n" + hint,
		},
		{
			name:       "zero tick budget",
			args:       []string{"run", "--ee", probe, "--tick-budget", "0"},
			wantStderr: "eeplay run: -tick-budget must be at least 1\n" + hint,
		},
		{
			name:       "zero memory",
			args:       []string{"run", "--ee", probe, "--max-memory-pages", "0"},
			wantStderr: "eeplay run: -max-memory-pages must be between 1 and 65536, got 0\n" + hint,
		},
		{
			name:       "library without a name",
			args:       []string{"run", "--ee", usesLibrary, "--library", "lib.wasm"},
			wantStderr: "eeplay run: invalid value \"lib.wasm\" for flag -library: want NAME=FILE.wasm\n" + hint,
		},
		{
			name:       "missing EE file",
			args:       []string{"run", "--ee", dir + "/missing.wasm"},
			wantStderr: "eeplay run: open " + dir + "/missing.wasm: no such file or directory\n",
		},
		{
			name:       "not an EE",
			args:       []string{"run", "--ee", noMain},
			wantStderr: "eeplay run: " + noMain + ": create execution environment: not an execution environment: it does not export a function named main\n",
		},
		{
			name:       "library the engine rejects",
			args:       []string{"run", "--ee", usesLibrary, "--library", "mylib=" + probe},
			wantStderr: "eeplay run: new engine: library \"mylib\": imports env.eth2_loadPreStateRoot, but a library may import nothing\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.args, 2, "", tt.wantStderr)
		})
	}
}

func TestRunTimeout(t *testing.T) {
	probe := repoFile(t, "internal/testee/testdata/probe.wasm")
	loop := hex.EncodeToString(testee.Probe{}.Op(testee.OpLoopForever))
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run([]string{"run", "--ee", probe, "--engine", engine, "--tick-budget", "18446744073709551615", "--timeout", "200ms", "--data", loop}, &stdout, &stderr)
			want := "eeplay run: block 0 was rejected: stopped: the block ran longer than the time limit of 200ms\n"
			if code != 1 || stderr.String() != want {
				t.Errorf("exit %d, stderr %q\nwant exit 1, stderr %q", code, stderr.String(), want)
			}
		})
	}
	var stderr strings.Builder
	if code := run([]string{"run", "--ee", probe, "--timeout", "0s"}, io.Discard, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "eeplay run: -timeout must be positive, got 0s\n") {
		t.Errorf("--timeout 0s: exit %d, stderr %q", code, stderr.String())
	}
}

// TestRunProfile checks what --profile prints of a hashchain transaction:
// the times vary, the functions, calls and ticks do not.
func TestRunProfile(t *testing.T) {
	hashchain := repoFile(t, "scripts/hashchain/hashchain.wasm")
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			code, stdout, stderr := runEeplay(t, "run", "--profile", "--engine", engine, "--ee", hashchain, "--data", "text:hello")
			if code != 0 || stderr != "" {
				t.Fatalf("exit code %d, stderr %q", code, stderr)
			}
			us := ` \d+\.\d µs`
			want := regexp.MustCompile(`(?m)^  profile     wall-clock time on wazero's ` + engine + `, each call's measuring included; a recursive function's total counts each frame\n` +
				`(              \S+: \d+ calls?, self` + us + `, total` + us + `, ticks \d+ self, \d+ total\n){4}\n`)
			if !want.MatchString(stdout) {
				t.Errorf("stdout:\n%s\nwant a match of %s", stdout, want)
			}
			for _, line := range []string{
				"hashchain/main.ts:main: 1 call, self",
				"lib/sha256.ts:update: 2 calls, self",
			} {
				if !strings.Contains(stdout, line) {
					t.Errorf("stdout has no %q:\n%s", line, stdout)
				}
			}
			if !strings.Contains(stdout, "ticks 105 self, 105 total") {
				t.Errorf("main's 105 ticks are not in the profile:\n%s", stdout)
			}
		})
	}
}
