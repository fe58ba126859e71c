package main

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestBenchUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		message string
	}{
		{"argument", []string{"bench", "fast"}, `build bench: unexpected argument "fast"`},
		{"no runs", []string{"bench", "-runs", "0"}, "build bench: -runs 0: want at least 1"},
		{"runs not a number", []string{"bench", "-runs", "many"}, `build bench: invalid value "many" for flag -runs: parse error`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if first, _, _ := strings.Cut(stderr.String(), "\n"); first != tt.message {
				t.Errorf("stderr starts %q, want %q", first, tt.message)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestHelpListsBench(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run([]string{"help"}, &stdout, &stderr)
	for _, want := range []string{"go run ./build bench [-runs N]", "\tbench  time the engines", "-runs N"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help has no %q:\n%s", want, stdout.String())
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{5, 100, 6, 4, 5}, 5},
	}
	for _, tt := range tests {
		xs := append([]float64(nil), tt.xs...)
		if got := median(tt.xs); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
		if !reflect.DeepEqual(xs, tt.xs) {
			t.Errorf("median reordered its argument: %v, was %v", tt.xs, xs)
		}
	}
}

func TestPercentile(t *testing.T) {
	for _, tt := range []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"none", nil, 50, 0},
		{"one", []float64{7}, 95, 7},
		{"median of four, the lower middle", []float64{4, 1, 3, 2}, 50, 2},
		{"95th of twenty, the 19th", testConsoleMillis(1, 5, 12), 95, 5},
		{"100th, the largest", testConsoleMillis(1, 5, 12), 100, 12},
		{"0th, the smallest", []float64{3, 2}, 0, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.xs, tt.p); got != tt.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
			}
		})
	}
}

func TestParseServerBench(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkServeClients/state=false-2         	       1	1450000000 ns/op
BenchmarkServeClients/state=false-2         	       1	1350000000 ns/op
BenchmarkServeClients/state=true-2          	       1	1530000000 ns/op
PASS
`)
	got, err := parseServerBench(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := (serverTimings{Plain: []float64{1450, 1350}, State: []float64{1530}}); !reflect.DeepEqual(got, want) {
		t.Errorf("parseServerBench = %+v, want %+v", got, want)
	}
	if _, err := parseServerBench([]byte("PASS\n")); err == nil || err.Error() != "no BenchmarkServeClients results in:\nPASS\n" {
		t.Errorf("parseServerBench(no results) = %v", err)
	}
}

func TestBenchFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"millis under 1", formatMillis(0.2), "0.20"},
		{"millis under 10", formatMillis(4.356), "4.36"},
		{"millis under 100", formatMillis(12.34), "12.3"},
		{"millis from 100", formatMillis(421.5), "422"},
		{"millis thousands", formatMillis(2688.6), "2,689"},
		{"ratio under 10", formatRatio(1.234), "1.23x"},
		{"ratio under 100", formatRatio(37.54), "37.5x"},
		{"ratio from 100", formatRatio(1284.4), "1,284x"},
		{"count", formatCount(1024), "1,024"},
		{"count small", formatCount(3), "3"},
		{"count millions", formatCount(1689013), "1,689,013"},
		{"count negative", formatCount(-1234), "-1,234"},
		{"megabytes", formatMB(1689013), "1.69 MB"},
		{"limit", formatLimit(1.5), "1.5"},
		{"limit whole", formatLimit(3), "3"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseScoutCase(t *testing.T) {
	dir := filepath.Join("x", "tests")
	tests := []struct {
		name string
		yaml string
		want benchCase
		err  string
	}{
		{
			name: "two EEs",
			yaml: `beacon_state:
  execution_scripts: [a.wasm, /abs/b.wasm]
shard_pre_state:
  exec_env_states:
    - "0000000000000000000000000000000000000000000000000000000000000000"
    - 0x01000000000000000000000000000000
      00000000000000000000000000000002
shard_blocks:
  - env: 1
    data: "68656C6C6F"
  - env: 0
    data: ""
shard_post_state:
  exec_env_states:
    - "1111111111111111111111111111111111111111111111111111111111111111"
    - "2222222222222222222222222222222222222222222222222222222222222222"
`,
			want: benchCase{
				Name: "t",
				EEs: []benchEE{
					{Wasm: filepath.Join(dir, "a.wasm"), PreState: "0x" + strings.Repeat("00", 32)},
					{Wasm: "/abs/b.wasm", PreState: "0x01" + strings.Repeat("00", 30) + "02"},
				},
				Blocks:     [][]benchTx{{{EE: 1, Data: "0x68656c6c6f"}}, {{EE: 0, Data: "0x"}}},
				PostStates: []string{"0x" + strings.Repeat("11", 32), "0x" + strings.Repeat("22", 32)},
			},
		},
		{name: "no scripts", yaml: "shard_blocks: []\n", err: "beacon_state.execution_scripts is empty or missing"},
		{
			name: "libraries",
			yaml: "beacon_state:\n  execution_scripts: [a.wasm]\n  libraries: [{name: lib, file: lib.wasm}]\nshard_pre_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\n",
			err:  "beacon_state.libraries: the page cannot run Scout libraries",
		},
		{
			name: "missing post-state",
			yaml: "beacon_state:\n  execution_scripts: [a.wasm]\nshard_pre_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\n",
			err:  "0 post-states for 1 execution scripts",
		},
		{
			name: "short root",
			yaml: "beacon_state:\n  execution_scripts: [a.wasm]\nshard_pre_state:\n  exec_env_states: [\"00\"]\nshard_post_state:\n  exec_env_states: [\"00\"]\n",
			err:  `shard_pre_state.exec_env_states[0]: parse root "00": want 64 hex digits, got 2`,
		},
		{
			name: "bad env",
			yaml: "beacon_state:\n  execution_scripts: [a.wasm]\nshard_pre_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\nshard_blocks: [{env: 1, data: \"\"}]\nshard_post_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\n",
			err:  "shard_blocks[0].env: no execution environment 1: execution_scripts has 1",
		},
		{
			name: "bad data",
			yaml: "beacon_state:\n  execution_scripts: [a.wasm]\nshard_pre_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\nshard_blocks: [{env: 0, data: \"abc\"}]\nshard_post_state:\n  exec_env_states: [\"" + strings.Repeat("00", 32) + "\"]\n",
			err:  `shard_blocks[0].data: parse hex "abc": encoding/hex: odd length hex string`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseScoutCase([]byte(tt.yaml), "t", dir)
			if errorText(err) != tt.err {
				t.Fatalf("error %q, want %q", errorText(err), tt.err)
			}
			if tt.err == "" && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseScoutCase =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestMadeCases(t *testing.T) {
	trivial := trivialCase("hello.wasm", 1024)
	if trivial.Name != "1,024 trivial transactions" || trivial.transactions() != 1024 || len(trivial.Blocks) != 1 || trivial.Class != classManySmall {
		t.Errorf("trivialCase: %q, %d transactions in %d blocks, class %d", trivial.Name, trivial.transactions(), len(trivial.Blocks), trivial.Class)
	}
	if !reflect.DeepEqual(trivial.PostStates, []string{trivial.EEs[0].PreState}) {
		t.Errorf("trivialCase expects %v, want its pre-state %s: helloworld leaves it", trivial.PostStates, trivial.EEs[0].PreState)
	}

	chain := hashchainCase("hashchain.wasm", 16, 64<<10)
	if chain.Name != "hashchain 64 KiB" || chain.transactions() != 16 || len(chain.Blocks[3][0].Data) != 2+2*64<<10 || chain.Class != classLargeData {
		t.Errorf("hashchainCase: %q, %d transactions, class %d", chain.Name, chain.transactions(), chain.Class)
	}
	if chain.Blocks[0][0].Data == chain.Blocks[1][0].Data {
		t.Error("hashchainCase gives every block the same data")
	}
	// SHA-256(zero root || ""), as scripts/hashchain/hashchain.yaml says.
	empty := hashchainCase("hashchain.wasm", 1, 0)
	if want := "0x66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"; empty.PostStates[0] != want {
		t.Errorf("hashchain of one empty block ends in %s, want %s", empty.PostStates[0], want)
	}
}

// testReport is a report of four cases, one of each class.
func testReport(timings []caseTiming) benchReport {
	return benchReport{
		runs: 5,
		cases: []benchCase{
			{Name: "small", Blocks: [][]benchTx{{{}}, {{}}}, About: "scripts/small/small.yaml"},
			{Name: "heavy", Blocks: [][]benchTx{{{}}}, Class: classCompute, About: "much work"},
			{Name: "large", Blocks: [][]benchTx{{{}}}, Class: classLargeData, About: "much data"},
			{Name: "many", Blocks: [][]benchTx{make([]benchTx, 1024)}, Class: classManySmall, About: "many transactions"},
		},
		output: benchOutput{
			Chromium:           "156.0",
			ReadyMillis:        []float64{300, 350, 390, 280, 310},
			Cases:              timings,
			LongestWazeroBlock: &longestBlock{Case: "heavy", Block: 0, Millis: 2500},
			Workbench:          testWorkbench(),
			ConsoleBlocks:      &consoleBlocksOutput{Millis: testConsoleMillis(1, 5, 12), TotalMillis: 2500},
		},
		server:  serverTimings{Plain: []float64{1400, 1500, 1450}, State: []float64{1530, 1600, 1500}},
		sizes:   wasmFileSizes{raw: 8_950_000, gzip: 2_360_000, brotli: 1_450_000},
		machine: "a machine",
	}
}

// testConsoleMillis is 20 console blocks: 18 of typical milliseconds, one
// of slow, one of slowest.
func testConsoleMillis(typical, slow, slowest float64) []float64 {
	millis := make([]float64, 18, 20)
	for i := range millis {
		millis[i] = typical
	}
	return append(millis, slowest, slow)
}

// testWorkbench is a workbench measure for the report tests.
func testWorkbench() workbenchOutput {
	w := workbenchOutput{
		FirstLoadBytes: []float64{1_850_000, 1_850_000, 1_850_000},
		Compiles: []compileTiming{
			{Name: "hashchain", Language: "assemblyscript", CompilerBytes: 2_500_000, FirstMillis: []float64{3000, 2800, 2900}, WarmMillis: []float64{400, 420, 380}},
			{Name: "blank WAT", Language: "wat", CompilerBytes: 300_000, FirstMillis: []float64{500}, WarmMillis: []float64{5, 6, 4}},
		},
	}
	for _, ms := range []float64{300, 250, 280} {
		w.Editor = append(w.Editor, struct {
			Millis float64 `json:"millis"`
			Bytes  float64 `json:"bytes"`
		}{ms, 150_000})
	}
	return w
}

func TestBenchTable(t *testing.T) {
	r := testReport([]caseTiming{
		{
			Name: "small", Wazero: []float64{80, 70, 90}, Browser: []float64{10, 12, 11, 9, 10}, Raw: []float64{0.2, 0.3, 0.2, 0.2, 0.2},
			RawPage: []float64{0.4, 0.5, 0.4, 0.4, 0.4}, WazeroCore: []float64{40, 35, 45}, BrowserCore: []float64{5, 6, 5, 4, 5},
		},
		{Name: "heavy", Browser: []float64{100}, Raw: []float64{80}},
		// "many" did not run at all.
	})
	report := r.String()
	for _, row := range []string{
		"| Case | Transactions | wazero in page | browser engine | raw V8 | browser / raw | wazero / browser |",
		"| small | 2 | 80.0 (3 runs) | 10.0 | 0.20 | 50.0x | 8.00x |",
		"| heavy | 1 | not run | 100 (1 run) | 80.0 (1 run) | 1.25x | – |",
		"| many | 1,024 | not run | not run | not run | – | – |",
		"| small | 40.0 (3 runs) | 5.00 | 0.40 | 25.0x |",
		"| heavy | not run | not run | not run | – |",
		"- heavy (compute-heavy): much work",
		"- large (large block data): much data",
		"- many (many small transactions): many transactions",
		"- small (other): scripts/small/small.yaml",
		"Where a cell gives its number of runs, the engine took over 12 s for the first, so it got fewer runs than 5, to keep the bench short.",
		"- ready: 310 ms, median of 5 loads (300, 350, 390, 280, 310 ms)",
		"- eeplay.wasm: 8.95 MB raw, 2.36 MB gzip, 1.45 MB brotli (1,450,000 bytes)",
		"Median of 3 runs: 1,450 ms without --state, 1,530 ms with it",
		"## Machine\n\na machine\n",
	} {
		if !strings.Contains(report, row) {
			t.Errorf("the report has no line %q:\n%s", row, report)
		}
	}
}

func TestBenchTargets(t *testing.T) {
	tests := []struct {
		name    string
		timings []caseTiming
		long    []float64
		console *consoleBlocksOutput
		want    []string
	}{
		{
			name: "all met",
			timings: []caseTiming{
				{Name: "small", Wazero: []float64{3}, Browser: []float64{1}, Raw: []float64{1}},
				{Name: "heavy", Wazero: []float64{3000}, Browser: []float64{140}, Raw: []float64{100}},
				{Name: "large", Wazero: []float64{3000}, Browser: []float64{15}, Raw: []float64{10}},
				{Name: "many", Wazero: []float64{400}, Browser: []float64{60}, Raw: []float64{50}},
			},
			want: []string{
				"- met: browser / raw summed over every case (4), each block's costs in the page included: 1.34x (target ≤ 1.5x)",
				"- no target: browser / raw, large, large block data: 1.50x",
				"- met: browser / raw, many: 1.20x (target ≤ 3x)",
				"- met: wazero in page, many: 400 ms (target < 500 ms)",
				"- met: browser engine, many: 60.0 ms (target < 200 ms)",
				"- met: a trivial block from the console, browser engine, median: 1.00 ms (target ≤ 2 ms)",
				"- met: a trivial block from the console, browser engine, 95th percentile: 5.00 ms (target ≤ 10 ms)",
				"- met: 20 trivial blocks one after another from the console, browser engine: 2,500 ms (target ≤ 3 s)",
				"- met: eeplay serve, 50 clients × 200 requests, with --state / without: 1.06x (target ≤ 2x)",
				"- met: eeplay.wasm, brotli: 1.45 MB (1,450,000 bytes) (target ≤ 1.5 MB)",
				"- met: ready, median of 5 page loads: 310 ms (target ≤ 400 ms)",
				"- met: longest main-thread task during the longest wazero block: none in block 0 of heavy, 2,500 ms (target none over 50 ms)",
				"- met: first load, bytes on the wire, median of 3 loads: 1,850,000 bytes (target ≤ 1,888,157 bytes, the first load before the workbench)",
			},
		},
		{
			name: "missed",
			timings: []caseTiming{
				{Name: "small", Wazero: []float64{3}, Browser: []float64{1}, Raw: []float64{1}},
				{Name: "heavy", Wazero: []float64{3000}, Browser: []float64{160}, Raw: []float64{100}},
				{Name: "large", Wazero: []float64{3000}, Browser: []float64{15}, Raw: []float64{10}},
				{Name: "many", Wazero: []float64{500}, Browser: []float64{200}, Raw: []float64{50}},
			},
			long:    []float64{51, 120},
			console: &consoleBlocksOutput{Millis: testConsoleMillis(2.1, 10.1, 40), TotalMillis: 3001},
			want: []string{
				"- missed: browser / raw summed over every case (4), each block's costs in the page included: 2.34x (target ≤ 1.5x)",
				"- no target: browser / raw, large, large block data: 1.50x",
				"- missed: browser / raw, many: 4.00x (target ≤ 3x)",
				"- missed: wazero in page, many: 500 ms (target < 500 ms)",
				"- missed: browser engine, many: 200 ms (target < 200 ms)",
				"- missed: a trivial block from the console, browser engine, median: 2.10 ms (target ≤ 2 ms)",
				"- missed: a trivial block from the console, browser engine, 95th percentile: 10.1 ms (target ≤ 10 ms)",
				"- missed: 20 trivial blocks one after another from the console, browser engine: 3,001 ms (target ≤ 3 s)",
				"- met: eeplay serve, 50 clients × 200 requests, with --state / without: 1.06x (target ≤ 2x)",
				"- met: eeplay.wasm, brotli: 1.45 MB (1,450,000 bytes) (target ≤ 1.5 MB)",
				"- met: ready, median of 5 page loads: 310 ms (target ≤ 400 ms)",
				"- missed: longest main-thread task during the longest wazero block: 120 ms (2 long tasks) in block 0 of heavy, 2,500 ms (target none over 50 ms)",
				"- met: first load, bytes on the wire, median of 3 loads: 1,850,000 bytes (target ≤ 1,888,157 bytes, the first load before the workbench)",
			},
		},
		{
			name:    "not measured",
			timings: []caseTiming{{Name: "heavy", Wazero: []float64{3000}}},
			console: &consoleBlocksOutput{},
			want: []string{
				"- not measured: browser / raw summed over every case (4), each block's costs in the page included (target ≤ 1.5x)",
				"- not measured: browser / raw, large, large block data (no target)",
				"- not measured: browser / raw, many (target ≤ 3x)",
				"- not measured: wazero in page, many (target < 500 ms)",
				"- not measured: browser engine, many (target < 200 ms)",
				"- not measured: a trivial block from the console, browser engine, median (target ≤ 2 ms)",
				"- not measured: a trivial block from the console, browser engine, 95th percentile (target ≤ 10 ms)",
				"- not measured: trivial blocks one after another from the console, browser engine (target ≤ 3 s)",
				"- met: eeplay serve, 50 clients × 200 requests, with --state / without: 1.06x (target ≤ 2x)",
				"- met: eeplay.wasm, brotli: 1.45 MB (1,450,000 bytes) (target ≤ 1.5 MB)",
				"- met: ready, median of 5 page loads: 310 ms (target ≤ 400 ms)",
				"- met: longest main-thread task during the longest wazero block: none in block 0 of heavy, 2,500 ms (target none over 50 ms)",
				"- met: first load, bytes on the wire, median of 3 loads: 1,850,000 bytes (target ≤ 1,888,157 bytes, the first load before the workbench)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testReport(tt.timings)
			r.output.LongestWazeroBlock.LongTasks = tt.long
			if tt.console != nil {
				r.output.ConsoleBlocks = tt.console
			}
			var got []string
			for _, target := range r.targets() {
				got = append(got, target.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("targets:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestBenchTargetsSizeAndReady(t *testing.T) {
	r := testReport(nil)
	r.sizes.brotli = 1_500_001
	r.output.ReadyMillis = []float64{500, 390, 401}
	r.output.LongestWazeroBlock = nil
	r.output.Workbench.FirstLoadBytes = []float64{1_900_000, 1_888_158, 1_888_157, 1_890_000}
	targets := r.targets()
	var got []string
	for _, target := range targets[len(targets)-4:] {
		got = append(got, target.String())
	}
	want := []string{
		"- missed: eeplay.wasm, brotli: 1.50 MB (1,500,001 bytes) (target ≤ 1.5 MB)",
		"- missed: ready, median of 3 page loads: 401 ms (target ≤ 400 ms)",
		"- not measured: longest main-thread task during the longest wazero block (target none over 50 ms)",
		"- missed: first load, bytes on the wire, median of 4 loads: 1,889,079 bytes (target ≤ 1,888,157 bytes, the first load before the workbench)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWorkbenchSection(t *testing.T) {
	want := `## Workbench

Bytes on the wire are the response bodies as the server sent them (brotli where the site has a precompressed copy) with their headers, of every request the page and its workers made while that part loaded, each in a fresh browser context.

- first load: 1,850,000 bytes, median of 3 loads (before the workbench: 1,888,157 bytes)
- the editor: 150,000 bytes; from clicking the Code tab, then New project, to an editor ready for typing, 280 ms, median of 3

| Template | Language | compiler bytes on the wire | first compile (ms) | warm compile (ms) |
| --- | --- | ---: | ---: | ---: |
| hashchain | assemblyscript | 2,500,000 | 2,900 (3 runs) | 400 (3 runs) |
| blank WAT | wat | 300,000 | 500 (1 run) | 5.00 (3 runs) |

A compile's time is the ms that eeplay.compile reports: from the call to its result. The first is a fresh page's first compile, so it includes fetching and starting the compiler in its worker; the warm ones follow it in one page.

`
	if got := testReport(nil).workbenchSection(); got != want {
		t.Errorf("workbenchSection() =\n%s\nwant\n%s", got, want)
	}
}

func TestWorkbenchTemplates(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"scripts/lib/eth2.ts":         "// eth2\n",
		"scripts/hello/main.ts":       "// hello\n",
		"scripts/hello/hello.yaml":    "not a source",
		"scripts/README.md":           "not a template",
		"web/src/editor/blank-wat.ts": "export const BLANK_WAT = `(module)\n`;\n",
	})
	got, err := workbenchTemplates(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []workbenchTemplate{
		{Name: "hello", Language: "assemblyscript", Entry: "hello/main.ts", Files: map[string]string{"hello/main.ts": "// hello\n", "lib/eth2.ts": "// eth2\n"}},
		{Name: "blank WAT", Language: "wat", Entry: "main.wat", Files: map[string]string{"main.wat": "(module)\n"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("workbenchTemplates() = %+v, want %+v", got, want)
	}
}
